"""Per-unit files for machines: an Atom feed of changes (procedures added, amended, replaced or
abolished; plans and reports) dated by the content itself, never by the build clock, and robots.txt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from .catalog import ResolvedUnit
from .schema.documents import Issued, Report
from .schema.types import PartialDate


@dataclass(frozen=True, order=True)
class Entry:
    updated: dt.date
    title: str
    path: str
    summary: str


def _day(date: PartialDate) -> dt.date:
    return dt.date(date.year, date.month or 1, date.day or 1)


def _document_date(doc: Issued) -> dt.date | None:
    if doc.date is not None:
        return _day(doc.date)
    if isinstance(doc, Report):  # an undated report: the end of its period
        return dt.date(doc.period.year, 3 * (doc.period.quarter or 4), 1)
    return None


def entries(unit: ResolvedUnit) -> list[Entry]:
    """Every dated change, newest first."""
    found = []
    for item in unit.procedures:
        record = item.record
        if record.status.value != "in-force" and record.status_date:
            found.append(Entry(record.status_date, f"Thủ tục {record.status.label.lower()}: {record.name}",
                               f"thu-tuc/{item.code}/", f"Mã {item.code}"))
        if item.local.since:
            found.append(Entry(item.local.since, f"Thủ tục mới: {record.name}", f"thu-tuc/{item.code}/", f"Mã {item.code}"))
    for kind, folder, documents in (("Kế hoạch", "ke-hoach", unit.plans), ("Báo cáo", "bao-cao", unit.reports)):
        for name, doc in documents.items():
            if (date := _document_date(doc)) is not None:
                found.append(Entry(date, f"{kind}: {doc.title}", f"{folder}/{name}/", f"{kind} {doc.reference}"))
    return sorted(found, key=lambda e: (-e.updated.toordinal(), e.title))


def last_updated(unit: ResolvedUnit) -> dt.date | None:
    """The newest date found in the unit's content (shown on its home page)."""
    dates = [e.updated for e in entries(unit)] + [item.record.last_reviewed for item in unit.procedures]
    return max(dates) if dates else None


def atom(unit: ResolvedUnit) -> str:
    base = unit.unit.site_url
    items = entries(unit)
    updated = (items[0].updated if items else dt.date(1970, 1, 1)).isoformat()
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
        f"  <title>{escape(unit.unit.name)}: thông tin cải cách hành chính</title>",
        f'  <link href="{escape(base)}"/>',
        f'  <link rel="self" href="{escape(base)}feed.xml"/>',
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
    return f"User-agent: *\nAllow: /\nSitemap: {unit.unit.site_url}sitemap.xml\n"
