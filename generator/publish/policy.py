"""Which units a run publishes (its shard); which keep their live release is
`generator/resolve/blocking.py`'s."""

from __future__ import annotations

import re
import zlib

from ..problems import UsageError
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


NAME_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # a unit's folder, a release id
