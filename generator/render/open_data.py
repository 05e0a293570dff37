"""Open data beside the pages: every table a page shows, published again as CSV and JSON for
machines, with one Frictionless Data package (`du-lieu/datapackage.json`) per unit that says what
each column holds, its type and unit, and where each table's figures come from.

Two tables exist today: the unit's procedure list (the procedure index page) and, for every report
with dossier statistics or other figures, that report's figures (the report's page). A number is
written in plain machine notation (1234, 12.5) in a `value` column beside the text exactly as the
source writes it (`as_published`: «1.234», «5,65 nghìn»); an approximate figure keeps its value and
is flagged in `approximate`, never rewritten. Only the source's figures are published: the sums and
rates the pages compute are left to the reader. Output is deterministic: rows in page order, keys
sorted in the package description and in column order in the tables, `\\n` line endings.

The CSV is written for spreadsheets too: it starts with the UTF-8 byte-order mark (how Excel knows
the file is UTF-8; without it «Đăng ký» shows as «ÄÄƒng kÃ½»), and a text cell a spreadsheet would
run as a formula gets a leading apostrophe, as OWASP recommends against CSV injection. The JSON
holds every text exactly as the page shows it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..content_types import PROCEDURE, REPORT, ContentType
from ..resolve import ResolvedUnit, UnitProcedure
from ..routes import DATA_FOLDER, DATA_FORMATS, DATA_PACKAGE, data_route, data_table, route
from ..schema.procedure import Channel
from ..schema.report import DossierStats, Report
from ..schema.types import Quantity, format_date
from ..schema.unit import Source
from .charts import stated

Cell = str | Decimal | bool | None


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, Frictionless type, Vietnamese title and description."""

    name: str
    type: str
    title: str
    description: str
    unit: str | None = None

    def descriptor(self) -> dict[str, Any]:
        found: dict[str, Any] = {"name": self.name, "type": self.type, "title": self.title, "description": self.description}
        if self.unit:
            found["unit"] = self.unit  # not in Table Schema v1; kept as a custom property, as the spec allows
        if self.type == "number":
            found.update(decimalChar=".", groupChar="")
        return found


@dataclass(frozen=True)
class Table:
    """One open-data table: the page that shows it, its columns and rows, and its source."""

    kind: ContentType[Any]
    key: str | None
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: list[dict[str, Cell]]
    sources: list[dict[str, str]]
    primary_key: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The table's name in the package (Frictionless allows lower-case letters, digits, `-._`)."""
        return re.sub(r"[^a-z0-9._-]+", "-", data_table(self.kind, self.key).lower())


# --- the procedure list ----------------------------------------------------------------------------

_CHANNELS = {Channel.IN_PERSON: "in_person", Channel.ONLINE: "online", Channel.POSTAL: "postal"}

PROCEDURE_COLUMNS = (
    Column("key", "string", "Khoá", "Khoá của thủ tục trong danh mục (tên tệp và địa chỉ trang): mã thủ tục, hoặc một tên ngắn do người biên tập đặt khi nguồn không ghi mã"),
    Column("code", "string", "Mã thủ tục", "Mã thủ tục hành chính đúng như nguồn ghi; trống là nguồn không ghi mã"),
    Column("name", "string", "Tên thủ tục", "Tên thủ tục hành chính"),
    Column("field", "string", "Mã lĩnh vực", "Mã lĩnh vực trong content/fields.yml"),
    Column("field_name", "string", "Lĩnh vực", "Tên lĩnh vực"),
    Column("status", "string", "Tình trạng", "Tình trạng pháp lý: in-force, amended, replaced, abolished"),
    Column("online_level", "string", "Mức trực tuyến", "Mức dịch vụ công trực tuyến: full (toàn trình), partial (một phần), none (không)"),
    Column("online_level_label", "string", "Mức trực tuyến (chữ)", "Mức dịch vụ công trực tuyến như trang ghi"),
    Column("time_limit", "string", "Thời hạn", "Thời hạn như trang danh sách thủ tục ghi: thời hạn riêng của đơn vị, nếu không thì của cách nộp đầu tiên có ghi; trống là chưa có nguồn"),
    Column("fee", "string", "Phí, lệ phí", "Phí, lệ phí như trang danh sách thủ tục ghi: mức riêng của đơn vị, nếu không thì mức chung của các cách nộp, hoặc mức của từng cách nộp khi chúng khác nhau; trống là chưa có nguồn"),
    *(
        Column(f"{what}_{name}", "string", f"{title} ({channel.label.lower()})", f"{title} khi nộp {channel.label.lower()}, đúng như nguồn ghi; trống là nguồn không ghi hoặc không có cách nộp này")
        for channel, name in _CHANNELS.items()
        for what, title in (("time_limit", "Thời hạn"), ("fee", "Phí, lệ phí"))
    ),
    Column("page", "string", "Trang", "Địa chỉ trang của thủ tục trên trang này"),
    Column("source_title", "string", "Nguồn", "Nguồn của bản ghi thủ tục"),
    Column("source_url", "string", "Địa chỉ nguồn", "Đường dẫn tới nguồn"),
    Column("source_accessed", "date", "Ngày tra cứu nguồn", "Ngày tra cứu nguồn"),
    Column("last_reviewed", "date", "Ngày rà soát", "Ngày rà soát bản ghi gần nhất"),
)


