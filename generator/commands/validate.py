"""`cchc validate`: check every file of the project and print every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ContentError, Severity
from ..pipeline import check


def validate(root: Path) -> None:
    _, problems = check(root)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ContentError(problems)
    for problem in sorted(problems):
        print(problem.format(), file=sys.stderr)
    print("Dữ liệu hợp lệ: không có lỗi.")
