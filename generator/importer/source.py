"""Reading a document into lines of text, each knowing where it came from (line, table cell, page).

Every format ends as the same `Source`: plain text and Word paragraphs become lines; a Word table
becomes `Table` rows of cells; a PDF page's text becomes lines marked with its page; OCR text is
marked so every value taken from it is put up for review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Line:
    """One line of the document and where it is: «dòng 12», «trang 2, dòng 5», «bảng 1, hàng 3, ô 2»."""

    text: str
    where: str
    number: int  # the line's position in the whole document (1-based), for the summary's place
    joined: tuple[int, ...] = ()  # the numbers of the lines joined to this one (a sentence broken across lines)

    @property
    def numbers(self) -> tuple[int, ...]:
        return (self.number, *self.joined)


@dataclass(frozen=True)
class Table:
    """A table read as a table: rows of cells, each cell a `Line` with its place."""

    rows: list[list[Line]]
    after: int  # the number of the document line the table follows


@dataclass
class Source:
    """A document as lines and tables, with the file it came from and how it was read."""

    path: Path
    lines: list[Line]
    tables: list[Table] = field(default_factory=list)
    ocr: bool = False  # read from an image: every value needs a look

    @property
    def name(self) -> str:
        return self.path.name


def clean(text: str) -> str:
    """A line as the document writes it, without the Markdown bold/italic marks a conversion adds
    and without surrounding spaces. Figures, dates and numbers are never touched."""
    text = text.replace("\u00a0", " ").strip()
    while text.startswith(("**", "*** ")) or text.endswith("**"):
        text = text.removeprefix("*** ").removeprefix("**").removesuffix("**").strip()
    return text


def lines_of_text(text: str, page: int | None = None, start: int = 1) -> list[Line]:
    """The non-blank lines of a text, numbered as in the text (so the summary points at them)."""
    found = []
    for offset, raw in enumerate(text.splitlines()):
        line = clean(raw)
        if not line:
            continue
        where = f"dòng {offset + 1}" if page is None else f"trang {page}, dòng {offset + 1}"
        found.append(Line(line, where, start + offset))
    return found


def _cells(raw: str) -> list[str] | None:
    """A text line's cells when it is a table row: «| a | b |» as Markdown writes a table, or three
    or more cells separated by tabs as a table copied from Word or Excel is pasted (a numbered
    paragraph pastes as «1.<tab>text», an indented one as «<tab><tab>text»: not rows); None for any
    other line."""
    line = raw.strip()
    if line.startswith("|") and line.endswith("|") and len(line) > 1:
        return line[1:-1].split("|")
    cells = raw.split("\t")
    filled = sum(1 for cell in cells if cell.strip())
    return cells if len(cells) >= 3 and filled != 1 else None


def _rule(cells: list[str]) -> bool:
    """«|---|:---:|» under a Markdown table's header: not a row of the document."""
    return all(set(cell.strip()) <= set("-: ") and cell.strip() for cell in cells)


def tables_of_text(text: str) -> list[Table]:
    """The tables of a plain text: runs of consecutive table rows (see `_cells`). Each cell keeps its
    line and column («dòng 53, ô 2»); the rows stay in the text's lines as well, so what a reader of
    lines took from them before is unchanged."""
    tables: list[Table] = []
    rows: list[list[Line]] = []
    for offset, raw in enumerate([*text.splitlines(), ""]):
        cells = _cells(raw)
        if cells is None:
            if rows:
                tables.append(Table(rows, rows[0][0].number - 1))
                rows = []
            continue
        if not _rule(cells):
            rows.append([Line(clean(cell), f"dòng {offset + 1}, ô {c}", offset + 1) for c, cell in enumerate(cells, start=1)])
    return tables
