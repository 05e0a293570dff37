"""Every figure as its source gave it. One reader reads every numeric field of every model: the same
text gets the same reading, or the same refusal with the same message, wherever it is typed. A
rounded or approximate figure is shown as written and nothing is computed from it; a published rate
the report's own counts do not give, and figures that cannot all be true, are warned naming both."""

from __future__ import annotations

import inspect
import typing
from decimal import Decimal

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from generator import schema
from generator.pipeline import check, render_all
from generator.schema import documents, plan, procedure, report, unit
from generator.schema.types import Amount, Count, Number, Quantity, Rate

# What each numeric type is for: a small whole key (quarter, copies, rank), a count of dossiers as a
# source writes it (it may be rounded), or any figure (score, rate, another figure of a report).
KINDS = {"key": Count, "count": Amount, "figure": Number, "rate": Rate}


def _kind(annotation: object) -> str | None:
    for name, kind in KINDS.items():
        if annotation == kind:
            return name
    return next((k for a in typing.get_args(annotation) if (k := _kind(a))), None)


def numeric_fields() -> list[tuple[str, str, object]]:
    """(Model.field, kind, annotation) for every numeric field of every model of the one schema."""
    found = []
    for module in (documents, plan, procedure, report, unit, schema):
        for model in vars(module).values():
            if not (inspect.isclass(model) and issubclass(model, BaseModel) and model.__module__.startswith("generator.schema")):
                continue
            for name, info in model.model_fields.items():
                annotation = info.rebuild_annotation()
                if kind := _kind(annotation):
                    found.append((f"{model.__name__}.{name}", kind, annotation))
    return sorted(set(found), key=lambda f: f[0])


FIELDS = numeric_fields()

REFUSED_AMBIGUOUS = ("ambiguous-number",)
NOT_COUNT = ("not-a-count",)

# form → the outcome in each kind: (value, approximate) read, or (code,) refused.
FORMS: dict[str, dict[str, tuple[object, ...]]] = {
    "1234": dict.fromkeys(KINDS, (Decimal(1234), False)),
    "09": dict.fromkeys(KINDS, (Decimal(9), False)),
    "1.234": dict.fromkeys(KINDS, (Decimal(1234), False)),
    "12,5": {"key": NOT_COUNT, "count": NOT_COUNT, "figure": (Decimal("12.5"), False), "rate": (Decimal("12.5"), False)},
    "1.234,5": {"key": NOT_COUNT, "count": NOT_COUNT, "figure": (Decimal("1234.5"), False), "rate": (Decimal("1234.5"), False)},
    "1.23": dict.fromkeys(KINDS, REFUSED_AMBIGUOUS),
    "12.5": dict.fromkeys(KINDS, REFUSED_AMBIGUOUS),
    "159,845": dict.fromkeys(KINDS, REFUSED_AMBIGUOUS),
    "98,33%": {"key": NOT_COUNT, "count": NOT_COUNT, "figure": (Decimal("98.33"), False), "rate": (Decimal("98.33"), False)},
    "3,45 %": {"key": NOT_COUNT, "count": NOT_COUNT, "figure": (Decimal("3.45"), False), "rate": (Decimal("3.45"), False)},
    "hơn 95%": {"key": NOT_COUNT, "count": NOT_COUNT, "figure": (Decimal(95), True), "rate": (Decimal(95), True)},
    "khoảng 300": {"key": NOT_COUNT, "count": (Decimal(300), True), "figure": (Decimal(300), True), "rate": (Decimal(300), True)},
    "trên 1.000": {"key": NOT_COUNT, "count": (Decimal(1000), True), "figure": (Decimal(1000), True), "rate": (Decimal(1000), True)},
    "4,52 ngàn": {"key": NOT_COUNT, "count": (Decimal(4520), True), "figure": (Decimal(4520), True), "rate": (Decimal(4520), True)},
    "5 nghìn": {"key": NOT_COUNT, "count": (Decimal(5000), True), "figure": (Decimal(5000), True), "rate": (Decimal(5000), True)},
    "1,2 triệu": {"key": NOT_COUNT, "count": (Decimal(1_200_000), True), "figure": (Decimal(1_200_000), True), "rate": (Decimal(1_200_000), True)},
    "-5": {"key": NOT_COUNT, "count": NOT_COUNT, "figure": (Decimal(-5), False), "rate": (Decimal(-5), False)},
    "１２": dict.fromkeys(KINDS, ("non-ascii-digits",)),
    "12 người": dict.fromkeys(KINDS, ("not-a-count",)) | {"figure": ("not-a-number",), "rate": ("not-a-number",)},
    # a news article writes small counts in words («chỉ tám hồ sơ quá hạn»); only single words 0-10
    "tám": dict.fromkeys(KINDS, (Decimal(8), False)),
    "không": dict.fromkeys(KINDS, (Decimal(0), False)),
    "mười hai": dict.fromkeys(KINDS, ("not-a-count",)) | {"figure": ("not-a-number",), "rate": ("not-a-number",)},
}