def _latest_access(sources: Sequence[Source]) -> str | None:
    days = [source.accessed for source in sources if source.accessed]
    return max(days).isoformat() if days else None


def _procedure_row(item: UnitProcedure, site: str) -> dict[str, Cell]:
    record = item.record
    row: dict[str, Cell] = {
        "key": item.code, "code": record.official_code, "name": record.name, "field": record.field, "field_name": item.field_name if record.field else None,
        "status": record.status.value, "online_level": record.online_level.value, "online_level_label": record.online_level.label,
        "time_limit": item.time_limit, "fee": item.fee, "page": site + route(PROCEDURE, item.code).url,
        "source_title": "; ".join(source.title for source in record.all_sources),
        "source_url": "; ".join(source.url for source in record.all_sources if source.url) or None,
        "source_accessed": _latest_access(record.all_sources),
        "last_reviewed": record.last_reviewed.isoformat(),
    }
    for channel, name in _CHANNELS.items():
        detail = next((c for c in record.channels if c.channel is channel), None)
        row[f"time_limit_{name}"] = detail.time_limit if detail else None
        row[f"fee_{name}"] = detail.fee if detail else None
    return row


def procedure_table(unit: ResolvedUnit) -> Table | None:
    if not unit.procedures:
        return None
    site = unit.unit.site_url
    rows = [_procedure_row(p, site) for p in sorted(unit.procedures, key=lambda p: (p.record.name, p.code))]
    sources = sorted({(source.title, source.url or "") for p in unit.procedures for source in p.record.all_sources})
    return Table(
        PROCEDURE, None, f"Thủ tục hành chính của {unit.unit.name}",
        "Các thủ tục hành chính đơn vị giải quyết, như trang «Thủ tục hành chính» ghi, theo thứ tự A–Z. Thời hạn và phí, lệ phí "
        "là chữ đúng như nguồn ghi (vd «50.000 đồng/bản»), không đổi thành số.",
        PROCEDURE_COLUMNS, rows,
        [{"title": title, **({"path": url} if url else {})} for title, url in sources],
        ("key",),
    )


# --- a report's figures ----------------------------------------------------------------------------

REPORT_COLUMNS = (
    Column("scope", "string", "Phạm vi", "Phạm vi của bảng số liệu hồ sơ (toàn tỉnh, cấp xã…); trống nếu báo cáo không ghi"),
    Column("measure", "string", "Chỉ tiêu", "received.total, received.online, resolved.late…, overdue_total, due, withdrawn: số liệu hồ sơ theo Biểu số 06/VPCP/KSTT; published_rate: tỷ lệ báo cáo công bố; figure: số liệu khác"),
    Column("label", "string", "Nội dung", "Nội dung số liệu, như trang ghi"),
    Column("value", "number", "Giá trị", "Giá trị viết kiểu máy (1234, 12.5); đơn vị ở cột unit"),
    Column("unit", "string", "Đơn vị tính", "Đơn vị tính: hồ sơ, %, hoặc như báo cáo ghi; trống nếu báo cáo không ghi"),
    Column("approximate", "boolean", "Số gần đúng", "true khi báo cáo ghi số gần đúng («khoảng», «5,65 nghìn»); giá trị giữ như đọc được, không làm tròn lại"),
    Column("as_published", "string", "Như văn bản ghi", "Số đúng như văn bản ghi, kiểu Việt Nam (1.234 là một nghìn hai trăm ba mươi tư; 12,5 là mười hai phẩy năm)"),
    Column("note", "string", "Ghi chú", "Ghi chú của số liệu"),
)


def _figure(scope: str | None, measure: str, label: str, quantity: Quantity, unit: str | None, note: str | None = None) -> dict[str, Cell]:
    return {
        "scope": scope, "measure": measure, "label": label, "value": quantity.value, "unit": unit,
        "approximate": quantity.approximate, "as_published": quantity.text, "note": note,
    }


def dossier_figures(table: DossierStats) -> list[dict[str, Cell]]:
    """The figures the source gives for one scope, in the order the page shows them."""
    scope = table.scope
    rows = [_figure(scope, measure, label, value, "hồ sơ") for _, measure, label, value, _ in stated(table)]
    rows += [_figure(scope, "published_rate", p.label, p.value, "%") for p in table.rates]
    return rows


def _source(report: Report, unit: ResolvedUnit, key: str) -> dict[str, str]:
    date = f" ngày {format_date(report.date.first_day())}" if report.date and report.date.is_complete else (f" {report.date}" if report.date else "")
    number = report.reference + (" (văn bản không ghi số)" if not report.number else "")
    title = f"{report.kind_label} số {number}{date}{f' của {report.issuer}' if report.issuer else ''}: {report.title}"
    if report.source:
        title += f". Nguồn: {report.source}"
    return {"title": title, "path": unit.unit.site_url + route(REPORT, key).url}


