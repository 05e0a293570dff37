"""The province pages of a unit that has members (resolve/province.py): a render of the members'
resolved data, never a second pipeline.

- the units directory: every member with its level, status, date, successor and site;
- the procedure finder «Nộp ở đâu?»: each procedure any member handles, with the members that
  handle it and their local details, linked to each member's own page (by its site_url);
- the roll-up: each member's latest dossier figures side by side, exactly as its report gives them
  (a figure the page adds up or divides is marked «(tính)»), the period of each, members without
  figures named, a per-quarter trend (chart and table) for the province and per member, and one
  pre-sorted copy of the table per column, so sorting needs no script;
- the members' latest plans and reports and their index results.

A member held back by an error at publish time keeps its last published figures: the row the
province's live release shows for it (publish/province.py) stands in, marked with its date.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..content_types import PLAN, PROCEDURE, REPORT
from ..resolve import ResolvedUnit, UnitProcedure
from ..routes import DIRECTORY, FINDER, MEMBER_DOCUMENTS, ROLLUP, Route, absolute, finder_page, rollup_data, rollup_sorted, route
from ..schema.report import MONTHS_OF_QUARTER, DossierStats, Report
from ..schema.types import format_date
from .charts import bar_chart
from .text import number, rate

COMPUTED = " (tính)"


@dataclass(frozen=True)
class Figure:
    """One cell of the roll-up: the value (None when the source does not give it), as shown."""

    value: Decimal | None
    text: str
    computed: bool = False

    @property
    def shown(self) -> str:
        return self.text + COMPUTED if self.computed and self.value is not None else self.text


UNKNOWN = Figure(None, "")

# The roll-up's columns: (name, heading, description for the open data).
COLUMNS = (
    ("received", "Tiếp nhận", "Tổng số hồ sơ tiếp nhận trong kỳ"),
    ("resolved", "Đã giải quyết", "Tổng số hồ sơ đã giải quyết"),
    ("on_time", "Trước hạn, đúng hạn", "Hồ sơ giải quyết trước hạn và đúng hạn"),
    ("late", "Quá hạn", "Hồ sơ giải quyết quá hạn"),
    ("pending", "Đang giải quyết", "Hồ sơ đang giải quyết cuối kỳ"),
    ("online_share", "Tỷ lệ trực tuyến", "Tỷ lệ hồ sơ tiếp nhận trực tuyến trên tổng số tiếp nhận"),
)


def _group(table: DossierStats, name: str) -> Figure:
    """A group's total as stated, or the sum of the parts the source gives (marked as computed)."""
    group = getattr(table, name)
    if group is None:
        return UNKNOWN
    if group.total is not None:
        return Figure(group.total.value, group.total.text)
    for parts in group.PARTS:
        given = [getattr(group, n) for n in parts if getattr(group, n) is not None]
        if given:
            summed = sum((q.value for q in given), Decimal(0))
            return Figure(summed, number(summed), computed=len(given) > 1)
    return UNKNOWN


def figures(table: DossierStats) -> dict[str, Figure]:
    """The roll-up's cells for one dossier table."""
    received = _group(table, "received")
    resolved = table.resolved
    on_time = UNKNOWN
    if resolved is not None and resolved.early_or_on_time is not None:
        on_time = Figure(resolved.early_or_on_time.value, resolved.early_or_on_time.text)
    elif (both := table.on_time()) is not None:
        on_time = Figure(both, number(both), computed=True)
    late = Figure(resolved.late.value, resolved.late.text) if resolved and resolved.late is not None else UNKNOWN
    online = table.received.online if table.received else None
    share = UNKNOWN
    if online is not None and received.value:
        share = _share(online.value, received.value)
    return {
        "received": received, "resolved": _group(table, "resolved"), "on_time": on_time,
        "late": late, "pending": _group(table, "in_progress"), "online_share": share,
    }


