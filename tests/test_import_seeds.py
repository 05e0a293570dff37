"""The five seed documents as the import's oracle: each seed text is imported into a copy of the
project in place of its hand-made file; the draft must validate, and its numbers, dates, citations,
tasks and figures must agree with the hand-made YAML field by field. Every remaining difference is
listed, with its reason, in tests/data/import/expected-differences.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from import_oracle import compare

from generator.importer import import_document
from generator.importer.draft import review_marks
from generator.pipeline import check

DATA = ROOT / "tests" / "data" / "import"
SEEDS = {
    "000": ("ba-to", "units/ba-to/reports/2024-q1-tuyen-truyen-cchc.yml"),
    "001": ("tra-bong", "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml"),
    "002": ("son-thuong", "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml"),
    "003": ("chi-lang-nam", "units/chi-lang-nam/reports/2022-tuyen-truyen-cchc.yml"),
    "004": ("so-ngoai-vu-tay-ninh", "units/so-ngoai-vu-tay-ninh/plans/2024-thong-tin-tuyen-truyen-cchc.yml"),
}
EXPECTED = yaml.safe_load((DATA / "expected-differences.yml").read_text(encoding="utf-8"))


def seed_file(seed: str) -> Path:
    return next((DATA / "seeds").glob(f"{seed}_*.txt"))


def strings(text: str) -> dict:
    """YAML with every scalar as the text written (as the project's loader reads it)."""
    return yaml.load(text, Loader=yaml.BaseLoader)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_seed_imports_to_its_hand_made_yaml(seed, project, capsys):
    unit, hand_path = SEEDS[seed]
    result = import_document(seed_file(seed), unit, None, project)
    assert result.target.parent == Path(hand_path).parent  # a plan among the plans, a report among the reports
    (project / hand_path).write_text(result.text, encoding="utf-8")
    _, problems = check(project)
    errors = [p.format() for p in problems if p.is_error]
    assert errors == []

    agreement = compare(strings(result.text), strings((ROOT / hand_path).read_text(encoding="utf-8")))
    expected = EXPECTED[seed]
    with capsys.disabled():
        print(f"\n{agreement.line(seed)}")
    assert agreement.line(seed) == expected["agreement"]
    explained = {(d["field"], str(d["draft"]), str(d["hand"])) for d in expected["differences"]}
    assert set(agreement.differences) == explained
    assert all(d["reason"] for d in expected["differences"])


def test_the_draft_says_what_needs_a_look_and_from_which_line(project):
    result = import_document(seed_file("002"), "son-thuong", None, project)
    marks = review_marks(result.text)
    assert ("dossier_stats.received.in_person",
            "văn bản ghi «trực tiếp»: nếu số này gồm cả hồ sơ qua bưu chính, chuyển sang in_person_or_postal",
            "dòng 103") in marks
    lines = [p.format() for p in result.problems]
    assert ("002_81a9f273614d0b43.txt:103:1: cảnh báo: dossier_stats.received.in_person: cần kiểm tra: văn bản ghi «trực tiếp»: "
            "nếu số này gồm cả hồ sơ qua bưu chính, chuyển sang in_person_or_postal [import-review]") in lines


def test_a_numbered_line_cut_by_a_blank_line_where_no_sentence_ends_stays_one(project):
    """Seed 001's «5. Đề nghị … Chương trình tổng thể CCHC của» / «Chính phủ, của tỉnh…»: a numbered
    line ending on «của» cannot end there; the two lines are one item, as the hand-made file has it."""
    result = import_document(seed_file("001"), "tra-bong", None, project)
    organisation = strings(result.text)["organisation"]
    hand = strings((ROOT / SEEDS["001"][1]).read_text(encoding="utf-8"))["organisation"]
    assert organisation == hand
    assert organisation[0]["items"][4].endswith("Chương trình tổng thể CCHC của Chính phủ, của tỉnh, của huyện đến các tổ chức "
                                                "thành viên, đoàn viên, hội viên để cùng chung tay phối hợp thực hiện tốt công tác CCHC trên địa bàn huyện.")
