"""The web editor's configuration is generated from the models: the committed file is current, every
field of every model has a form field, and the types an editor can get wrong keep their rules."""

from __future__ import annotations

from typing import Any

import yaml
from conftest import ROOT, SUMMARY
from pydantic import BaseModel

from generator.cms.config import PATTERN_MESSAGES, build_config, dump
from generator.content_types import REGISTRY
from generator.problems.validation import unwrap_model as _unwrap

SCHEMAS = {kind.name: kind.model for kind in REGISTRY}

CONFIG = ROOT / "cms" / "config.yml"


def _config() -> dict[str, Any]:
    """The configuration as generated now, through YAML as the browser reads it."""
    return yaml.load(dump(build_config(ROOT)), Loader=yaml.CSafeLoader)


def test_committed_config_is_current():
    assert CONFIG.read_text(encoding="utf-8") == dump(build_config(ROOT)), "chạy make golden"


def _forms(config: dict[str, Any]) -> list[tuple[str, list[dict]]]:
    """(kind, fields) for every file form of the configuration."""
    forms = []
    for collection in config["collections"]:
        for file in collection.get("files", []):
            forms.append((file["name"], file["fields"]))
        if "folder" in collection:
            forms.append((REGISTRY.kind_of(collection["folder"] + "/x.yml").name, collection["fields"]))
    return forms


def _walk(model: type[BaseModel], fields: list[dict], covered: set[tuple[str, str]], found: dict) -> None:
    by_name = {f["name"]: f for f in fields}
    for name, info in model.model_fields.items():
        if name not in by_name:
            continue  # the deepest level of a recursive block; covered above it
        covered.add((model.__name__, name))
        found[(model.__name__, name)] = by_name[name]
        inner = _unwrap(info.annotation)
        if inner is not None:
            _walk(inner, by_name[name]["fields"], covered, found)


def _all_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[tuple[str, str]]:
    seen.add(model)
    pairs = {(model.__name__, name) for name in model.model_fields}
    for info in model.model_fields.values():
        inner = _unwrap(info.annotation)
        if inner is not None and inner not in seen:
            pairs |= _all_fields(inner, seen)
    return pairs


def _coverage(config: dict[str, Any]) -> tuple[set, set, dict]:
    every: set[tuple[str, str]] = set()
    for model in SCHEMAS.values():
        every |= _all_fields(model, set())
    covered: set[tuple[str, str]] = set()
    found: dict = {}
    for kind, fields in _forms(config):
        _walk(SCHEMAS[kind], fields, covered, found)
    return every, covered, found


def test_every_field_of_every_model_has_a_form_field():
    every, covered, _ = _coverage(_config())
    assert every - covered == set()
    SUMMARY.append(f"cms/config.yml: {len(covered)}/{len(every)} trường của {len(SCHEMAS)} loại tệp có ô nhập (100 %)")


def test_a_dropped_field_is_counted():
    config = _config()
    for collection in config["collections"]:
        for file in collection.get("files", []):
            if file["name"] == "hotlines":
                file["fields"] = [f for f in file["fields"] if f["name"] != "hotlines"]
    every, covered, _ = _coverage(config)
    assert ("HotlinesFile", "hotlines") not in covered


def test_fields_keep_their_rules():
    _, _, found = _coverage(_config())
    code = found[("LocalProcedure", "code")]
    assert (code["widget"], code["collection"], code["value_field"]) == ("relation", "thu-tuc", "code")
    assert "required" not in code  # a unit's procedure names its code
    assert found[("Procedure", "code")]["widget"] == "string"  # a record's own code is typed, not picked
    assert found[("Procedure", "replaced_by")]["widget"] == "relation"
    cited = found[("Report", "based_on")]
    assert (cited["widget"], cited["file"], cited["value_field"], cited["multiple"]) == ("relation", "documents", "documents.*.number", True)
    phone = found[("Contact", "phone")]
    assert phone["required"] is False and phone["pattern"][1].startswith("Số điện thoại chỉ gồm chữ số")
    online = found[("Received", "online")]
    assert online["widget"] == "string" and online["pattern"][0].startswith("^((~|khoảng")  # a figure stays text, as written
    date = found[("Unit", "status_date")]
    assert date["widget"] == "string" and "dd" not in str(date) and date["pattern"][1].startswith("Ngày viết dạng ngày/tháng/năm")
    level = found[("Unit", "level")]
    assert {"label": "Xã", "value": "commune"} in level["options"]
    assert found[("Procedure", "levels")]["multiple"] is True
    assert found[("DossierItem", "present_only")]["options"] == ["có", "không"]
    assert found[("Unit", "name")]["label"] == "Tên chính thức (bắt buộc)"
    assert found[("Unit", "name")]["hint"] == "Vd «Ủy ban nhân dân huyện Ba Tơ»"  # not the label again
    assert found[("Report", "preamble")]["field"]["widget"] == "text"  # a list of paragraphs, not comma-separated text
    # An optional block's own required fields are left to the server: Decap would demand them when the block is empty.
    hotlines = dict(_forms(_config()))["hotlines"]
    feedback = next(f for f in hotlines if f["name"] == "feedback")
    source = next(f for f in feedback["fields"] if f["name"] == "source")
    assert next(f for f in source["fields"] if f["name"] == "title")["required"] is False


