"""The editors' JSON Schema: committed, equal to what the models generate, and accepting every
bundled file (as the loader reads it: every value text) while rejecting editors' mistakes."""

from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from generator.cms.jsonschema import schema_text
from generator.content_types import REGISTRY
from generator.load import load_file

SCHEMAS = {kind.name: kind.model for kind in REGISTRY}

SCHEMA_DIR = ROOT / "schema"


def schema_of(file: Path) -> str:
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), f"{file}: no schema comment on line 1"
    return first.split("$schema=")[1]


def bundled_files() -> list[Path]:
    return sorted([*ROOT.glob("content/**/*.yml"), *ROOT.glob("units/**/*.yml")])


@pytest.mark.parametrize("name", SCHEMAS)
def test_committed_schema_equals_generated(name):
    committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(SCHEMAS[name]), "run `.venv/bin/cchc schema` and commit schema/"


@pytest.mark.parametrize("file", bundled_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_bundled_file_names_its_schema_and_is_accepted(file):
    schema_path = (file.parent / schema_of(file)).resolve()
    assert schema_path.is_file(), schema_path
    schema = jsonschema.Draft202012Validator(__import__("json").loads(schema_path.read_text(encoding="utf-8")))
    data = load_file(file, file.name).data
    assert [e.message for e in schema.iter_errors(data)] == []


@pytest.mark.parametrize(
    "kind, data",
    [
        ("procedures", {"procedures": [{"code": "1.000593", "wher": "x"}]}),  # unknown key
        ("procedures", {"procedures": "1.000593"}),  # a list replaced by a scalar
        ("procedures", {"procedures": [{"code": None}]}),  # a required value left empty
        ("procedures", {"procedures": [{"code": "1.00059"}]}),  # a code that lost a digit
        ("unit", {"name": "x", "short_name": "x", "level": "xa", "province": "x", "site_url": "https://a.vn/"}),
        ("unit", {"name": "x", "short_name": "x", "level": "commune", "province": "x", "site_url": "a.vn"}),
        ("unit", {"name": "x", "short_name": "x", "level": "commune", "province": "x", "site_url": "https://a.vn/",
                  "status_date": "1/7/25"}),  # a two-digit year
        ("report", {"title": "x", "issuer": "x", "period": {"year": "24"}}),  # a two-digit year
        ("documents", {"documents": [{"number": "Kế hoạch 15", "type": "x", "issuer": "x", "summary": "x"}]}),
    ],
)
def test_schema_rejects_mistakes(kind, data):
    import json

    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))


def schema_gaps(name: str, schema: dict) -> tuple[list[str], list[str]]:
    """Fields of one content type's schema without a description or an example, and examples the
    schema itself refuses."""
    missing, invalid = [], []
    for owner in [schema, *schema.get("$defs", {}).values()]:
        for key, prop in owner.get("properties", {}).items():
            if not prop.get("description") or not prop.get("examples"):
                missing.append(f"{name}: {owner.get('title')}.{key}")
                continue
            checker = jsonschema.Draft202012Validator({**prop, "$defs": schema.get("$defs", {})})
            invalid += [f"{owner.get('title')}.{key}: {e.message}" for e in checker.iter_errors(prop["examples"][0])]
    return missing, invalid


def test_every_field_has_a_description_and_an_example_that_is_valid():
    import json

    missing, invalid = [], []
    for name in SCHEMAS:
        gaps = schema_gaps(name, json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")))
        missing += gaps[0]
        invalid += gaps[1]
    assert missing == []
    assert invalid == []


def test_the_editors_reference_page_is_current():
    from generator.cms.reference import reference_markdown

    committed = (ROOT / "docs" / "tham-chieu.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), "run `.venv/bin/cchc schema` and commit docs/tham-chieu.md"
    for name in SCHEMAS.values():
        for field in name.model_fields:
            assert f"| `{field}` |" in committed
