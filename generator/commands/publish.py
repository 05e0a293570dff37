"""`cchc publish --dest DIR`, `cchc rollback UNIT --dest DIR` and `cchc activate --dest DIR`: the
nightly job and its two companions. The work is in the `generator.publish` stage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..problems.messages import Say
from ..publish.inbox import activate as activate_inbox
from ..publish.run import publish as publish_units
from ..publish.run import rollback as rollback_unit


def publish(root: Path, dest: Path, keep: int = 5, jobs: int | None = None, shard: str | None = None,
            report: Path | None = None, strict: bool = False, wait: float = 0.0,
            remote_state: Path | None = None, today: dt.date | None = None) -> int:
    return publish_units(root, dest, keep, jobs, shard, report, strict, wait, remote_state, today)


def rollback(dest: Path, slug: str, wait: float = 0.0) -> None:
    print(Say.ROLLED_BACK(slug=slug, release=rollback_unit(dest, slug, wait)))


def activate(dest: Path, keep: int = 5, wait: float = 0.0) -> int:
    return activate_inbox(dest, keep, wait)
