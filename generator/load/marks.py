"""The review marks an imported draft carries: YAML comment lines, so the draft validates as it is
and the marks never reach a page, but a file that still has one is not yet checked by a person:

    # KIỂM TRA: tasks[2].lead: <reason> (dòng 235)

The importer writes them (`importer/draft.py`); the loader reads which fields are still marked, so
the publish can hold the page back until they are gone."""

from __future__ import annotations

import re

REVIEW = "KIỂM TRA"
MARK = re.compile(rf"^# {REVIEW}: (?P<field>[^:]+): (?P<reason>.*) \((?P<where>[^()]*)\)$")


def review_lines(text: str) -> list[tuple[int, str]]:
    """(line number, field) of every review mark in a file's text."""
    return [(number, m["field"].strip()) for number, line in enumerate(text.splitlines(), 1) if (m := MARK.match(line))]
