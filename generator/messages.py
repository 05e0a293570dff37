"""Turns schema validation errors into Problems an editor can act on: Vietnamese text, the field
path, the line and column, a stable code, and a suggestion for a near-miss key."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .loader import Document


def field_path(loc: tuple[str | int, ...]) -> str:
    """`('hotlines', 2, 'phone')` → `hotlines[2].phone`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _unwrap(annotation: Any) -> Any:
    """The model class inside `X | None`, `list[X]` and `Annotated[X, ...]`, or None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if (found := _unwrap(arg)) is not None:
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
        if info is None or (inner := _unwrap(info.annotation)) is None:
            return None
        model = inner
    return model


def _unknown_key(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    key = str(loc[-1])
    parent = _model_at(model, loc[:-1])
    message = f"Không có trường «{key}» ở đây"
    if parent is not None:
        close = difflib.get_close_matches(key, list(parent.model_fields), n=1, cutoff=0.6)
        if close:
            return f"{message}; có phải ý bạn là «{close[0]}»?"
    return f"{message}; kiểm tra lại chính tả hoặc xoá dòng này"


_FIXED: dict[str, tuple[str, str]] = {
    "missing": ("Thiếu trường bắt buộc", "missing-field"),
    "list_type": ("Cần một danh sách (mỗi mục một dòng bắt đầu bằng «- »)", "not-a-list"),
    "model_type": ("Cần một khối gồm các dòng «khoá: giá trị»", "not-a-mapping"),
    "model_attributes_type": ("Cần một khối gồm các dòng «khoá: giá trị»", "not-a-mapping"),
    "dict_type": ("Cần một khối gồm các dòng «khoá: giá trị»", "not-a-mapping"),
    "string_type": ("Cần một đoạn chữ, không phải danh sách hay khối", "not-text"),
}


def _message(model: type[BaseModel], error: dict[str, Any]) -> tuple[str, str]:
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key(model, error["loc"]), "unknown-key"
    if kind in _FIXED:
        return _FIXED[kind]
    if kind == "enum":
        return f"«{error['input']}» không hợp lệ; chọn một trong: {error['ctx']['expected']}", "invalid-choice"
    if kind.startswith(("invalid-", "not-", "empty-")) or "-" in kind:
        return error["msg"], kind  # our own PydanticCustomError: Vietnamese already
    return f"Giá trị không hợp lệ ({error['msg']})", "invalid-value"


def problems_from(error: ValidationError, model: type[BaseModel], doc: Document) -> list[Problem]:
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        if "field" in (item.get("ctx") or {}):
            loc += (item["ctx"]["field"],)  # a rule over several fields names the one to fix
        message, code = _message(model, item)
        line, column = doc.mark(loc, key=item["type"] == "extra_forbidden")
        problems.append(Problem(doc.path, line, column, field_path(loc), message, code))
    return problems
