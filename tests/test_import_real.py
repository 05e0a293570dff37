"""Real documents (tests/data/real/, stored with their address and the date seen): the text, as stored
in source.md, imports to a draft in which every fact of the record's facts.yml lands exactly as
published: DVC portal detail pages as procedure drafts, and commune plans and reports of 2025, after
the July 2025 merger, as plan and report drafts that validate in the project."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from generator.importer import import_document
from generator.importer.draft import review_marks
from generator.pipeline import check

REAL = ROOT / "tests" / "data" / "real"
PAGES = ["dvcqg-bo-tri-on-dinh-dan-cu-ngoai-huyen", "tiengiang-gocongtay-bo-tri-on-dinh-dan-cu"]


def page_text(record: str) -> str:
    """The verbatim text block of the record's source.md."""
    source = (REAL / record / "source.md").read_text(encoding="utf-8")
    return source.split("```text\n", 1)[1].split("\n```", 1)[0] + "\n"


def leaves(data: object) -> list[str]:
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in leaves(value)]
    return [str(data)]


@pytest.mark.parametrize("record", PAGES)
def test_every_fact_of_a_real_dvc_page_lands_in_the_draft_exactly(record, tmp_path):
    page = tmp_path / f"{record}.txt"
    page.write_text(page_text(record), encoding="utf-8")
    result = import_document(page, "son-thuong", None, ROOT)
    assert result.kind == "procedure"
    assert result.target.parent == Path("content/procedures")
    values = leaves(yaml.load(result.text, Loader=yaml.BaseLoader))
    facts = yaml.safe_load((REAL / record / "facts.yml").read_text(encoding="utf-8"))["facts"]
    # A field («lĩnh vực») is a slug of content/fields.yml in the schema: a name the catalog lacks is
    # kept, exactly as written, in the draft's review mark for `field`.
    marked = [reason for field, reason, _ in review_marks(result.text) if field == "field"]
    missing = [f["text"] for f in facts
               if f["text"].split("\n\n")[-1] not in values and not any(f"«{f['text']}»" in r for r in marked)]
    assert missing == []


# record: (kind given on the command line, or None when the importer recognises it; the draft's folder;
# the validation errors the draft keeps until the editor adds what the stored copy does not give)
COMMUNE = {
    "quangngai-longphung-2025-ke-hoach-cchc": (None, "plans", []),
    "dongnai-hungthinh-2025-ke-hoach-cchc": ("plan", "plans",
                                             ["units/son-thuong/plans/khong-ro-nam-van-ban.yml:7:1: title: Thiếu trường bắt buộc [missing-field]"]),
    "haiphong-phulien-2025-q3-so-ket-cchc": (None, "reports", []),  # told by its headline («sơ kết»)
}


FRAME = re.compile(r"^(?:[IVX]+\.|\d\.) (?:MỤC ĐÍCH|MỤC TIÊU|Mục đích|Mục tiêu|Yêu cầu|NỘI DUNG)(?:, .*)?$")
NUMBERED = re.compile(r"^\d+(?:\.\d+)*\. ")


def at(data: object, path: str) -> object:
    """The draft's value at a field path as `cchc validate` prints it («figures[3]», «tasks[0].title»)."""
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        data = data[int(index)] if index else data[name]  # type: ignore[index]
    return data


def shown(value: object) -> str:
    """A figure as the page shows it («97,7» and «%» are «97,7%»); any other value as it is."""
    if isinstance(value, dict) and "value" in value:
        return f"{value['value']}{value['unit']}" if value.get("unit") == "%" else f"{value['value']} {value.get('unit', '')}".strip()
    return str(value)


@pytest.mark.parametrize("record", sorted(COMMUNE))
def test_every_fact_of_a_real_commune_plan_or_report_lands_in_the_draft_exactly(record, project, tmp_path):
    kind, folder, errors = COMMUNE[record]
    document = tmp_path / f"{record}.txt"
    document.write_text(page_text(record), encoding="utf-8")
    result = import_document(document, "son-thuong", kind, project)
    assert result.target.parent == Path("units/son-thuong") / folder
    draft = yaml.load(result.text, Loader=yaml.BaseLoader)
    marks = review_marks(result.text)
    facts = yaml.safe_load((REAL / record / "facts.yml").read_text(encoding="utf-8"))["facts"]
    missing = []
    for fact in facts:
        if "lands" in fact:
            ok = shown(at(draft, fact["lands"])) == fact["text"]
        elif "within" in fact:
            ok = fact["text"] in str(at(draft, fact["within"]))
        else:
            ok = any(field == fact["marked"] and f"«{fact['text']}»" in reason for field, reason, _ in marks)
        if not ok:
            missing.append(fact)
    assert missing == []
    # Every line of the text is in the draft or listed as unplaced: nothing is silently dropped. A
    # numbered heading of the plan's own frame («I. MỤC ĐÍCH, YÊU CẦU», «1. Mục đích») is the field
    # it opens (purposes, requirements), so it is not looked for as a value.
    values = " ".join(leaves(draft))
    unplaced = " ".join(p.message for p in result.problems if p.code.value == "import-unplaced")
    lines = [NUMBERED.sub("", line.strip().removeprefix("- ")).strip() for line in page_text(record).splitlines()
             if not FRAME.match(line.strip())]
    dropped = [line for line in lines if line and line not in values and line not in unplaced]
    assert dropped == []
    (project / result.target).parent.mkdir(parents=True, exist_ok=True)
    (project / result.target).write_text(result.text, encoding="utf-8")
    _, problems = check(project)
    assert [p.format() for p in problems if p.is_error] == errors  # no title is invented