def test_recursive_blocks_are_offered_three_levels_deep():
    config = _config()
    plan = next(c for c in config["collections"] if c.get("folder", "").endswith("/plans"))
    tasks = next(f for f in plan["fields"] if f["name"] == "tasks")
    depth = 0
    while tasks is not None:
        depth += 1
        tasks = next((f for f in tasks["fields"] if f["name"] == "subtasks"), None)
    assert depth == 3


def test_every_pattern_has_a_message_and_no_datetime_widget():
    text = dump(build_config(ROOT))
    assert "widget: datetime" not in text and "widget: date\n" not in text
    assert len(PATTERN_MESSAGES) == 14  # SiteUrl: the root of a unit's own host
    config = _config()
    assert config["locale"] == "vi"
    assert {c.get("format") for c in config["collections"]} == {"yaml-text", "yaml-plan", "yaml-report"}


def test_team_mode_config_is_current_and_uses_the_editorial_workflow():
    from generator.cms.config import team_config

    path = ROOT / "deploy" / "cms" / "config.gitlab.yml"
    assert path.read_text(encoding="utf-8") == dump(team_config(ROOT)), "chạy make golden"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    assert config["backend"]["name"] == "gitlab" and config["publish_mode"] == "editorial_workflow"
    assert config["collections"] == _config()["collections"]


def _form_fields(fields):
    for field in fields:
        yield field
        yield from _form_fields(field.get("fields", []))
        if "field" in field:
            yield field["field"]


def test_labels_and_hints_carry_no_file_key_or_value_words_and_optional_is_said_once():
    from generator.cms.labels import CODE_WORDS

    config = _config()
    said = [(f["label"], f.get("hint", "")) for _, fields in _forms(config) for f in _form_fields(fields)]
    leaks = [text for pair in said for text in pair if CODE_WORDS.search(text)]
    assert leaks == []
    assert not [label for label, hint in said if hint and hint.lower() == label.lower()]  # a hint never repeats its label
    assert all("Chỉ những ô ghi «(bắt buộc)» phải điền" in c["description"] for c in config["collections"] if c["name"].startswith("dv-"))
    required = [label for label, _ in said if label.endswith("(bắt buộc)")]
    assert 0 < len(required) < len(said) / 3  # the few that must be filled say so; the rest say nothing


def test_a_quarter_is_chosen_as_i_to_iv_and_the_file_keeps_what_the_schema_reads():
    from generator.schema.report import Period

    _, _, found = _coverage(_config())
    quarter = found[("Period", "quarter")]
    assert quarter["widget"] == "select"
    assert [(o["label"], o["value"]) for o in quarter["options"]] == [("Quý I", "1"), ("Quý II", "2"), ("Quý III", "3"), ("Quý IV", "4")]
    for option in quarter["options"]:  # every value the form writes is one the schema accepts
        assert Period.model_validate({"year": "2026", "quarter": option["value"]}).quarter == int(option["value"])
    months = found[("Period", "month")]["options"]
    assert len(months) == 12 and months[0] == {"label": "Tháng 1", "value": "1"}
    nine = found[("Period", "nine_months")]
    assert Period.model_validate({"year": "2026", "nine_months": nine["options"][0]["value"]}).nine_months is True


def test_one_units_form_picks_procedures_by_name_and_marks_those_it_lists(tmp_path):
    import shutil

    root = tmp_path / "p"
    shutil.copytree(ROOT / "units", root / "units")
    shutil.copytree(ROOT / "content", root / "content")
    (root / "content/procedures/1.000999.H19.yml").write_text(
        (ROOT / "content/procedures/1.000593.yml").read_text(encoding="utf-8").replace("Đăng ký kết hôn lưu động", "Đăng ký khai sinh thử"),
        encoding="utf-8")
    config = build_config(root, ["son-thuong"])
    files = next(c for c in config["collections"] if c["name"] == "dv-son-thuong")["files"]
    procedures = next(f for f in files if f["name"] == "procedures")["fields"][0]
    code = next(f for f in procedures["fields"] if f["name"] == "code")
    assert code["widget"] == "select" and code["label"] == "Thủ tục (bắt buộc)"
    labels = [o["label"] for o in code["options"]]
    assert labels[0] == "Đăng ký khai sinh thử (1.000999.H19)"  # not yet listed: first, by name
    assert "Đăng ký kết hôn lưu động (1.000593) – đã có trong danh sách" in labels


def test_pages_preview_where_the_routes_put_them_and_new_files_are_named_by_the_convention():
    config = build_config(ROOT, ["son-thuong"])
    unit = next(c for c in config["collections"] if c["name"] == "dv-son-thuong")
    paths = {f["name"]: f.get("preview_path") for f in unit["files"]}
    assert paths["hotlines"] == "lien-he/" and paths["unit"] == "" and paths["procedures"] == "thu-tuc/"
    reports = next(c for c in config["collections"] if c["name"] == "dv-son-thuong--reports")
    assert reports["preview_path"] == "bao-cao/{{slug}}/"
    assert reports["slug"].startswith("{{fields.period.year}}-q{{fields.period.quarter}}-")
    assert reports["format"] == "yaml-report"
    scheduled = next(f for f in reports["fields"] if f["name"] == "publish_from")  # the editor sets the day it appears
    assert scheduled["label"] == "Ngày đăng lên trang" and scheduled["pattern"][1].startswith("Ngày viết dạng ngày/tháng/năm")
