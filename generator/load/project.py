"""The project on disk: finds every YAML file the content types declare under `content/` and
`units/`, loads and validates each against its model, and gathers every problem of the run before
anyone writes anything."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..content_types import REGISTRY, ContentType, Registry, is_collection
from ..problems import Code, Problem
from ..problems.validation import field_path, problems_from
from ..schema.types import SLUG_PATTERN
from .yaml_file import Document, LoadError, load_file

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

NAME = re.compile(SLUG_PATTERN)


@dataclass
class Located(Generic[T]):
    """A validated model and the file it came from (its path as shown to editors)."""

    value: T
    doc: Document

    @property
    def path(self) -> str:
        return self.doc.path

    def place(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        return self.doc.mark(loc)

    def problem(self, loc: tuple[str | int, ...], message: str, code: Code) -> Problem:
        """An error placed at the value found at `loc` in this file."""
        line, column = self.doc.mark(loc)
        return Problem(self.path, line, column, field_path(loc), message, code)


@dataclass
class Files:
    """The validated files of one scope (the shared content, or one unit), by content type."""

    single: dict[str, Located[Any]] = field(default_factory=dict)
    collections: dict[str, dict[str, Located[Any]]] = field(default_factory=dict)

    def get(self, kind: ContentType[M]) -> Located[M] | None:
        return self.single.get(kind.name)

    def all(self, kind: ContentType[M]) -> dict[str, Located[M]]:
        """A collection's files by name, in file-name order."""
        return self.collections.get(kind.name, {})

    def every(self) -> list[Located[Any]]:
        return [*self.single.values(), *(f for files in self.collections.values() for f in files.values())]


@dataclass
class UnitSource:
    """Everything in one `units/<slug>/` folder, validated."""

    slug: str
    src_dir: Path
    files: Files

    @property
    def unit(self) -> Located[Any]:
        return self.files.single["unit"]


@dataclass
class Project:
    root: Path
    shared: Files
    units: dict[str, UnitSource]
    registry: Registry = REGISTRY
    failed: set[str] = field(default_factory=set)

    def is_broken(self, path: str) -> bool:
        """True when `path` exists but failed to load: references into it are not reported again."""
        return path in self.failed


def validate_document(doc: Document, model: type[M]) -> tuple[Located[M] | None, list[Problem]]:
    """A loaded document typed by its model, or the problems that stop it (each with its place)."""
    if doc.data is None:
        return None, [Problem(doc.path, 1, 1, "", "Tệp rỗng", Code.EMPTY_FILE)]
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

    def refuse(self, path: Path, message: str, code: Code) -> None:
        self.problems.append(Problem(self.display(path), 1, 1, "", message, code))
        self.failed.add(self.display(path))

    def read(self, path: Path, model: type[M]) -> Located[M] | None:
        shown = self.display(path)
        if path.is_symlink():
            self.refuse(path, "Tệp là liên kết (symlink); hãy thay bằng tệp thật trong thư mục này", Code.FILE_IS_SYMLINK)
            return None
        try:
            located, problems = validate_document(load_file(path, shown), model)
        except LoadError as error:
            located, problems = None, [error.problem]
        self.problems.extend(problems)
        if located is None:
            self.failed.add(shown)
        return located

    def folder(self, folder: Path) -> list[Path]:
        """The YAML files directly in `folder`, sorted so every run reads them in the same order.
        A symlinked folder is refused (and its files are not read), never silently skipped."""
        if folder.is_symlink():
            self.refuse(folder, "Thư mục là liên kết (symlink); hãy dùng thư mục thật", Code.FILE_IS_SYMLINK)
            return []
        return yaml_files(folder)

    def named(self, paths: list[Path], names_are_urls: bool) -> list[Path]:
        """Files whose names can be web addresses; the others are reported."""
        good = []
        for path in paths:
            if not names_are_urls or NAME.fullmatch(path.stem):
                good.append(path)
            else:
                message = f"Tên tệp «{path.name}» sẽ là địa chỉ trang: chỉ dùng chữ thường không dấu, số, dấu gạch nối"
                self.refuse(path, message, Code.INVALID_FILE_NAME)
        return good

    def files(self, base: Path, patterns: list[tuple[ContentType[Any], str]]) -> Files:
        """Every file the content types declare under `base` (a unit's folder or the project)."""
        found = Files()
        for kind, pattern in patterns:
            relative = PurePosixPath(pattern)
            if is_collection(pattern):
                paths = self.named(self.folder(base / relative.parent), names_are_urls="{name}" in pattern)
                read = {p.stem: self.read(p, kind.model) for p in paths}
                found.collections[kind.name] = {name: f for name, f in read.items() if f is not None}
            elif (base / relative).is_file() or (base / relative).is_symlink():
                located = self.read(base / relative, kind.model)
                if located is not None:
                    found.single[kind.name] = located
        return found


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in `folder` (symlinks too: they are refused when read), sorted."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and (p.is_file() or p.is_symlink()))