def _read(annotation: object, text: str) -> tuple[object, ...]:
    """What one field makes of a text: (value, approximate, as shown) or (code, message)."""
    try:
        value = TypeAdapter(annotation).validate_python(text)
    except ValidationError as error:
        first = error.errors()[0]
        return first["type"], first["msg"]
    if isinstance(value, Quantity):
        return value.value, value.approximate, value.text
    return Decimal(value), False, text


def test_the_numeric_fields_are_found_in_every_model():
    """The list the tests below run over comes from the models, and holds every kind."""
    names = {name for name, _, _ in FIELDS}
    assert {"Figure.value", "Received.total", "PublishedRate.value", "DossierItem.copies", "IndexResult.score"} <= names, names
    assert {kind for _, kind, _ in FIELDS} == set(KINDS)


@pytest.mark.parametrize("text", FORMS)
def test_each_number_form_reads_alike_in_every_numeric_field(text):
    """Every field of one kind gives the expected reading (shown exactly as written), and every
    refusal of one code carries the same message, whatever the field."""
    messages: dict[str, set[str]] = {}
    for name, kind, annotation in FIELDS:
        outcome = _read(annotation, text)
        expected = FORMS[text][kind]
        if len(expected) == 1:
            assert outcome[0] == expected[0], f"{name}: {text!r} gave {outcome}, expected a refusal {expected[0]}"
            messages.setdefault(str(outcome[0]), set()).add(str(outcome[1]))
        else:
            value, approximate = expected
            assert outcome[:2] == (value, approximate), f"{name}: {text!r} read as {outcome}"
            if kind != "key":
                assert outcome[2] == text, f"{name}: {text!r} would be shown as {outcome[2]!r}"
    for code, texts in messages.items():
        assert len(texts) == 1, f"{text!r}: {code} has different messages: {texts}"
        assert f"«{text}»" in next(iter(texts))


def test_an_ambiguous_figure_names_the_vietnamese_rule():
    code, message = _read(Number, "159,845")
    assert code == "ambiguous-number"
    assert message == (
        "«159,845» không rõ nghĩa: theo cách viết Việt Nam, dấu chấm ngăn cách hàng nghìn (1.234) và dấu phẩy"
        " đứng trước phần thập phân (12,5); hãy viết lại đúng như văn bản gốc"
    )
    assert _read(Number, "１２")[1] == "«１２» có chữ số không phải 0-9 (chữ số toàn độ rộng hoặc Ả Rập, thường do dán từ tài liệu khác); hãy viết «12»"


# --- on a built report --------------------------------------------------------------------------

REPORT = "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml"


def _edit(project, old: str, new: str) -> None:
    path = project / REPORT
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _build(project):
    units, problems = check(project)
    assert [p.format() for p in problems if p.severity.value == "error"] == []
    pages = render_all(units, ["son-thuong"])["son-thuong"]
    return next(text for name, text in pages.items() if "2024-q2-ket-qua-cchc" in name), problems


def test_a_figure_in_159_845_form_is_refused_at_its_line(project):
    _edit(project, "value: hơn trên 500", "value: '159,845'")
    _, problems = check(project)
    found = [p for p in problems if p.code == "ambiguous-number"]
    assert len(found) == 1 and found[0].file == REPORT and found[0].field == "figures[1].value", [p.format() for p in problems]


