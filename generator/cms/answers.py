"""What the API tells the admin page, in the shape the page codes against:
- a refused save: HTTP 422, `{"error": "<one Vietnamese sentence>", "problems": [P…]}`;
- any other refusal: `{"error": "<Vietnamese>", "code": "<english-code>"}`;
- each P: severity, the field as a dotted path inside the entry, its Vietnamese label from the
  models, the message without a file path or code, the «Gợi ý» hint, the value as written, and the
  English code (for engineers; the page does not show it)."""

from __future__ import annotations

import re
import typing
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from ..content_types import REGISTRY
from ..load import LoadError, load_text
from ..problems import Code, Problem
from .access import kind_of
from .config import _label, _singular, _strip_optional, _unit_label


class Refused(Exception):
    """A request answered with `status` and `{"error": message, "code": code}`."""

    def __init__(self, status: int, message: str, code: str, hint: str = ""):
        super().__init__(message)
        self.status, self.message, self.code, self.hint = status, message, code, hint

    def body(self) -> dict[str, Any]:
        return {"error": self.message, "code": self.code, **({"hint": self.hint} if self.hint else {})}


def dotted(field: str) -> str:
    """`contacts[0].phone` → `contacts.0.phone`."""
    return re.sub(r"\[(\d+)\]", r".\1", field).strip(".")


def _model_of(path: str) -> type[BaseModel] | None:
    kind = kind_of(path)
    return kind.model if kind is not None else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    annotation = _strip_optional(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (list, tuple):
        return _inner_model(typing.get_args(annotation)[0])
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def label(path: str, field: str) -> str:
    """The Vietnamese label of the field, as the form shows it («Số điện thoại»); "" when unknown."""
    model = _model_of(path)
    found = ""
    for part in dotted(field).split("."):
        if model is None:
            return found
        if part.isdigit():
            continue
        info = model.model_fields.get(part)
        if info is None:
            return found
        found = _label(info.description or info.title or "")
        model = _inner_model(info.annotation)
    return found


def field_words(path: str, field: str) -> str:
    """`tasks[2].lead` as the form names it: «Nhiệm vụ 3 › Cơ quan chủ trì»; an item of a list by what
    one item is called («Các đường dây nóng, mỗi mục một số» → «Đường dây nóng 2»)."""
    words: list[str] = []
    parts = dotted(field).split(".")
    for i, part in enumerate(parts):
        if part.isdigit():
            if words:
                one = _singular(words[-1]).split(",")[0]
                words[-1] = f"{one[:1].upper()}{one[1:]} {int(part) + 1}"
            continue
        found = label(path, ".".join(parts[: i + 1]))
        words.append(found or part)
    return " › ".join(words)


def named(p: Problem) -> str:
    """What the command line adds after a problem's field: the form's words for it, or "" when the
    file or field is one the form does not know."""
    if not p.field or not label(p.file, dotted(p.field).split(".")[0]):
        return ""
    return field_words(p.file, p.field)


def _value(text: str | None, path: str, field: str) -> str | None:
    if text is None:
        return None
    try:
        data: Any = load_text(text, path).data
    except LoadError:
        return None
    for part in dotted(field).split("."):
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data if isinstance(data, str) else None


PLACE = re.compile(r"\b((?:units|content)/[^\s:;,«»]+\.ya?ml)(?::\d+)*")


def _place(found: re.Match[str], root: Path) -> str:
    """`units/ba-to/plans/x.yml:7:11` as the page names it: «Kế hoạch của Huyện Ba Tơ» (the unit's
    short name, its folder's name while it has none)."""
    path = found[1]
    kind = kind_of(path)
    if kind is None:
        return "một tệp khác"
    where = kind.labels[next((i for i, p in enumerate(kind.paths) if p.split("/")[0] == path.split("/")[0]), 0)]
    if not path.startswith("units/"):
        return f"«{where}»"
    unit = _unit_label(root / "units" / path.split("/")[1])
    return f"«{where} của {unit}»" if unit != path.split("/")[1] else f"«{where} của đơn vị {unit}»"


# A unit's file named without its folder («trong unit.yml», «documents.yml của đơn vị»), and the
# shared catalog by its folder: the forms' names instead.
_SINGLE_FILES = [path for kind in REGISTRY.unit_types() if (path := kind.unit_path()) and "{" not in path]  # unit.yml …
UNIT_FILE = re.compile(r"\b({})( của đơn vị)?".format("|".join(map(re.escape, _SINGLE_FILES))))
CATALOG = re.compile(r"(danh mục )?\bcontent/procedures\b")

# The «Gợi ý» of the codes whose command-line hint names a file or a command: the page's own words.
HINTS: dict[Code, str] = {
    Code.UNKNOWN_DOCUMENT: "Khai báo văn bản trong mục «Văn bản của đơn vị» (hoặc «Văn bản dùng chung» nếu nhiều đơn vị cùng dùng).",
    Code.UNKNOWN_PROCEDURE: "Sửa mã theo gợi ý, hoặc thêm thủ tục vào «Thủ tục hành chính» trước.",
    Code.UNKNOWN_FIELD: "Sửa mã lĩnh vực theo gợi ý, hoặc thêm lĩnh vực vào «Lĩnh vực thủ tục» (trong «Danh mục dùng chung»).",
    Code.UNIT_NAME_MISMATCH: "Sửa tên đơn vị cho đúng với «Hồ sơ đơn vị» (nếu bản gốc viết sai, ghi chú lại khi sửa).",
}


def _unit_file(found: re.Match[str]) -> str:
    kind = kind_of(f"units/x/{found[1]}")
    return f"«{kind.labels[0]}»" if kind else found[0]


def plain(message: str, root: Path) -> str:
    """A validator's message without file paths (the page speaks of the units' forms, not files)."""
    message = PLACE.sub(lambda found: _place(found, root), message)
    return CATALOG.sub("danh mục thủ tục chung", UNIT_FILE.sub(_unit_file, message))


def problem(p: Problem, writes: dict[str, str | None], root: Path) -> dict[str, Any]:
    return {
        "severity": p.severity.value, "field": dotted(p.field), "label": label(p.file, p.field),
        "message": plain(p.message, root), "hint": HINTS.get(p.code, p.hint), "value": _value(writes.get(p.file), p.file, p.field), "code": p.code.value,
    }


def refusal(problems: list[Problem], writes: dict[str, str | None], root: Path) -> dict[str, Any]:
    elsewhere = any(p.file not in writes for p in problems)
    sentence = ("Chưa lưu: mục này làm hỏng một tệp khác của đơn vị, xem các lỗi bên dưới." if elsewhere
                else "Chưa lưu: có ô chưa đúng, xem lời nhắn bên cạnh ô đó.")
    return {"error": sentence, "problems": [problem(p, writes, root) for p in problems]}


def shown(path: str) -> str:
    """A file as the page may name it: its name only, never the folder."""
    return PurePosixPath(path).name
