"""The content types: every kind of YAML file, declared once.

Each entry says where its files live, which model validates them, and what the site makes of them:
a section (an index page and one page per item, under its own URL folder), a single page, or
nothing (data other pages use). Loading, resolving, rendering, the nav, search, feeds, the editors'
reference and `cchc new` all read this registry; adding a page type is one entry here, one model
and two templates (docs/add-a-page-type.md, whose code blocks tests/test_registry.py runs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .schema import DocumentsFile, FieldsFile, HotlinesFile, IndicesFile, Plan, Procedure, ProceduresFile, Report, Unit

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Section:
    """One page per item, reached through the section's index page (never one nav entry each: a
    full nav is written into every page, so its cost grows with the square of the pages)."""

    folder: str  # the URL folder: thu-tuc/, ke-hoach/, …
    title: str  # in the nav
    home_title: str  # the link on the home page
    home_note: str  # after it; `{count}` is the number of items
    index_template: str
    item_template: str
    searched: bool = True
    fed: bool = True


@dataclass(frozen=True)
class SinglePage:
    """One page, shown when the unit has the file (or always)."""

    path: str  # "" for the home page
    title: str
    home_title: str
    home_note: str
    template: str
    always: bool = False


@dataclass(frozen=True)
class Scaffold:
    """`cchc new COMMAND ARGS…` writes a commented starting file that validates once its «CẦN GHI: …»
    values (what only the editor knows) are replaced."""

    command: str
    args: tuple[str, ...]  # names of the placeholders in the path: unit, name, code
    template: str  # generator/scaffolds/<template>
    also: tuple[str, ...] = ()  # other content types written with it (a new unit gets its procedure list)


@dataclass(frozen=True)
class ContentType(Generic[M]):
    """A kind of YAML file. `paths` use `{unit}` for the unit's folder and `{name}` for a file name
    that becomes a web address (or, for the catalog, the procedure code)."""

    name: str
    model: type[M]
    paths: tuple[str, ...]
    labels: tuple[str, ...]  # what editors call the files at each path (the web editor's menus)
    page: Section | SinglePage | None = None
    scaffold: Scaffold | None = None

    def unit_path(self) -> str | None:
        """The pattern inside a unit's folder, relative to it (`plans/{name}.yml`), if any."""
        return next((p.removeprefix("units/{unit}/") for p in self.paths if p.startswith("units/{unit}/")), None)

    def shared_path(self) -> str | None:
        """The pattern of the shared file or folder under `content/`, if any."""
        return next((p for p in self.paths if not p.startswith("units/")), None)

    def file_pattern(self) -> str:
        """Where one file of this type goes: inside a unit's folder where it may live there, else
        under `content/`."""
        return next((p for p in self.paths if p.startswith("units/{unit}/")), self.paths[0])

    def matches(self, path: str) -> bool:
        """Whether a project-relative path (`units/ba-to/plans/x.yml`) is a file of this type."""
        return any(re.fullmatch(re.sub(r"\\{\w+\\}", "[^/]+", re.escape(p)), path) for p in self.paths)

    @property
    def shown_paths(self) -> str:
        """Where the files live, as the editors' reference shows it."""
        shown = [p.replace("{unit}", "<đơn-vị>").replace("{name}", "<tên>").replace("{code}", "<mã thủ tục>") for p in self.paths]
        return " và ".join(shown)

    def file(self, **parts: str) -> str:
        """The path of one file: `PLAN.file(unit="ba-to", name="2024-x")`."""
        pattern = next(p for p in self.paths if all("{" + k + "}" in p for k in parts) and p.count("{") == len(parts))
        return pattern.format(**parts)

    @property
    def section(self) -> Section | None:
        return self.page if isinstance(self.page, Section) else None


def is_collection(pattern: str) -> bool:
    return "{name}" in pattern or "{code}" in pattern


