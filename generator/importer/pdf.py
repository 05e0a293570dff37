"""PDF files with a text layer (pdfplumber's table finder and line builder, on characters and lines
that PDFium reads: pdf_objects.py): each page's tables read as tables, the rest of its text
as lines joined back into paragraphs (a new paragraph where the gap between lines is wider than
the line spacing, or where an indented line follows a line at the margin). A PDF with no text
layer (a scan) goes to OCR page by page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ..problems import Code
from .guard import refusal
from .pdf_objects import page_objects
from .source import Line, Source, Table, clean

MIN_CHARS_PER_PAGE = 20  # fewer on every page: a scan, not a text layer


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _paragraphs(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """Text lines (pdfplumber's, top to bottom) joined into paragraphs: (text, first line's number)."""
    if not rows:
        return []
    margin = min(r["x0"] for r in rows)
    found: list[tuple[str, int]] = []
    previous: dict[str, Any] | None = None
    for number, row in enumerate(rows, start=1):
        height = row["bottom"] - row["top"]
        new = (
            previous is None
            or row["top"] - previous["bottom"] > 0.45 * height
            or (row["x0"] > previous["x0"] + 8 and previous["x0"] - margin < 4)
        )
        if new:
            found.append((row["text"], number))
        else:
            text, first = found[-1]
            found[-1] = (f"{text} {row['text']}", first)
        previous = row
    return found


def _table(rows: list[list[str | None]], page: int, index: int, start: int) -> Table:
    cells = [
        [Line(clean(" ".join((cell or "").split())), f"trang {page}, bảng {index}, hàng {r}, ô {c}", start)
         for c, cell in enumerate(row, start=1)]
        for r, row in enumerate(rows, start=1)
    ]
    return Table(cells, start)


def read_pdf(path: Path, pdfium: bool = True) -> Source:
    """The PDF's lines and tables; its pages parsed by PDFium (`pdfium`), else by pdfminer."""
    try:
        with pdfplumber.open(str(path)) as pdf:  # an encrypted or broken file is refused here
            if pdfium:
                _parse_with_pdfium(path, pdf)
            return _read(path, pdf)
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise refusal(path, Code.IMPORT_ENCRYPTED, "tệp PDF có mật khẩu hoặc bị khoá") from None
        raise refusal(path, Code.IMPORT_UNREADABLE, "không đọc được tệp PDF (tệp hỏng hoặc không phải PDF)") from None


def _parse_with_pdfium(path: Path, pdf: Any) -> None:
    """Give every pdfplumber page the characters and lines PDFium reads (pdf_objects.py), so that
    pdfminer never parses a page: pdfplumber keeps a page's objects in `_objects` once parsed."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for number, page in enumerate(pdf.pages):
            pdfium_page = document[number]
            page._objects = page_objects(pdfium_page, page.initial_doctop)
            pdfium_page.close()
    finally:
        document.close()


def _read(path: Path, pdf: Any) -> Source:
    lines: list[Line] = []
    tables: list[Table] = []
    number = 0
    if sum(len(page.chars) for page in pdf.pages) < MIN_CHARS_PER_PAGE * len(pdf.pages):
        from .ocr import read_scanned_pdf

        return read_scanned_pdf(path)
    for page_number, page in enumerate(pdf.pages, start=1):
        found = page.find_tables()
        boxes = [t.bbox for t in found]
        for index, table in enumerate(found, start=1):
            rows = table.extract()
            if tables and _continues(tables[-1], rows):
                _append(tables[-1], _table(rows, page_number, index, number).rows)
            else:
                tables.append(_table(rows, page_number, index, number))
        text_page = page.filter(lambda obj, boxes=boxes: obj.get("object_type") != "char" or not _inside(obj, boxes))
        for text, first in _paragraphs(text_page.extract_text_lines(keep_blank_chars=False)):
            number += 1
            if cleaned := clean(text):
                lines.append(Line(cleaned, f"trang {page_number}, dòng {first}", number))
    return Source(path, lines, tables)


def _continues(previous: Table, rows: list[list[str | None]]) -> bool:
    """A table that goes on over a page break: same number of columns, and no header row again."""
    if not rows or not previous.rows or len(rows[0]) != len(previous.rows[0]):
        return False
    return [(c or "").strip() for c in rows[0]] != [c.text for c in previous.rows[0]]


def _append(table: Table, rows: list[list[Line]]) -> None:
    """Rows of a table's next page; a first row with a blank first cell is the end of a row the page
    break cut, so its cells are added to that row's cells."""
    last = table.rows[-1]
    if rows and not rows[0][0].text and last[0].text and len(rows[0]) == len(last):
        table.rows[-1] = [Line(f"{a.text} {b.text}".strip(), a.where, a.number) for a, b in zip(last, rows[0], strict=True)]
        rows = rows[1:]
    table.rows.extend(rows)