# A province's announcing decision with its own annex table: QĐ 1766/QĐ-UBND (Bình Thuận, 2020), whole,
# as stored (a Markdown conversion of the published page). It reaches an office as pasted text and as an
# Excel sheet; the sheet is built here from the stored cells, word for word, in the decision's layout:
# the annex title, then each part's heading line, its header («Cách thức thực hiện» merged over «Mức độ
# DVC» and «Thực hiện qua BCCI», the other header cells merged down over both header lines) and its rows.
ANNEX = "binhthuan-2020-qd-1766-danh-muc-tthc"
_SECTION = {"amended": "Sửa đổi", "abolished": "Bãi bỏ"}
CODE = re.compile(r"\d\.\d{6}(?:\.[0-9A-Za-z]+)*")  # «2.000815», «1.001612.000.00.00.H55»


def stored_rows(text: str) -> list[list[str]]:
    """The stored Markdown table rows from the annex title on, each a list of its cells (the «|---|»
    rule under a header left out); a line outside a table is a one-cell row (a title or part heading)."""
    annex = text[text.index("PHỤ LỤC 01"):]
    rows = []
    for line in annex.splitlines():
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip()[1:-1].split("|")]
            if not all(set(cell) <= {"-"} and cell for cell in cells):
                rows.append(cells)
        elif line.strip():
            rows.append([line.strip()])
    return rows


def annex_grid(text: str) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The annex as a sheet lays it out: its rows (a title or part heading is a one-cell row) and its
    merged cells (first row, first column, last row, last column; 1-based). Part A's header is two
    lines: «Cách thức thực hiện» over its two sub-columns, the other header cells merged down."""
    rows: list[list[str]] = []
    merged: list[tuple[int, int, int, int]] = []
    for cells in stored_rows(text):
        if cells[:2] == ["Mức độ DVC", "Thực hiện qua BCCI"]:  # the sub-header, under «Cách thức thực hiện»
            top = len(rows)
            rows.append(["", "", "", "", *cells[:2], "", "", ""])
            merged += [(top, column, top + 1, column) for column in (1, 2, 3, 4, 7, 8, 9)] + [(top, 5, top, 6)]
        elif cells[0] == "TT" and len(cells) == 10:  # part A's header: «Cách thức thực hiện» spans two columns
            rows.append([*cells[:5], "", *cells[5:8]])
        else:
            rows.append(cells[:9] if len(cells) == 10 else cells)  # part A's rows end with an empty 10th cell
    return rows, merged


def annex_workbook(text: str, path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    rows, merged = annex_grid(text)
    for cells in rows:
        sheet.append(cells)
    for first_row, first_column, last_row, last_column in merged:
        sheet.merge_cells(start_row=first_row, start_column=first_column, end_row=last_row, end_column=last_column)
    book.save(str(path))
    return path


def annex_pasted(text: str) -> str:
    """The stored text as a table copied from Word pastes: each row's cells separated by tabs."""
    rows = (line if not line.startswith("|") else "\t".join(c.strip() for c in line.strip()[1:-1].split("|"))
            for line in text.splitlines() if not line.startswith("|---"))
    return "\n".join(rows) + "\n"


def annex_word(text: str, path: Path) -> Path:
    """A Word file of the annex: the title and each part's heading as paragraphs, each part a Word
    table with the same merged header cells as the sheet."""
    from docx import Document

    document = Document()
    rows, merged = annex_grid(text)
    tables: list[tuple[int, Any]] = []  # (the sheet row of the table's first row, the table)
    for number, cells in enumerate(rows, start=1):
        if len(cells) == 1:
            document.add_paragraph(cells[0])
            continue
        if not tables or tables[-1][0] + len(tables[-1][1].rows) != number:
            tables.append((number, document.add_table(rows=0, cols=len(cells))))
        for cell, value in zip(tables[-1][1].add_row().cells, cells, strict=True):
            cell.text = value
    for first_row, first_column, last_row, last_column in merged:
        start, table = next((start, table) for start, table in reversed(tables) if start <= first_row)
        grid = table.rows
        grid[first_row - start].cells[first_column - 1].merge(grid[last_row - start].cells[last_column - 1])
    document.save(str(path))
    return path


def annex_facts() -> list[dict[str, str]]:
    facts: list[dict[str, str]] = yaml.safe_load((REAL / ANNEX / "facts.yml").read_text(encoding="utf-8"))["facts"]
    return facts


