"""`cchc import FILE --unit SLUG`: read a document, write its draft where it belongs (or print it),
and print the summary. An existing file is never overwritten."""

from __future__ import annotations

import sys
from pathlib import Path

from ..importer import import_document
from ..importer.summary import count_line
from ..problems import UsageError, print_problems


def import_(root: Path, file: Path, unit: str, kind: str | None, stdout: bool) -> int:
    result = import_document(file, unit, kind, root)
    print_problems(result.problems)
    if stdout:
        sys.stdout.write(result.text)
    else:
        target = root / result.target
        if target.exists():
            raise UsageError(f"Đã có tệp {result.target}; không ghi đè. Đổi tên hoặc xoá tệp cũ rồi nhập lại (hoặc dùng --stdout)")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(result.text, encoding="utf-8")
        print(result.target)
    print(count_line(result.counts), file=sys.stderr)
    return 0
