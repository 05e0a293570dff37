"""The roll-up's open data: the table the roll-up page shows, as CSV and JSON, described in the
unit's Frictionless data package beside its own tables (render/open_data.py).

Each figure has three columns: `<name>` (plain machine notation), `<name>_as_published` (exactly
as the page shows it) and `<name>_computed` (true when the page added or divided it). A held-back
member's row carries `published_on`, the day its figures were last published."""

from __future__ import annotations

import json
from typing import Any

from ..content_types import REPORT
from ..resolve import ResolvedUnit
from ..routes import DATA_FOLDER, DATA_FORMATS, DATA_PACKAGE, ROLLUP, ROLLUP_TABLE, rollup_data
from . import open_data
from .open_data import Cell, Column
from .province import COLUMNS, RollupRow

ROLLUP_COLUMNS = (
    Column("unit", "string", "Mã đơn vị", "Tên thư mục của đơn vị trong units/"),
    Column("unit_name", "string", "Đơn vị", "Tên đơn vị"),
    Column("period", "string", "Kỳ báo cáo", "Kỳ của báo cáo có số liệu, như trang ghi"),
    Column("scope", "string", "Phạm vi", "Phạm vi của bảng số liệu, nếu báo cáo ghi"),
    Column("short_name", "string", "Tên ngắn", "Tên ngắn của đơn vị, như trang ghi"),
    Column("site_url", "string", "Trang của đơn vị", "Địa chỉ trang của đơn vị"),
    Column("report_page", "string", "Báo cáo", "Trang của báo cáo trên trang của đơn vị"),
    Column("published_on", "date", "Ngày công bố", "Ngày (theo commit) của lần đăng đã tính các số của dòng này"),
    Column("held_back", "boolean", "Bị giữ lại", "true khi đơn vị đang bị giữ lại vì lỗi dữ liệu: dòng là số liệu đã công bố ngày «published_on»"),
    *(
        column
        for name, title, description in COLUMNS
        for column in (
            Column(name, "number", title, description + " (số viết kiểu máy)"),
            Column(f"{name}_as_published", "string", f"{title} (như trang ghi)", description + ", đúng như trang ghi"),
            Column(f"{name}_computed", "boolean", f"{title}: số tính", "true khi trang cộng hoặc chia từ các số báo cáo ghi"),
        )
    ),
)


def row(r: RollupRow) -> dict[str, Cell]:
    found: dict[str, Cell] = {
        "unit": r.slug,
        "unit_name": r.full_name,
        "short_name": r.name,
        "site_url": r.site_url,
        "period": r.period or None,
        "scope": r.scope,
        "report_page": r.report_url,
        "published_on": r.published_on.isoformat() if r.published_on else None,
        "held_back": r.held_back,
    }
    for name, _, _ in COLUMNS:
        cell = r.cell(name)
        found[name] = cell.value
        found[f"{name}_as_published"] = cell.text or None
        found[f"{name}_computed"] = cell.computed if cell.value is not None else None
    return found


def _resources(unit: ResolvedUnit) -> list[dict[str, Any]]:
    return [
        {
            "name": ROLLUP_TABLE if fmt == "csv" else f"{ROLLUP_TABLE}-{fmt}",
            "path": rollup_data(fmt).file.removeprefix(DATA_FOLDER + "/"),
            "profile": "tabular-data-resource",
            "format": fmt,
            "mediatype": open_data.WRITERS[fmt][1],
            "encoding": "utf-8",
            "title": f"Số liệu giải quyết hồ sơ của các đơn vị thuộc {unit.unit.short_name}",
            "description": "Báo cáo gần nhất có số liệu của mỗi đơn vị, đúng như trang số liệu các đơn vị ghi; "
            "số tính (cộng, chia) được đánh dấu ở cột _computed. Các đơn vị có thể có kỳ báo cáo khác nhau.",
            "sources": [{"title": f"Báo cáo của các đơn vị thuộc {unit.unit.short_name}", "path": unit.unit.site_url}],
            "homepage": unit.unit.site_url + ROLLUP.url,
            "schema": {"fields": [c.descriptor() for c in ROLLUP_COLUMNS], "primaryKey": ["unit"]},
        }
        for fmt in DATA_FORMATS
    ]


def files(unit: ResolvedUnit, rows: list[RollupRow]) -> dict[str, str]:
    """The roll-up's CSV and JSON, and the unit's data package with their resources added."""
    if not unit.members:
        return {}
    # The unit tables' writers (the same CSV and JSON conventions); the kind only names a unit table.
    table = open_data.Table(REPORT, None, ROLLUP_TABLE, "", ROLLUP_COLUMNS, [row(r) for r in rows], [])
    package = open_data.package(unit, open_data.tables(unit))
    package["resources"] += _resources(unit)
    return {
        rollup_data("csv").file: open_data.to_csv(table),
        rollup_data("json").file: open_data.to_json(table),
        DATA_PACKAGE.file: json.dumps(package, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
    }
