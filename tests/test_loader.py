"""The loader keeps scalars as text with their places and refuses what YAML should not do here."""

import pytest
from conftest import ROOT

from generator.load import LoadError, load_text


def test_scalars_stay_exactly_as_written():
    doc = load_text("phone: 0255371234\ncode: 1.000230\nok: NO\ntime: 1:30\nday: 2024-13-45\n", "f.yml")
    assert doc.data == {"phone": "0255371234", "code": "1.000230", "ok": "NO", "time": "1:30", "day": "2024-13-45"}


def test_empty_value_is_none_and_quoted_empty_is_text():
    assert load_text("a:\nb: ''\n", "f.yml").data == {"a": None, "b": ""}


def test_lines_and_columns_are_kept_for_values_and_keys():
    doc = load_text("items:\n  - name: x\n    phone: '1'\n", "f.yml")
    assert doc.mark(("items", 0, "phone")) == (3, 12)
    assert doc.mark(("items", 0, "phone"), key=True) == (3, 5)
    assert doc.mark(("items", 0, "missing")) == (2, 5)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: 1\na: 2\n", "f.yml:2:1: Khoá «a» bị lặp lại trong cùng một khối [duplicate-key]"),
        (
            "a: !!python/object/apply:os.system ['echo pwned']\n",
            "f.yml:1:4: Không chấp nhận thẻ YAML «!!python/object/apply:os.system»; hãy xoá thẻ và chỉ ghi giá trị [yaml-tag]",
        ),
        ("a: !custom x\n", "f.yml:1:4: Không chấp nhận thẻ YAML «!custom»; hãy xoá thẻ và chỉ ghi giá trị [yaml-tag]"),
        ("a:\n\tb: 1\n", "f.yml:2:1: Có ký tự Tab trong phần thụt lề; YAML chỉ dùng dấu cách [yaml-tab]"),
        ('a: "abc\nb: 2\n', "f.yml:1:4: Dấu ngoặc kép hoặc nháy đơn chưa được đóng [yaml-unclosed-quote]"),
        ("a: &x 1\nb: *x\n", "f.yml:1:4: Không dùng neo YAML (&tên); hãy viết đầy đủ giá trị [yaml-anchor]"),
        ("b: *x\n", "f.yml:1:4: Không dùng bí danh YAML (*tên); hãy viết đầy đủ giá trị [yaml-alias]"),
    ],
)
def test_refusals_name_the_place(text, expected):
    with pytest.raises(LoadError) as caught:
        load_text(text, "f.yml")
    assert caught.value.problem.format() == expected


UNCLOSED = "Dấu ngoặc kép hoặc nháy đơn chưa được đóng [yaml-unclosed-quote]"


@pytest.mark.parametrize(
    "text, place",
    [
        # A quote left open is closed by the next line's quote, so PyYAML complains a line later:
        # the editor is sent to the quote that was opened, skipping what cannot open one.
        ('a: "ok"\nb: "mở\nc: "x"\n', "2:4"),  # a balanced line before it
        ('# ghi chú có dấu " ở đây\na: "mở\nb: "x"\n', "2:4"),  # a quote in a comment line
        ('  # "\na: "mở\nb: "x"\n', "2:4"),  # an indented comment line
        ('a: 1 # chú thích "x\nb: "mở\nc: "x"\n', "2:4"),  # a quote in a trailing comment
        ('a: "màn hình 12\\" inch"\nb: "mở\nc: "x"\n', "2:4"),  # an escaped quote
        ('a: "Bộ phận "Một cửa"\nb: "x"\n', "1:4"),  # three quotes: the first one opened the value
        ('a:\n  - "x\n  - "y"\nb: 1\n', "2:5"),  # in a list
    ],
)
def test_an_unclosed_quote_is_reported_where_it_was_opened(text, place):
    with pytest.raises(LoadError) as caught:
        load_text(text, "f.yml")
    assert caught.value.problem.format() == f"f.yml:{place}: {UNCLOSED}"


def test_a_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    with pytest.raises(LoadError):
        load_text(f"a: !!python/object/apply:os.system ['touch {marker}']\n", "f.yml")
    assert not marker.exists()


def test_libyaml_and_pure_python_parsers_give_the_same_data_and_places(monkeypatch):
    import generator.load.yaml_file as loader

    text = (ROOT / "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml").read_text(encoding="utf-8")
    fast = loader.load_text(text, "r.yml")
    monkeypatch.setattr(loader, "_Loader", loader._PythonLoader)
    slow = loader.load_text(text, "r.yml")
    assert (fast.data, fast.marks, fast.key_marks) == (slow.data, slow.marks, slow.key_marks)