def test_every_fact_of_the_real_annex_is_in_its_source():
    source = (REAL / ANNEX / "source.md").read_text(encoding="utf-8")
    assert [f["text"] for f in annex_facts() if f["text"] not in source] == []


@pytest.mark.parametrize("form", ["txt", "pasted.txt", "xlsx", "docx"])
def test_a_real_announcing_decisions_annex_lands_row_by_row_with_its_sections(form, project, tmp_path):
    from generator.importer.procedures import annex_rows
    from generator.importer.reading import read_document

    text = page_text(ANNEX)
    document = tmp_path / f"qd-1766.{form}"
    if form.endswith("txt"):
        document.write_text(text if form == "txt" else annex_pasted(text), encoding="utf-8")
    else:
        (annex_workbook if form == "xlsx" else annex_word)(text, document)
    result = import_document(document, "son-thuong", None, project)
    assert result.kind == "procedures" and result.target == Path("units/son-thuong/procedures.yml")
    named = [f for f in annex_facts() if "section" in f]
    coded = [f for f in named if CODE.fullmatch(f["code"])]
    # Each part's rows are classified as the decision heads them («A. … SỬA ĐỔI, BỔ SUNG», «B. … BỊ BÃI BỎ»),
    # also the rows whose names say «sửa đổi, bổ sung, hủy bỏ».
    rows, uncoded = annex_rows(read_document(document))
    assert [(r.code, r.name, r.section) for r in rows] == [(f["code"], f["text"], f["section"]) for f in coded]
    # Every row is in the summary or the draft, by its code and exact name: the catalog's procedure as a
    # change, a code the catalog lacks as a note with an [unknown-procedure] warning, an abolished code the
    # unit does not list as a note, and a row without a code as an unplaced line.
    unknown = {p.message.split("«")[1].split("»")[0]: p for p in result.problems if p.code.value == "unknown-procedure"}
    missing = []
    for fact in coded:
        code, name = fact["code"], fact["text"]
        if code == "2.000815":
            found = any(c.startswith(f"Sửa đổi: {code} — {name} (") for c in result.changes)
        elif fact["section"] == "abolished":
            found = f"# BÃI BỎ, KHÔNG CÓ TRONG DANH SÁCH CỦA ĐƠN VỊ: {code} — {name} (" in result.text and code not in unknown
        else:
            found = f"# CHƯA CÓ TRONG DANH MỤC: {code} — {name} (" in result.text and code in unknown
        if not found:
            missing.append(f"{_SECTION[fact['section']]}: {code} — {name}")
    assert missing == []
    assert sorted(unknown) == sorted(f["code"] for f in coded if f["section"] == "amended" and f["code"] != "2.000815")
    without_code = [f["text"] for f in named if not CODE.fullmatch(f["code"])]
    assert [name for name in without_code if not any(name in line.text for line in uncoded)] == []
    assert [p for p in result.problems if p.code.value == "import-unplaced"] and len(uncoded) == len(without_code) == 2
    assert all(f"# CHƯA XẾP: {line.where}: {line.text}" in result.text for line in uncoded)
    # The procedure the unit lists and the decision amends stays, with its local details; the rest of the
    # unit's list is untouched (the decision abolishes none of it); the draft validates.
    assert result.text.endswith("procedures:\n- code: '2.000815'\n  where: Bộ phận Tiếp nhận và Trả kết quả, Ủy ban nhân dân xã Sơn Thượng\n"
                                "- code: '1.000593'\n  where: Tại nhà của một trong hai bên nam, nữ hoặc địa điểm tổ chức đăng ký kết hôn lưu động do "
                                "Ủy ban nhân dân xã Sơn Thượng bố trí\n")
    (project / result.target).write_text(result.text, encoding="utf-8")
    assert [p.format() for p in check(project)[1] if p.is_error] == []


def test_the_real_annex_as_text_names_the_line_of_each_missing_code_and_of_each_row_without_one(tmp_path):
    text = page_text(ANNEX)
    document = tmp_path / "qd-1766.txt"
    document.write_text(text, encoding="utf-8")
    lines = [p.format() for p in import_document(document, "son-thuong", None, ROOT).problems]
    number = next(i for i, line in enumerate(text.splitlines(), start=1) if "| 2.000843 |" in line)
    assert (f"qd-1766.txt:{number}:1: cảnh báo: procedures: Không có thủ tục mã «2.000843» trong danh mục content/procedures; "
            "có phải ý bạn là «2.000815»?; chưa đưa vào danh sách [unknown-procedure]") in lines
    number = next(i for i, line in enumerate(text.splitlines(), start=1) if "| Không có mã số |" in line)
    assert (f"qd-1766.txt:{number}:1: cảnh báo: chưa xếp vào trường nào, giữ trong bản nháp: «2 | Không có mã số | Chứng thực "
            "chữ ký trong các giấy tờ, văn bản (áp dụng cho …» [import-unplaced]") in lines
