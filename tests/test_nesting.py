"""Nesting is rendered to any depth the schema allows, never dropped: a task with more subtasks than
the letters of the alphabet, sub-subtasks with their lead and time frame, and sections nested deeper
than Markdown has heading levels. Built for real, read back from the HTML a citizen gets."""

import re

import pytest
from conftest import cchc
from test_site import page, text_of

from generator.pipeline import check, render_all

PLAN = "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml"
PAGE = "ke-hoach/2022-truyen-thong-nang-cao-chi-so"
DEPTH = 9  # sections inside sections: deeper than the six heading levels


def many_subtasks() -> str:
    subtasks = "".join(f"  - title: Việc con số {n} của nhiệm vụ dài\n    lead: Đơn vị chủ trì {n}\n" for n in range(1, 25))
    nested = (
        "  - title: Việc con có việc con\n"
        "    subtasks:\n"
        "    - title: Việc cháu thứ nhất\n"
        "      lead: Phòng Văn hóa và Thông tin (cháu)\n"
        "      partners: [Đơn vị phối hợp của việc cháu]\n"
        "      timeframe: Quý III/2024 (cháu)\n"
        "      content: Nội dung của việc cháu.\n"
        "      subtasks:\n"
        "      - title: Việc chắt\n"
        "        lead: Văn phòng huyện (chắt)\n"
        "        timeframe: Trước 30/9 (chắt)\n"
    )
    return "- title: Nhiệm vụ có nhiều việc con\n  subtasks:\n" + subtasks + nested


def deep_sections() -> str:
    text, indent = "", ""
    for level in range(1, DEPTH + 1):
        text += f"{indent}- heading: Mục sâu cấp {level}\n{indent}  items: [Ý của mục cấp {level}]\n"
        if level < DEPTH:
            text += f"{indent}  sections:\n"
            indent += "  "
    return text


@pytest.fixture
def nested(project):
    path = project / PLAN
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nbudget:\n", "\n" + many_subtasks() + "budget:\n", 1)
    text = text.replace("\norganisation:\n", "\norganisation:\n" + deep_sections(), 1)
    path.write_text(text, encoding="utf-8")
    return project


def test_nested_tasks_and_sections_render_without_loss(nested):
    units, problems = check(nested)
    assert not [p.format() for p in problems if p.is_error]
    markdown = render_all(units, ["tra-bong"])["tra-bong"][f"{PAGE}.md"]
    for n in range(1, 25):
        assert f"Việc con số {n} của nhiệm vụ dài" in markdown
    for text in ["Việc cháu thứ nhất", "Phòng Văn hóa và Thông tin (cháu)", "Quý III/2024 (cháu)",
                 "Đơn vị phối hợp của việc cháu", "Nội dung của việc cháu.", "Việc chắt", "Trước 30/9 (chắt)"]:
        assert text in markdown
    for level in range(1, DEPTH + 1):
        assert f"Mục sâu cấp {level}" in markdown and f"Ý của mục cấp {level}" in markdown


def test_nested_tasks_and_sections_appear_on_the_built_page(nested):
    run = cchc(nested, "build", "tra-bong")
    assert run.code == 0, run.err
    html = page(nested, "tra-bong", PAGE)
    article = html[html.index("<article"):html.index("</article>")]  # not the table of contents
    text = " ".join(text_of(article).split())
    labels = re.findall(r"(\S+)[.)] Việc con số (\d+) của nhiệm vụ dài", text)
    assert [int(n) for _, n in labels] == list(range(1, 25))
    assert len({label for label, _ in labels}) == 24, labels  # each its own number
    # marked as a Vietnamese document marks its points: «đ)» after «d)», no «f)»; «aa)» after «y)»
    assert [label for label, _ in labels][:7] == ["a", "b", "c", "d", "đ", "e", "g"] and labels[-1][0] == "aa", labels
    for n in range(1, 25):
        assert f"Đơn vị chủ trì {n}" in text
    assert "Việc cháu thứ nhất" in text and "Việc chắt" in text
    assert "Cơ quan chủ trì Phòng Văn hóa và Thông tin (cháu)" in text
    assert "Thời gian thực hiện Quý III/2024 (cháu)" in text
    assert "Cơ quan chủ trì Văn phòng huyện (chắt)" in text and "Thời gian thực hiện Trước 30/9 (chắt)" in text
    for level in range(1, DEPTH + 1):
        assert f"Mục sâu cấp {level}" in text and f"Ý của mục cấp {level}" in text
