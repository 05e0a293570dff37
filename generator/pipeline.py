"""The pipeline, top to bottom: load → validate → resolve → render → write → build.

Nothing is written until the units being built have validated and every page has rendered: every
unit, any error stops the build; named units (and the preview), only an error that holds one of them
back (`resolve/blocking.py`, the nightly publish's rule).

The render and engine stages are imported where they are used: `cchc validate` (an editor's most
frequent command, and the check before every save in the web editor) needs neither, and importing
MkDocs, Material and the templates' helpers was a third of its time.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .content_types import REGISTRY, Registry
from .load import Project, load_project
from .problems import ContentError, Problem, Suggester, UsageError, require_valid
from .problems.messages import Say
from .resolve import ResolvedUnit, resolve, warnings
from .resolve.blocking import blocked_units

if TYPE_CHECKING:
    from .engine import UnitPaths


def inspect(root: Path, registry: Registry = REGISTRY, today: dt.date | None = None) -> tuple[Project, dict[str, ResolvedUnit], list[Problem]]:
    """Load, validate and resolve everything: the project, its units, every error and warning.
    `today`: the build's date (plans and reports due later are left off); None keeps them all."""
    project, problems = load_project(root, registry)
    units, resolve_problems = resolve(project, today)
    return project, units, sorted(problems + resolve_problems + warnings(project))


def check(root: Path, registry: Registry = REGISTRY, today: dt.date | None = None) -> tuple[dict[str, ResolvedUnit], list[Problem]]:
    _, units, problems = inspect(root, registry, today)
    return units, problems


def select(units: dict[str, ResolvedUnit], slugs: list[str] | None) -> list[str]:
    """The named units (all when none are named); an unknown name is a usage error."""
    names = Suggester(units)
    for slug in slugs or []:
        if slug not in units:
            raise UsageError(Say.UNKNOWN_UNIT(slug=slug, hint=names.hint(slug)))
    return slugs or sorted(units)


def _refuse_held(project: Project, problems: list[Problem], slugs: list[str] | None, strict: bool) -> None:
    """Raise with the problems that stop building `slugs` (every problem when no unit is named)."""
    if not slugs:
        require_valid(problems, strict)
        return
    held = blocked_units(project, problems, slugs, strict)
    if held:
        raise ContentError(sorted({p for found in held.values() for p in found}))


def render_all(units: dict[str, ResolvedUnit], slugs: list[str], registry: Registry = REGISTRY) -> dict[str, dict[str, str]]:
    from .render import environment, render_unit

    env = environment(registry)
    return {slug: render_unit(units[slug], env, registry) for slug in slugs}


def build(
    root: Path, slugs: list[str] | None = None, strict: bool = False, registry: Registry = REGISTRY,
    today: dt.date | None = None,
) -> tuple[list[UnitPaths], list[Problem]]:
    """Build the named units (all when none are named) into `site/<slug>/` as on `today`; returns
    them and the problems that did not block the build. Every unit: any error stops it. Named
    units: only an error that holds one of them back (its files, a record it lists, shared content),
    as a publish run would; the others are returned with the warnings."""
    from .engine import UnitPaths, build_site, write_sources

    project, units, problems = inspect(root, registry, today)
    _refuse_held(project, problems, slugs, strict)
    selected = select(units, slugs)
    pages = render_all(units, selected, registry)
    built = []
    for slug in selected:
        paths = UnitPaths(root, slug)
        write_sources(units[slug], pages[slug], paths, registry)
        build_site(paths)
        built.append(paths)
    return built, problems


def regenerate(root: Path, slug: str) -> ResolvedUnit:
    """Validate and render one unit into its build folder (the live preview); raises ContentError
    on bad data, so the last good pages stay."""
    from .engine import UnitPaths, write_sources
    from .render import render_unit

    project, units, problems = inspect(root)
    _refuse_held(project, problems, [slug], strict=False)
    [slug] = select(units, [slug])
    write_sources(units[slug], render_unit(units[slug]), UnitPaths(root, slug))
    return units[slug]
