"""The Decap CMS configuration, generated from the models: never written by hand.

Every field of every model becomes a form field: its label and hint come from the field's
Vietnamese description, `required` from the model, patterns from the same types the validator uses
(with a Vietnamese message shown at the field), choices become selects with their Vietnamese
labels, nested models and lists become object and list widgets, procedure codes and cited
document numbers become relation widgets onto the catalog, dates stay text in dd/mm/yyyy.

`python -m generator.cms.config [ROOT]` rewrites `cms/config.yml` (run by `make golden`)."""

from __future__ import annotations

import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, WithJsonSchema
from pydantic.fields import FieldInfo

from ..content_types import PROCEDURE, REGISTRY, Registry, is_collection
from ..load import LoadError, load_file, unit_dirs
from ..schema import CitedDocument
from ..schema import types as t
from ..schema.types import Choice

MAX_NESTING = 3  # levels of a recursive block (a section's sections, a task's subtasks) in the form

PROCEDURES = "thu-tuc"  # collection of the shared procedure catalog (relation target)
SHARED = "danh-muc"  # collection of the shared files: documents, fields

# The message shown at the field when a value does not match its type's pattern. The validator's
# own messages name the value; these are the same rules said before the value is saved.
PATTERN_MESSAGES: dict[Any, str] = {
    t.Slug: "Chỉ dùng chữ thường không dấu, số và dấu gạch nối (vd: ba-to)",
    t.ProcedureCode: f"Mã thủ tục không đúng dạng (vd: 1.000593, 1.000593.H37, 1.000593.000.00.00.H37 hoặc B-BTP-BS43; {t.NO_CODE_ADVICE})",
    t.DocNumber: "Số hiệu văn bản không đúng dạng (vd: 76/NQ-CP, 93/2021/NQ-HĐND, 04-NQ/TU)",
    t.Phone: "Số điện thoại chỉ gồm chữ số, dấu cách hoặc dấu chấm (vd: 0912 345 678)",
    t.Email: "Địa chỉ thư điện tử không hợp lệ (vd: motcua@quangngai.gov.vn)",
    t.Url: "Đường dẫn phải bắt đầu bằng https:// (hoặc http://), không có dấu cách",
    t.VnDate: "Ngày viết dạng ngày/tháng/năm (vd: 22/01/2024)",
    t.PartialVnDate: "Ghi ngày/tháng/năm, hoặc tháng/năm, hoặc năm (vd: 22/01/2024, 8/2022)",
    t.Count: "Chỉ ghi số nguyên không âm (vd: 0, 12, 321)",
    t.Number: "Ghi số đúng như văn bản, theo cách viết Việt Nam (vd: 1.234 hoặc 85,12)",
    t.Amount: "Ghi số đúng như văn bản, theo cách viết Việt Nam (vd: 1.234; khoảng 5,65 nghìn)",
    t.Rate: "Ghi tỷ lệ đúng như văn bản (vd: 98,33%)",
    t.Year: "Năm có 4 chữ số (vd: 2024)",
}
# Long prose gets a text area; everything else a one-line box.
MULTILINE = {"paragraphs", "items", "preamble", "purposes", "requirements", "budget", "strengths", "limitations",
             "causes", "proposals", "next_tasks", "next_intro", "closing", "summary", "content", "steps",
             "conditions", "legal_basis", "status_note", "purpose", "description"}


@dataclass(frozen=True)
class FileKind:
    """Where the files of one kind live, for the editor. The one place to switch to the content-type
    registry: everything below asks `file_kinds()`."""

    kind: str
    label: str
    where: str  # a file name inside the unit (`unit.yml`), a folder inside it (`plans`), or a project path
    model: type[BaseModel]


def file_kinds(registry: Registry = REGISTRY) -> dict[str, list[FileKind]]:
    """Unit files, unit folders, shared files, shared folders: read from the content-type registry."""
    kinds: dict[str, list[FileKind]] = {"unit_files": [], "unit_folders": [], "shared_files": [], "shared_folders": []}
    for kind in registry:
        for path, label in zip(kind.paths, kind.labels, strict=True):
            inside = path.removeprefix("units/{unit}/")
            scope = "unit" if inside != path else "shared"
            if is_collection(path):
                kinds[f"{scope}_folders"].append(FileKind(kind.name, label, inside.rsplit("/", 1)[0], kind.model))
            else:
                kinds[f"{scope}_files"].append(FileKind(kind.name, label, inside, kind.model))
    return kinds


