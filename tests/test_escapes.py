"""Escapes in a double-quoted YAML value (`"\\0"`, `"\\x1b"`, `"\\uFFFE"`…) turn into control characters
or non-characters only after parsing, where the loader's check of the raw text cannot see them. Each
is refused at load time at the escape's own line and column, so none reaches a page, the feed or a
terminal; and the feed stays well-formed XML for every character an editor may legitimately write."""

import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, cchc

from generator.pipeline import check
from generator.render.feeds import atom

UNIT = "units/son-thuong/unit.yml"
REPORT = "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml"

# (escape as written in the file, the code point it makes)
BAD = [
    (r"\0", 0x0), (r"\x01", 0x1), (r"\a", 0x7), (r"\x1b", 0x1B), (r"\e", 0x1B), (r"\r", 0xD), (r"\v", 0xB),
    (r"\x7f", 0x7F), (r"\N", 0x85), (r"\x9b", 0x9B), (r"\uFFFE", 0xFFFE), (r"\uFFFF", 0xFFFF),
    (r"\uFDD0", 0xFDD0), (r"\U0010FFFF", 0x10FFFF),
]
SURROGATES = [r"\uD800", r"\uDFFF", r"\uD83D\uDE00"]


def edit(project, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def retitle(project, title: str) -> None:
    path = project / REPORT
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    lines[at] = f"title: {title}"
    path.write_text("\n".join(lines), encoding="utf-8")


def errors(project) -> list[str]:
    _, problems = check(project)
    return [p.format() for p in sorted(problems) if p.is_error]


@pytest.mark.parametrize("escape, code", BAD, ids=[b[0] for b in BAD])
def test_an_escape_making_a_control_character_is_refused_at_the_escape(project, escape, code):
    edit(project, UNIT, "province: Quảng Ngãi", f'province: "Quảng Ngãi {escape} nữa"')
    assert errors(project) == [
        f"{UNIT}:7:23: Mã «{escape}» trong ngoặc kép tạo ra ký tự không hợp lệ (U+{code:04X}); "
        "hãy xoá mã này [yaml-bad-character]"
    ]


@pytest.mark.parametrize("escape", SURROGATES)
def test_an_escape_for_half_a_surrogate_pair_is_refused_at_the_escape(project, escape):
    edit(project, UNIT, "province: Quảng Ngãi", f'province: "Quảng Ngãi {escape} nữa"')
    assert errors(project) == [
        f"{UNIT}:7:23: Mã «{escape[:6]}» trong ngoặc kép là một nửa cặp ký tự thay thế (surrogate), "
        "không phải ký tự; hãy viết thẳng ký tự cần dùng [yaml-bad-character]"
    ]


def test_an_escape_in_a_key_or_a_later_line_of_a_value_is_found_too(project):
    edit(project, UNIT, "province: Quảng Ngãi", 'province: "Quảng\n  Ngãi \\x1b[31m đỏ"\n"x\\0": y')
    assert errors(project) == [
        f"{UNIT}:8:8: Mã «\\x1b» trong ngoặc kép tạo ra ký tự không hợp lệ (U+001B); hãy xoá mã này [yaml-bad-character]"
    ]
    edit(project, UNIT, "\\x1b", "")
    assert errors(project)[0].startswith(f"{UNIT}:9:3: Mã «\\0»")


def test_legitimate_escapes_and_characters_still_load(project):
    edit(project, UNIT, "province: Quảng Ngãi", r'province: "Quảng\tNgãi\n\u00e1\"\\ \_\L\P 🙂 \uFFFD"')
    assert errors(project) == []


def test_the_command_line_refuses_the_build_and_echoes_nothing_raw(project):
    retitle(project, '"\\x1b]0;bị chiếm\\x07\\r\\x1b[2J"')
    run = cchc(project, "build", "son-thuong")
    assert run.code == 1
    assert "[yaml-bad-character]" in run.err
    assert not any(c in run.out + run.err for c in "\x00\x07\x1b\r")
    assert not (project / "site/son-thuong").exists()


def test_the_feed_is_well_formed_for_every_character_an_editor_may_write(project):
    odd = 'Kế hoạch <b>&amp; ]]> \\"x\\" \'y\' \\t\\u2028\\u2029 🙂 \\uFFFD \\u00A0'
    retitle(project, f'"{odd}"')
    units, problems = check(project)
    assert not [p for p in problems if p.is_error]
    feed = ET.fromstring(atom(units["son-thuong"]).encode("utf-8"))
    titles = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert any("<b>&amp; ]]>" in t and "🙂" in t for t in titles), titles


def test_an_escape_after_other_letters_in_a_flow_list_is_placed_exactly(project):
    edit(project, UNIT, "province: Quảng Ngãi", 'province: Quảng Ngãi\nx: [Quảng, "Ngãi \\uDFFF"]')
    assert errors(project)[0].startswith(f"{UNIT}:8:18: Mã «\\uDFFF» trong ngoặc kép là một nửa cặp")


def test_an_unknown_escape_is_named_not_taken_for_an_unclosed_quote(project):
    edit(project, UNIT, "province: Quảng Ngãi", 'province: "Quảng Ngãi C:\\Users"')
    assert errors(project) == [
        f"{UNIT}:7:25: Mã «\\U» trong ngoặc kép không có trong YAML; muốn viết dấu «\\» thì ghi «\\\\», "
        "hoặc đặt giá trị trong nháy đơn [yaml-syntax]"
    ]


def test_a_name_typed_on_the_command_line_is_not_echoed_raw(project):
    run = cchc(project, "build", "xa\x1b[31m-do\rz")
    assert run.code != 0
    assert "xa\\x1b[31m-do\\x0dz" in run.err
    assert not any(c in run.out + run.err for c in "\x1b\r")


def test_a_changed_file_name_is_not_echoed_raw_by_owners(project):
    (project / "deploy/cms").mkdir(parents=True)
    shutil.copy(ROOT / "deploy/cms/OWNERS", project / "deploy/cms/OWNERS")
    run = cchc(project, "owners", "--editor", "bien-tap-son-thuong", "--changed", "units/ba-to/\x1b]0;x\x07.yml")
    assert run.code == 1
    assert "units/ba-to/\\x1b]0;x\\x07.yml: @bien-tap-son-thuong không được sửa" in run.out
    assert not any(c in run.out + run.err for c in "\x1b\x07")
