"""The last lines of a nightly CI job: which of its units went live, which kept their live release
and why, from the job's `cchc publish --report` and the server's state.json read after the push.

    python -m generator.publish.job_summary run.json live.json

A unit the job built counts as live only when the server serves that very release: a release that
was built but refused or never copied is held back, and said so, whatever the earlier steps printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..problems import printable
from ..problems.messages import Say


def lines(report: dict[str, Any], live: dict[str, Any]) -> list[str]:
    went_live, held, unchanged = [], [], []
    for unit in report.get("units", []):
        slug, status, release = unit["slug"], unit["status"], unit.get("release", "")
        served = (live.get(slug) or {}).get("release")
        if status == "failed":
            reason = printable(unit["reasons"][0]) if unit.get("reasons") else Say.JOB_NO_REASON()
            held.append(Say.JOB_HELD_CONTENT(slug=slug, reason=reason))
        elif status == "unchanged":
            unchanged.append(slug)
        elif served == release:
            went_live.append(Say.JOB_LIVE(slug=slug, release=release))
        else:
            held.append(Say.JOB_HELD_SERVER(slug=slug, release=release, served=served or Say.JOB_NOTHING_SERVED()))
    if unchanged:
        went_live.append(Say.JOB_UNCHANGED(slugs=", ".join(unchanged)))
    return [Say.JOB_SUMMARY(), *went_live, *held] if went_live or held else [Say.JOB_SUMMARY_EMPTY()]


def main(argv: list[str]) -> int:
    if not Path(argv[0]).is_file():
        print(Say.NO_RUN_REPORT(path=argv[0]))
        return 0
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    live = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    print("\n".join(lines(report, live)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
