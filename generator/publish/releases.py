"""Releases of one unit's site on the publishing host, and the live pointer that serves one of them.

    DIR/<unit>/releases/<id>/     releases, each renamed here only when whole; a release counts as
                                  complete only when its manifest (written last) matches its files
    DIR/<unit>/releases/.staging-*  releases being built (removed by the next run if a run dies)
    DIR/<unit>/current            symlink → releases/<id>, replaced by one atomic rename
    DIR/<unit>/history            ids that went live, oldest first

Citizens never see a half-written site: `current` is only ever switched to a release whose
manifest checks, and a run that finds its live release incomplete or altered rebuilds it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..problems.messages import Say
from . import manifest


class IncompleteRelease(Exception):
    """A release that may not go live: its manifest is missing or does not match its files."""

    def __init__(self, slug: str, release_id: str, problems: list[str]):
        self.slug, self.release_id, self.problems = slug, release_id, problems
        shown = "; ".join(problems[:3]) + (Say.AND_MORE(count=len(problems) - 3) if len(problems) > 3 else "")
        super().__init__(Say.INCOMPLETE_RELEASE(release=release_id, slug=slug, shown=shown))


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
        """A release folder with a manifest is there (cheap; `problems` checks every file)."""
        return (self.release(release_id) / manifest.NAME).is_file()

    def problems(self, release_id: str) -> list[str]:
        """Why `release_id` is not a complete, unaltered release of this unit (empty: it is)."""
        return manifest.problems(self.release(release_id), self.slug, release_id, self.checked(release_id))

    def sealed(self, release_id: str) -> bool:
        """The release is unchanged since it last checked whole here (one `lstat` per file)."""
        return manifest.sealed(self.release(release_id), self.slug, release_id, self.checked(release_id))

    def checked(self, release_id: str) -> Path:
        """Where this machine notes that a release checked whole, and how its files looked then."""
        return self.unit_dir / f".checked-{release_id}"

    def discard(self, release_id: str) -> None:
        """Remove a release folder that failed its check (never the live one: the caller replaces it)."""
        target = self.release(release_id)
        self.checked(release_id).unlink(missing_ok=True)
        if target.is_dir():
            aside = self.releases_dir / f".staging-discard-{release_id}-{os.getpid()}"
            os.rename(target, aside)
            shutil.rmtree(aside, ignore_errors=True)

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

    def commit(self, staging: Path, release_id: str, host: str) -> None:
        """Write the manifest last, then move the finished build into place in one rename. A folder
        already there that does not check (a run killed mid-copy, an altered file) is replaced."""
        manifest.write(staging, self.slug, release_id, host)
        if self.release(release_id).exists():
            if not self.problems(release_id):
                shutil.rmtree(staging)
                return
            self.discard(release_id)
        os.rename(staging, self.release(release_id))

    def switch(self, release_id: str) -> None:
        """Point `current` at a complete release with one atomic rename, and record it."""
        if found := self.problems(release_id):
            raise IncompleteRelease(self.slug, release_id, found)
        self._point_at(release_id)
        self._append_history(release_id)

    def rollback(self) -> str | None:
        """Put the previous release back live; returns its id, or None when there is none."""
        history = self.history()
        live = self.live_id()
        while history and (history[-1] == live or self.problems(history[-1])):
            history.pop()
        if not history:
            return None
        previous = history[-1]
        self._point_at(previous)
        self._cut_history(len(history))
        return previous

    def prune(self, keep: int) -> list[str]:
        """Delete all but the last `keep` releases that went live (never the live one)."""
        live = self.live_id()
        kept = set(list(dict.fromkeys(reversed(self.history())))[:keep]) | ({live} if live else set())
        removed = []
        for path in sorted(self.releases_dir.iterdir()) if self.releases_dir.is_dir() else []:
            if not path.name.startswith(".") and path.name not in kept:
                _remove(path)
                self.checked(path.name).unlink(missing_ok=True)
                removed.append(path.name)
        return removed

    def clean(self) -> None:
        """Remove what a run that died left behind: staging and work folders, temporary pointers and
        history files. Only under the destination's lock, when no other run is building."""
        leftovers = [*self.unit_dir.glob(".current-*"), *self.unit_dir.glob(".history-*"), *self.unit_dir.glob(".work-*")]
        if self.releases_dir.is_dir():
            leftovers += [p for p in self.releases_dir.iterdir() if p.name.startswith(".")]
        for path in leftovers:
            _remove(path)

    def _point_at(self, release_id: str) -> None:
        """Make a new symlink beside `current`, then rename it over `current`: atomic on POSIX."""
        temporary = self.unit_dir / f".current-{os.getpid()}"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        os.symlink(Path("releases") / release_id, temporary)
        os.replace(temporary, self.current)

    # The history changes in place, never through a new file: a switch appends one line, a rollback
    # cuts lines off the end. Neither needs a new block of the disk (the line fits in the file's
    # last block), so both work on a full disk. A line torn by a crash names no release that checks,
    # so `rollback` skips it like any other.

    def _append_history(self, release_id: str) -> None:
        with open(self.history_file, "a", encoding="utf-8") as history:
            history.write(f"{release_id}\n")

    def _cut_history(self, keep: int) -> None:
        """Keep the first `keep` ids of the history (a rollback only ever removes the newest)."""
        with open(self.history_file, "rb+") as history:
            end = 0
            for line in history.read().splitlines(keepends=True):
                if keep == 0:
                    break
                end += len(line)
                keep -= bool(line.strip())
            history.truncate(end)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
