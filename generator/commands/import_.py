"""`cchc import FILE --unit SLUG`: read a document, write its draft where it belongs (or print it),
and print the summary. An existing file is never overwritten, except a unit's procedure list when
the changes a newer announcing decision makes to it are confirmed with --apply."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from ..cms.answers import named
from ..importer import ImportResult, import_document
from ..importer.summary import count_line
from ..problems import UsageError, print_problems
from ..problems.messages import Say


def _changes(result: ImportResult, apply: bool) -> None:
    print(Say.IMPORT_CHANGES(count=len(result.changes)), file=sys.stderr)
    for change in result.changes:
        print(f"  {change}", file=sys.stderr)
    if not apply:
        print(Say.IMPORT_NOT_APPLIED(path=result.target), file=sys.stderr)


def import_(root: Path, file: Path, unit: str, kind: str | None, stdout: bool, apply: bool = False) -> int:
    result = import_document(file, unit, kind, root)
    target = root / result.target
    if not stdout and result.kind != "procedures" and target.exists():
        # refused before the draft's review lines are printed: they are about a draft not written
        raise UsageError(Say.IMPORT_EXISTS(path=result.target))
    # each line names the document's place and the draft's field, in the draft form's words
    print_problems(result.problems, lambda p: named(replace(p, file=str(result.target))))
    if result.kind == "procedures":
        _changes(result, apply)
    if stdout:
        sys.stdout.write(result.text)
    elif result.kind != "procedures" or apply:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.text, encoding="utf-8")
        print(result.target)
    print(count_line(result.counts), file=sys.stderr)
    return 0
