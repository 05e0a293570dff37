"""`cchc new KIND ...`: writes a commented starting file in the right place; each validates once its
«CẦN GHI: …» values (`PLACEHOLDER`: what only the editor knows) are replaced.
The kinds, their arguments and where each file goes come from the content-type registry:

    cchc new unit SLUG              units/SLUG/unit.yml and procedures.yml
    cchc new hotline UNIT           units/UNIT/hotlines.yml
    cchc new procedure CODE         content/procedures/CODE.yml (CODE: the procedure code, or a
                                    short slug when the source gives no code)
    cchc new plan UNIT NAME         units/UNIT/plans/NAME.yml
    cchc new report UNIT NAME       units/UNIT/reports/NAME.yml
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from ..content_types import REGISTRY, ContentType, Registry
from ..load import LoadError, load_file, unit_dirs
from ..problems import UsageError
from ..problems.messages import Say
from ..schema.types import NO_CODE_ADVICE, PLACEHOLDER, PROCEDURE_CODE_PATTERN, SLUG_PATTERN, format_date

SLUG = re.compile(SLUG_PATTERN)
CODE = re.compile(PROCEDURE_CODE_PATTERN)


def _scaffold(name: str, values: dict[str, str]) -> str:
    text = resources.files("generator").joinpath("scaffolds", name).read_text(encoding="utf-8")
    if "$field" in text:
        values = {**values, "field": values.get("field") or ""}
    return Template(text).substitute(values)


def _write(root: Path, path: Path, text: str) -> None:
    if path.exists():
        raise UsageError(Say.EXISTS(path=path.relative_to(root)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(Say.CREATED(path=path.relative_to(root)))


def _slug(value: str, what: str) -> str:
    if not SLUG.fullmatch(value):
        raise UsageError(Say.BAD_SLUG(what=what, value=value))
    return value


def _unit_name(root: Path, slug: str) -> str:
    folder = root / "units" / slug
    if folder not in unit_dirs(root):
        known = ", ".join(p.name for p in unit_dirs(root))
        raise UsageError(Say.UNKNOWN_UNIT_LISTED(slug=slug, known=known))
    try:
        data = load_file(folder / "unit.yml", f"units/{slug}/unit.yml").data
    except LoadError:
        data = None
    name = data.get("name") if isinstance(data, dict) else None
    if isinstance(name, str) and PLACEHOLDER in name:
        raise UsageError(Say.UNIT_NAME_FIRST(slug=slug, name=name))  # a plan's issuer is the unit's name
    return name if isinstance(name, str) else slug


def _first_field(root: Path) -> str:
    try:
        data = load_file(root / "content" / "fields.yml", "content/fields.yml").data
        return str(data["fields"][0]["slug"])
    except (LoadError, KeyError, IndexError, TypeError):
        raise UsageError(Say.NO_FIELD_YET()) from None


def _today() -> dt.date:
    return dt.date.today()


def _procedure_source(code: str) -> dict[str, str]:
    """The example of where a procedure is copied from: the national portal for a code, a page the
    editor names for one whose source gives no code (named by a slug). Only an example: the editor
    writes where they did copy it from, and when."""
    if CODE.fullmatch(code):
        return {"source_example": f"vd Cổng Dịch vụ công quốc gia, thủ tục {code}"}
    if SLUG.fullmatch(code):
        return {"source_example": "vd Cổng thông tin điện tử xã Sơn Thượng"}
    raise UsageError(Say.BAD_PROCEDURE_CODE(code=code, advice=NO_CODE_ADVICE))


# A file named for its period: «2024-q3-ket-qua» (quarter 3 of 2024), «2022-tuyen-truyen» (the year 2022).
NAMED_PERIOD = re.compile(r"(?P<year>(19|20)\d\d)(-q(?P<quarter>[1-4]))?(-|$)")


def _period(name: str | None, today: dt.date) -> dict[str, str]:
    """The year and quarter a plan or report is started for: the ones its name gives, else today's
    quarter (a name with a year and no quarter is a whole year's)."""
    found = NAMED_PERIOD.match(name or "")
    year, quarter = (found["year"], found["quarter"]) if found else (str(today.year), str((today.month - 1) // 3 + 1))
    return {
        "year": year,
        "period": f'  year: "{year}"' + (f'\n  quarter: "{quarter}"' if quarter else ""),
        "period_words": f"quý {quarter} năm {year}" if quarter else f"năm {year}",
    }


def _values(root: Path, kind: ContentType[Any], args: list[str]) -> dict[str, str]:
    """Every placeholder a scaffold may use, from the command's arguments and today's date."""
    assert kind.scaffold is not None
    today = _today()
    named = dict(zip(kind.scaffold.args, args, strict=True)).get("name")
    values = {"today": format_date(today), "todo": PLACEHOLDER, **_period(named, today)}
    for name, value in zip(kind.scaffold.args, args, strict=True):
        if name == "code":
            values.update(_procedure_source(value))
            values["field"] = _first_field(root)
        else:
            _slug(value, "Mã đơn vị" if name == "unit" else "Tên tệp")
        values[name] = value
    if "unit" in values:
        values["slug"] = values["unit"]
        values["unit_name"] = values["unit"] if kind.scaffold.command == "unit" else _unit_name(root, values["unit"])
    return values


def new(root: Path, command: str, args: list[str], registry: Registry = REGISTRY) -> None:
    kind = registry.scaffolds()[command]
    assert kind.scaffold is not None
    if len(args) != len(kind.scaffold.args):
        raise UsageError(Say.NEW_ARGUMENTS(command=command, count=len(kind.scaffold.args)))
    values = _values(root, kind, args)
    parts = {name: values[name] for name in kind.scaffold.args}
    for written in [kind, *(registry[name] for name in kind.scaffold.also)]:
        assert written.scaffold is not None
        path = written.file(**{k: v for k, v in parts.items() if "{" + k + "}" in "".join(written.paths)})
        _write(root, root / path, _scaffold(written.scaffold.template, values))
