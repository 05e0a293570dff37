"""What a unit's site is built from, as one digest: a unit is rebuilt only when it changes.

The digest covers the unit's own files, the catalog records it uses (and the records that replace
them), every other shared content file the registry declares (fields, documents, any type added
later), the templates and theme, the base config, the generator's own code, every installed runtime package (the whole dependency closure of this project, with
versions: a changed transitive dependency rebuilds), the site engine, and the commit time the build
is stamped with, and which plans and reports are still waiting for their publication date (so the
nightly run rebuilds a unit on the day one of them appears). Content hashes only, never file times.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from ..content_types import REGISTRY, Registry
from ..engine.choice import engine_name
from ..resolve import ResolvedUnit

GENERATOR = Path(__file__).resolve().parent.parent
DISTRIBUTION = "cchc-generator"
CONSTRAINTS = GENERATOR.parent / "constraints.txt"


@cache
def runtime_packages() -> tuple[str, ...]:
    """`name==version` of every package the project needs at run time: the closure of its
    distribution's requirements (extras left out), as installed. Without an installed distribution
    (a bare checkout), the packages pinned in constraints.txt, as installed."""
    try:
        roots = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        roots = [line.split("==")[0] for line in _constraint_lines()]
    seen: dict[str, str] = {}
    todo = list(roots)
    while todo:
        try:
            requirement = Requirement(todo.pop())
        except InvalidRequirement:
            continue
        if requirement.marker is not None and "extra" in str(requirement.marker):
            continue  # an optional extra, not installed for running
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        try:
            seen[name] = metadata.version(name)
            todo += metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            if requirement.marker is None:  # a marker may exclude it on this platform
                seen[name] = "missing"
    return tuple(f"{name}=={version}" for name, version in sorted(seen.items()))


def _constraint_lines() -> list[str]:
    if not CONSTRAINTS.is_file():
        return []
    return [line.strip() for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines() if "==" in line and not line.startswith("#")]


def _add_file(digest: hashlib._Hash, root: Path, path: Path) -> None:
    """A file's name and bytes. A symlink is hashed by what it points to, never followed: a link
    an editor left in a unit's folder (refused by the loader) cannot stop or stall the run."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    digest.update(name.encode() + b"\0")
    if path.is_symlink():
        digest.update(b"<symlink>" + os.fsencode(os.readlink(path)))
    elif path.is_file():
        try:
            digest.update(path.read_bytes())
        except OSError as error:
            digest.update(f"<unreadable {error.errno}>".encode())
    else:
        digest.update(b"<missing>")
    digest.update(b"\0")


def _files(folder: Path) -> list[Path]:
    """Regular files and symlinks under `folder` (never followed; FIFOs and devices left out)."""
    return sorted(
        p for p in folder.rglob("*") if "__pycache__" not in p.parts and (p.is_symlink() or p.is_file())
    )


def shared_files(root: Path, registry: Registry = REGISTRY) -> list[Path]:
    """Every shared content file the registry declares, except the catalog records (`{code}`),
    which go into the digest of the units that use them: a single file by its path (hashed even
    when missing, so adding it changes the digest), a folder (`{name}`) by the files it holds."""
    found: list[Path] = []
    for kind in registry.shared_types():
        pattern = kind.shared_path()
        if pattern is None or "{code}" in pattern:
            continue
        if "{name}" in pattern:
            folder = (root / pattern).parent
            found += _files(folder) if folder.is_dir() else []
        else:
            found.append(root / pattern)
    return found


def shared_digest(root: Path, registry: Registry = REGISTRY) -> str:
    """The inputs every unit shares."""
    digest = hashlib.sha256()
    for package in runtime_packages():
        digest.update(f"{package}\n".encode())
    digest.update(f"engine={engine_name()}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    for path in [*_files(GENERATOR), *_files(root / "theme")]:
        _add_file(digest, GENERATOR.parent if path.is_relative_to(GENERATOR) else root, path)
    for path in (root / "mkdocs.yml", *shared_files(root, registry)):
        _add_file(digest, root, path)
    return digest.hexdigest()


def _record_patterns(registry: Registry) -> list[str]:
    """The shared patterns of catalog records, each file named by a procedure code."""
    return [p for kind in registry.shared_types() if (p := kind.shared_path()) is not None and "{code}" in p]


def unit_digest(root: Path, unit: ResolvedUnit, shared: str, records: dict[str, bytes] | None = None,
                registry: Registry = REGISTRY) -> str:
    """The digest of everything one unit's site is built from. `records` (filled as it goes) holds
    each catalog record's own digest, so a record that 150 units use is read once per run."""
    digest = hashlib.sha256(shared.encode())
    # A province's pages show its members' data: an edit to a member rebuilds the province too.
    for slug in [unit.slug, *(m.slug for m in unit.members)]:
        for path in _files(root / "units" / slug):
            _add_file(digest, root, path)
    procedures = [item for u in [unit, *unit.members] for item in u.procedures]
    codes = {item.code for item in procedures} | {item.record.replaced_by for item in procedures if item.record.replaced_by}
    for source in [unit, *unit.members]:  # due later, left off: the digest changes the day it appears
        for key, day in sorted(source.scheduled.items()):
            digest.update(f"scheduled {source.slug}/{key} {day.isoformat()}\n".encode())
    records = {} if records is None else records
    for code in sorted(codes):
        if code not in records:
            record = hashlib.sha256()
            for pattern in _record_patterns(registry):
                _add_file(record, root, root / pattern.format(code=code))
            records[code] = record.digest()
        digest.update(records[code])
    return digest.hexdigest()
