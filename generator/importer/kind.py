"""Which kind of document this is: a plan, a report, a unit's procedure list (an annex table with a
«Mã TTHC» column) or one procedure's record (a DVC portal page)."""

from __future__ import annotations

from .header import KIND_WORDS
from .source import Source

KINDS = ("plan", "report", "procedures", "procedure")
_PROCEDURE_WORDS = ("Trình tự thực hiện", "Cách thức thực hiện", "Thành phần hồ sơ")


def recognise(source: Source) -> str | None:
    """The kind, or None when the document says nothing that tells."""
    for table in source.tables:
        if table.rows and any("mã" in c.text.lower() and ("tthc" in c.text.lower() or "thủ tục" in c.text.lower())
                              for c in table.rows[0]):
            return "procedures"
    for line in source.lines[:15]:
        if line.text.upper() in KIND_WORDS:
            return KIND_WORDS[line.text.upper()]
    texts = {line.text.rstrip(":") for line in source.lines}
    if sum(w in texts for w in _PROCEDURE_WORDS) >= 2:
        return "procedure"
    return None