@pytest.mark.parametrize(("value", "unit", "shown"), [("98,33", "\n  unit: '%'", "98,33%"), ("98,33%", "", "98,33%"), ("3,45 %", "", "3,45 %"), ("hơn 95%", "", "hơn 95%")])
def test_a_percent_is_shown_with_the_spacing_the_source_gives(project, value, unit, shown):
    """«98,33» with the unit «%» is «98,33%», as sources write it; a value typed with its sign keeps
    the spacing it was typed with."""
    _edit(project, "value: hơn trên 500\n  unit: người", f"value: '{value}'{unit}")
    page, _ = _build(project)
    assert f'<dd markdown="span">{shown} (01 hội nghị tại xã' in page


# A table as a news article gives it: a rounded count of dossiers resolved on time and a published rate.
ROUNDED = """dossier_stats:
  resolved:
    total: '4.561'
    early_or_on_time: 4,52 ngàn
    late: '12'
  rate_base: resolved
  rates:
  - label: Giải quyết đúng và trước hạn
    value: 99,7%
figures:"""


def test_nothing_is_computed_from_a_rounded_figure(project):
    text = (project / REPORT).read_text(encoding="utf-8")
    start, end = text.index("dossier_stats:"), text.index("figures:")
    (project / REPORT).write_text(text[:start] + ROUNDED + text[end + len("figures:"):], encoding="utf-8")
    page, problems = _build(project)
    assert "4,52 ngàn" in page and "**99,7%** (tỷ lệ báo cáo công bố)" in page
    assert "tính từ số liệu" not in page, "a rate was computed from the rounded «4,52 ngàn»"
    assert not [p for p in problems if p.code == "rate-mismatch"]


def test_a_published_rate_its_counts_do_not_give_is_warned_and_labelled(project):
    text = (project / REPORT).read_text(encoding="utf-8")
    start, end = text.index("dossier_stats:"), text.index("figures:")
    table = ROUNDED.replace("4,52 ngàn", "4.520").replace("'12'", "'41'")  # 4.520 of 4.561 is 99,1%
    (project / REPORT).write_text(text[:start] + table + text[end + len("figures:"):], encoding="utf-8")
    page, problems = _build(project)
    found = [p for p in problems if p.code == "rate-mismatch"]
    assert len(found) == 1 and found[0].format().endswith(
        "cảnh báo: dossier_stats.rates[0].value: Tỷ lệ báo cáo công bố «Giải quyết đúng và trước hạn» 99,7% khác tỷ lệ"
        " tính từ số liệu của chính báo cáo 99,1%, quá mức làm tròn; trang hiện cả hai, ghi rõ tỷ lệ nào là của báo cáo [rate-mismatch]"
    ), [p.format() for p in found]
    assert "**99,7%** (tỷ lệ báo cáo công bố)" in page
    assert "**99,1% (tính từ số liệu, trên tổng số hồ sơ đã giải quyết: 4.561; khác tỷ lệ báo cáo công bố 99,7%)**" in page


def test_a_published_rate_that_is_the_rounding_of_its_counts_is_not_warned(project):
    text = (project / REPORT).read_text(encoding="utf-8")
    start, end = text.index("dossier_stats:"), text.index("figures:")
    table = ROUNDED.replace("4,52 ngàn", "4.549").replace("99,7%", "99,7%")  # 4.549/4.561 = 99,737…%
    (project / REPORT).write_text(text[:start] + table + text[end + len("figures:"):], encoding="utf-8")
    page, problems = _build(project)
    assert not [p for p in problems if p.code == "rate-mismatch"]
    assert "khác tỷ lệ báo cáo công bố" not in page


IMPOSSIBLE = [
    # (table, the warning's field, its message)
    ("  received:\n    total: '54.575'\n  resolved:\n    total: '51.780'\n  in_progress:\n    total: '2.800'\n",
     "dossier_stats.resolved",
     "Số hồ sơ đã giải quyết 51.780 cộng số hồ sơ đang giải quyết 2.800 là 54.580, nhiều hơn tổng số hồ sơ tiếp nhận 54.575"),
    ("  received:\n    new: '100'\n    carried_over: '5'\n  resolved:\n    early: '90'\n    late: '16'\n",
     "dossier_stats.resolved",
     "Số hồ sơ đã giải quyết 106, nhiều hơn số hồ sơ mới tiếp nhận cộng từ kỳ trước chuyển sang 105"),
    ("  resolved:\n    total: '318'\n    late: '320'\n",
     "dossier_stats.resolved.late",
     "Số hồ sơ đã giải quyết (Giải quyết quá hạn) 320, nhiều hơn tổng số hồ sơ đã giải quyết 318"),
]


