"""Document numbers cited in a text («Quyết định số 845/QĐ-UBND ngày 29/6/2022»), copied as written.

A number the document writes with a stray space («09/KH- UBND») is written without it, because the
schema's document number has none, and the change is put up for review with the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# 845/QĐ-UBND, 93/2021/NQ-HĐND, 04-NQ/TU, 36a/NQ-CP, 508/UBND- VP: what the schema's DocNumber takes,
# allowing the spaces around a hyphen that typed documents have.
_NUMBER = re.compile(
    r"(?<![\w/.])(\d+[a-z]?(?:-[A-Za-zĐđ]+)?(?:/\d{4})?/\s?[A-ZĐ][A-Za-zĐđ]*(?:\s?-\s?[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)"
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Citation:
    number: str  # as the schema takes it
    written: str  # as the document writes it
    kind: str  # the word before it: «Kế hoạch», «Quyết định», … or ""


_KINDS = ("Kế hoạch", "Quyết định", "Nghị quyết", "Nghị định", "Thông tư", "Chỉ thị", "Công văn", "công văn",
          "Kết luận", "Chương trình", "Hướng dẫn", "Báo cáo")


def _kind_before(text: str, start: int) -> str:
    before = text[max(0, start - 30):start]
    found = [(before.rfind(k), k) for k in _KINDS if k in before]
    return max(found)[1] if found else ""


def citations(text: str) -> list[Citation]:
    """Every document number in `text`, in order."""
    return [
        Citation(_SPACE.sub("", m[1]), m[1], _kind_before(text, m.start()))
        for m in _NUMBER.finditer(text)
    ]
