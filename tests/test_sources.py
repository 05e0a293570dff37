"""Where a record comes from: a report known only from a news article (publisher, day, address;
no number, no invented issue date), and procedure records with several sources, plain-http
addresses and facts the source does not give."""

import re

from conftest import cchc
from test_site import page, text_of
from test_validation import edit

REPORT = "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml"
ARTICLE = (
    "date: 6/2024\n",
    "published:\n"
    "  publisher: Báo Lâm Đồng\n"
    "  date: 18/03/2020\n"
    "  url: http://baolamdong.vn/doi-song/202003/tren-7600-ho-so-bi-qua-han-trong-quy-i-2993657/\n"
    "  accessed: 01/12/2026\n",
)


def words(fragment: str) -> str:
    return " ".join(text_of(fragment).split())


def test_a_report_known_from_an_article_names_the_article_not_a_blank_number(project):
    edit(project, REPORT, *ARTICLE)
    run = cchc(project, "build", "son-thuong", env={"SOURCE_DATE_EPOCH": "1779408000"})
    assert run.code == 0, run.err
    text = words(page(project, "son-thuong", "bao-cao/2024-q2-ket-qua-cchc"))
    assert "Nguồn Báo Lâm Đồng, đăng ngày 18/03/2020, http://baolamdong.vn/doi-song/202003/" in text
    assert "(xem ngày 01/12/2026)" in text
    assert "văn bản không ghi số" not in text
    assert "Ngày ban hành" not in text  # no issue date is invented from the article's day
    assert "Cơ quan báo cáo Ủy ban nhân dân xã Sơn Thượng" in text
    # neither «no number» nor «plain http» is said about an article: it has no number, and its address is cited as it is
    assert "2024-q2-ket-qua-cchc.yml:2:8: cảnh báo: number:" not in run.err
    assert "[insecure-link]" not in run.err


def test_an_article_without_a_date_says_so_and_invents_none(project):
    edit(project, REPORT, *ARTICLE)
    edit(project, REPORT, "  date: 18/03/2020\n", "")
    assert cchc(project, "build", "son-thuong").code == 0
    text = words(page(project, "son-thuong", "bao-cao/2024-q2-ket-qua-cchc"))
    assert "Nguồn Báo Lâm Đồng, không ghi ngày đăng, http://baolamdong.vn/" in text
    assert not re.search(r"đăng ngày \d", text)


def test_a_report_with_a_number_and_an_article_shows_both(project):
    edit(project, REPORT, *ARTICLE)
    edit(project, REPORT, "number:\n", "number: '19'\n")
    assert cchc(project, "build", "son-thuong").code == 0
    text = words(page(project, "son-thuong", "bao-cao/2024-q2-ket-qua-cchc"))
    assert "Số, ký hiệu 19/BC-UBND" in text and "Ngày ban hành Không ghi" in text
    assert "Nguồn Báo Lâm Đồng, đăng ngày 18/03/2020" in text
