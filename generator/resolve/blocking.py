"""Which units a problem holds back: a unit's own files hold back that unit, a catalog record the
units that list it, any other shared file every unit. `cchc publish` keeps those units' live
releases; `cchc build UNIT` and the preview refuse only when the named unit is held back."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..content_types import PROCEDURES
from ..load import Project
from ..problems import Problem, Severity


def _users(project: Project) -> dict[str, list[str]]:
    """Procedure code → the units that list it."""
    uses: dict[str, list[str]] = defaultdict(list)
    for slug, source in project.units.items():
        listed = source.files.get(PROCEDURES)
        for local in listed.value.procedures if listed else []:
            uses[local.code].append(slug)
    return uses


def unused_record_errors(project: Project, problems: list[Problem]) -> list[Problem]:
    """Errors in catalog records no unit lists yet: they hold back no unit, and are said anyway."""
    uses = _users(project)
    return [p for p in problems if p.is_error and p.file.startswith("content/procedures/") and not uses.get(Path(p.file).stem)]


def blocked_units(project: Project, problems: list[Problem], slugs: list[str], strict: bool) -> dict[str, list[Problem]]:
    """Which of `slugs` are held back, with the problems that hold back each (warnings too when strict)."""
    blocked: dict[str, list[Problem]] = defaultdict(list)
    uses = _users(project)
    for problem in problems:
        if problem.severity is not Severity.ERROR and not strict:
            continue
        parts = problem.file.split("/")
        if parts[0] == "units" and len(parts) > 1:
            blocked[parts[1]].append(problem)
        elif parts[:2] == ["content", "procedures"]:
            for slug in uses.get(Path(parts[-1]).stem, []):
                blocked[slug].append(problem)
        else:  # shared content every unit depends on
            for slug in slugs:
                blocked[slug].append(problem)
    return {slug: found for slug, found in blocked.items() if slug in slugs}
