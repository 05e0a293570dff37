"""What a unit's site is built from, as one digest: a unit is rebuilt only when it changes.

The digest covers the unit's own files, the catalog records it uses (and the records that replace
them), the shared fields and documents, the templates and theme, the base config, the generator's
own code and pinned packages, and the commit time the build is stamped with. Content hashes only,
never file times.
"""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

from .resolve import ResolvedUnit

GENERATOR = Path(__file__).resolve().parent
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "PyYAML", "Jinja2", "pydantic")


def _add_file(digest: hashlib._Hash, root: Path, path: Path) -> None:
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    digest.update(name.encode() + b"\0")
    digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    digest.update(b"\0")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def shared_digest(root: Path) -> str:
    """The inputs every unit shares."""
    digest = hashlib.sha256()
    for package in PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    for path in [*_files(GENERATOR), *_files(root / "theme")]:
        _add_file(digest, GENERATOR.parent if path.is_relative_to(GENERATOR) else root, path)
    for path in (root / "mkdocs.yml", root / "content" / "fields.yml", root / "content" / "documents.yml"):
        _add_file(digest, root, path)
    return digest.hexdigest()


def unit_digest(root: Path, unit: ResolvedUnit, shared: str) -> str:
    """The digest of everything one unit's site is built from."""
    digest = hashlib.sha256(shared.encode())
    for path in _files(root / "units" / unit.slug):
        _add_file(digest, root, path)
    codes = {item.code for item in unit.procedures} | {
        item.record.replaced_by for item in unit.procedures if item.record.replaced_by
    }
    for code in sorted(codes):
        _add_file(digest, root, root / "content" / "procedures" / f"{code}.yml")
    return digest.hexdigest()
