"""A unit's procedure list from the annex table of a province's announcing decision («Quyết định công
bố danh mục thủ tục hành chính»: STT, mã TTHC, tên TTHC, lĩnh vực, …), and what a newer decision
changes in the unit's current list: procedures added (mới ban hành), amended (sửa đổi, bổ sung),
replaced (thay thế) and abolished (bãi bỏ). Codes are copied as written; a code the catalog does not
hold is not listed (validation would refuse it) but kept as a comment and reported with a suggestion.
Nothing in the table is dropped unsaid: a row naming a procedure without a code («Không có mã số», a
blank code cell) is an unplaced line, and an abolished code the unit does not list is a comment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..problems import Code, Problem, Severity, Suggester
from .draft import Draft
from .sheet import NUMBER_CELL
from .source import Line, Source, Table

SECTIONS = (
    ("abolished", ("bãi bỏ", "hủy bỏ", "huỷ bỏ")),
    ("replaced", ("thay thế",)),
    ("amended", ("sửa đổi", "bổ sung")),
    ("added", ("mới ban hành", "ban hành mới")),
)
_CODE = re.compile(r"\d\.\d{6}(?:\.[0-9A-Za-z]+)*|[A-Z]{1,3}-[A-Z]{2,5}-[0-9A-Z-]+")
_WORDS = {"added": "Thêm", "amended": "Sửa đổi", "replaced": "Thay thế", "abolished": "Bãi bỏ", "listed": "Có trong danh mục"}


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    section: str  # added, amended, replaced, abolished, or listed (no section heading)
    line: Line  # the code's cell
    replaces: str | None = None  # for a replacing procedure: the code it replaces, if the table gives it


def _columns(header: list[Line]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = cell.text.lower()
        if "mã" in text and "thay thế" in text:
            found.setdefault("replaces", index)
        elif "mã" in text and ("tthc" in text or "thủ tục" in text or text.strip() in ("mã", "mã số")):
            found.setdefault("code", index)
        elif "tên" in text:
            found.setdefault("name", index)
        elif text.strip() in ("stt", "tt", "số tt", "số thứ tự"):
            found.setdefault("number", index)
    return found


def _is_header(row: list[Line]) -> bool:
    """The table's header row: a cell names the code column («Mã TTHC», «Mã số TTHC», «Mã thủ tục»)
    and no cell holds a code (a procedure's name may say «mã» and «thủ tục» too)."""
    return "code" in _columns(row) and not any(_CODE.fullmatch(cell.text) for cell in row)


def _cell(row: list[Line], columns: dict[str, int], name: str) -> Line | None:
    index = columns.get(name)
    return row[index] if index is not None and index < len(row) else None


def _is_procedure(row: list[Line], columns: dict[str, int]) -> bool:
    """A row that names a procedure (a name, and a plain number in the STT column when there is one),
    as opposed to a heading row («A. THỦ TỤC … BỊ BÃI BỎ», «I.3 | Thủ tục hành chính cấp xã», the
    second line of a two-line header)."""
    name, number = _cell(row, columns, "name"), _cell(row, columns, "number")
    return bool(name and name.text) and (number is None or number.text.rstrip(".").isdigit())


def _section_of(text: str, current: str) -> str:
    lowered = text.lower()
    for name, words in SECTIONS:
        if any(w in lowered for w in words):
            return name
    return current


def annex_rows(source: Source) -> tuple[list[Row], list[Line]]:
    """Every procedure row of every annex table, with the section its heading row (or the paragraph
    before the table) puts it in; and the rows that name a procedure without a code the catalog could
    hold («Không có mã số», a blank code cell), each as one line to list, never silently dropped."""
    rows: list[Row] = []
    uncoded: list[Line] = []
    for table in source.tables:
        if not any(_is_header(row) for row in table.rows):
            continue
        section = _section_before(source, table)
        columns: dict[str, int] = {}  # from the table's header row; a sheet may hold one header per part
        for row in table.rows:
            code_cell = _cell(row, columns, "code")
            if _is_header(row):
                columns = _columns(row)
            elif code_cell is not None and _CODE.fullmatch(code_cell.text):
                name = _cell(row, columns, "name")
                replaces = _cell(row, columns, "replaces")
                rows.append(Row(code_cell.text, " ".join(name.text.split()) if name else "", section, code_cell,
                                replaces.text if replaces and replaces.text else None))
            elif columns and _is_procedure(row, columns):
                where = _cell(row, columns, "name") or row[0]
                uncoded.append(Line(" | ".join(c.text for c in row if c.text), where.where, where.number))
            else:  # a title or heading row, above the header («A. … SỬA ĐỔI, BỔ SUNG») or within the table
                section = _section_of(" ".join(c.text for c in row), section)
    return rows, uncoded


def _section_before(source: Source, table: Table) -> str:
    before = [line for line in source.lines if line.number <= table.after]
    return _section_of(before[-1].text, "listed") if before else "listed"


def current_list(root: Path, unit: str) -> list[dict[str, Any]]:
    path = root / "units" / unit / "procedures.yml"
    if not path.is_file():
        return []
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # strings only, as the loader reads
    entries = data.get("procedures", []) if isinstance(data, dict) else []
    return [e for e in entries if isinstance(e, dict) and "code" in e]


def catalog_codes(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "content" / "procedures").glob("*.yml"))


def extract_procedures(source: Source, root: Path, unit: str) -> Draft:
    rows, uncoded = annex_rows(source)
    current = current_list(root, unit)
    catalog = catalog_codes(root)
    known = set(catalog)
    suggest = Suggester(catalog)
    listed = {e["code"]: e for e in current}
    draft = Draft("procedures", {}, source, unplaced=uncoded, name="procedures")
    for row in rows:
        if NUMBER_CELL in row.line.where:
            draft.mark(f"procedures: {row.code}", "mã ghi dạng số trong Excel (có thể mất số 0 ở cuối): đối chiếu với văn bản", row.line)
        if row.section == "abolished":
            if row.code in listed:
                del listed[row.code]
                draft.changes.append(f"{_WORDS['abolished']}: {row.code} — {row.name} ({row.line.where})")
            else:  # not on the unit's list: nothing to take off, kept as a note
                draft.notes.append(f"BÃI BỎ, KHÔNG CÓ TRONG DANH SÁCH CỦA ĐƠN VỊ: {row.code} — {row.name} ({row.line.where})")
            continue
        if row.section == "replaced" and row.replaces in listed:
            del listed[row.replaces]
            draft.changes.append(f"{_WORDS['replaced']}: {row.replaces} → {row.code} — {row.name} ({row.line.where})")
        if row.code in listed:
            if row.section == "amended":
                draft.changes.append(f"Sửa đổi: {row.code} — {row.name} ({row.line.where}): đối chiếu lại thủ tục trong danh mục")
            continue
        if row.code not in known:
            draft.notes.append(f"CHƯA CÓ TRONG DANH MỤC: {row.code} — {row.name} ({row.line.where})")
            message = f"Không có thủ tục mã «{row.code}» trong danh mục content/procedures{suggest.hint(row.code)}; chưa đưa vào danh sách"
            draft.problems.append(Problem(source.name, row.line.number, 1, "procedures", message, Code.UNKNOWN_PROCEDURE, Severity.WARNING))
            continue
        listed[row.code] = {"code": row.code}
        draft.changes.append(f"{_WORDS['added' if row.section == 'listed' else row.section]}: {row.code} — {row.name} ({row.line.where})")
    draft.data = {"procedures": list(listed.values())}
    return draft
