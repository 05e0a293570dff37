"""Word files (.docx): paragraphs become lines, tables stay tables (python-docx gives rows and
cells); each keeps its place («đoạn 12», «bảng 1, hàng 3, ô 2»). Nothing outside the file is
opened: the archive was checked before (guard.check_archive), and linked parts are never followed."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from ..problems import Code
from .guard import refusal
from .source import Line, Source, Table, clean


def _cells(row_cells: list[object]) -> list[object]:
    """A row's cells, a merged cell once (python-docx repeats it for every grid column it spans)."""
    seen: set[int] = set()
    unique = []
    for cell in row_cells:
        key = id(cell._tc)  # type: ignore[attr-defined]
        if key not in seen:
            seen.add(key)
            unique.append(cell)
    return unique


def _table(table: WordTable, index: int, counter: list[int]) -> Table:
    before = counter[0]  # the last paragraph above the table (its heading, e.g. «A. … MỚI BAN HÀNH»)
    rows = []
    for r, row in enumerate(table.rows, start=1):
        cells = []
        for c, cell in enumerate(_cells(list(row.cells)), start=1):
            counter[0] += 1
            text = " ".join(clean(p.text) for p in cell.paragraphs if clean(p.text))  # type: ignore[attr-defined]
            cells.append(Line(text, f"bảng {index}, hàng {r}, ô {c}", counter[0]))
        rows.append(cells)
    return Table(rows, before)


def read_word(path: Path) -> Source:
    try:
        document = Document(str(path))
    except Exception:  # python-docx raises many kinds (KeyError, ValueError, lxml's) for a broken file
        raise refusal(path, Code.IMPORT_UNREADABLE, "không đọc được tệp Word (tệp hỏng hoặc không phải .docx)") from None
    lines: list[Line] = []
    tables: list[Table] = []
    counter = [0]
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            counter[0] += 1
            for part in block.text.split("\n"):  # a line break inside a paragraph (Shift+Enter)
                if text := clean(part):
                    lines.append(Line(text, f"đoạn {counter[0]}", counter[0]))
        else:
            tables.append(_table(block, len(tables) + 1, counter))
    return Source(path, lines, tables)
