"""Per-unit files for machines: an Atom feed of changes (procedures added, amended, replaced or
abolished; plans and reports) dated by the content itself, never by the build clock, and robots.txt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..content_types import REGISTRY, Registry
from ..resolve import ResolvedUnit
from ..routes import FEED, SITEMAP, route


@dataclass(frozen=True, order=True)
class Entry:
    updated: dt.date
    title: str
    path: str
    summary: str


def entries(unit: ResolvedUnit, registry: Registry = REGISTRY) -> list[Entry]:
    """Every dated change of every section that is fed, newest first."""
    found = []
    for kind in registry.sections():
        if kind.section is None or not kind.section.fed:
            continue
        for key, item in unit.items_of(kind).items():
            url = route(kind, key).url
            found += [Entry(change.date, change.title, url, change.summary) for change in item.changes()]
    return sorted(found, key=lambda e: (-e.updated.toordinal(), e.title))


def last_updated(unit: ResolvedUnit, registry: Registry = REGISTRY) -> dt.date | None:
    """The newest date found in the unit's content (shown on its home page)."""
    dates = [e.updated for e in entries(unit, registry)] + [item.record.last_reviewed for item in unit.procedures]
    return max(dates) if dates else None


def atom(unit: ResolvedUnit, registry: Registry = REGISTRY) -> str:
    base = unit.unit.site_url
    items = entries(unit, registry)
    updated = (items[0].updated if items else dt.date(1970, 1, 1)).isoformat()
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
        f"  <title>{escape(unit.unit.name)}: thông tin cải cách hành chính</title>",
        f'  <link href="{escape(base)}"/>',
        f'  <link rel="self" href="{escape(base + FEED.url)}"/>',
        f"  <id>{escape(base)}</id>",
        f"  <updated>{updated}T00:00:00Z</updated>",
        f"  <author><name>{escape(unit.unit.name)}</name></author>",
    ]
    for entry in items:
        lines += [
            "  <entry>",
            f"    <title>{escape(entry.title)}</title>",
            f'    <link href="{escape(base + entry.path)}"/>',
            f"    <id>{escape(base + entry.path)}#{entry.updated.isoformat()}</id>",
            f"    <updated>{entry.updated.isoformat()}T00:00:00Z</updated>",
            f"    <summary>{escape(entry.summary)}</summary>",
            "  </entry>",
        ]
    return "\n".join([*lines, "</feed>", ""])


def robots(unit: ResolvedUnit) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {unit.unit.site_url}{SITEMAP.url}\n"
