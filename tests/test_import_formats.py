"""The same plan as an office keeps it: a Word file with the task list as a Word table, its PDF
export (LibreOffice), and a scanned page (pdftoppm, then Tesseract's Vietnamese model). Each imports
to the same draft as the plain text; what OCR read is marked for review."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from import_documents import pdf_of, word_plan
from import_oracle import compare

from generator.importer import import_document
from generator.importer.draft import review_marks

SEED = next((ROOT / "tests" / "data" / "import" / "seeds").glob("001_*.txt"))
HAND = ROOT / "units" / "tra-bong" / "plans" / "2022-truyen-thong-nang-cao-chi-so.yml"


def strings(text: str) -> dict:
    return yaml.load(text, Loader=yaml.BaseLoader)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("office")
    word_plan(SEED.read_text(encoding="utf-8"), strings(HAND.read_text(encoding="utf-8"))["tasks"], folder / "ke-hoach.docx")
    return folder


def text_draft() -> dict:
    return strings(import_document(SEED, "tra-bong", None, ROOT).text)


def test_a_word_file_with_a_task_table_imports_to_the_same_draft_as_the_text(office):
    result = import_document(office / "ke-hoach.docx", "tra-bong", None, ROOT)
    draft = strings(result.text)
    assert draft == text_draft()
    assert compare(draft, strings(HAND.read_text(encoding="utf-8"))).line("001 docx") == (
        "seed 001 docx: 4/4 numbers and dates, 1/1 citations, 13/13 tasks, 12/12 lead bodies, 12/12 partners, 12/12 time frames")


@pytest.mark.slow
def test_its_pdf_export_imports_to_the_same_draft_as_the_text(office):
    pdf = pdf_of(office / "ke-hoach.docx", office)
    result = import_document(pdf, "tra-bong", None, ROOT)
    assert strings(result.text) == text_draft()


@pytest.mark.slow
def test_pdfium_reads_the_same_characters_lines_and_tables_as_pdfminer(office):
    """The PDF's pages are parsed by PDFium for speed (importer/pdf_objects.py); pdfminer, which
    pdfplumber parses with, is the reference: the same lines with their places, the same table cells."""
    from generator.importer.pdf import read_pdf

    pdf = office / "ke-hoach.pdf" if (office / "ke-hoach.pdf").exists() else pdf_of(office / "ke-hoach.docx", office)
    fast, reference = read_pdf(pdf), read_pdf(pdf, pdfium=False)
    assert len(fast.lines) > 50 and sum(len(t.rows) for t in fast.tables) == 14  # a header and 13 task rows
    assert fast.lines == reference.lines
    assert fast.tables == reference.tables


@pytest.mark.slow
def test_a_scanned_page_is_read_by_ocr_and_every_figure_date_and_number_is_marked(office, tmp_path):
    pdf = office / "ke-hoach.pdf" if (office / "ke-hoach.pdf").exists() else pdf_of(office / "ke-hoach.docx", office)
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-r", "200", "-gray", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "scan")], check=True, timeout=120)
    result = import_document(next(tmp_path.glob("scan*.png")), "tra-bong", None, ROOT)
    scanned, text = strings(result.text), text_draft()
    for name in ("number", "symbol", "date", "place", "title", "issuer", "implements"):
        assert scanned[name] == text[name], name
    assert scanned["preamble"][0] == text["preamble"][0]
    # Tesseract reads the en dash of «2022 – 2025» as a hyphen: why every value it read is marked.
    assert scanned["preamble"][1] == text["preamble"][1].replace("–", "-")
    assert scanned["purposes"][:3] == text["purposes"][:3]
    marked = {field for field, _, _ in review_marks(result.text)}
    assert {"date", "place", "implements[0]", "preamble[0]", "preamble[1]"} <= marked
    assert "# Văn bản đọc bằng nhận dạng chữ (OCR): mọi giá trị cần đối chiếu với bản gốc." in result.text
    assert [p.format() for p in result.problems if p.code.value == "import-ocr"] == [
        f"{next(tmp_path.glob('scan*.png')).name}:1:1: cảnh báo: văn bản đọc bằng nhận dạng chữ (OCR): mọi giá trị cần đối chiếu với bản quét [import-ocr]"]


@pytest.mark.slow
def test_a_scanned_pdf_without_a_text_layer_goes_to_ocr(office, tmp_path):
    from PIL import Image

    pdf = office / "ke-hoach.pdf" if (office / "ke-hoach.pdf").exists() else pdf_of(office / "ke-hoach.docx", office)
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-r", "200", "-gray", "-png", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "scan")], check=True, timeout=120)
    Image.open(next(tmp_path.glob("scan*.png"))).convert("RGB").save(tmp_path / "ban-quet.pdf", resolution=200)
    result = import_document(tmp_path / "ban-quet.pdf", "tra-bong", None, ROOT)
    scanned, text = strings(result.text), text_draft()
    assert [scanned[k] for k in ("symbol", "date", "place", "title", "implements")] == [
        text[k] for k in ("symbol", "date", "place", "title", "implements")]
    assert ("implements[0]", "đọc bằng nhận dạng chữ (OCR): «845/QĐ-UBND» cần đối chiếu với bản quét", "trang 1, khối 3, OCR") in (
        review_marks(result.text))
