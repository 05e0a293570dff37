"""The Decap CMS configuration, generated from the models: never written by hand.

Every field of every model becomes a form field: its label and hint come from the field's
Vietnamese description, `required` from the model, patterns from the same types the validator uses
(with a Vietnamese message shown at the field), choices become selects with their Vietnamese
labels, nested models and lists become object and list widgets, procedure codes and cited
document numbers become relation widgets onto the catalog, dates stay text in dd/mm/yyyy.

`python -m generator.cms.config [ROOT]` rewrites `cms/config.yml` (run by `make golden`)."""

from __future__ import annotations

import functools
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
from ..problems.messages import Say
from ..routes import url_for
from ..schema import CitedDocument
from ..schema import types as t
from ..schema.types import Choice
from .labels import CODE_WORDS, OPTIONAL_ONCE, REQUIRED_MARK, TEXT, choices_for, text_for

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
    t.SiteUrl: "Ghi gốc tên miền riêng của đơn vị, không có đường dẫn phía sau (vd: https://xa-son-thuong.quangngai.gov.vn/)",
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


def _models(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """Every model a file's model holds, by name."""
    if model.__name__ not in seen:
        seen[model.__name__] = model
        for info in model.model_fields.values():
            annotation = _strip_optional(info.annotation)
            inner = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else annotation
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                _models(inner, seen)
    return seen


@functools.cache
def _own_labels() -> dict[str, str]:
    """Description → the form's own label (labels.TEXT), so that every caller of `_label` (the form,
    the server's answers) names a field the same way."""
    models: dict[str, type[BaseModel]] = {}
    for kind in REGISTRY:
        _models(kind.model, models)
    found = {}
    for key, words in TEXT.items():
        owner, name = key.split(".")
        for model in models.values():
            if owner in (m.__name__ for m in model.__mro__) and name in model.model_fields:
                found[model.model_fields[name].description or name] = words["label"]
    return found


def _label(description: str) -> str:
    """The field's label: the form's own words for it, or the first clause of its description
    («Số điện thoại; để trống nếu…» → «Số điện thoại»)."""
    if description in _own_labels():
        return _own_labels()[description]
    for stop in ("; ", ": ", ", vd ", " vd ", " («", " ("):
        description = description.split(stop)[0]
    return description.strip().rstrip(",.")


def _hint(description: str, label: str) -> str:
    """What the description says beyond its label («để trống nếu…», an example), never the label
    again; empty when it says nothing more."""
    rest = description.removeprefix(label).strip(" ;,.:")
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        rest = rest[1:-1]
    if not any(word in rest for word in (";", "vd", "«", "nếu", "khi", "ngày/tháng")):
        return ""  # «(tên) văn bản»: the rest of the label, not a hint
    return rest[0].upper() + rest[1:]


def _words(owner: type[BaseModel], name: str, description: str, required: bool) -> dict[str, str]:
    """The field's label and hint as a commune editor reads them: the form's own words where the
    model's description names files or value words, else the description split in two; a required
    field says so in its label (the form says once that every other field may stay blank)."""
    owners = [m.__name__ for m in owner.__mro__ if isinstance(m, type) and issubclass(m, BaseModel)]
    own = text_for(owners, name)
    label = own["label"] if own else _label(description)
    hint = own["hint"] if own else _hint(description, label)
    words = {"label": label + (REQUIRED_MARK if required else "")}
    if hint and not CODE_WORDS.search(hint):
        words["hint"] = hint
    return words


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
    if (choices := choices_for([m.__name__ for m in owner.__mro__], name)) is not None:
        return dict(choices)
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
    required = info.is_required() and not optional
    field: dict[str, Any] = {"name": name, **_words(owner, name, description, required)}
    if not required:
        field["required"] = False
    annotation = _strip_optional(_annotation(info))
    is_list = typing.get_origin(annotation) is list
    inner = typing.get_args(annotation)[0] if is_list else annotation
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        if stack.count(inner) >= MAX_NESTING:
            return None  # the deepest level offered in the form; deeper levels are kept as written
        if is_list:
            sub = _fields(inner, stack + (inner,))
            field.update(widget="list", collapsed=True, fields=sub, summary=_summary(inner), label_singular=_singular(field["label"]))
        else:
            sub = _fields(inner, stack + (inner,), optional=optional or not info.is_required())
            field.update(widget="object", collapsed=False, fields=sub)
        return field
    widget = _scalar(inner, owner, name)
    if is_list and widget["widget"] in ("select", "relation"):
        widget["multiple"] = True
        field.update(widget)
    elif is_list:
        field.update(widget="list", label_singular=_singular(field["label"]), field={"name": name, "label": field["label"], **widget})
    else:
        field.update(widget)
    return field


def _singular(label: str) -> str:
    """What one item of a list is called on its «Thêm …» button: «Danh sách thủ tục đơn vị giải
    quyết (bắt buộc)» → «thủ tục đơn vị giải quyết», «Các đoạn văn» → «đoạn văn»."""
    item = label.removesuffix(REQUIRED_MARK)
    for prefix in ("Danh sách ", "Các ", "Những "):
        item = item.removeprefix(prefix)
    return item[0].lower() + item[1:] if item else item


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


LISTED = " – đã có trong danh sách"  # marks a catalog choice the unit lists; the admin page hides it


def _preview_path(kind: str, registry: Registry = REGISTRY) -> str | None:
    """The page a file is shown on, from the one owner of URLs (`{{slug}}`: the item's file name)."""
    content_type = registry[kind]
    if content_type.page is None:
        return url_for(PROCEDURE) if kind == "procedures" else None
    return url_for(content_type, "{{slug}}" if content_type.section else None)


def _with_preview(entry: dict[str, Any], kind: str, registry: Registry = REGISTRY) -> dict[str, Any]:
    path = _preview_path(kind, registry)
    return {**entry, "preview_path": path} if path is not None else entry


def catalog_choices(root: Path, unit_dir: Path) -> list[dict[str, str]]:
    """The catalog as choices for a unit's procedure list: «name (code)», the ones the unit does not
    list first, by name; those it lists stay (their rows show them) but are marked."""
    try:
        data = load_file(unit_dir / "procedures.yml", "procedures.yml").data
        listed = {str(p.get("code")) for p in data.get("procedures") or [] if isinstance(p, dict)}
    except (LoadError, AttributeError):
        listed = set()
    choices = []
    for path in sorted((root / PROCEDURE.shared_path().rsplit("/", 1)[0]).glob("*.yml")):  # type: ignore[union-attr]
        try:
            name = load_file(path, path.name).data.get("name")
        except (LoadError, AttributeError):
            continue
        code = path.stem
        choices.append((code in listed, str(name or code), code))
    return [{"label": f"{name} ({code})" + (LISTED if is_listed else ""), "value": code}
            for is_listed, name, code in sorted(choices)]


def _pick_by_name(fields: list[dict[str, Any]], choices: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The procedure list's code as a choice by name (the one-unit form of local mode)."""
    for field in fields:
        if field["name"] == "procedures" and field.get("widget") == "list":
            for sub in field["fields"]:
                if sub["name"] == "code":
                    for key in ("collection", "value_field", "search_fields", "display_fields", "options_length"):
                        sub.pop(key, None)
                    sub.update(widget="select", options=choices)
    return fields


# New plans and reports are named like the existing ones: year, quarter for a quarter's report,
# then the title, cut short (units/*/reports/2024-q2-ket-qua-cchc.yml).
NEW_NAMES = {"report": "{{fields.period.year}}-q{{fields.period.quarter}}-{{fields.title}}", "plan": "{{year}}-{{fields.title}}"}


def unit_collections(unit_dir: Path, choices: list[dict[str, str]] | None = None, registry: Registry = REGISTRY) -> list[dict[str, Any]]:
    """`choices`: the catalog as choices by name (local mode, one unit); else a relation widget."""
    slug, kinds, label = unit_dir.name, file_kinds(registry), _unit_label(unit_dir)
    base = f"units/{slug}"
    files = []
    for k in kinds["unit_files"]:
        fields = _fields(k.model)
        if choices is not None and k.kind == "procedures":
            fields = _pick_by_name(fields, choices)
        files.append(_with_preview({"name": k.kind, "label": k.label, "file": f"{base}/{k.where}", "fields": fields}, k.kind, registry))
    collections: list[dict[str, Any]] = [{
        "name": f"dv-{slug}",
        "label": label,
        "description": f"Thông tin của {label}. {OPTIONAL_ONCE}",
        "format": "yaml-text",
        "editor": {"preview": False},
        "files": files,
    }]
    for k in kinds["unit_folders"]:
        key = _key_field(k.model)
        collections.append(_with_preview({
            "name": f"dv-{slug}--{k.where}",
            "label": f"{k.label} – {label}",
            "label_singular": k.label.lower(),
            "description": OPTIONAL_ONCE,
            "folder": f"{base}/{k.where}",
            "extension": "yml",
            "format": f"yaml-{k.kind}",  # a new file starts with its schema line (admin/cchc-format.js)
            "create": True,
            "identifier_field": key,
            "slug": NEW_NAMES.get(k.kind, "{{fields." + key + "}}"),
            "summary": "{{fields." + key + "}}",
            "editor": {"preview": False},
            "fields": _fields(k.model),
        }, k.kind, registry))
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
    one_unit = slugs is not None and len(dirs) == 1  # local mode: the catalog as choices by name
    collections = [c for d in dirs for c in unit_collections(d, catalog_choices(root, d) if one_unit else None, registry)]
    collections += shared_collections(registry)
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


# libyaml's emitter: the same text as PyYAML's own (the committed config is compared byte for byte
# by the tests) in a seventh of the time; the editor's page asks for its configuration on each load.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(config: dict[str, Any]) -> str:
    return HEADER + yaml.dump(config, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=120)


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
    print(Say.WROTE(path=write_config(Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve())))
