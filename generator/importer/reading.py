"""Which reader reads a file, by its name's ending; every reader returns a `Source`."""

from __future__ import annotations

from pathlib import Path

from ..problems import CchcError, Code
from .guard import check_archive, check_file, check_text, refusal
from .source import Source, lines_of_text, tables_of_text

TEXT = (".txt", ".md", ".text")
WORD = (".docx", ".docm")
PDF = (".pdf",)
SHEET = (".xlsx", ".xlsm")
IMAGE = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


def read_text_file(path: Path) -> Source:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refusal(path, Code.IMPORT_UNREADABLE, "tệp chữ không phải mã UTF-8; hãy lưu lại với mã UTF-8") from None
    return Source(path, lines_of_text(text), tables_of_text(text))


def read_document(path: Path) -> Source:
    """The document as lines and tables; refused with a Vietnamese message when it cannot be read safely."""
    check_file(path)
    try:
        source = _read(path)
    except CchcError:
        raise
    except Exception:  # a hostile or broken file makes a parser fail in its own way: refuse it, never a traceback
        raise refusal(path, Code.IMPORT_UNREADABLE, "không đọc được tệp (tệp hỏng hoặc sai định dạng)") from None
    return source


def _read(path: Path) -> Source:
    suffix = path.suffix.lower()
    if suffix in TEXT:
        source = read_text_file(path)
    elif suffix in WORD:
        check_archive(path)
        from .word import read_word

        source = read_word(path)
    elif suffix in SHEET:
        check_archive(path)
        from .sheet import read_sheet

        source = read_sheet(path)
    elif suffix in PDF:
        from .pdf import read_pdf

        source = read_pdf(path)
    elif suffix in IMAGE:
        from .ocr import read_image

        source = read_image(path)
    else:
        raise refusal(path, Code.IMPORT_UNSUPPORTED_FORMAT, f"không đọc được tệp dạng «{suffix or 'không đuôi'}»")
    check_text(path, "\n".join(line.text for line in source.lines) + "".join(
        c.text for t in source.tables for row in t.rows for c in row))
    return source
