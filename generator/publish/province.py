"""A province's roll-up while some of its members are held back by an error: each held-back
member keeps the row the province's live release shows for it (its open data, `so-lieu-don-vi.json`),
marked as held back with the day it was published, never silently dropped."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..render.province import COLUMNS, Figure, RollupRow
from ..resolve import ResolvedUnit
from ..routes import rollup_data
from .releases import UnitReleases


def _figure(row: dict[str, Any], name: str) -> Figure | None:
    value = row.get(name)
    if value is None:
        return None
    try:
        return Figure(Decimal(str(value)), str(row.get(f"{name}_as_published") or ""), bool(row.get(f"{name}_computed")))
    except InvalidOperation:
        return None


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _row(row: dict[str, Any]) -> RollupRow:
    cells = {name: figure for name, _, _ in COLUMNS if (figure := _figure(row, name)) is not None}
    return RollupRow(
        str(row["unit"]), str(row.get("short_name") or row["unit"]), str(row.get("unit_name") or row["unit"]),
        str(row.get("site_url") or ""), str(row.get("period") or ""), row.get("scope"), cells,
        row.get("report_page"), _date(row.get("published_on")), held_back=True,
    )


def live_rows(dest: Path, slug: str) -> dict[str, dict[str, Any]]:
    """The rows of the roll-up the province's live release shows, by member (none if unreadable)."""
    path = UnitReleases(dest, slug).current / rollup_data("json").file
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return {str(row["unit"]): row for row in rows if isinstance(row, dict) and "unit" in row}
    except (OSError, ValueError, TypeError, KeyError):
        return {}


def held_back_rows(dest: Path, province: ResolvedUnit, blocked: set[str]) -> dict[str, RollupRow]:
    """The rows of the province's held-back members: as last published, or, for a member never
    published in the roll-up, its name alone, marked as held back."""
    if not blocked:
        return {}
    live = live_rows(dest, province.slug)
    found = {slug: _row(row) for slug, row in live.items() if slug in blocked}
    for member in province.members:
        if member.slug in blocked and member.slug not in found:
            profile = member.unit
            found[member.slug] = RollupRow(member.slug, profile.short_name, profile.name, profile.site_url, held_back=True)
    return found
