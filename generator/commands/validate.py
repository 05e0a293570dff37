"""`cchc validate`: check every file of the project and print every problem at once."""

from __future__ import annotations

import json
from pathlib import Path

from ..cms.answers import named
from ..pipeline import check
from ..problems import ContentError, Problem, blocking, print_problems
from ..problems.messages import Say


def _json(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    report = {"errors": errors, "warnings": len(problems) - errors, "problems": [p.as_dict() for p in problems]}
    return json.dumps(report, ensure_ascii=False, indent=2)


def validate(root: Path, strict: bool = False, as_json: bool = False) -> None:
    _, problems = check(root)
    stops = blocking(problems, strict)
    if as_json:
        print(_json(problems))
        if stops:
            raise SystemExit(1)
        return
    if stops:
        raise ContentError(problems)
    print_problems(problems, named)
    warnings = Say.VALID_WARNINGS(count=len(problems)) if problems else ""
    print(Say.VALID(warnings=warnings))
