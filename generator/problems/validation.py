"""Turns schema validation errors into Problems an editor can act on: Vietnamese text, the field
path, the line and column, a stable code, and a suggestion for a near-miss key."""

from __future__ import annotations

import types
import typing
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from .codes import Code
from .errors import Problem
from .suggest import did_you_mean


class Marked(Protocol):
    """A file read with the place of each value (the loader's `Document`): problems come before
    loading in the layers, so they name only what they use."""

    @property
    def path(self) -> str: ...

    def mark(self, loc: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]: ...


def field_path(loc: tuple[str | int, ...]) -> str:
    """`('hotlines', 2, 'phone')` → `hotlines[2].phone`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def unwrap_model(annotation: Any) -> Any:
    """The model class inside `X | None`, `list[X]` and `Annotated[X, ...]`, or None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if (found := unwrap_model(arg)) is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None or (inner := unwrap_model(info.annotation)) is None:
            return None
        model = inner
    return model


def _unknown_key(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    key = str(loc[-1])
    parent = _model_at(model, loc[:-1])
    message = f"Không có trường «{key}» ở đây"
    hint = did_you_mean(key, parent.model_fields) if parent is not None else ""
    return f"{message}{hint}" if hint else f"{message}; kiểm tra lại chính tả hoặc xoá dòng này"


_MAPPING = ("Cần một khối gồm các dòng «khoá: giá trị»", Code.NOT_A_MAPPING)
_FIXED: dict[str, tuple[str, Code]] = {
    "missing": ("Thiếu trường bắt buộc", Code.MISSING_FIELD),
    "list_type": ("Cần một danh sách (mỗi mục một dòng bắt đầu bằng «- »)", Code.NOT_A_LIST),
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dict_type": _MAPPING,
    "string_type": ("Cần một đoạn chữ, không phải danh sách hay khối", Code.NOT_TEXT),
}


def _message(model: type[BaseModel], error: Any) -> tuple[str, Code]:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key(model, error["loc"]), Code.UNKNOWN_KEY
    if kind in _FIXED:
        return _FIXED[kind]
    if kind == "enum":
        return f"«{error['input']}» không hợp lệ; chọn một trong: {error['ctx']['expected']}", Code.INVALID_CHOICE
    if "-" in kind:  # our own PydanticCustomError (pydantic's own types use underscores)
        return error["msg"], Code(kind)  # type: ignore[call-arg]  # lookup by value  # Vietnamese already; an unregistered code fails here, in tests
    return f"Giá trị không hợp lệ ({error['msg']})", Code.INVALID_VALUE


def problems_from(error: ValidationError, model: type[BaseModel], doc: Marked) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        if "field" in (item.get("ctx") or {}):
            loc += (item["ctx"]["field"],)  # a rule over several fields names the one to fix
        message, code = _message(model, item)
        line, column = doc.mark(loc, key=item["type"] == "extra_forbidden")
        problems.append(Problem(doc.path, line, column, field_path(loc), message, code))
    return problems
