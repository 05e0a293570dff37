"""A parent unit's members: the units whose pages the parent's province pages list side by side.

A unit is a member of a parent when its `unit.yml` names it: its `parent` is the parent's name or
short name, a successor's `slug` is the parent, or (for a province) its `province` is the
province's. No new field is needed, and nothing is copied: the parent keeps references to the
members' resolved data. Every lookup is by dictionary, so the cost is linear in the units.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..schema.unit import Unit, UnitLevel

if TYPE_CHECKING:
    from .units import ResolvedUnit

LEVEL_ORDER = {level: i for i, level in enumerate(UnitLevel)}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def sort_key(unit: Unit) -> tuple[int, str, str]:
    """Members are listed by level (as the schema orders levels), then by name."""
    return LEVEL_ORDER[unit.level], _key(unit.short_name), unit.name


def attach_members(units: dict[str, ResolvedUnit]) -> None:
    """Give every parent unit the list of its members (in place)."""
    by_parent: dict[str, set[str]] = defaultdict(set)
    by_province: dict[str, set[str]] = defaultdict(set)
    for slug, resolved in units.items():
        unit = resolved.unit
        if unit.parent:
            by_parent[_key(unit.parent)].add(slug)
        for heir in unit.heirs:
            if heir.slug:
                by_parent["\0" + heir.slug].add(slug)
        if unit.level is not UnitLevel.PROVINCE:
            by_province[_key(unit.province)].add(slug)
    for slug, resolved in units.items():
        unit = resolved.unit
        found = by_parent[_key(unit.name)] | by_parent[_key(unit.short_name)] | by_parent["\0" + slug]
        if unit.level is UnitLevel.PROVINCE:
            found |= by_province[_key(unit.province)]
        found.discard(slug)
        resolved.members = sorted((units[s] for s in found), key=lambda m: sort_key(m.unit))
