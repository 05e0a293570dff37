"""A live bar on a terminal; one plain line per unit in CI logs."""

from __future__ import annotations

import sys
from typing import TextIO

from .summary import Outcome

WORDS = {"built": "đã dựng", "reused": "dùng lại bản đã dựng", "unchanged": "không đổi", "failed": "LỖI"}


class Progress:
    def __init__(self, total: int, stream: TextIO = sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.live = stream.isatty()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if self.live:
            filled = round(30 * self.done / max(self.total, 1))
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {outcome.slug:<30}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            extra = f" ({outcome.pages} trang, {outcome.seconds} s)" if outcome.status == "built" else ""
            self.stream.write(f"[{self.done}/{self.total}] {outcome.slug}: {WORDS[outcome.status]}{extra}\n")
        self.stream.flush()