@dataclass(frozen=True)
class RollupRow:
    """One member's line of the roll-up. `held_back` is set when the member is held back by an error
    and the row is the one last published (read from the live release by the publish)."""

    slug: str
    name: str
    full_name: str
    site_url: str
    period: str = ""
    scope: str | None = None
    cells: dict[str, Figure] = field(default_factory=dict)
    report_url: str | None = None  # the report's page on the member's site
    published_on: dt.date | None = None  # the day of the build that drew these figures (its commit)
    held_back: bool = False

    @property
    def reported(self) -> bool:
        return bool(self.cells)

    def cell(self, name: str) -> Figure:
        return self.cells.get(name, UNKNOWN)

    @property
    def held_back_note(self) -> str:
        if not self.held_back:
            return ""
        when = f"ngày {format_date(self.published_on)}" if self.published_on else "lần trước"
        return f"đơn vị đang bị giữ lại vì lỗi dữ liệu: số liệu đã công bố {when}"


def _dated(report: Report) -> dt.date:
    return report.period.end if report.period else (report.feed_date() or dt.date.min)


def latest_report(member: ResolvedUnit) -> tuple[str, Report, DossierStats] | None:
    """The member's latest report that gives dossier figures (by the end of its period)."""
    found = [(_dated(r), key, r) for key, r in member.reports.items() if r.dossier_scopes()]
    if not found:
        return None
    _, key, report = max(found, key=lambda f: (f[0], f[1]))
    return key, report, report.dossier_scopes()[0][1]