UNIT = ContentType(
    "unit", Unit, ("units/{unit}/unit.yml",), ("Hồ sơ đơn vị",),
    page=SinglePage("", "Trang chủ", "", "", "home.md.j2", always=True),
    scaffold=Scaffold("unit", ("unit",), "unit.yml", also=("procedures",)),
)
PROCEDURE = ContentType(
    "procedure", Procedure, ("content/procedures/{code}.yml",), ("Danh mục thủ tục hành chính",),
    page=Section(
        "thu-tuc", "Thủ tục hành chính", "Thủ tục hành chính",
        "{count} thủ tục, cần mang gì, mất bao lâu, tốn bao nhiêu.", "procedure_index.md.j2", "procedure.md.j2",
    ),
    scaffold=Scaffold("procedure", ("code",), "procedure.yml"),
)
PLAN = ContentType(
    "plan", Plan, ("units/{unit}/plans/{name}.yml",), ("Kế hoạch",),
    page=Section("ke-hoach", "Kế hoạch", "Kế hoạch cải cách hành chính", "{count} kế hoạch.", "plan_index.md.j2", "plan.md.j2"),
    scaffold=Scaffold("plan", ("unit", "name"), "plan.yml"),
)
REPORT = ContentType(
    "report", Report, ("units/{unit}/reports/{name}.yml",), ("Báo cáo",),
    page=Section("bao-cao", "Báo cáo", "Báo cáo kết quả", "{count} báo cáo.", "report_index.md.j2", "report.md.j2"),
    scaffold=Scaffold("report", ("unit", "name"), "report.yml"),
)
INDICES = ContentType(
    "indices", IndicesFile, ("units/{unit}/indices.yml",), ("Kết quả các chỉ số",),
    page=SinglePage("chi-so", "Chỉ số", "Kết quả các chỉ số", "", "indices.md.j2"),
)
HOTLINES = ContentType(
    "hotlines", HotlinesFile, ("units/{unit}/hotlines.yml",), ("Đường dây nóng, phản ánh kiến nghị",),
    page=SinglePage("lien-he", "Liên hệ, phản ánh", "Liên hệ, phản ánh, kiến nghị", "", "contacts.md.j2", always=True),
    scaffold=Scaffold("hotline", ("unit",), "hotlines.yml"),
)
PROCEDURES = ContentType(
    "procedures", ProceduresFile, ("units/{unit}/procedures.yml",), ("Thủ tục đơn vị giải quyết",), scaffold=Scaffold("procedures", ("unit",), "procedures.yml")
)
DOCUMENTS = ContentType(
    "documents", DocumentsFile, ("units/{unit}/documents.yml", "content/documents.yml"), ("Văn bản của đơn vị", "Văn bản dùng chung")
)
FIELDS = ContentType("fields", FieldsFile, ("content/fields.yml",), ("Lĩnh vực thủ tục",))


@dataclass(frozen=True)
class Registry:
    """The content types of a project, in the order their pages appear in the nav."""

    types: tuple[ContentType[Any], ...]
    template_dirs: tuple[Path, ...] = field(default=())  # extra templates (a test's toy type)

    def __iter__(self) -> Iterator[ContentType[Any]]:
        return iter(self.types)

    def __getitem__(self, name: str) -> ContentType[Any]:
        for kind in self.types:
            if kind.name == name:
                return kind
        raise KeyError(name)

    def with_type(self, kind: ContentType[Any], before: str = "hotlines") -> Registry:
        """A registry with one more type, its pages placed before `before` in the nav."""
        names = [t.name for t in self.types]
        at = names.index(before)
        return Registry((*self.types[:at], kind, *self.types[at:]), self.template_dirs)

    def kind_of(self, path: str) -> ContentType[Any]:
        """The content type of a project-relative path; KeyError for a file of none."""
        for kind in self.types:
            if kind.matches(path):
                return kind
        raise KeyError(path)

    def unit_types(self) -> list[ContentType[Any]]:
        return [t for t in self.types if t.unit_path() is not None]

    def shared_types(self) -> list[ContentType[Any]]:
        return [t for t in self.types if t.shared_path() is not None]

    def sections(self) -> list[ContentType[Any]]:
        return [t for t in self.types if t.section is not None]

    def scaffolds(self) -> dict[str, ContentType[Any]]:
        return {t.scaffold.command: t for t in self.types if t.scaffold is not None}


REGISTRY = Registry((UNIT, PROCEDURE, PLAN, REPORT, INDICES, HOTLINES, PROCEDURES, DOCUMENTS, FIELDS))
