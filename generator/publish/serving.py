"""The serving configuration, rebuilt from what is live in the destination (never from one run's
units): `units.map` (`host unit;` lines for nginx's `map`) and `state.json` (each live unit's release
and host, read by runners to skip what the server already has).

Every unit whose `current` points at a release with a manifest is served at the host that manifest
records, whoever built it: units of other shards, units with broken content that keep their release,
units published from another runner and brought here with `cchc activate`. A host that is not a valid
DNS name, or that two live units claim, is left out of the map and reported, so the map nginx
includes is always valid.
"""

from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..problems.messages import Say
from ..resolve.hosts import host_error
from . import manifest
from .releases import UnitReleases

MAP = "units.map"
STATE = "state.json"


@dataclass(frozen=True)
class LiveUnit:
    slug: str
    release: str
    host: str


def live_units(dest: Path) -> list[LiveUnit]:
    """Every unit with a live release in `dest`, with the host its manifest records."""
    found = []
    for unit_dir in sorted(p for p in dest.iterdir() if p.is_dir() and not p.name.startswith(".")):
        releases = UnitReleases(dest, unit_dir.name)
        release = releases.live_id()
        if release is None:
            continue
        recorded = manifest.read(releases.release(release))
        if recorded is not None:
            found.append(LiveUnit(unit_dir.name, release, recorded.host))
    return found


def rebuild(dest: Path) -> list[str]:
    """Rewrite `units.map` and `state.json` from the live state (atomically, each by one rename).
    Returns what was left out of the map and why, for the run's report."""
    left_out: list[str] = []
    owners: dict[str, str] = {}
    mapped: list[LiveUnit] = []
    for unit in live_units(dest):
        if message := host_error(unit.host):
            left_out.append(f"{unit.slug}: {message}")
        elif unit.host in owners:
            left_out.append(Say.HOST_TAKEN(slug=unit.slug, host=unit.host, owner=owners[unit.host]))
        else:
            owners[unit.host] = unit.slug
            mapped.append(unit)
    lines = "".join(f"{u.host} {u.slug};\n" for u in sorted(mapped, key=lambda u: (u.host, u.slug)))
    state = {u.slug: {"release": u.release, "host": u.host} for u in mapped}
    _replace(dest / MAP, lines)
    _replace(dest / STATE, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    return left_out


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` by one rename, unless `path` already holds exactly it (the nightly
    case: nothing to write, and the file nginx reads keeps its time)."""
    try:
        if path.read_bytes() == text.encode():
            return
    except OSError:
        pass  # missing or unreadable: written anew below
    temporary = path.with_name(f".{path.name}-{os.getpid()}")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT) or not _overwrite(path, text.encode()):
            raise
    finally:
        temporary.unlink(missing_ok=True)


def _overwrite(path: Path, data: bytes) -> bool:
    """On a full disk: write `data` over the file in place when it is no longer than what the file
    holds (a rollback changes only release ids, all of one length), so no new block is needed.
    Not atomic like the rename, but the file is read whole and rarely (nginx on reload, runners
    before a shard). False when `data` is longer."""
    try:
        if len(data) > path.stat().st_size:
            return False
        with open(path, "rb+") as file:
            file.write(data)
            file.truncate()
    except OSError:
        return False
    return True