@pytest.mark.parametrize(("table", "field", "message"), IMPOSSIBLE, ids=["outcomes-above-received", "outcomes-above-new-and-carried", "part-above-total"])
def test_figures_that_cannot_all_be_true_are_warned_naming_both(project, table, field, message):
    text = (project / REPORT).read_text(encoding="utf-8")
    start, end = text.index("dossier_stats:"), text.index("figures:")
    (project / REPORT).write_text(text[:start] + "dossier_stats:\n" + table + "figures:" + text[end + len("figures:"):], encoding="utf-8")
    _, problems = check(project)
    found = [p for p in problems if p.code == "dossier-excess"]
    assert len(found) == 1 and found[0].format().endswith(
        f"cảnh báo: {field}: {message}: không thể cùng đúng; trang vẫn hiện đúng số văn bản ghi, hãy đối chiếu lại với bản gốc [dossier-excess]"
    ), [p.format() for p in found]


def test_rounded_figures_are_never_called_impossible(project):
    text = (project / REPORT).read_text(encoding="utf-8")
    start, end = text.index("dossier_stats:"), text.index("figures:")
    table = "  received:\n    total: 5,65 ngàn\n  resolved:\n    total: '5.700'\n"
    (project / REPORT).write_text(text[:start] + "dossier_stats:\n" + table + "figures:" + text[end + len("figures:"):], encoding="utf-8")
    _, problems = check(project)
    assert not [p for p in problems if p.code == "dossier-excess"]


@pytest.mark.parametrize(("written", "value", "approximate", "unit"), [
    ("98,33%", "98.33", "false", "%"), ("3,45 %", "3.45", "false", "%"), ("hơn 95%", "95", "true", "%"),
    ("4,52 ngàn", "4520", "true", "người"), ("1.234,5", "1234.5", "false", "người"), ("tám", "8", "false", "người"),
])
def test_the_open_data_holds_the_value_the_page_shows(project, written, value, approximate, unit):
    """Each accepted form reaches the page as written and the data files as the same value, with
    the text as published beside it (check_report reads the page independently of the tool)."""
    from test_open_data import _build_son_thuong, _row, assert_valid, check_report

    old, new = "value: '19'\n  unit: người", f"value: '{written}'" + ("" if unit == "%" else "\n  unit: người")
    site = _build_son_thuong(project, old, new)
    rows = check_report(site, "bao-cao/2024-q2-ket-qua-cchc/")
    row = _row(rows, "Biên chế hành chính hiện có")
    assert (row["value"], row["as_published"], row["approximate"], row["unit"]) == (value, written, approximate, unit)
    page = (site / "bao-cao/2024-q2-ket-qua-cchc/index.html").read_text(encoding="utf-8")
    assert f"{written}{' người' if unit != '%' else ''} (11 cán bộ" in page
    assert_valid(site / "du-lieu/datapackage.json")


def test_a_split_given_both_ways_is_not_counted_twice(project):
    """A source that gives early and on time apart AND their combined figure: 50 + 40 = 90, plus 10
    late, is its total of 100 and within the 100 received; nothing is warned."""
    text = (project / REPORT).read_text(encoding="utf-8")
    start, end = text.index("dossier_stats:"), text.index("figures:")
    table = "  received:\n    total: '100'\n  resolved:\n    total: '100'\n    early: '50'\n    on_time: '40'\n    early_or_on_time: '90'\n    late: '10'\n"
    (project / REPORT).write_text(text[:start] + "dossier_stats:\n" + table + "figures:" + text[end + len("figures:"):], encoding="utf-8")
    _, problems = check(project)
    assert not [p.format() for p in problems if p.code in ("dossier-excess", "dossier-sum-mismatch")]
