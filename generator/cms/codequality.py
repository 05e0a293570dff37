"""`cchc validate --format json` → GitLab's Code Quality report, so each message shows on the merge
request at its file and line. `python -m generator.cms.codequality cchc.json`."""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any


def code_quality(report: dict[str, Any]) -> list[dict[str, Any]]:
    issues = []
    for p in report["problems"]:
        text = f"{p['field'] + ': ' if p['field'] else ''}{p['message']} [{p['code']}] — {p['hint']}"
        issues.append({
            "description": text,
            "check_name": p["code"],
            "fingerprint": hashlib.sha256(f"{p['file']}:{p['field']}:{p['code']}:{p['message']}".encode()).hexdigest(),
            "severity": "major" if p["severity"] == "error" else "minor",
            "location": {"path": p["file"], "lines": {"begin": p["line"]}},
        })
    return issues


if __name__ == "__main__":  # pragma: no cover
    with open(sys.argv[1], encoding="utf-8") as file:
        print(json.dumps(code_quality(json.load(file)), ensure_ascii=False, indent=2))
