"""The project on disk: finds every YAML file under `content/` and `units/`, loads and validates
each against its model, and gathers every problem of the run before anyone writes anything."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import ContentError, Problem
from .loader import Document, LoadError, load_file
from .messages import field_path, problems_from
from .schema import SCHEMAS, DocumentsFile, FieldsFile, HotlinesFile, IndicesFile, Plan, Procedure, ProceduresFile, Report, Unit

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

UNIT_FILES: dict[str, type[BaseModel]] = {
    f"{kind}.yml": SCHEMAS[kind] for kind in ("unit", "hotlines", "procedures", "indices", "documents")
}


@dataclass
class Located(Generic[T]):
    """A validated model and the file it came from (its path as shown to editors)."""

    value: T
    doc: Document

    @property
    def path(self) -> str:
        return self.doc.path

    def problem(self, loc: tuple[str | int, ...], message: str, code: str) -> Problem:
        """A problem placed at the value found at `loc` in this file."""
        line, column = self.doc.mark(loc)
        return Problem(self.path, line, column, field_path(loc), message, code)


@dataclass
class UnitSource:
    """Everything in one `units/<slug>/` folder, validated."""

    slug: str
    src_dir: Path
    unit: Located[Unit]
    hotlines: Located[HotlinesFile] | None = None
    procedures: Located[ProceduresFile] | None = None
    indices: Located[IndicesFile] | None = None
    documents: Located[DocumentsFile] | None = None
    plans: dict[str, Located[Plan]] = field(default_factory=dict)
    reports: dict[str, Located[Report]] = field(default_factory=dict)


@dataclass
class Project:
    root: Path
    fields: Located[FieldsFile] | None
    documents: Located[DocumentsFile] | None
    procedures: dict[str, Located[Procedure]]
    units: dict[str, UnitSource]
    failed: set[str] = field(default_factory=set)

    def is_broken(self, path: str) -> bool:
        """True when `path` exists but failed to load: references into it are not reported again."""
        return path in self.failed


def validate_document(doc: Document, model: type[M]) -> tuple[Located[M] | None, list[Problem]]:
    """A loaded document typed by its model, or the problems that stop it (each with its place)."""
    if doc.data is None:
        return None, [Problem(doc.path, 1, 1, "", "Tệp rỗng", "empty-file")]
    try:
        return Located(model.model_validate(doc.data), doc), []
    except ValidationError as error:
        return None, problems_from(error, model, doc)


class _Reader:
    """Loads and validates files, collecting problems instead of stopping at the first."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.failed: set[str] = set()

    def display(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def refuse(self, path: Path, message: str, code: str) -> None:
        self.problems.append(Problem(self.display(path), 1, 1, "", message, code))
        self.failed.add(self.display(path))

    def read(self, path: Path, model: type[M]) -> Located[M] | None:
        shown = self.display(path)
        if path.is_symlink():
            self.refuse(path, "Tệp là liên kết (symlink); hãy thay bằng tệp thật trong thư mục này", "file-is-symlink")
            return None
        try:
            located, problems = validate_document(load_file(path, shown), model)
        except LoadError as error:
            located, problems = None, [error.problem]
        self.problems.extend(problems)
        if located is None:
            self.failed.add(shown)
        return located


NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in `folder` (symlinks too: they are refused when read), sorted, so
    every run reads them in the same order."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and (p.is_file() or p.is_symlink())
    )


def _named(reader: _Reader, paths: list[Path]) -> list[Path]:
    """Plans and reports whose file names can be web addresses; the others are reported."""
    good = []
    for path in paths:
        if NAME.fullmatch(path.stem):
            good.append(path)
        else:
            message = f"Tên tệp «{path.name}» sẽ là địa chỉ trang: chỉ dùng chữ thường không dấu, số, dấu gạch nối"
            reader.refuse(path, message, "invalid-file-name")
    return good


def _read_unit(reader: _Reader, src_dir: Path) -> UnitSource | None:
    if src_dir.is_symlink():
        reader.refuse(src_dir, "Thư mục đơn vị là liên kết (symlink); hãy dùng thư mục thật", "file-is-symlink")
        return None
    if not NAME.fullmatch(src_dir.name):
        message = f"Tên thư mục «{src_dir.name}» sẽ là mã đơn vị: chỉ dùng chữ thường không dấu, số, dấu gạch nối"
        reader.refuse(src_dir, message, "invalid-unit-folder")
        return None
    unit_file = src_dir / "unit.yml"
    if not unit_file.is_file():
        reader.problems.append(
            Problem(reader.display(src_dir) + "/unit.yml", 1, 1, "", "Thiếu tệp unit.yml của đơn vị", "unit-file-missing")
        )
        return None
    parts: dict[str, Located[BaseModel] | None] = {}
    for name, model in UNIT_FILES.items():
        path = src_dir / name
        parts[name] = reader.read(path, model) if path.is_file() else None
    plans = {p.stem: reader.read(p, Plan) for p in _named(reader, yaml_files(src_dir / "plans"))}
    reports = {p.stem: reader.read(p, Report) for p in _named(reader, yaml_files(src_dir / "reports"))}
    for path in yaml_files(src_dir):
        if path.name not in UNIT_FILES:
            reader.problems.append(
                Problem(
                    reader.display(path), 1, 1, "",
                    f"Tệp lạ «{path.name}»; các tệp được dùng: {', '.join(UNIT_FILES)}", "unknown-file",
                )
            )
    if parts["unit.yml"] is None:
        return None
    return UnitSource(
        slug=src_dir.name,
        src_dir=src_dir,
        unit=parts["unit.yml"],  # type: ignore[arg-type]
        hotlines=parts["hotlines.yml"],  # type: ignore[arg-type]
        procedures=parts["procedures.yml"],  # type: ignore[arg-type]
        indices=parts["indices.yml"],  # type: ignore[arg-type]
        documents=parts["documents.yml"],  # type: ignore[arg-type]
        plans={k: v for k, v in plans.items() if v is not None},
        reports={k: v for k, v in reports.items() if v is not None},
    )


def unit_dirs(root: Path) -> list[Path]:
    units = root / "units"
    return sorted(p for p in units.iterdir() if p.is_dir()) if units.is_dir() else []


def load_project(root: Path) -> tuple[Project, list[Problem]]:
    """Load and validate everything; returns the project and every problem found (maybe none)."""
    reader = _Reader(root)
    content = root / "content"
    fields = reader.read(content / "fields.yml", FieldsFile) if (content / "fields.yml").is_file() else None
    documents = reader.read(content / "documents.yml", DocumentsFile) if (content / "documents.yml").is_file() else None
    procedures: dict[str, Located[Procedure]] = {}
    for path in yaml_files(content / "procedures"):
        located = reader.read(path, Procedure)
        if located is None:
            continue
        code = located.value.code
        if code in procedures:
            reader.problems.append(
                located.problem(
                    ("code",), f"Mã thủ tục «{code}» đã có trong {procedures[code].path}", "duplicate-procedure-code"
                )
            )
            continue
        procedures[code] = located
    units: dict[str, UnitSource] = {}
    for src_dir in unit_dirs(root):
        source = _read_unit(reader, src_dir)
        if source is not None:
            units[source.slug] = source
    project = Project(root, fields, documents, procedures, units, reader.failed)
    return project, reader.problems


def require_valid(problems: list[Problem], strict: bool = False) -> None:
    """Raise with every problem when any is an error (or, when strict, a warning)."""
    blocking = problems if strict else [p for p in problems if p.severity.value == "error"]
    if blocking:
        raise ContentError(problems)
