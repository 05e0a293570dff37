"""The pipeline, top to bottom: load → validate → resolve → render → write → build.

Nothing is written until every unit has validated and every page has rendered.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from . import checks
from .catalog import ResolvedUnit, resolve
from .errors import Problem, UsageError
from .project import Project, load_project, require_valid
from .render import environment, render_unit
from .site import UnitPaths, build_site, write_sources


def inspect(root: Path) -> tuple[Project, dict[str, ResolvedUnit], list[Problem]]:
    """Load, validate and resolve everything: the project, its units, every error and warning."""
    project, problems = load_project(root)
    units, resolve_problems = resolve(project)
    return project, units, problems + resolve_problems + checks.warnings(project)


def check(root: Path) -> tuple[dict[str, ResolvedUnit], list[Problem]]:
    _, units, problems = inspect(root)
    return units, problems


def render_all(units: dict[str, ResolvedUnit], slugs: list[str]) -> dict[str, dict[str, str]]:
    env = environment()
    return {slug: render_unit(units[slug], env) for slug in slugs}


def build(root: Path, slugs: list[str] | None = None, strict: bool = False) -> tuple[list[UnitPaths], list[Problem]]:
    """Build the named units (all when none are named) into `site/<slug>/`; returns them and the
    warnings that did not block the build."""
    units, problems = check(root)
    require_valid(problems, strict)
    selected = slugs or sorted(units)
    for slug in selected:
        if slug not in units:
            close = difflib.get_close_matches(slug, sorted(units), n=1)
            hint = f"; có phải ý bạn là «{close[0]}»?" if close else ""
            raise UsageError(f"Không có đơn vị «{slug}» trong units/{hint}")
    pages = render_all(units, selected)
    built = []
    for slug in selected:
        paths = UnitPaths(root, slug)
        write_sources(units[slug], pages[slug], paths)
        build_site(paths)
        built.append(paths)
    return built, problems
