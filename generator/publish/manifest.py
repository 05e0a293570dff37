"""The manifest that makes a release complete: every file with its size and SHA-256, written last.

A release folder without a manifest, or whose files differ from it (missing, extra, truncated,
changed), is not a release: it is never switched to, and the next run rebuilds it. The manifest also
carries the unit's host, so the serving map can be rebuilt from what is live, whoever built it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..problems.messages import Say

NAME = ".cchc-release.json"  # a dot file: nginx refuses to serve it (deploy/cchc-site.conf)
FORMAT = 1
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Manifest:
    unit: str
    release: str
    host: str
    files: tuple[tuple[str, int, str], ...]  # (path, size, sha256), sorted by path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _listing(folder: Path) -> list[Path]:
    """Every entry of a release except its manifest; symlinks and folders are listed so that an
    unexpected one is noticed."""
    return sorted(p for p in folder.rglob("*") if p.name != NAME or p.parent != folder)


def write(folder: Path, unit: str, release: str, host: str) -> Manifest:
    """Hash every file of a finished build and write the manifest, flushed to disk, as the last file."""
    files = []
    for path in _listing(folder):
        if path.is_file() and not path.is_symlink():
            files.append((path.relative_to(folder).as_posix(), path.stat().st_size, _sha256(path)))
    manifest = Manifest(unit, release, host, tuple(files))
    text = json.dumps(
        {"format": FORMAT, "unit": unit, "release": release, "host": host, "files": [list(f) for f in files]},
        ensure_ascii=False, separators=(",", ":"),
    )
    temporary = folder / f"{NAME}.tmp"
    with temporary.open("w", encoding="utf-8") as stream:
        stream.write(text + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, folder / NAME)
    return manifest


def read(folder: Path) -> Manifest | None:
    """The manifest of a release folder, or None when it is missing or unreadable."""
    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
        files = tuple((str(p), int(s), str(h)) for p, s, h in data["files"])
        if data.get("format") != FORMAT:
            return None
        return Manifest(str(data["unit"]), str(data["release"]), str(data["host"]), files)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def signature(folder: Path) -> str:
    """A digest of every entry's path, type, size, mtime, ctime and inode (no content read). Any
    write, rename or `touch` changes it: ctime cannot be set back by a user.

    One `lstat` per entry, as `os.walk` would visit them (each folder's entries by name, then its
    subfolders); hashed as one text, which is what makes a run's check of 140,000 entries cheap."""
    lines: list[str] = []
    _describe(os.fspath(folder), "", lines)
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def _describe(folder: str, shown: str, lines: list[str]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return  # an unreadable folder: its own line (mode, ctime) already differs from the seal
    subfolders = []
    for entry in entries:
        st = entry.stat(follow_symlinks=False)
        lines.append(f"{shown}{entry.name}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}\n")
        if stat.S_ISDIR(st.st_mode):
            subfolders.append(entry)
    for entry in subfolders:
        _describe(entry.path, f"{shown}{entry.name}/", lines)


def sealed(folder: Path, unit: str, release: str, checked: Path) -> bool:
    """Whether a release folder is exactly as when it last checked whole on this machine: `checked`
    (a file of this machine's own, written by `problems`) holds the same `signature`."""
    return folder.is_dir() and not folder.is_symlink() and _read(checked) == _seal(folder, unit, release)


def problems(folder: Path, unit: str, release: str, checked: Path | None = None) -> list[str]:
    """Why a release folder is not the complete release `release` of `unit` (empty: it is).

    With `checked`, a release that is `sealed` is not read again; anything else is hashed in full,
    and sealed when it checks and did not change meanwhile."""
    if not folder.is_dir() or folder.is_symlink():
        return [Say.NO_RELEASE_FOLDER()]
    seal = _seal(folder, unit, release) if checked is not None else ""
    if checked is not None and _read(checked) == seal:
        return []
    found = _problems(folder, unit, release)
    if not found and checked is not None and _seal(folder, unit, release) == seal:
        try:
            checked.write_text(seal, encoding="utf-8")
        except OSError:
            pass  # a full disk: the next run checks in full again
    return found


def _seal(folder: Path, unit: str, release: str) -> str:
    return f"{unit} {release} {signature(folder)}\n"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _problems(folder: Path, unit: str, release: str) -> list[str]:
    manifest = read(folder)
    if manifest is None:
        return [Say.NO_MANIFEST(name=NAME)]
    if (manifest.unit, manifest.release) != (unit, release):
        return [Say.OTHER_MANIFEST(found=f"{manifest.unit}/{manifest.release}", wanted=f"{unit}/{release}")]
    found = []
    listed = {path for path, _, _ in manifest.files}
    for path, size, sha in manifest.files:
        target = folder / path
        if target.is_symlink() or not target.is_file():
            found.append(Say.FILE_MISSING(path=path))
        elif target.stat().st_size != size:
            found.append(Say.FILE_SIZE(path=path, size=target.stat().st_size, listed=size))
        elif _sha256(target) != sha:
            found.append(Say.FILE_CHANGED(path=path))
    for entry in _listing(folder):
        shown = entry.relative_to(folder).as_posix()
        if shown not in listed and not (entry.is_dir() and not entry.is_symlink()):
            found.append(Say.FILE_UNLISTED(path=shown))
    return found
