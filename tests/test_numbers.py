"""Numbers are read the Vietnamese way and reach the page exactly as the source writes them:
`1.234` is one thousand two hundred thirty-four, `12,5` is twelve and a half; an ambiguous value is
refused at its file and line, never re-punctuated."""

from decimal import Decimal

import pytest

from generator.pipeline import check, render_all


def _report_page(project, old: str, new: str) -> str:
    path = project / "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    units, problems = check(project)
    assert [p.format() for p in problems if p.severity.value == "error"] == []
    pages = render_all(units, ["son-thuong"])["son-thuong"]
    return next(text for name, text in pages.items() if "2024-q2-ket-qua-cchc" in name)


@pytest.mark.parametrize("written", ["1.234", "159.845", "12,5", "1.234,5", "98,33", "5,65 nghìn"])
def test_a_figure_reaches_the_page_as_written(project, written):
    page = _report_page(project, "value: hơn trên 500", f"value: '{written}'")
    assert f'<dd markdown="span">{written} người' in page


def test_a_thousands_figure_is_not_republished_as_a_decimal(project):
    page = _report_page(project, "value: hơn trên 500", "value: '1.234'")
    assert "1,234" not in page


@pytest.mark.parametrize(
    "written, value, approximate",
    [("1.234", 1234, False), ("159.845", 159845, False), ("12,5", Decimal("12.5"), False),
     ("1.234,5", Decimal("1234.5"), False), ("98,33", Decimal("98.33"), False), ("09", 9, False),
     ("5,65 nghìn", 5650, True), ("~60.000", 60000, True), ("khoảng 4,8 tỷ", 4_800_000_000, True),
     ("247529", 247529, False)],
)
def test_vietnamese_notation_is_read_as_vietnamese(written, value, approximate):
    from generator.schema.types import read_quantity

    q = read_quantity(written, whole=False)
    assert (q.value, q.approximate, str(q)) == (value, approximate, written)


@pytest.mark.parametrize("written", ["1.23", "12.5", "1,234"])
def test_an_ambiguous_count_is_refused(written):
    from pydantic_core import PydanticCustomError

    from generator.schema.types import read_quantity

    with pytest.raises(PydanticCustomError) as caught:
        read_quantity(written, whole=True)
    assert caught.value.type == "ambiguous-number"


def test_computed_rates_use_vietnamese_notation():
    from generator.render.text import rate

    assert rate(310, 321) == "96,6%"
    assert rate(2, 3, places=2) == "66,67%"
    assert rate(1, 0) == "—"
