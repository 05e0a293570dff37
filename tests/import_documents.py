"""Real office files made from a seed, the way an office makes them: a Word file whose task list is
a Word table (python-docx), its PDF export (LibreOffice, headless) and a scanned page (pdftoppm)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from docx import Document
from docx.shared import Pt

TASK_COLUMNS = ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Nội dung chi tiết")


def _row(table: Any, mark: str, task: dict[str, Any]) -> None:
    cells = table.add_row().cells
    values = (mark, task["title"], task.get("lead", ""), ", ".join(task.get("partners", [])), task.get("timeframe", ""),
              task.get("content", ""))
    for cell, value in zip(cells, values, strict=True):
        cell.text = value


def word_plan(seed_text: str, tasks: list[dict[str, Any]], path: Path) -> Path:
    """The seed's paragraphs as Word paragraphs; the part «III. NHIỆM VỤ CỤ THỂ» as a table of `tasks`
    (typed from the hand-made YAML, as an office types its table), sub-tasks as rows «a», «b»."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"  # a font with every Vietnamese letter, on any machine with LibreOffice
    style.font.size = Pt(11)
    style.paragraph_format.space_after = Pt(6)
    skipping = False
    for raw in seed_text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if re.match(r"^IV\.\s", line):
            skipping = False
        if skipping:
            continue
        document.add_paragraph(line)
        if line.startswith("III. NHIỆM VỤ"):
            skipping = True
            table = document.add_table(rows=1, cols=len(TASK_COLUMNS))
            table.style = "Table Grid"
            for cell, title in zip(table.rows[0].cells, TASK_COLUMNS, strict=True):
                cell.text = title
            for number, task in enumerate(tasks, start=1):
                _row(table, str(number), task)
                for letter, sub in zip("abcdefgh", task.get("subtasks", []), strict=False):
                    _row(table, letter, sub)
    document.save(str(path))
    return path


def pdf_of(document: Path, out: Path) -> Path:
    """The Word file exported to PDF by LibreOffice, as offices do."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (make tools) is needed to export the Word file to PDF"
    profile = out / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(document)],
        check=True, capture_output=True, timeout=180,
    )
    return out / (document.stem + ".pdf")
