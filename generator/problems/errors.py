"""Problems found in content, and the small exception tree the command line knows how to print.

Every message an editor sees is a `Problem`: a place (file, line, column), the field path, a
Vietnamese message and a stable English code (`Code`) an engineer can search for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from .codes import Code


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# Characters never echoed to a terminal or a CI log: control characters (ESC starts terminal escape
# sequences, CR rewrites the line) are shown as their code point instead.
_UNPRINTABLE = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]} | {
    c: f"\\u{c:04x}" for c in range(0x80, 0xA0)
}


def printable(text: str) -> str:
    """Text safe to print on one terminal line: control characters written as escapes."""
    return text.translate(_UNPRINTABLE).replace("\n", " ")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    code: Code
    severity: Severity = Severity.ERROR

    @property
    def hint(self) -> str:
        return self.code.hint

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file, "line": self.line, "column": self.column, "field": self.field,
            "code": self.code.value, "severity": self.severity.value, "message": self.message, "hint": self.hint,
        }

    def format(self, words: str = "") -> str:
        """`file:line:column: [cảnh báo:] field (words): message [code]`; `words` names the field
        as the web editor's form does («Số văn bản»), for an editor who does not read the key."""
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" {self.field}{f' ({words})' if words else ''}:" if self.field else ""
        prefix = "" if self.is_error else " cảnh báo:"
        return printable(f"{where}:{prefix}{field} {self.message} [{self.code.value}]")


def blocking(problems: Iterable[Problem], strict: bool = False) -> list[Problem]:
    """The problems that stop a build: errors, and warnings too when the run is strict."""
    return [p for p in problems if strict or p.is_error]


def count_line(problems: list[Problem]) -> str:
    """«2 lỗi, 9 cảnh báo»."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} lỗi" + (f", {warnings} cảnh báo" if warnings else "")


def print_problems(problems: Iterable[Problem], named: Callable[[Problem], str] = lambda _: "") -> None:
    """Each problem on its line of standard error, its field also in the words `named` gives it,
    with its fix hint on the next line."""
    for problem in problems:
        print(problem.format(named(problem)), file=sys.stderr)
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


def require_valid(problems: list[Problem], strict: bool = False) -> None:
    """Raise with every problem when any is an error (or, when strict, a warning)."""
    if blocking(problems, strict):
        raise ContentError(problems)
