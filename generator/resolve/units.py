"""Resolves cross-references: a unit's procedure codes against the shared catalog (applying the
unit's local details), fields against the taxonomy, cited document numbers against the unit's own
documents and then the shared ones, and links between units."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..content_types import DOCUMENTS, FIELDS, HOTLINES, INDICES, PLAN, PROCEDURE, PROCEDURES, REPORT, UNIT, ContentType
from ..load import Located, Project, UnitSource
from ..problems import Code, Problem, Severity, Suggester
from ..schema import CitedDocument, HotlinesFile, IndicesFile, Plan, Procedure, Report, Unit
from ..schema.documents import Issued
from ..schema.procedure import Channel, LegalStatus
from ..schema.types import Change
from ..schema.unit import LocalProcedure
from .hosts import host_problems
from .province import attach_members

NO_CODE = "Nguồn không ghi mã"
NO_FIELD = "Nguồn không ghi lĩnh vực"


@dataclass(frozen=True)
class UnitProcedure:
    """A catalog procedure as one unit handles it: the catalog record plus the local details."""

    record: Procedure
    local: LocalProcedure
    field_name: str
    replaced_by: Procedure | None

    @property
    def code(self) -> str:
        """The catalog key: the page address and the data key (the code, or the editor's slug)."""
        return self.record.code

    @property
    def code_text(self) -> str:
        """The code as a page shows it: as published, or a plain statement that the source gives none."""
        return self.record.official_code or NO_CODE

    @property
    def title(self) -> str:
        return self.record.name

    @property
    def search_note(self) -> str:
        code = f"Thủ tục {self.record.official_code}" if self.record.official_code else "Thủ tục (nguồn không ghi mã)"
        return f"{code} · {self.field_name} · Trực tuyến: {self.record.online_level.label.lower()}"

    def changes(self) -> list[Change]:
        found = []
        code = f"Mã {self.record.official_code}" if self.record.official_code else NO_CODE
        if self.record.status is not LegalStatus.IN_FORCE and self.record.status_date:
            found.append(Change(self.record.status_date, f"Thủ tục {self.record.status.label.lower()}: {self.title}", code))
        if self.local.since:
            found.append(Change(self.local.since, f"Thủ tục mới: {self.title}", code))
        return found

    @property
    def time_limit(self) -> str | None:
        """The local time limit, or the first channel's that has one."""
        return self.local.time_limit or next((c.time_limit for c in self.record.channels if c.time_limit), None)

    @property
    def fee(self) -> str | None:
        """The local fee (it applies to every channel); or the channels' own fees, each named by its
        channel when they differ, so an in-person fee never stands for the online one."""
        if self.local.fee or self.record.fee:
            return self.local.fee or self.record.fee
        fees = [(c.channel.label, c.fee_text) for c in self.record.channels if c.fee_text]
        if len({fee for _, fee in fees}) <= 1:
            return fees[0][1] if fees else None
        return "; ".join(f"{label}: {fee}" for label, fee in fees)

    @property
    def online_fee(self) -> str | None:
        """The online channel's own fee where the source gives one (the local fee first)."""
        online = self.record.channel(Channel.ONLINE)
        return self.local.fee or (online.fee_text if online and online.fee_text else self.fee)

    @property
    def online_time_limit(self) -> str | None:
        """The online channel's own time limit where the source gives one (the local one first)."""
        online = self.record.channel(Channel.ONLINE)
        return self.local.time_limit or (online.time_limit if online and online.time_limit else self.time_limit)

    @property
    def is_online(self) -> bool:
        return self.record.is_online()


@dataclass
class ResolvedUnit:
    """Everything one unit's site shows, with every reference checked."""

    slug: str
    files: dict[str, Any]  # single-file content types: name → model
    items: dict[str, dict[str, Any]]  # section content types: name → key → item, in page order
    documents: dict[str, CitedDocument] = field(default_factory=dict)
    plan_numbers: dict[str, str] = field(default_factory=dict)
    scheduled: dict[str, dt.date] = field(default_factory=dict)  # `kind/key` → the day it appears, left off until then
    members: list[ResolvedUnit] = field(default_factory=list)  # a province's units (resolve/province.py)

    @property
    def unit(self) -> Unit:
        unit: Unit = self.files[UNIT.name]
        return unit

    @property
    def hotlines(self) -> HotlinesFile | None:
        return self.files.get(HOTLINES.name)

    @property
    def indices(self) -> IndicesFile | None:
        return self.files.get(INDICES.name)

    @property
    def procedures(self) -> list[UnitProcedure]:
        return list(self.items_of(PROCEDURE).values())

    @property
    def plans(self) -> dict[str, Plan]:
        return self.items_of(PLAN)

    @property
    def reports(self) -> dict[str, Report]:
        return self.items_of(REPORT)

    def items_of(self, kind: ContentType[Any]) -> dict[str, Any]:
        return self.items.get(kind.name, {})

    def has(self, kind: ContentType[Any]) -> bool:
        """True when the unit has this file, or at least one item of this section."""
        return bool(self.items.get(kind.name)) or kind.name in self.files

    def handles(self, code: str) -> bool:
        """True when the unit lists the procedure (so it has a page to link to)."""
        return code in self.items.get(PROCEDURE.name, {})

    def cite(self, number: str) -> CitedDocument | None:
        return self.documents.get(number)


def _document_index(sources: list[Located[Any]]) -> tuple[dict[str, CitedDocument], list[Problem]]:
    index: dict[str, CitedDocument] = {}
    problems = []
    for located in sources:
        seen: dict[str, int] = {}
        for i, document in enumerate(located.value.documents):
            if document.number in seen:
                problems.append(
                    located.problem(
                        ("documents", i, "number"),
                        f"Văn bản «{document.number}» đã khai báo ở mục documents[{seen[document.number]}]",
                        Code.DUPLICATE_DOCUMENT,
                    )
                )
            seen[document.number] = i
            index[document.number] = document  # a unit's own record wins over the shared one
    return index, problems


@dataclass
class Catalog:
    """The shared procedure catalog by code, the field names, and one suggester for near misses."""

    records: dict[str, Located[Procedure]]
    field_names: dict[str, str]
    codes: Suggester


def _catalog(project: Project) -> tuple[Catalog, list[Problem]]:
    fields_file = project.shared.get(FIELDS)
    field_names = {f.slug: f.name for f in fields_file.value.fields} if fields_file else {}
    fields = Suggester(field_names)
    records: dict[str, Located[Procedure]] = {}
    problems = []
    for located in project.shared.all(PROCEDURE).values():
        code = located.value.code
        if code in records:
            message = f"Mã thủ tục «{code}» đã có trong {records[code].path}"
            problems.append(located.problem(("code",), message, Code.DUPLICATE_PROCEDURE_CODE))
            continue
        records[code] = located
    for code, located in records.items():
        record = located.value
        if PurePosixPath(located.path).stem != code:
            problems.append(located.problem(("code",), f"Tên tệp phải là mã thủ tục: {code}.yml", Code.PROCEDURE_FILE_NAME))
        if record.field is not None and not project.is_broken(FIELDS.file()) and record.field not in field_names:
            message = f"Lĩnh vực «{record.field}» không có trong content/fields.yml{fields.hint(record.field)}"
            problems.append(located.problem(("field",), message, Code.UNKNOWN_FIELD))
        if record.replaced_by and record.replaced_by not in records:
            message = f"Không có thủ tục mã «{record.replaced_by}» trong danh mục"
            problems.append(located.problem(("replaced_by",), message, Code.UNKNOWN_PROCEDURE))
    return Catalog(records, field_names, Suggester(records)), problems


def _unit_procedures(source: UnitSource, project: Project, catalog: Catalog) -> tuple[dict[str, UnitProcedure], list[Problem]]:
    located = source.files.get(PROCEDURES)
    if located is None:
        return {}, []
    found, problems, seen = [], [], set()
    for i, local in enumerate(located.value.procedures):
        entry = catalog.records.get(local.code)
        if entry is None and project.is_broken(PROCEDURE.file(code=local.code)):
            continue  # the catalog file itself is reported
        if entry is None:
            message = f"Không có thủ tục mã «{local.code}» trong danh mục content/procedures{catalog.codes.hint(local.code)}"
            problems.append(located.problem(("procedures", i, "code"), message, Code.UNKNOWN_PROCEDURE))
            continue
        if local.code in seen:
            message = f"Thủ tục «{local.code}» đã có ở trên"
            problems.append(located.problem(("procedures", i, "code"), message, Code.DUPLICATE_PROCEDURE))
            continue
        seen.add(local.code)
        record = entry.value
        replaced = catalog.records.get(record.replaced_by) if record.replaced_by else None
        field_name = catalog.field_names.get(record.field, record.field) if record.field else NO_FIELD
        found.append(UnitProcedure(record, local, field_name, replaced.value if replaced else None))
    found.sort(key=lambda p: (p.record.name, p.code))
    return {p.code: p for p in found}, problems


def _check_citations(located: Located[Any], known: dict[str, CitedDocument], own: dict[str, str]) -> list[Problem]:
    names = Suggester([*known, *own])
    return [
        located.problem(
            loc,
            f"Văn bản «{number}» chưa được khai báo trong documents.yml của đơn vị hoặc content/documents.yml{names.hint(number)}",
            Code.UNKNOWN_DOCUMENT,
        )
        for loc, number in located.value.cited_numbers()
        if number not in known and number not in own
    ]


def _check_links(source: UnitSource, project: Project, units: Suggester) -> list[Problem]:
    unit = source.unit
    links: list[tuple[tuple[str | int, ...], Any]] = [(("successor",), unit.value.successor)] if unit.value.successor else []
    links += [(("successors", i), link) for i, link in enumerate(unit.value.successors)]
    links += [(("predecessors", i), link) for i, link in enumerate(unit.value.predecessors)]
    return [
        unit.problem(loc + ("slug",), f"Không có đơn vị «{link.slug}» trong units/{units.hint(link.slug)}", Code.UNKNOWN_UNIT)
        for loc, link in links
        if link.slug and link.slug not in project.units
    ]


def _resolve_unit(source: UnitSource, project: Project, catalog: Catalog, units: Suggester,
                  today: dt.date | None) -> tuple[ResolvedUnit, list[Problem]]:
    procedures, problems = _unit_procedures(source, project, catalog)
    shared = [d] if (d := project.shared.get(DOCUMENTS)) else []
    own = [d] if (d := source.files.get(DOCUMENTS)) else []
    documents, duplicate_problems = _document_index(shared + own)
    problems += duplicate_problems
    plans = source.files.all(PLAN)
    plan_numbers = {p.value.reference: name for name, p in plans.items() if p.value.number}
    documents_broken = project.is_broken(DOCUMENTS.file()) or project.is_broken(DOCUMENTS.file(unit=source.slug))
    citing = [f for f in source.files.every() if isinstance(f.value, Issued)]
    for located in citing if not documents_broken else []:
        problems += _check_citations(located, documents, plan_numbers)
    problems += _check_links(source, project, units)
    items: dict[str, dict[str, Any]] = {}
    scheduled: dict[str, dt.date] = {}
    for kind in project.registry.sections():
        if kind is PROCEDURE:
            items[kind.name] = dict(procedures)
            continue
        items[kind.name] = {}
        for name, located in source.files.all(kind).items():
            if located.doc.review:
                problems.append(_held_for_review(located))
                if today is not None:
                    continue  # the published site waits until a person has checked every marked field
            if not isinstance(located.value, Issued) or located.value.is_due(today):
                items[kind.name][name] = located.value
            elif located.value.publish_from is not None:
                scheduled[f"{kind.name}/{name}"] = located.value.publish_from
    plan_numbers = {number: name for number, name in plan_numbers.items() if name in items.get(PLAN.name, {})}
    files = {name: f.value for name, f in source.files.single.items()}
    return ResolvedUnit(source.slug, files, items, documents, plan_numbers, scheduled), problems


def _held_for_review(located: Located[Any]) -> Problem:
    """An imported draft whose review marks are not all removed: previews show it, the published
    site does not yet."""
    line, field_path = located.doc.review[0]
    count = len(located.doc.review)
    return Problem(located.path, line, 1, field_path,
                   f"bản nháp nhập từ văn bản còn {count} chỗ cần kiểm tra: chưa được đăng lên trang cho tới khi bỏ hết các dòng «# KIỂM TRA»",
                   Code.IMPORT_REVIEW, Severity.WARNING)


def resolve(project: Project, today: dt.date | None = None) -> tuple[dict[str, ResolvedUnit], list[Problem]]:
    """Every unit with its references resolved, and every problem found on the way. On `today`
    (the build's date), a plan or report whose publication date is later is left off the unit:
    no page, index row, search entry, feed entry or open data. None keeps every one (validation,
    the editor's preview)."""
    catalog, problems = _catalog(project)
    problems += host_problems(project)  # each site_url's host becomes a key of nginx's map
    units = Suggester(project.units)
    resolved = {}
    for slug, source in project.units.items():
        resolved[slug], unit_problems = _resolve_unit(source, project, catalog, units, today)
        problems += unit_problems
    attach_members(resolved)
    return resolved, problems
