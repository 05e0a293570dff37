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
