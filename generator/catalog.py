"""Resolves cross-references: a unit's procedure codes against the shared catalog (applying the
unit's local details), fields against the taxonomy, cited document numbers against the unit's own
documents and then the shared ones, and links between units."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .errors import Problem
from .project import Located, Project, UnitSource
from .schema import CitedDocument, HotlinesFile, IndicesFile, Plan, Procedure, Report, Unit
from .schema.unit import LocalProcedure


@dataclass(frozen=True)
class UnitProcedure:
    """A catalog procedure as one unit handles it: the catalog record plus the local details."""

    record: Procedure
    local: LocalProcedure
    field_name: str
    replaced_by: Procedure | None

    @property
    def code(self) -> str:
        return self.record.code

    @property
    def time_limit(self) -> str | None:
        """The local time limit, or the first channel's that has one."""
        return self.local.time_limit or next((c.time_limit for c in self.record.channels if c.time_limit), None)

    @property
    def fee(self) -> str | None:
        """The local fee, or the first channel's that has one."""
        return self.local.fee or next((c.fee for c in self.record.channels if c.fee), None)

    @property
    def is_online(self) -> bool:
        return self.record.online_level.value != "none"


@dataclass
class ResolvedUnit:
    """Everything one unit's site shows, with every reference checked."""

    slug: str
    unit: Unit
    hotlines: HotlinesFile | None
    procedures: list[UnitProcedure]
    plans: dict[str, Plan]
    reports: dict[str, Report]
    indices: IndicesFile | None
    documents: dict[str, CitedDocument] = field(default_factory=dict)
    plan_numbers: dict[str, str] = field(default_factory=dict)

    def cite(self, number: str) -> CitedDocument | None:
        return self.documents.get(number)


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; có phải ý bạn là «{close[0]}»?" if close else ""


def _document_index(sources: list[Located]) -> tuple[dict[str, CitedDocument], list[Problem]]:
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
                        "duplicate-document",
                    )
                )
            seen[document.number] = i
            index[document.number] = document  # a unit's own record wins over the shared one
    return index, problems


def _check_catalog(project: Project) -> list[Problem]:
    fields = {f.slug for f in project.fields.value.fields} if project.fields else set()
    problems = []
    for code, located in project.procedures.items():
        record = located.value
        if PurePosixPath(located.path).stem != code:
            problems.append(
                located.problem(("code",), f"Tên tệp phải là mã thủ tục: {code}.yml", "procedure-file-name")
            )
        if record.field not in fields:
            problems.append(
                located.problem(
                    ("field",),
                    f"Lĩnh vực «{record.field}» không có trong content/fields.yml{_suggest(record.field, sorted(fields))}",
                    "unknown-field",
                )
            )
        if record.replaced_by and record.replaced_by not in project.procedures:
            problems.append(
                located.problem(
                    ("replaced_by",), f"Không có thủ tục mã «{record.replaced_by}» trong danh mục", "unknown-procedure"
                )
            )
    return problems


def _unit_procedures(source: UnitSource, project: Project, field_names: dict[str, str]) -> tuple[list[UnitProcedure], list[Problem]]:
    if source.procedures is None:
        return [], []
    located = source.procedures
    found, problems, seen = [], [], set()
    for i, local in enumerate(located.value.procedures):
        catalog = project.procedures.get(local.code)
        if catalog is None and project.is_broken(f"content/procedures/{local.code}.yml"):
            continue  # the catalog file itself is reported
        if catalog is None:
            hint = _suggest(local.code, sorted(project.procedures))
            problems.append(
                located.problem(
                    ("procedures", i, "code"),
                    f"Không có thủ tục mã «{local.code}» trong danh mục content/procedures{hint}",
                    "unknown-procedure",
                )
            )
            continue
        if local.code in seen:
            problems.append(
                located.problem(("procedures", i, "code"), f"Thủ tục «{local.code}» đã có ở trên", "duplicate-procedure")
            )
            continue
        seen.add(local.code)
        record = catalog.value
        replaced = project.procedures.get(record.replaced_by) if record.replaced_by else None
        found.append(
            UnitProcedure(record, local, field_names.get(record.field, record.field), replaced and replaced.value)
        )
    found.sort(key=lambda p: (p.record.name, p.code))
    return found, problems


def _check_citations(located: Located, numbers: list[tuple[tuple, str]], known: dict[str, CitedDocument], own: dict[str, str]) -> list[Problem]:
    problems = []
    for loc, number in numbers:
        if number not in known and number not in own:
            hint = _suggest(number, sorted(set(known) | set(own)))
            problems.append(
                located.problem(
                    loc,
                    f"Văn bản «{number}» chưa được khai báo trong documents.yml của đơn vị hoặc content/documents.yml{hint}",
                    "unknown-document",
                )
            )
    return problems


def _citations(doc: Plan | Report) -> list[tuple[tuple, str]]:
    if isinstance(doc, Plan):
        return [(("implements", i), n) for i, n in enumerate(doc.implements)]
    numbers = [(("based_on", i), n) for i, n in enumerate(doc.based_on)]
    return ([(("plan",), doc.plan)] if doc.plan else []) + numbers


def _check_links(source: UnitSource, project: Project) -> list[Problem]:
    unit = source.unit
    links = [(("successor",), unit.value.successor)] if unit.value.successor else []
    links += [(("predecessors", i), link) for i, link in enumerate(unit.value.predecessors)]
    return [
        unit.problem(
            loc + ("slug",),
            f"Không có đơn vị «{link.slug}» trong units/{_suggest(link.slug, sorted(project.units))}",
            "unknown-unit",
        )
        for loc, link in links
        if link.slug and link.slug not in project.units
    ]


def _resolve_unit(source: UnitSource, project: Project, field_names: dict[str, str]) -> tuple[ResolvedUnit, list[Problem]]:
    procedures, problems = _unit_procedures(source, project, field_names)
    shared = [project.documents] if project.documents else []
    own = [source.documents] if source.documents else []
    documents, duplicate_problems = _document_index(shared + own)
    problems += duplicate_problems
    plan_numbers = {p.value.reference: name for name, p in source.plans.items() if p.value.number}
    documents_broken = project.is_broken("content/documents.yml") or project.is_broken(
        f"units/{source.slug}/documents.yml"
    )
    for located in list(source.plans.values()) + list(source.reports.values()):
        if not documents_broken:
            problems += _check_citations(located, _citations(located.value), documents, plan_numbers)
    problems += _check_links(source, project)
    resolved = ResolvedUnit(
        slug=source.slug,
        unit=source.unit.value,
        hotlines=source.hotlines.value if source.hotlines else None,
        procedures=procedures,
        plans={name: p.value for name, p in source.plans.items()},
        reports={name: r.value for name, r in source.reports.items()},
        indices=source.indices.value if source.indices else None,
        documents=documents,
        plan_numbers=plan_numbers,
    )
    return resolved, problems


def resolve(project: Project) -> tuple[dict[str, ResolvedUnit], list[Problem]]:
    """Every unit with its references resolved, and every problem found on the way."""
    field_names = {f.slug: f.name for f in project.fields.value.fields} if project.fields else {}
    problems = _check_catalog(project)
    units = {}
    for slug, source in project.units.items():
        units[slug], unit_problems = _resolve_unit(source, project, field_names)
        problems += unit_problems
    return units, problems
