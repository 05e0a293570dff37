"""The content-type registry is the only list of inputs and page types. A toy page type (taken
from the code blocks of docs/add-a-page-type.md, so the guide cannot drift from the code) and a toy
shared content type are added through the registry alone; validation, the built pages, the web
editor's form, the JSON Schema, the editors' reference and the publish fingerprint all cover them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import ROOT, copy_project
from pydantic import Field
from test_jsonschema import schema_gaps

from generator import content_types
from generator.cms.config import build_config
from generator.cms.jsonschema import write_schemas
from generator.cms.reference import reference_markdown
from generator.content_types import REGISTRY, ContentType, Registry
from generator.pipeline import build, check
from generator.publish.fingerprint import shared_digest
from generator.schema.types import Change, Model, Text, VnDate, format_date

GUIDE = ROOT / "docs" / "add-a-page-type.md"
NOTICE_FILE = "units/son-thuong/notices/lich-tiep-dan.yml"
NOTICE_YAML = "title: Lịch tiếp công dân tháng 12\ndate: 01/12/2026\nbody: Chủ tịch UBND xã tiếp công dân sáng thứ Năm.\n"
HOLIDAYS_YAML = "holidays:\n  - date: 02/09/2026\n    name: Quốc khánh\n"


class Holiday(Model):
    """Một ngày nghỉ lễ."""

    date: VnDate = Field(description="Ngày (ngày/tháng/năm)", examples=["02/09/2026"])
    name: Text = Field(description="Tên ngày lễ", examples=["Quốc khánh"])


class HolidaysFile(Model):
    """Các ngày nghỉ lễ, dùng chung cho mọi đơn vị (loại dữ liệu thử, chỉ dùng trong kiểm thử)."""

    holidays: list[Holiday] = Field(description="Danh sách ngày nghỉ lễ", examples=[[{"date": "02/09/2026", "name": "Quốc khánh"}]])


HOLIDAYS = ContentType("holidays", HolidaysFile, ("content/holidays.yml",), ("Ngày nghỉ lễ",))
CIRCULAR_FILE = "content/thong-bao-chung/lich-tiep-dan.yml"


def circular_type(notice: ContentType[Any]) -> ContentType[Any]:
    """A folder of shared files (the guide's notices, shared by every unit): no page, data only."""
    return ContentType("circular", notice.model, ("content/thong-bao-chung/{name}.yml",), ("Thông báo chung",))


def guide_blocks(language: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.S | re.M)


def guide_notice_type() -> ContentType[Any]:
    """The guide's model and registry entry, run as written."""
    names: dict[str, Any] = {
        "ClassVar": ClassVar, "Field": Field, "Model": Model, "Text": Text, "VnDate": VnDate, "Change": Change,
        "format_date": format_date, "ContentType": ContentType, "Section": content_types.Section,
    }
    model, entry = guide_blocks("python")
    for block in (model, entry):  # the guide's own code, as a reader would paste it (no `from __future__`)
        exec(compile(block, str(GUIDE), "exec", dont_inherit=True), names)
    return names["NOTICE"]


@pytest.fixture
def toy(project: Path, tmp_path: Path) -> tuple[Path, Registry]:
    """The bundled project with one notice and the shared holidays file, and the registry with both
    toy types (the guide's templates in a folder of their own)."""
    templates = tmp_path / "templates"
    templates.mkdir()
    item, index = guide_blocks("jinja")
    (templates / "notice.md.j2").write_text(item, encoding="utf-8")
    (templates / "notice_index.md.j2").write_text(index, encoding="utf-8")
    notice = guide_notice_type()
    registry = REGISTRY.with_type(notice).with_type(HOLIDAYS, before="fields").with_type(circular_type(notice), before="fields")
    for path, text in ((NOTICE_FILE, NOTICE_YAML), ("content/holidays.yml", HOLIDAYS_YAML), (CIRCULAR_FILE, NOTICE_YAML)):
        (project / path).parent.mkdir(exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    return project, Registry(registry.types, (templates,))


def test_the_guides_model_has_a_description_and_a_valid_example_for_every_field(tmp_path):
    registry = REGISTRY.with_type(guide_notice_type()).with_type(HOLIDAYS, before="fields")
    write_schemas(tmp_path, registry)
    for name in ("notice", "holidays"):
        assert schema_gaps(name, json.loads((tmp_path / f"{name}.schema.json").read_text(encoding="utf-8"))) == ([], [])


def test_validation_reads_both_toy_types_and_names_file_line_and_code(toy):
    root, registry = toy
    _, problems = check(root, registry)
    assert problems == [] or all(p.severity.name != "ERROR" for p in problems), problems
    (root / NOTICE_FILE).write_text(NOTICE_YAML.replace("01/12/2026", "31/02/2026"), encoding="utf-8")
    (root / "content/holidays.yml").write_text(HOLIDAYS_YAML + "    ngay: x\n", encoding="utf-8")
    _, problems = check(root, registry)
    found = {(p.file, p.line, p.code) for p in problems}
    assert (NOTICE_FILE, 2, "invalid-date") in found
    assert ("content/holidays.yml", 4, "unknown-key") in found


def test_the_toy_page_type_is_built_with_nav_search_feed_and_sitemap(toy):
    root, registry = toy
    build(root, ["son-thuong"], registry=registry)
    site = root / "site/son-thuong"
    assert "Chủ tịch UBND xã tiếp công dân sáng thứ Năm." in (site / "thong-bao/lich-tiep-dan/index.html").read_text(encoding="utf-8")
    assert 'href="lich-tiep-dan/"' in (site / "thong-bao/index.html").read_text(encoding="utf-8")
    assert "Thông báo của đơn vị" in (site / "index.html").read_text(encoding="utf-8")
    assert '"Lịch tiếp công dân tháng 12","thong-bao/lich-tiep-dan/","Thông báo ngày 01/12/2026"' in (site / "search.json").read_text(encoding="utf-8")
    assert "thong-bao/lich-tiep-dan/" in (site / "feed.xml").read_text(encoding="utf-8")
    assert "thong-bao/lich-tiep-dan/" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_web_editor_the_json_schema_and_the_reference_cover_both_toy_types(toy, tmp_path):
    root, registry = toy
    config = build_config(root, ["son-thuong"], registry=registry)
    notices = next(c for c in config["collections"] if c.get("folder") == "units/son-thuong/notices")
    assert [f["name"] for f in notices["fields"]] == ["title", "date", "body"]
    shared = [f for c in config["collections"] for f in c.get("files", []) if f["file"] == "content/holidays.yml"]
    assert [[g["name"] for g in f["fields"][0]["fields"]] for f in shared] == [["date", "name"]]
    circulars = next(c for c in config["collections"] if c.get("folder") == "content/thong-bao-chung")
    assert ([f["name"] for f in circulars["fields"]], circulars["identifier_field"]) == (["title", "date", "body"], "title")
    written = {p.name for p in write_schemas(tmp_path / "schema", registry)}
    assert {"notice.schema.json", "holidays.schema.json"} <= written
    reference = reference_markdown(registry)
    assert "## units/<đơn-vị>/notices/<tên>.yml" in reference and "## content/holidays.yml" in reference


def test_the_fingerprint_changes_with_the_toy_shared_file_so_publish_rebuilds(toy):
    root, registry = toy
    before = shared_digest(root, registry)
    (root / "content/holidays.yml").write_text(HOLIDAYS_YAML.replace("02/09", "01/09"), encoding="utf-8")
    assert shared_digest(root, registry) != before
    before = shared_digest(root, registry)
    (root / CIRCULAR_FILE).with_name("moi.yml").write_text(NOTICE_YAML, encoding="utf-8")  # a new file in a shared folder
    assert shared_digest(root, registry) != before
    # Without the entry the file is not an input at all: it is the registry that makes it one.
    untouched = shared_digest(root)
    (root / "content/holidays.yml").write_text(HOLIDAYS_YAML, encoding="utf-8")
    assert shared_digest(root) == untouched


def test_every_bundled_content_file_belongs_to_exactly_one_registered_type(tmp_path):
    root = copy_project(tmp_path / "p")
    files = sorted(p.relative_to(root).as_posix() for part in ("units", "content") for p in (root / part).rglob("*.yml"))
    assert files
    for path in files:
        assert [k.name for k in REGISTRY if k.matches(path)] == [REGISTRY.kind_of(path).name], path
