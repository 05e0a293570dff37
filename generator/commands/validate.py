"""`cchc validate`: check every file of the project and print every problem at once."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import ContentError, Problem, Severity, print_problems
from ..pipeline import check


def _json(problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.ERROR for p in problems)
    report = {"errors": errors, "warnings": len(problems) - errors, "problems": [p.as_dict() for p in problems]}
    return json.dumps(report, ensure_ascii=False, indent=2)


def validate(root: Path, strict: bool = False, as_json: bool = False) -> None:
    _, problems = check(root)
    problems = sorted(problems)
    blocking = problems if strict else [p for p in problems if p.severity is Severity.ERROR]
    if as_json:
        print(_json(problems))
        if blocking:
            raise SystemExit(1)
        return
    if blocking:
        raise ContentError(problems)
    print_problems(problems)
    warnings = f" ({len(problems)} cảnh báo, không chặn việc dựng trang)" if problems else ""
    print(f"Dữ liệu hợp lệ: không có lỗi{warnings}.")
