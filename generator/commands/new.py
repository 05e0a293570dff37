"""`cchc new KIND ...`: writes a commented starting file in the right place; each validates as it is.

    cchc new unit SLUG              units/SLUG/unit.yml and procedures.yml
    cchc new hotline UNIT           units/UNIT/hotlines.yml
    cchc new procedure CODE         content/procedures/CODE.yml
    cchc new plan UNIT NAME         units/UNIT/plans/NAME.yml
    cchc new report UNIT NAME       units/UNIT/reports/NAME.yml
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from string import Template

from ..errors import UsageError
from ..loader import LoadError, load_file
from ..project import unit_dirs

KINDS = ("unit", "hotline", "procedure", "plan", "report")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
CODE = re.compile(r"\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.H\d{2})?")


def _scaffold(name: str, **values: str) -> str:
    text = resources.files("generator").joinpath("scaffolds", name).read_text(encoding="utf-8")
    return Template(text).substitute(values)


def _write(root: Path, path: Path, text: str) -> None:
    if path.exists():
        raise UsageError(f"Đã có {path.relative_to(root)}; không ghi đè")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"Đã tạo {path.relative_to(root)}")


def _slug(value: str, what: str) -> str:
    if not SLUG.fullmatch(value):
        raise UsageError(f"{what} «{value}» chỉ dùng chữ thường không dấu, số và dấu gạch nối (vd: son-thuong)")
    return value


def _unit_name(root: Path, slug: str) -> str:
    folder = root / "units" / slug
    if folder not in unit_dirs(root):
        known = ", ".join(p.name for p in unit_dirs(root))
        raise UsageError(f"Không có đơn vị «{slug}» trong units/ (có: {known})")
    try:
        data = load_file(folder / "unit.yml", f"units/{slug}/unit.yml").data
    except LoadError:
        data = None
    return data.get("name") if isinstance(data, dict) and isinstance(data.get("name"), str) else slug


def _first_field(root: Path) -> str:
    try:
        data = load_file(root / "content" / "fields.yml", "content/fields.yml").data
        return data["fields"][0]["slug"]
    except (LoadError, KeyError, IndexError, TypeError):
        raise UsageError("Cần có ít nhất một lĩnh vực trong content/fields.yml trước khi thêm thủ tục") from None


def _today() -> dt.date:
    return dt.date.today()


def new(root: Path, kind: str, args: list[str]) -> None:
    expected = {"unit": 1, "hotline": 1, "procedure": 1, "plan": 2, "report": 2}[kind]
    if len(args) != expected:
        raise UsageError(f"cchc new {kind} cần {expected} tham số; xem: cchc new --help")
    today = _today()
    if kind == "unit":
        slug = _slug(args[0], "Mã đơn vị")
        _write(root, root / "units" / slug / "unit.yml", _scaffold("unit.yml", slug=slug))
        _write(root, root / "units" / slug / "procedures.yml", _scaffold("procedures.yml"))
    elif kind == "hotline":
        unit = _slug(args[0], "Mã đơn vị")
        _write(root, root / "units" / unit / "hotlines.yml", _scaffold("hotlines.yml", unit_name=_unit_name(root, unit)))
    elif kind == "procedure":
        if not CODE.fullmatch(args[0]):
            raise UsageError(f"Mã thủ tục «{args[0]}» không đúng dạng (vd: 1.000593)")
        text = _scaffold("procedure.yml", code=args[0], field=_first_field(root), today=f"{today:%d/%m/%Y}")
        _write(root, root / "content" / "procedures" / f"{args[0]}.yml", text)
    else:
        unit, name = _slug(args[0], "Mã đơn vị"), _slug(args[1], "Tên tệp")
        folder = "plans" if kind == "plan" else "reports"
        values = {
            "unit_name": _unit_name(root, unit), "year": str(today.year),
            "quarter": str((today.month - 1) // 3 + 1), "month_year": f"{today.month}/{today.year}",
        }
        _write(root, root / "units" / unit / folder / f"{name}.yml", _scaffold(f"{kind}.yml", **values))
