"""Which kind of document this is: a plan, a report, a unit's procedure list (an annex table with a
«Mã TTHC» column) or one procedure's record (a DVC portal page)."""

from __future__ import annotations

import re

from .header import kind_in_line
from .source import Source

KINDS = ("plan", "report", "procedures", "procedure")
_PROCEDURE_WORDS = ("Trình tự thực hiện", "Cách thức thực hiện", "Thành phần hồ sơ")
# A posted article's headline, when the document has no «KẾ HOẠCH» / «BÁO CÁO» line: «UBND phường … sơ
# kết công tác cải cách hành chính quý III», «Báo cáo kết quả …», «Kế hoạch cải cách hành chính …».
_HEADLINE = (("report", re.compile(r"\b(?:sơ kết|tổng kết)\b|^báo cáo\b", re.I)), ("plan", re.compile(r"^kế hoạch\b", re.I)))


def recognise(source: Source) -> str | None:
    """The kind, or None when the document says nothing that tells."""
    for table in source.tables:
        if any(_is_code_header(c.text.lower()) for row in table.rows[:5] for c in row):
            return "procedures"
    for line in source.lines[:15]:
        if kind := kind_in_line(line.text):
            return kind
    texts = {line.text.rstrip(":") for line in source.lines}
    if sum(w in texts for w in _PROCEDURE_WORDS) >= 2:
        return "procedure"
    first = source.lines[0].text if source.lines else ""
    return next((kind for kind, words in _HEADLINE if words.search(first)), None)


def _is_code_header(text: str) -> bool:
    return "mã" in text and ("tthc" in text or "thủ tục" in text)
