"""Problems found in content, and the small exception tree the command line knows how to print.

Every message an editor sees is a `Problem`: a place (file, line, column), the field path, a
Vietnamese message and a stable English code an engineer can search for.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    code: str
    severity: Severity = Severity.ERROR

    @property
    def hint(self) -> str:
        from .codes import hint

        return hint(self.code)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file, "line": self.line, "column": self.column, "field": self.field,
            "code": self.code, "severity": self.severity.value, "message": self.message, "hint": self.hint,
        }

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        prefix = "" if self.severity is Severity.ERROR else " cảnh báo:"
        return f"{where}:{prefix}{field} {self.message} [{self.code}]"


def print_problems(problems: list[Problem]) -> None:
    """Each problem on its line of standard error, with its fix hint on the next."""
    for problem in problems:
        print(problem.format(), file=sys.stderr)
        if problem.hint:
            print(f"    Gợi ý: {problem.hint}", file=sys.stderr)


class CchcError(Exception):
    """Base of every error the command line prints without a traceback."""

    exit_code = 1


class ContentError(CchcError):
    """The content (YAML) is wrong: the editor must fix it. Carries every problem of the run."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class BuildError(CchcError):
    """Rendering or building failed for a reason that is not the editor's data (templates, I/O)."""

    exit_code = 3


class UsageError(CchcError):
    """The command was called wrongly (an unknown unit, a folder that is not a project)."""

    exit_code = 2
