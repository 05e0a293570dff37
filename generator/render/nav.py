"""The unit's navigation: section pages only. Procedures, plans and reports are reached through
their index pages, never one nav entry each (a full nav is written into every page: N² output)."""

from __future__ import annotations

from dataclasses import dataclass

from ..content_types import REGISTRY, Registry, Section, SinglePage
from ..resolve import ResolvedUnit
from ..routes import Route, route
from . import province


@dataclass(frozen=True)
class NavEntry:
    title: str
    route: Route


def nav(unit: ResolvedUnit, registry: Registry = REGISTRY) -> list[NavEntry]:
    """The home page, each section's index page and each single page the unit has, in registry order."""
    entries = []
    for kind in registry:
        page = kind.page
        if isinstance(page, SinglePage) and (page.always or unit.has(kind)):
            entries.append(NavEntry(page.title, route(kind)))
        elif isinstance(page, Section) and unit.has(kind):
            entries.append(NavEntry(page.title, route(kind)))
    at = next((i for i, e in enumerate(entries) if e.route == route(registry["hotlines"])), len(entries))
    return entries[:at] + [NavEntry(title, where) for title, where in province.nav_entries(unit)] + entries[at:]
