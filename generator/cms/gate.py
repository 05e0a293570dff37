"""The check every save passes before it reaches the disk: the same rules as `cchc validate`, on
the project's files AS THEY ARE ON DISK at that moment (a `git pull` during the session counts),
with the save applied on a fresh copy. A save that brings an error the disk does not already have
is refused; nothing is kept between saves, so nothing can drift from the disk."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..pipeline import check
from ..problems import Problem, Severity

CHECKED = ("units", "content")  # what `cchc validate` reads


def _key(problem: Problem) -> tuple[str, str, str, str]:
    """A problem without its line: a save moves lines, and an old error is not the editor's doing."""
    return problem.file, problem.field, problem.code, problem.message


@dataclass
class Verdict:
    errors: list[Problem]  # new errors: the save is refused
    warnings: list[Problem]  # warnings in the files saved: the save goes through, the page says so


def _errors(problems: list[Problem]) -> set[tuple[str, str, str, str]]:
    return {_key(p) for p in problems if p.severity is Severity.ERROR}


def judge(root: Path, writes: dict[str, str | None]) -> Verdict:
    """Try `writes` (project path → text, None to delete) on a fresh copy of units/ and content/."""
    _, before = check(root)
    with tempfile.TemporaryDirectory(prefix="cchc-edit-") as scratch:
        trial = Path(scratch)
        for part in CHECKED:
            if (root / part).is_dir():
                shutil.copytree(root / part, trial / part, symlinks=True)
        for path, text in writes.items():
            target = trial / path
            if text is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        _, after = check(trial)
    known = _errors(before)
    new = sorted(p for p in after if p.severity is Severity.ERROR and _key(p) not in known)
    warnings = sorted(p for p in after if p.severity is Severity.WARNING and p.file in writes)
    return Verdict(new, warnings)
