"""What happened to each unit in a run, and the run's summary (printed, and written as JSON)."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ..problems import printable
from ..problems.messages import Say

STATUSES = ("built", "reused", "unchanged", "failed")


@dataclass
class Outcome:
    slug: str
    status: str  # one of STATUSES
    release: str = ""
    pages: int = 0
    seconds: float = 0.0
    reasons: list[str] = field(default_factory=list)
    fault: str = ""  # an OSError kind shared by the whole destination (disk-full, read-only), if any


def summary(outcomes: list[Outcome], seconds: float, notes: list[str] | None = None) -> dict[str, Any]:
    counts = Counter(outcome.status for outcome in outcomes)
    return {
        **{status: counts[status] for status in STATUSES},
        "pages": sum(o.pages for o in outcomes), "seconds": round(seconds, 2),
        "units": [asdict(o) for o in sorted(outcomes, key=lambda o: o.slug)],
        "notes": notes or [],
    }


def print_summary(result: dict[str, Any]) -> None:
    print(Say.RUN_DONE(**{key: result[key] for key in ("seconds", "built", "reused", "unchanged", "failed", "pages")}))
    for unit in result["units"]:
        if unit["status"] == "built":
            print(Say.UNIT_BUILT(slug=unit["slug"], pages=unit["pages"], seconds=unit["seconds"]))
    for unit in result["units"]:
        if unit["status"] == "failed":
            print(Say.UNIT_HELD(slug=unit["slug"]), file=sys.stderr)
            for reason in unit["reasons"][:20]:
                print(f"    {printable(reason)}", file=sys.stderr)
    for note in result["notes"]:
        print(Say.NOTE(note=printable(note)), file=sys.stderr)