# -- one field ---------------------------------------------------------------------------------------


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _json_schema(annotation: Any) -> dict[str, Any]:
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in annotation.__metadata__:
            if isinstance(meta, WithJsonSchema) and meta.json_schema:
                return dict(meta.json_schema)
    return {}


def _annotation(info: FieldInfo) -> Any:
    """The field's declared type: pydantic moves the `Annotated` metadata of a required field
    (`code: ProcedureCode`) into `info.metadata`; put it back to recognise the type."""
    if info.metadata:
        return typing.Annotated[(info.annotation, *info.metadata)]
    return info.annotation


def _label(description: str) -> str:
    """The first clause of a description: «Số điện thoại; để trống nếu…» → «Số điện thoại»."""
    for stop in ("; ", ", vd ", " vd ", " («", " ("):
        description = description.split(stop)[0]
    return description.strip().rstrip(",.")


def _relation(annotation: Any, owner: type[BaseModel], name: str) -> dict[str, Any] | None:
    """Procedure codes and cited document numbers pick from the catalog, except a record's own key."""
    if annotation == t.ProcedureCode and not (owner is PROCEDURE.model and name == "code"):
        return {"widget": "relation", "collection": PROCEDURES, "value_field": "code",
                "search_fields": ["code", "name"], "display_fields": ["code", "name"], "options_length": 50}
    if annotation == t.DocNumber and owner is not CitedDocument:
        return {"widget": "relation", "collection": SHARED, "file": "documents", "value_field": "documents.*.number",
                "search_fields": ["documents.*.number", "documents.*.summary"],
                "display_fields": ["documents.*.number"], "options_length": 50}
    return None


def _scalar(annotation: Any, owner: type[BaseModel], name: str) -> dict[str, Any]:
    if isinstance(annotation, type) and issubclass(annotation, Choice):
        return {"widget": "select", "options": [{"label": m.label, "value": m.value} for m in annotation]}
    if (relation := _relation(annotation, owner, name)) is not None:
        return relation
    schema = _json_schema(annotation)
    if "enum" in schema:  # có / không
        return {"widget": "select", "options": list(schema["enum"])}
    widget: dict[str, Any] = {"widget": "text" if name in MULTILINE else "string"}
    if "pattern" in schema:
        widget["pattern"] = [schema["pattern"], PATTERN_MESSAGES[annotation]]
    return widget


def _field(name: str, info: FieldInfo, owner: type[BaseModel], stack: tuple[type[BaseModel], ...],
           optional: bool) -> dict[str, Any] | None:
    """`optional`: inside a block that may be left out, where Decap would demand the block's required
    fields even when the whole block is empty; there the server's validation checks them."""
    description = info.description or name
    field: dict[str, Any] = {"name": name, "label": _label(description), "hint": description}
    if optional or not info.is_required():
        field["required"] = False
    annotation = _strip_optional(_annotation(info))
    is_list = typing.get_origin(annotation) is list
    inner = typing.get_args(annotation)[0] if is_list else annotation
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        if stack.count(inner) >= MAX_NESTING:
            return None  # the deepest level offered in the form; deeper levels are kept as written
        if is_list:
            sub = _fields(inner, stack + (inner,))
            field.update(widget="list", collapsed=True, fields=sub, summary=_summary(inner))
        else:
            sub = _fields(inner, stack + (inner,), optional=optional or not info.is_required())
            field.update(widget="object", collapsed=False, fields=sub)
        return field
    widget = _scalar(inner, owner, name)
    if is_list and widget["widget"] in ("select", "relation"):
        widget["multiple"] = True
        field.update(widget)
    elif is_list:
        field.update(widget="list", field={"name": name, "label": field["label"], **widget})
    else:
        field.update(widget)
    return field


def _key_field(model: type[BaseModel]) -> str:
    """The field that names an entry in lists and menus: its title, name, heading…"""
    for key in ("title", "name", "heading", "document", "label", "code", "number", "index", "channel"):
        if key in model.model_fields:
            return key
    return next(iter(model.model_fields))


def _summary(model: type[BaseModel]) -> str:
    return "{{fields." + _key_field(model) + "}}"


def _fields(model: type[BaseModel], stack: tuple[type[BaseModel], ...] = (), optional: bool = False) -> list[dict[str, Any]]:
    stack = stack or (model,)
    found = (_field(name, info, model, stack, optional) for name, info in model.model_fields.items())
    return [f for f in found if f is not None]


# -- collections ----------------------------------------------------------------------------------


