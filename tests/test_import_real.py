"""Real documents (tests/data/real/, stored with their address and the date seen): the text, as stored
in source.md, imports to a draft in which every fact of the record's facts.yml lands exactly as
published: DVC portal detail pages as procedure drafts, and commune plans and reports of 2025, after
the July 2025 merger, as plan and report drafts that validate in the project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.importer import import_document
from generator.importer.draft import review_marks
from generator.pipeline import check

REAL = ROOT / "tests" / "data" / "real"
PAGES = ["dvcqg-bo-tri-on-dinh-dan-cu-ngoai-huyen", "tiengiang-gocongtay-bo-tri-on-dinh-dan-cu"]


def page_text(record: str) -> str:
    """The verbatim text block of the record's source.md."""
    source = (REAL / record / "source.md").read_text(encoding="utf-8")
    return source.split("```text\n", 1)[1].split("\n```", 1)[0] + "\n"


def leaves(data: object) -> list[str]:
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in leaves(value)]
    return [str(data)]


@pytest.mark.parametrize("record", PAGES)
def test_every_fact_of_a_real_dvc_page_lands_in_the_draft_exactly(record, tmp_path):
    page = tmp_path / f"{record}.txt"
    page.write_text(page_text(record), encoding="utf-8")
    result = import_document(page, "son-thuong", None, ROOT)
    assert result.kind == "procedure"
    assert result.target.parent == Path("content/procedures")
    values = leaves(yaml.load(result.text, Loader=yaml.BaseLoader))
    facts = yaml.safe_load((REAL / record / "facts.yml").read_text(encoding="utf-8"))["facts"]
    # A field («lĩnh vực») is a slug of content/fields.yml in the schema: a name the catalog lacks is
    # kept, exactly as written, in the draft's review mark for `field`.
    marked = [reason for field, reason, _ in review_marks(result.text) if field == "field"]
    missing = [f["text"] for f in facts
               if f["text"].split("\n\n")[-1] not in values and not any(f"«{f['text']}»" in r for r in marked)]
    assert missing == []


# record: (kind given on the command line, or None when the importer recognises it; the draft's folder;
# the validation errors the draft keeps until the editor adds what the stored copy does not give)
COMMUNE = {
    "quangngai-longphung-2025-ke-hoach-cchc": (None, "plans", []),
    "dongnai-hungthinh-2025-ke-hoach-cchc": ("plan", "plans",
                                             ["units/son-thuong/plans/khong-ro-nam-van-ban.yml:7:1: title: Thiếu trường bắt buộc [missing-field]"]),
    "haiphong-phulien-2025-q3-so-ket-cchc": (None, "reports", []),  # told by its headline («sơ kết»)
}


FRAME = re.compile(r"^(?:[IVX]+\.|\d\.) (?:MỤC ĐÍCH|MỤC TIÊU|Mục đích|Mục tiêu|Yêu cầu|NỘI DUNG)(?:, .*)?$")
NUMBERED = re.compile(r"^\d+(?:\.\d+)*\. ")


def at(data: object, path: str) -> object:
    """The draft's value at a field path as `cchc validate` prints it («figures[3]», «tasks[0].title»)."""
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        data = data[int(index)] if index else data[name]  # type: ignore[index]
    return data


def shown(value: object) -> str:
    """A figure as the page shows it («97,7» and «%» are «97,7%»); any other value as it is."""
    if isinstance(value, dict) and "value" in value:
        return f"{value['value']}{value['unit']}" if value.get("unit") == "%" else f"{value['value']} {value.get('unit', '')}".strip()
    return str(value)


@pytest.mark.parametrize("record", sorted(COMMUNE))
def test_every_fact_of_a_real_commune_plan_or_report_lands_in_the_draft_exactly(record, project, tmp_path):
    kind, folder, errors = COMMUNE[record]
    document = tmp_path / f"{record}.txt"
    document.write_text(page_text(record), encoding="utf-8")
    result = import_document(document, "son-thuong", kind, project)
    assert result.target.parent == Path("units/son-thuong") / folder
    draft = yaml.load(result.text, Loader=yaml.BaseLoader)
    marks = review_marks(result.text)
    facts = yaml.safe_load((REAL / record / "facts.yml").read_text(encoding="utf-8"))["facts"]
    missing = []
    for fact in facts:
        if "lands" in fact:
            ok = shown(at(draft, fact["lands"])) == fact["text"]
        elif "within" in fact:
            ok = fact["text"] in str(at(draft, fact["within"]))
        else:
            ok = any(field == fact["marked"] and f"«{fact['text']}»" in reason for field, reason, _ in marks)
        if not ok:
            missing.append(fact)
    assert missing == []
    # Every line of the text is in the draft or listed as unplaced: nothing is silently dropped. A
    # numbered heading of the plan's own frame («I. MỤC ĐÍCH, YÊU CẦU», «1. Mục đích») is the field
    # it opens (purposes, requirements), so it is not looked for as a value.
    values = " ".join(leaves(draft))
    unplaced = " ".join(p.message for p in result.problems if p.code.value == "import-unplaced")
    lines = [NUMBERED.sub("", line.strip().removeprefix("- ")).strip() for line in page_text(record).splitlines()
             if not FRAME.match(line.strip())]
    dropped = [line for line in lines if line and line not in values and line not in unplaced]
    assert dropped == []
    (project / result.target).parent.mkdir(parents=True, exist_ok=True)
    (project / result.target).write_text(result.text, encoding="utf-8")
    _, problems = check(project)
    assert [p.format() for p in problems if p.is_error] == errors  # no title is invented
