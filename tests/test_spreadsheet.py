"""The open-data CSV opened in a real spreadsheet (LibreOffice Calc, headless): Vietnamese reads
right, a name or label a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@…`, `+…`) stays
text, and a negative figure stays a number. The file starts with the UTF-8 byte-order mark, which
is how Excel knows the file is UTF-8 (without it Excel shows «ÄÄƒng kÃ½» for «Đăng ký»)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import cchc

SOFFICE = shutil.which("soffice")
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
HYPERLINK = '=HYPERLINK("https://vd.example/","Bấm vào đây")'
REPORT = "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml"


def replace(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, (file, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def sheet(csv_file: Path, out: Path) -> list[list[tuple[str, str, str | None]]]:
    """The CSV opened by LibreOffice with UTF-8 chosen (its import dialog's choice; headless it does
    not look for the mark) and formulas evaluated, saved as flat ODS: each cell as (text, type, formula)."""
    done = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/profile", "--infilter=CSV:44,34,UTF8",
         "--convert-to", "fods", "--outdir", str(out), str(csv_file)],
        capture_output=True, text=True, timeout=180)
    converted = out / f"{csv_file.stem}.fods"
    assert converted.is_file(), done.stdout + done.stderr
    rows = []
    for row in ElementTree.parse(converted).iter(f"{{{NS['table']}}}table-row"):
        cells = []
        for cell in row.iter(f"{{{NS['table']}}}table-cell"):
            repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
            text = "\n".join("".join(p.itertext()) for p in cell.iter(f"{{{NS['text']}}}p"))
            found = (text, cell.get(f"{{{NS['office']}}}value-type", ""), cell.get(f"{{{NS['table']}}}formula"))
            cells += [found] * min(repeat, 50)
        rows.append(cells)
    return rows


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: make tools")
def test_the_csv_opens_in_a_spreadsheet_as_text_and_numbers_never_formulas(project, tmp_path):
    replace(project, "content/procedures/1.000593.yml", "name: Đăng ký kết hôn lưu động", f"name: '{HYPERLINK}'")
    replace(project, REPORT, "- label: Biên chế hành chính hiện có\n  value: '19'", "- label: '@SUM(1+1)*cmd'\n  value: '-19'")
    replace(project, REPORT, "- label: Người tham gia tuyên truyền", "- label: +Người tham gia tuyên truyền")
    run = cchc(project, "build", "son-thuong")
    assert run.code == 0, run.err
    data = project / "site" / "son-thuong" / "du-lieu"
    procedures, report = data / "thu-tuc.csv", next(data.glob("bao-cao-*.csv"))
    for csv_file in (procedures, report):
        assert csv_file.read_bytes().startswith(b"\xef\xbb\xbf" + b"key" if csv_file == procedures else b"\xef\xbb\xbfscope")

    rows = sheet(procedures, tmp_path)
    assert rows[0][0][0] == "key"  # the mark is read as the mark, not as part of the first name
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c[2]] == []  # no formula anywhere
    assert ("'" + HYPERLINK, "string", None) in cells  # the name is text, shown as the source gave it
    assert any(text.startswith("Chứng thực bản sao từ bản chính") for text, _, _ in cells)

    rows = sheet(report, tmp_path)
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if c[2]] == []
    assert ("'@SUM(1+1)*cmd", "string", None) in cells
    assert cells.count(("-19", "float", None)) == 2  # the value and the figure as published: numbers, not text
    assert any(text == "'+Người tham gia tuyên truyền, phổ biến giáo dục pháp luật trong quý" for text, _, _ in cells)
    assert ("hồ sơ", "string", None) in cells
