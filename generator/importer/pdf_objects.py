"""A PDF page's characters and ruling lines, read by PDFium (pypdfium2, which pdfplumber already
depends on) in the shape pdfplumber's own objects have, so that pdfplumber's table finder and line
builder run on them unchanged. pdfminer's pure-Python parsing of every page was the import's whole
cost: on a 42-page LibreOffice plan it took 1.9 s of CPU, PDFium 0.4 s, with the same characters and
lines (`tests/test_import_formats.py` compares both readers' `Source`).

Where the two differ, and why it does not matter here: a character's box is PDFium's origin and
loose right edge (pdfminer's advance width differs by under 0.5 pt on some composed letters), and
its top and bottom come from the font's descent and size as pdfminer computes them (0.14 pt apart
on DejaVu Sans); words are split at gaps of 3 pt and lines at 3 pt. Every text is taken as upright.
A path is a ruling line when it is thinner than 1 pt, a rectangle when it has four straight sides;
other curves (a logo, a signature) draw no table border and are left out."""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

BREAKS = (0x0A, 0x0D, 0xFFFE)  # line ends and soft hyphens PDFium adds; pdfminer has no such characters
THIN = 1.0  # a path thinner than this (after its stroke) is a line


def page_objects(page: pdfium.PdfPage, doctop: float) -> dict[str, list[dict[str, Any]]]:
    """pdfplumber's `page.objects` for one page: its characters, lines and rectangles."""
    height = page.get_height()
    lines: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    for path in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=4):
        shape = _path(path, height, doctop)
        if shape is not None:
            (lines if shape["object_type"] == "line" else rects).append(shape)
    return {"char": _chars(page, height, doctop), "line": lines, "rect": rects}


def _chars(page: pdfium.PdfPage, height: float, doctop: float) -> list[dict[str, Any]]:
    textpage = page.get_textpage()
    handle = textpage.raw
    x, y, box, descent = ctypes.c_double(), ctypes.c_double(), raw.FS_RECTF(), ctypes.c_float()
    descents: dict[tuple[int | None, float], float] = {}
    chars = []
    for i in range(raw.FPDFText_CountChars(handle)):
        code = raw.FPDFText_GetUnicode(handle, i)
        if raw.FPDFText_IsGenerated(handle, i) == 1 or code in BREAKS:
            continue  # a space or line end PDFium inferred: pdfplumber infers its own from the gaps
        size = raw.FPDFText_GetFontSize(handle, i)
        raw.FPDFText_GetCharOrigin(handle, i, x, y)
        raw.FPDFText_GetLooseCharBox(handle, i, box)
        font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(handle, i))
        key = (ctypes.cast(font, ctypes.c_void_p).value, size)
        if key not in descents:
            raw.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
            descents[key] = descent.value
        y0 = y.value + descents[key]
        chars.append(_box("char", x.value, y0, box.right, y0 + size, height, doctop, text=chr(code), size=size, upright=True))
    textpage.close()
    return chars


def _path(path: pdfium.PdfObject, height: float, doctop: float) -> dict[str, Any] | None:
    left, bottom, right, top = path.get_bounds()
    stroke = ctypes.c_float()
    if raw.FPDFPageObj_GetStrokeWidth(path.raw, stroke) and stroke.value > 0:  # bounds include the stroke
        left, bottom, right, top = left + stroke.value, bottom + stroke.value, right - stroke.value, top - stroke.value
    if top - bottom < THIN:
        middle = (top + bottom) / 2
        return _box("line", left, middle, right, middle, height, doctop)
    if right - left < THIN:
        middle = (left + right) / 2
        return _box("line", middle, bottom, middle, top, height, doctop)
    if _is_rectangle(path):
        return _box("rect", left, bottom, right, top, height, doctop)
    return None


def _is_rectangle(path: pdfium.PdfObject) -> bool:
    """Four straight sides: a move, three or four lines, closed (how «re» and drawn boxes come)."""
    count = raw.FPDFPath_CountSegments(path.raw)
    kinds = [raw.FPDFPathSegment_GetType(raw.FPDFPath_GetPathSegment(path.raw, i)) for i in range(count)]
    return kinds[:1] == [raw.FPDF_SEGMENT_MOVETO] and all(k == raw.FPDF_SEGMENT_LINETO for k in kinds[1:]) and count in (4, 5)


def _box(kind: str, x0: float, y0: float, x1: float, y1: float, height: float, doctop: float, **more: Any) -> dict[str, Any]:
    """An object as pdfplumber keeps it: PDF coordinates (y up) and page coordinates (top down)."""
    return {"object_type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "width": x1 - x0, "height": y1 - y0,
            "top": height - y1, "bottom": height - y0, "doctop": doctop + height - y1, **more}
