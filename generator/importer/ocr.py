"""Scans: images and PDFs without a text layer, read by Tesseract with its Vietnamese model (Debian
tesseract-ocr-vie; pdftoppm from poppler-utils renders a PDF's pages). Run as programs, never over
the network. Tesseract separates paragraphs by a blank line; the lines of one paragraph are joined.
Every value read this way is put up for review (Source.ocr)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..problems import Code
from .blocks import join_broken
from .guard import refusal
from .source import Line, Source, clean

DPI = 300
# Tesseract's OpenMP threads fight over a busy machine's cores: one thread read a page in 3.6 s where
# the default took 19 s (2 cores, load average ~7).
MAX_PAGES = 60
PAGE_SECONDS = 120


def _tool(path: Path, name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise refusal(path, Code.IMPORT_UNSUPPORTED_FORMAT, f"cần chương trình «{name}» để đọc bản quét (cài gói {package}: make tools)")
    return found


def ocr_text(path: Path, image: Path) -> str:
    """The text Tesseract reads in one image (Vietnamese model, page segmentation automatic)."""
    tesseract = _tool(path, "tesseract", "tesseract-ocr tesseract-ocr-vie")
    try:
        done = subprocess.run([tesseract, str(image), "stdout", "-l", "vie"], capture_output=True, timeout=PAGE_SECONDS, check=False,
                              env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired:
        raise refusal(path, Code.IMPORT_UNREADABLE, "nhận dạng chữ một trang quá lâu (ảnh quá lớn?)") from None
    if done.returncode != 0:
        raise refusal(path, Code.IMPORT_UNREADABLE, "không nhận dạng được chữ trong ảnh (ảnh hỏng hoặc không phải ảnh)")
    return done.stdout.decode("utf-8", errors="replace")


def _paragraph_lines(text: str, page: int, start: int) -> list[Line]:
    """Tesseract's blocks (split by blank lines), each block's lines joined where a sentence goes on
    (the same rule as for any text: a lower-case start, or a line cut mid-sentence)."""
    lines: list[Line] = []
    for block, part in enumerate(text.split("\n\n"), start=1):
        raw = [clean(t) for t in part.splitlines()]
        block_lines = [Line(t, f"trang {page}, khối {block}, OCR", start + len(lines) + i) for i, t in enumerate(raw) if t]
        lines += join_broken(block_lines)
    return lines


def read_image(path: Path) -> Source:
    return Source(path, _paragraph_lines(ocr_text(path, path), 1, 1), ocr=True)


def read_scanned_pdf(path: Path) -> Source:
    pdftoppm = _tool(path, "pdftoppm", "poppler-utils")
    lines: list[Line] = []
    with tempfile.TemporaryDirectory(prefix="cchc-ocr-") as folder:
        done = subprocess.run([pdftoppm, "-r", str(DPI), "-gray", "-png", "-l", str(MAX_PAGES), str(path), f"{folder}/trang"],
                              capture_output=True, timeout=PAGE_SECONDS * 4, check=False)
        if done.returncode != 0:
            raise refusal(path, Code.IMPORT_UNREADABLE, "không chuyển được trang PDF thành ảnh để nhận dạng chữ")
        for page, image in enumerate(sorted(Path(folder).glob("trang*.png")), start=1):
            lines += _paragraph_lines(ocr_text(path, image), page, len(lines) + 1)
    return Source(path, lines, ocr=True)
