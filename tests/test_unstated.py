"""What a source does not state stays unstated, and what it states is shown as it states it: originals
and copies as given (never a dash that reads as "none"), a document with no issuing body, one source's
own steps shown under its name, a procedure-wide fee given once."""

from __future__ import annotations

from generator.pipeline import check, render_all

PROCEDURE = "content/procedures/2.000815.yml"
REPORT = "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml"


def _edit(project, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _page(project, name: str) -> str:
    units, problems = check(project)
    assert [p.format() for p in problems if p.severity.value == "error"] == []
    pages = render_all(units, ["son-thuong"])["son-thuong"]
    return next(text for path, text in pages.items() if name in path)


def _card(page: str, title: str) -> str:
    start = page.index(f"**{title}**")
    return page[start:page.index("</li>", start)]


def test_originals_and_copies_are_shown_as_the_source_gives_them(project):
    _edit(project, PROCEDURE, "  - document: Bản sao cần chứng thực\n", "  - document: Bản sao cần chứng thực\n    originals: '1'\n    copies: '1'\n")
    page = _page(project, "thu-tuc/2.000815")
    both = _card(page, "Bản sao cần chứng thực")
    assert '<dt markdown="span">Bản chính</dt>\n<dd markdown="span">1</dd>' in both
    assert '<dt markdown="span">Bản sao</dt>\n<dd markdown="span">1</dd>' in both
    only = _card(page, "Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao")
    assert '<dd markdown="span">1</dd>' in only and "Bản sao</dt>" not in only and "—" not in only


def test_a_copy_count_of_zero_is_shown_as_zero_not_left_out(project):
    _edit(project, PROCEDURE, "  - document: Bản sao cần chứng thực\n", "  - document: Bản sao cần chứng thực\n    copies: '0'\n")
    card = _card(_page(project, "thu-tuc/2.000815"), "Bản sao cần chứng thực")
    assert '<dt markdown="span">Bản sao</dt>\n<dd markdown="span">0</dd>' in card and "Bản chính</dt>" not in card


def test_a_report_whose_source_names_no_issuing_body_says_so(project):
    _edit(project, REPORT, "issuer: Ủy ban nhân dân xã Sơn Thượng\n", "")
    page = _page(project, "2024-q2-ket-qua-cchc")
    assert '<dt markdown="span">Cơ quan ban hành</dt>\n<dd markdown="span">Nguồn không ghi cơ quan ban hành</dd>' in page


def test_one_sources_own_steps_are_shown_under_its_name(project):
    _edit(project, PROCEDURE, "source:\n  title:", "sources:\n- title: Phiếu hướng dẫn của UBND xã\n  covers: trình tự thực hiện\n"
          "  steps:\n  - Nộp hồ sơ tại Bộ phận Một cửa xã.\n  - Nhận kết quả trong ngày.\nsource:\n  title:")
    page = _page(project, "thu-tuc/2.000815")
    steps = page[page.index("## Trình tự thực hiện"):page.index("## Điều kiện thực hiện")]
    assert "Theo Phiếu hướng dẫn của UBND xã:" in steps
    assert steps.index("Theo Phiếu hướng dẫn") < steps.index("Nộp hồ sơ tại Bộ phận Một cửa xã.") < steps.index("Nhận kết quả trong ngày.")
    assert "- Phiếu hướng dẫn của UBND xã: trình tự thực hiện" in page


def test_a_fee_for_the_whole_procedure_is_given_once_and_shown_for_every_channel(project):
    fee = "fee: 2.000 đồng/trang với trang thứ nhất và thứ hai; từ trang thứ ba trở lên 1.000 đồng/trang; tối đa không quá 200.000 đồng/bản\n"
    _edit(project, PROCEDURE, "    " + fee, "")
    _edit(project, PROCEDURE, "dossier:\n", fee + "notes:\n- Miễn phí với người có công.\ndossier:\n")
    page = _page(project, "thu-tuc/2.000815")
    assert page.count("2.000 đồng/trang với trang thứ nhất và thứ hai") >= 1
    assert "Phí, lệ phí</dt>\n<dd markdown=\"span\">Chưa có thông tin" not in page
    assert "Ghi chú của nguồn:\n\n- Miễn phí với người có công." in page
