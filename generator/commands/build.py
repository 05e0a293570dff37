"""`cchc build [SLUG...]`: build the named units (default: all) into site/<slug>/."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..cms.answers import named
from ..engine import quiet_mkdocs, use_commit_time
from ..pipeline import build as build_units
from ..problems import print_problems
from ..problems.messages import Say


def build(root: Path, slugs: list[str], strict: bool = False, today: dt.date | None = None) -> None:
    use_commit_time(root)
    quiet_mkdocs()
    built, problems = build_units(root, slugs or None, strict, today=today)
    for paths in built:
        print(Say.BUILT(slug=paths.slug, path=paths.site_dir.relative_to(root)))
    warnings = [p for p in problems if not p.is_error]
    if warnings:
        print_problems(warnings, named)
        print(Say.BUILT_WITH_WARNINGS(count=len(warnings)), file=sys.stderr)
    if elsewhere := [p for p in problems if p.is_error]:  # in files the named units do not use
        print_problems(elsewhere, named)
        print(Say.ERRORS_ELSEWHERE(count=len(elsewhere)), file=sys.stderr)
