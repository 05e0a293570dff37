"""The editors' reference page (Vietnamese Markdown), generated from the same models as the JSON
Schema: every file, every field, whether it is required, what it takes, and an example."""

from __future__ import annotations

import json
import typing

from pydantic import BaseModel

from ..content_types import REGISTRY, Registry
from ..problems.validation import unwrap_model
from ..schema.types import (
    COUNT_SCHEMA,
    DATE_SCHEMA,
    PARTIAL_DATE_SCHEMA,
    QUANTITY_SCHEMA,
    SITE_URL_SCHEMA,
    YEAR_SCHEMA,
    Choice,
)

PATTERNS = {
    DATE_SCHEMA: "ngày (ngày/tháng/năm)",
    PARTIAL_DATE_SCHEMA: "ngày, tháng/năm hoặc năm",
    COUNT_SCHEMA: "số nguyên không âm (1.234; hoặc viết bằng chữ từ «không» đến «mười»)",
    QUANTITY_SCHEMA: "số viết kiểu Việt Nam, đúng như văn bản (1.234; 12,5; 98,33%; có thể ghi «khoảng», «~», «nghìn»; số từ không đến mười viết bằng chữ như bài báo, vd «tám»)",
    YEAR_SCHEMA: "năm (4 chữ số)",
    SITE_URL_SCHEMA: "địa chỉ gốc của trang (https://tên-miền/)",
    r"^\+?[0-9 .]+$": "số điện thoại Việt Nam",
}


def _enum_of(annotation: typing.Any) -> type[Choice] | None:
    """The Choice enumeration inside `X`, `X | None` or `list[X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, Choice):
        return annotation
    for arg in typing.get_args(annotation):
        if found := _enum_of(arg):
            return found
    return None


def _kind(prop: dict[str, typing.Any], annotation: typing.Any) -> str:
    if enum := _enum_of(annotation):
        return "một trong: " + ", ".join(f"`{m.value}` ({m.label})" for m in enum)
    if model := unwrap_model(annotation):
        block = f"[khối {model.__name__}](#{model.__name__.lower()})"
        return f"danh sách {block}" if "list[" in str(annotation) else block
    for option in prop.get("anyOf", [prop]):
        if option.get("type") == "array":
            return "danh sách chữ"
        if option.get("pattern") in PATTERNS:
            return PATTERNS[option["pattern"]]
        if option.get("enum"):
            return "một trong: " + ", ".join(f"`{v}`" for v in option["enum"])
    return "chữ"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _example(prop: dict[str, typing.Any]) -> str:
    value = prop.get("examples", [""])[0]
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"`{_cell(text)}`" if text else ""


def _table(model: type[BaseModel]) -> list[str]:
    schema = model.model_json_schema()
    if "$ref" in schema:  # a recursive model (a section holding sections) is described in $defs
        schema = schema["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    required = set(schema.get("required", []))
    rows = ["| Trường | Bắt buộc | Giá trị | Ý nghĩa | Ví dụ |", "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        prop = schema["properties"][name]
        rows.append(
            f"| `{name}` | {'có' if name in required else 'không'} | {_cell(_kind(prop, info.annotation))} "
            f"| {_cell(info.description or '')} | {_example(prop)} |"
        )
    return rows


def _blocks(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[type[BaseModel]]:
    found = []
    for info in model.model_fields.values():
        inner = unwrap_model(info.annotation)
        if inner is not None and inner not in seen:
            seen.add(inner)
            found += [inner, *_blocks(inner, seen)]
    return found


def reference_markdown(registry: Registry = REGISTRY) -> str:
    lines = [
        "# Tài liệu tham chiếu cho biên tập viên",
        "",
        "Trang này được tạo tự động từ mô hình dữ liệu (lệnh `cchc schema`); đừng sửa tay.",
        "Mỗi tệp YAML có dòng đầu `# yaml-language-server: $schema=…` để VS Code gợi ý và kiểm tra khi gõ.",
        "Mọi giá trị được đọc như chữ; ngày viết dạng ngày/tháng/năm; trường không bắt buộc có thể để trống.",
        "",
    ]
    seen: set[type[BaseModel]] = set()
    for kind in registry:
        model = kind.model
        seen.add(model)
        lines += [f"## {kind.shown_paths}", "", (model.__doc__ or "").strip().splitlines()[0], "", *_table(model), ""]
        for block in _blocks(model, seen):
            lines += [f"### Khối {block.__name__} {{#{block.__name__.lower()}}}", "", (block.__doc__ or "").strip().splitlines()[0], ""]
            lines += [*_table(block), ""]
    return "\n".join(lines)
