"""Excel files (.xlsx): every sheet a table, every cell with its place («trang tính 1, hàng 4, ô 2»).
Values only (formulas' cached results), never links or macros (checked before: guard.check_archive).
A procedure code typed as a number loses its trailing zeros in Excel (2.000810 → 2.00081): such a
cell is written back with six decimals and marked, see `Line.where` «ô số»."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from .source import Line, Source, Table, clean

NUMBER_CELL = "ô số"


def _text(value: object) -> tuple[str, bool]:
    """The cell as text, and whether it was a number (not text) in the file."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("có" if value else "không"), False
    if isinstance(value, float) and 1 <= value < 10:
        return f"{value:.6f}", True  # a procedure code typed as a number: «1.000593»
    if isinstance(value, int | float):
        return (str(int(value)) if float(value).is_integer() else str(value)), True
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}", False
    return clean(str(value)), False


def read_sheet(path: Path) -> Source:
    workbook = load_workbook(str(path), read_only=True, data_only=True, keep_links=False)
    tables: list[Table] = []
    number = 0
    try:
        for s, sheet in enumerate(workbook.worksheets, start=1):
            rows: list[list[Line]] = []
            for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = []
                for c, value in enumerate(values, start=1):
                    number += 1
                    text, numeric = _text(value)
                    where = f"trang tính {s}, hàng {r}, ô {c}" + (f", {NUMBER_CELL}" if numeric else "")
                    cells.append(Line(text, where, r))
                if any(cell.text for cell in cells):
                    rows.append(cells)
            tables.append(Table(rows, number))
    finally:
        workbook.close()
    return Source(path, [], tables)
