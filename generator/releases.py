"""Releases of one unit's site on the publishing host, and the live pointer that serves one of them.

    DIR/<unit>/releases/<id>/     complete releases (a release is renamed here only when whole)
    DIR/<unit>/releases/.staging-*  releases being built (removed if a run dies)
    DIR/<unit>/current            symlink → releases/<id>, replaced by one atomic rename
    DIR/<unit>/history            ids that went live, oldest first

Citizens never see a half-written site: `current` only ever names a complete release.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class UnitReleases:
    dest: Path
    slug: str

    @property
    def unit_dir(self) -> Path:
        return self.dest / self.slug

    @property
    def releases_dir(self) -> Path:
        return self.unit_dir / "releases"

    @property
    def current(self) -> Path:
        return self.unit_dir / "current"

    @property
    def history_file(self) -> Path:
        return self.unit_dir / "history"

    def release(self, release_id: str) -> Path:
        return self.releases_dir / release_id

    def has(self, release_id: str) -> bool:
        return self.release(release_id).is_dir()

    def live_id(self) -> str | None:
        """The id `current` points to, or None before the first publish."""
        try:
            return Path(os.readlink(self.current)).name
        except OSError:
            return None

    def history(self) -> list[str]:
        if not self.history_file.is_file():
            return []
        return [line for line in self.history_file.read_text(encoding="utf-8").splitlines() if line]

    def staging(self, release_id: str) -> Path:
        """A fresh folder to build a release in; renamed into place by `commit`."""
        path = self.releases_dir / f".staging-{release_id}-{os.getpid()}"
        if path.exists():
            shutil.rmtree(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def commit(self, staging: Path, release_id: str) -> None:
        """Move a finished build into place in one rename (a complete release already there wins)."""
        if self.has(release_id):
            shutil.rmtree(staging)
        else:
            os.rename(staging, self.release(release_id))

    def switch(self, release_id: str) -> None:
        """Point `current` at a complete release with one atomic rename, and record it."""
        if not self.has(release_id):
            raise FileNotFoundError(self.release(release_id))
        self._point_at(release_id)
        self._write_history([*self.history(), release_id])

    def rollback(self) -> str | None:
        """Put the previous release back live; returns its id, or None when there is none."""
        history = self.history()
        live = self.live_id()
        while history and (history[-1] == live or not self.has(history[-1])):
            history.pop()
        if not history:
            return None
        previous = history[-1]
        self._point_at(previous)
        self._write_history(history)
        return previous

    def prune(self, keep: int) -> list[str]:
        """Delete all but the last `keep` releases that went live (never the live one), and any
        staging or work folders, pointers and history files left by a run that died."""
        live = self.live_id()
        kept = set(list(dict.fromkeys(reversed(self.history())))[:keep]) | ({live} if live else set())
        removed = []
        for path in sorted(self.releases_dir.iterdir()) if self.releases_dir.is_dir() else []:
            if path.name.startswith(".staging-") or path.name not in kept:
                shutil.rmtree(path)
                removed.append(path.name)
        for leftover in [*self.unit_dir.glob(".current-*"), *self.unit_dir.glob(".history-*")]:
            leftover.unlink()
        for work in self.unit_dir.glob(".work-*"):
            shutil.rmtree(work, ignore_errors=True)
        return removed

    def _point_at(self, release_id: str) -> None:
        """Make a new symlink beside `current`, then rename it over `current`: atomic on POSIX."""
        temporary = self.unit_dir / f".current-{os.getpid()}"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        os.symlink(Path("releases") / release_id, temporary)
        os.replace(temporary, self.current)

    def _write_history(self, ids: list[str]) -> None:
        temporary = self.unit_dir / f".history-{os.getpid()}"
        temporary.write_text("".join(f"{i}\n" for i in ids), encoding="utf-8")
        os.replace(temporary, self.history_file)