def _unexpected(reader: _Reader, src_dir: Path, registry: Registry) -> None:
    """Files and folders in a unit's folder that no content type declares: reported, never ignored."""
    patterns = [p for t in registry.unit_types() if (p := t.unit_path()) is not None]
    files = [p for p in patterns if "/" not in p]
    folders = [p.split("/")[0] for p in patterns if "/" in p]
    for path in sorted(src_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            if path.name not in folders:
                reader.refuse(path, f"Thư mục lạ «{path.name}/»; các thư mục được dùng: {', '.join(f + '/' for f in folders)}", Code.UNKNOWN_FILE)
        elif path.name not in files and path.name not in folders:
            reader.refuse(path, f"Tệp lạ «{path.name}»; các tệp được dùng: {', '.join(files)}", Code.UNKNOWN_FILE)


def _read_unit(reader: _Reader, src_dir: Path, registry: Registry) -> UnitSource | None:
    if src_dir.is_symlink():
        reader.refuse(src_dir, "Thư mục đơn vị là liên kết (symlink); hãy dùng thư mục thật", Code.FILE_IS_SYMLINK)
        return None
    if not NAME.fullmatch(src_dir.name):
        message = f"Tên thư mục «{src_dir.name}» sẽ là mã đơn vị: chỉ dùng chữ thường không dấu, số, dấu gạch nối"
        reader.refuse(src_dir, message, Code.INVALID_UNIT_FOLDER)
        return None
    if not (src_dir / "unit.yml").is_file():
        shown = reader.display(src_dir) + "/unit.yml"
        reader.problems.append(Problem(shown, 1, 1, "", "Thiếu tệp unit.yml của đơn vị", Code.UNIT_FILE_MISSING))
        return None
    patterns = [(t, p) for t in registry.unit_types() if (p := t.unit_path()) is not None]
    files = reader.files(src_dir, patterns)
    _unexpected(reader, src_dir, registry)
    if "unit" not in files.single:
        return None
    return UnitSource(slug=src_dir.name, src_dir=src_dir, files=files)


def unit_dirs(root: Path) -> list[Path]:
    units = root / "units"
    return sorted(p for p in units.iterdir() if p.is_dir()) if units.is_dir() else []


def load_project(root: Path, registry: Registry = REGISTRY) -> tuple[Project, list[Problem]]:
    """Load and validate everything; returns the project and every problem found (maybe none)."""
    reader = _Reader(root)
    shared = reader.files(root, [(t, p) for t in registry.shared_types() if (p := t.shared_path()) is not None])
    units: dict[str, UnitSource] = {}
    for src_dir in unit_dirs(root):
        source = _read_unit(reader, src_dir, registry)
        if source is not None:
            units[source.slug] = source
    return Project(root, shared, units, registry, reader.failed), reader.problems
