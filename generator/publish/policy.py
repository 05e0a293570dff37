"""Which units a run publishes (its shard) and which must keep their live release (their content,
a catalog record they use, a shared file, or their host has an error)."""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from pathlib import Path

from ..content_types import PROCEDURES
from ..load import Project
from ..problems import Problem, Severity, UsageError
from ..problems.messages import Say


def shard_of(slug: str, count: int) -> int:
    """Which of `count` shards a unit belongs to: stable when units are added or removed."""
    return zlib.crc32(slug.encode()) % count


def parse_shard(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        index = count = 0
    if not 1 <= index <= count:
        raise UsageError(Say.BAD_SHARD(text=text))
    return index - 1, count


def in_shard(slugs: list[str], shard: str | None) -> list[str]:
    part = parse_shard(shard)
    return [s for s in slugs if part is None or shard_of(s, part[1]) == part[0]]


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
    """The units that must keep their live release, with the problems that block each."""
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


NAME_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a unit's folder, a release id