def report_table(unit: ResolvedUnit, key: str, report: Report) -> Table | None:
    rows = [row for _, stats in report.dossier_scopes() for row in dossier_figures(stats)]
    rows += [_figure(None, "figure", f.label, f.value, f.unit or ("%" if f.value.text.endswith("%") else None), f.note) for f in report.figures]
    if not rows:
        return None
    return Table(
        REPORT, key, f"Số liệu của báo cáo: {report.title}",
        f"Tình hình giải quyết hồ sơ và các số liệu khác của báo cáo, kỳ {report.period_text}, đúng như báo cáo ghi. Số báo cáo không "
        "ghi thì không có dòng (không rõ, không phải 0); các tổng và tỷ lệ trang tự tính không có trong bảng.",
        REPORT_COLUMNS, rows, [_source(report, unit, key)],
    )


def tables(unit: ResolvedUnit) -> list[Table]:
    """Every open-data table of the unit, in the order of the pages that show them."""
    found = [t for t in [procedure_table(unit)] if t]
    found += [t for key, report in unit.reports.items() if (t := report_table(unit, key, report))]
    return found


# --- writing ---------------------------------------------------------------------------------------


def machine(value: Decimal) -> str:
    """A number in plain machine notation: 1234, 12.5, 5650 (never 1.234 or 1E+3)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as the start of a formula
_SIGNED_FIGURE = re.compile(r"-[0-9][0-9.,]*\s*%?")  # «-1.234», «-12,5 %»: a number to a spreadsheet


def spreadsheet_text(text: str) -> str:
    """A text cell as a spreadsheet can only show it: a leading apostrophe before `=`, `+`, `-`, `@`,
    tab or carriage return (OWASP's CSV injection advice). Only text is touched: number columns hold
    numbers, and a negative figure written as the source wrote it («-1.234») stays as it is."""
    if text.startswith(FORMULA_START) and not _SIGNED_FIGURE.fullmatch(text):
        return "'" + text
    return text


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return machine(value)
    return spreadsheet_text(value)


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([_csv_cell(row.get(c.name)) for c in table.columns] for row in table.rows)
    return BOM + out.getvalue()


def _json_cell(value: Cell) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(machine(value))
    return value


def to_json(table: Table) -> str:
    """Keyed rows, keys in the columns' order (a fixed order: Frictionless reads a keyed JSON table's
    header from its first row, so sorting the keys would mislabel the columns)."""
    rows = [{c.name: _json_cell(row.get(c.name)) for c in table.columns} for row in table.rows]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


WRITERS: dict[str, tuple[Callable[[Table], str], str]] = {"csv": (to_csv, "text/csv"), "json": (to_json, "application/json")}


def package(unit: ResolvedUnit, found: list[Table]) -> dict[str, Any]:
    """The unit's Frictionless Data package: one resource per table and format."""
    resources = []
    for table in found:
        for fmt in DATA_FORMATS:
            schema: dict[str, Any] = {"fields": [c.descriptor() for c in table.columns]}
            if table.primary_key:
                schema["primaryKey"] = list(table.primary_key)
            resources.append({
                "name": table.name if fmt == "csv" else f"{table.name}-{fmt}",
                "path": data_route(table.kind, table.key, fmt).file.removeprefix(DATA_FOLDER + "/"),
                "profile": "tabular-data-resource",
                "format": fmt,
                "mediatype": WRITERS[fmt][1],
                "encoding": "utf-8",
                "title": table.title,
                "description": table.description,
                "sources": table.sources,
                "homepage": unit.unit.site_url + route(table.kind, table.key).url,
                "schema": schema,
            })
    return {
        "profile": "tabular-data-package",
        "name": re.sub(r"[^a-z0-9._-]+", "-", unit.slug.lower()),
        "title": f"Số liệu công khai của {unit.unit.name}",
        "description": "Các bảng số liệu trên trang: danh sách thủ tục hành chính và số liệu của từng báo cáo, mỗi bảng ở "
        "dạng CSV và JSON. Số viết kiểu máy (1234, 12.5), kèm cột «as_published» ghi số đúng như văn bản (kiểu Việt Nam).",
        "homepage": unit.unit.site_url,
        "contributors": [{"title": unit.unit.name, "role": "publisher"}],
        "resources": resources,
    }


def files(unit: ResolvedUnit) -> dict[str, str]:
    """The unit's open-data files by path inside its docs folder; none when it has no table."""
    found = tables(unit)
    if not found:
        return {}
    written = {data_route(t.kind, t.key, fmt).file: WRITERS[fmt][0](t) for t in found for fmt in DATA_FORMATS}
    written[DATA_PACKAGE.file] = json.dumps(package(unit, found), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return written