def _unit_label(unit_dir: Path) -> str:
    try:
        data = load_file(unit_dir / "unit.yml", "unit.yml").data
    except LoadError:
        return unit_dir.name
    name = data.get("short_name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() else unit_dir.name


def unit_collections(unit_dir: Path, registry: Registry = REGISTRY) -> list[dict[str, Any]]:
    slug, kinds, label = unit_dir.name, file_kinds(registry), _unit_label(unit_dir)
    base = f"units/{slug}"
    collections: list[dict[str, Any]] = [{
        "name": f"dv-{slug}",
        "label": label,
        "description": f"Thông tin của {label} (thư mục {base}/)",
        "format": "yaml-text",
        "editor": {"preview": False},
        "files": [
            {"name": k.kind, "label": k.label, "file": f"{base}/{k.where}", "fields": _fields(k.model)}
            for k in kinds["unit_files"]
        ],
    }]
    collections += [_folder(f"dv-{slug}--{k.where}", f"{k.label} – {label}", k, f"{base}/{k.where}") for k in kinds["unit_folders"]]
    return collections


def _folder(name: str, label: str, kind: FileKind, folder: str) -> dict[str, Any]:
    """A folder of files of one kind, each named from its title (or name…) as a web address."""
    key = _key_field(kind.model)
    return {
        "name": name,
        "label": label,
        "label_singular": kind.label.lower(),
        "folder": folder,
        "extension": "yml",
        "format": "yaml-text",
        "create": True,
        "identifier_field": key,
        "slug": "{{fields." + key + "}}",
        "summary": "{{fields." + key + "}}",
        "editor": {"preview": False},
        "fields": _fields(kind.model),
    }


def shared_collections(registry: Registry = REGISTRY) -> list[dict[str, Any]]:
    kinds = file_kinds(registry)
    folder = next(k for k in kinds["shared_folders"] if k.kind == PROCEDURE.name)
    others = [_folder(f"chung--{k.where.replace('/', '-')}", k.label, k, k.where) for k in kinds["shared_folders"] if k is not folder]
    return [
        {
            "name": PROCEDURES,
            "label": folder.label,
            "label_singular": "thủ tục",
            "folder": folder.where,
            "extension": "yml",
            "format": "yaml-text",
            "create": True,
            "identifier_field": "name",
            "slug": "{{fields.code}}",
            "summary": "{{fields.code}} – {{fields.name}}",
            "editor": {"preview": False},
            "fields": _fields(folder.model),
        },
        {
            "name": SHARED,
            "format": "yaml-text",
            "label": "Danh mục dùng chung",
            "editor": {"preview": False},
            "files": [
                {"name": k.kind, "label": k.label, "file": k.where, "fields": _fields(k.model)}
                for k in kinds["shared_files"]
            ],
        },
        *others,
    ]


LOCAL_BACKEND = {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
# Team mode: every save is a branch and a merge request the unit's approver accepts. The IT centre
# sets repo, base_url and app_id (an OAuth application of its GitLab) here, then `make golden` writes
# deploy/cms/config.gitlab.yml (docs/web-editor.md, "Switching team mode on").
GITLAB_BACKEND = {"name": "gitlab", "repo": "cchc/noi-dung", "branch": "main", "base_url": "https://gitlab.example.gov.vn",
                  "auth_type": "pkce", "app_id": "THAY-BANG-APP-ID"}


def build_config(root: Path, slugs: list[str] | None = None, backend: dict[str, Any] | None = None,
                 registry: Registry = REGISTRY) -> dict[str, Any]:
    """The whole configuration: the named units (default: every unit present) and the catalogs."""
    dirs = [d for d in unit_dirs(root) if slugs is None or d.name in slugs]
    collections = [c for d in dirs for c in unit_collections(d, registry)] + shared_collections(registry)
    return {
        "locale": "vi",
        "backend": backend or LOCAL_BACKEND,
        "media_folder": "cms/media",
        "omit_empty_optional_fields": True,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


HEADER = ("# Cấu hình trình biên tập (Decap CMS), tạo tự động từ mô hình dữ liệu; đừng sửa tay.\n"
          "# Tạo lại: make golden (hoặc python -m generator.cms.config)\n")


def dump(config: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


def team_config(root: Path) -> dict[str, Any]:
    return {**build_config(root, backend=GITLAB_BACKEND), "publish_mode": "editorial_workflow"}


def write_config(root: Path) -> Path:
    path = root / "cms" / "config.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(dump(build_config(root)), encoding="utf-8")
    (root / "deploy" / "cms").mkdir(parents=True, exist_ok=True)
    (root / "deploy" / "cms" / "config.gitlab.yml").write_text(dump(team_config(root)), encoding="utf-8")
    return path


if __name__ == "__main__":  # pragma: no cover
    print(f"Đã ghi {write_config(Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve())}")