def build_date() -> dt.date | None:
    """The day of the commit this run builds (SOURCE_DATE_EPOCH, set by the build), so two builds of
    one commit are byte-identical; None outside a commit."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else None


def rollup_rows(unit: ResolvedUnit, held_back: dict[str, RollupRow] | None = None) -> list[RollupRow]:
    """One row per member, in directory order: its latest figures, or none (it did not report). A
    member held back by an error at publish time keeps the row last published, dated; a held-back
    member whose unit.yml no longer loads is still listed, after the others."""
    held_back = held_back or {}
    today = build_date()
    rows = []
    for member in unit.members:
        profile = member.unit
        if member.slug in held_back:
            rows.append(held_back[member.slug])
        elif (latest := latest_report(member)) is not None:
            key, report, table = latest
            report_url = absolute(profile.site_url, route(REPORT, key))
            rows.append(RollupRow(member.slug, profile.short_name, profile.name, profile.site_url, report.period_text, table.scope, figures(table), report_url, today))
        else:
            rows.append(RollupRow(member.slug, profile.short_name, profile.name, profile.site_url, published_on=today))
    listed = {m.slug for m in unit.members}
    return rows + [row for slug, row in sorted(held_back.items()) if slug not in listed]


def sorted_rows(rows: list[RollupRow], column: str | None) -> list[RollupRow]:
    """Largest first by one column (rows without the figure last); the directory order otherwise."""
    if column is None:
        return rows
    known = [r for r in rows if r.cell(column).value is not None]
    return sorted(known, key=lambda r: -(r.cell(column).value or 0)) + [r for r in rows if r.cell(column).value is None]


@dataclass(frozen=True)
class Quarter:
    """One quarter of the trend: the members that reported it and the sums of their figures."""

    label: str
    members: list[str]
    received: Decimal | None
    on_time: Decimal | None


def _quarterly(member: ResolvedUnit) -> dict[tuple[int, int], DossierStats]:
    found = {}
    for report in member.reports.values():
        period = report.period
        if period and period.quarter and not (period.start_date or period.end_date) and report.dossier_scopes():
            found[(period.year, period.quarter)] = report.dossier_scopes()[0][1]
    return found


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def trend(members: list[ResolvedUnit]) -> list[Quarter]:
    """Per quarter, the sum over the members that reported it (each member's own figures)."""
    by_quarter: dict[tuple[int, int], list[tuple[str, dict[str, Figure]]]] = {}
    for member in members:
        for quarter, table in _quarterly(member).items():
            by_quarter.setdefault(quarter, []).append((member.unit.short_name, figures(table)))
    return [
        Quarter(
            f"Quý {MONTHS_OF_QUARTER[q]}/{y}", [name for name, _ in rows],
            _sum(cells["received"].value for _, cells in rows), _sum(cells["on_time"].value for _, cells in rows),
        )
        for (y, q), rows in sorted(by_quarter.items())
    ]


def trend_chart(quarters: list[Quarter], title: str, chart_id: str) -> str:
    bars = [(q.label, q.received, number(q.received)) for q in quarters if q.received is not None]
    return bar_chart(title, [(label, value, text, "received") for label, value, text in bars], chart_id, "Số liệu chi tiết ở bảng bên dưới.")


@dataclass(frozen=True)
class FinderEntry:
    """One procedure and the members that handle it, each with its local details."""

    code: str
    title: str
    field_name: str
    handlers: list[tuple[ResolvedUnit, UnitProcedure]]

    @property
    def code_text(self) -> str:
        return self.handlers[0][1].code_text

    @property
    def as_catalog(self) -> list[tuple[ResolvedUnit, UnitProcedure]]:
        """The members that handle it as the catalog says (no local place, time limit, fee or note):
        listed once, by name, so the page grows by a link per member, not a block."""
        return [h for h in self.handlers if not _local(h[1])]

    @property
    def local(self) -> list[tuple[ResolvedUnit, UnitProcedure]]:
        """The members with a local difference, each shown with it."""
        return [h for h in self.handlers if _local(h[1])]


def _local(item: UnitProcedure) -> bool:
    local = item.local
    return any((local.where, local.time_limit, local.fee, local.exemption, local.note))


def finder(unit: ResolvedUnit) -> list[FinderEntry]:
    found: dict[str, list[tuple[ResolvedUnit, UnitProcedure]]] = {}
    for member in unit.members:
        for item in member.procedures:
            found.setdefault(item.code, []).append((member, item))
    entries = [FinderEntry(code, handlers[0][1].title, handlers[0][1].field_name, handlers) for code, handlers in found.items()]
    return sorted(entries, key=lambda e: (e.field_name, e.title, e.code))


def latest_documents(unit: ResolvedUnit) -> list[tuple[ResolvedUnit, str, str, str, str]]:
    """(member, kind, key, title, date) of each member's latest plan and latest report."""
    found = []
    for member in unit.members:
        for kind, items in (("plan", member.plans), ("report", member.reports)):
            dated = [(doc.feed_date() or dt.date.min, key, doc) for key, doc in items.items()]
            if dated:
                _, key, doc = max(dated, key=lambda d: (d[0], d[1]))
                when = doc.period_text if isinstance(doc, Report) else doc.reference
                found.append((member, kind, key, doc.title, when))
    return found


def external(member: ResolvedUnit, page: Route) -> str:
    """A page of a member's own site."""
    return absolute(member.unit.site_url, page)


def context(unit: ResolvedUnit, held_back: dict[str, RollupRow] | None = None) -> dict[str, object]:
    """What the province templates read, computed once per province (every page shares it)."""
    rows = rollup_rows(unit, held_back)
    entries = finder(unit)
    listed = {m.slug for m in unit.members}
    return {
        "held": {r.slug: r for r in rows if r.held_back},
        "held_unlisted": [r for r in rows if r.held_back and r.slug not in listed],
        "rows": rows, "columns": COLUMNS, "quarters": trend(unit.members), "trend_chart": trend_chart,
        "member_trends": [(m, trend([m])) for m in unit.members if _quarterly(m)],
        "finder": entries, "finder_entries": {e.code: e for e in entries}, "documents": latest_documents(unit),
        "pages": {"directory": DIRECTORY, "finder": FINDER, "rollup": ROLLUP, "documents": MEMBER_DOCUMENTS},
        "sorted_route": rollup_sorted, "finder_page": finder_page, "data_route": rollup_data,
        "sorted": lambda column: sorted_rows(rows, column),
        "site": external,
        "procedure": lambda member, code: external(member, route(PROCEDURE, code)),
        "doc": lambda member, kind, key: external(member, route(PLAN if kind == "plan" else REPORT, key)),
    }


def page_context(here: Route, key: str | None) -> dict[str, object]:
    """What differs from page to page: relative links from this page, and its key (the column a
    sorted copy is sorted by, or the procedure of a finder page)."""
    to: Callable[[Route], str] = here.link_to
    return {"to": to, "key": key, "sort": key}


PAGES = (
    (DIRECTORY, "province_directory.md.j2", "Danh bạ đơn vị"),
    (FINDER, "province_finder.md.j2", "Nộp ở đâu?"),
    (ROLLUP, "province_rollup.md.j2", "Số liệu các đơn vị"),
    (MEMBER_DOCUMENTS, "province_documents.md.j2", "Kế hoạch, báo cáo các đơn vị"),
)
HOME_NOTES = {
    DIRECTORY: "{count} đơn vị, cả xã, huyện cũ: tình trạng sau sắp xếp và nơi nay tiếp nhận hồ sơ.",
    FINDER: "Thủ tục nào, nộp ở đơn vị nào, thời hạn và phí tại từng nơi.",
    ROLLUP: "Số hồ sơ tiếp nhận, giải quyết của từng đơn vị, đúng như báo cáo.",
    MEMBER_DOCUMENTS: "Kế hoạch, báo cáo mới nhất và kết quả các chỉ số của từng đơn vị.",
}


# --- pages and open data ---------------------------------------------------------------------------


def page_routes(unit: ResolvedUnit, entries: list[FinderEntry]) -> list[tuple[Route, str, str | None]]:
    """(route, template, key) of every province page of the unit: the key is the column a sorted
    copy of the roll-up is sorted by, or the procedure of a finder page."""
    if not unit.members:
        return []
    found: list[tuple[Route, str, str | None]] = [(r, template, None) for r, template, _ in PAGES]
    found += [(rollup_sorted(name), "province_rollup.md.j2", name) for name, _, _ in COLUMNS]
    return found + [(finder_page(e.code), "province_procedure.md.j2", e.code) for e in entries]


def home_links(unit: ResolvedUnit) -> list[tuple[str, str, Route]]:
    """(title, note, route) of the province pages, for the home page."""
    if not unit.members:
        return []
    return [(title, HOME_NOTES[r].format(count=len(unit.members)), r) for r, _, title in PAGES]


def nav_entries(unit: ResolvedUnit) -> list[tuple[str, Route]]:
    return [(title, r) for r, _, title in PAGES] if unit.members else []


def search_entries(unit: ResolvedUnit) -> list[list[str]]:
    """Each member, and each former name a member lists, as found in the directory; the note says
    who serves it now, so an old commune's name leads to its successor."""
    found = []
    for member in unit.members:
        profile = member.unit
        heirs = profile.heirs
        now = f" · nay: {', '.join(h.name for h in heirs)}" if heirs else ""
        status = f"{profile.status.label}" + (f" {format_date(profile.status_date)}" if profile.status_date else "")
        found.append([profile.short_name, DIRECTORY.url, f"{profile.level.label} · {status}{now}"])
        found += [[old.name, DIRECTORY.url, f"Tên cũ · nay: {profile.name}"] for old in profile.predecessors]
        found += [[old, DIRECTORY.url, f"Tên cũ · nay: {h.name}"]
                  for h in heirs for old in h.took_over if old.casefold() != profile.short_name.casefold()]
    return found + [[e.title, finder_page(e.code).url, f"Nộp ở đâu? · {len(e.handlers)} đơn vị"] for e in finder(unit)]


def _share(online: Decimal, whole: Decimal) -> Figure:
    shown = rate(online, whole)
    return Figure(Decimal(shown.rstrip("%").replace(".", "").replace(",", ".")), shown, computed=True)
