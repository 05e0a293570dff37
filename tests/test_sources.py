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


LAND = """\
code: "1.012753.H19"
name: Đăng ký biến động đất đai
field: ho-tich
levels:
  - province
channels:
  - channel: in-person
    time_limit: 10 ngày
    fee: 280.000 đồng/hồ sơ
    charge: 30.000 đồng/giấy
  - channel: online
    time_limit: 10 ngày
    fee: 140.000 đồng/hồ sơ
    charge: 15.000 đồng/giấy
sources:
  - title: Quyết định số 2228/QĐ-UBND
    url: http://example.gov.vn/2228
    accessed: 01/12/2026
  - title: Trang của Văn phòng đăng ký đất đai
    url: https://example.gov.vn/1.012753.H19.html
last_reviewed: 22/11/2026
"""


def add_land_procedure(project, record=LAND):
    (project / "content/procedures/1.012753.H19.yml").write_text(record, encoding="utf-8")
    edit(project, "units/son-thuong/procedures.yml", "procedures:\n", 'procedures:\n  - code: "1.012753.H19"\n')


def test_a_provincial_record_with_its_own_shape_is_published_as_its_sources_say(project):
    add_land_procedure(project)
    run = cchc(project, "build", "son-thuong", env={"SOURCE_DATE_EPOCH": "1779408000"})
    assert run.code == 0, run.err
    text = words(page(project, "son-thuong", "thu-tuc/1.012753.H19"))
    assert "Mã thủ tục 1.012753.H19" in text  # the short provincial code
    assert "Làm trực tuyến Chưa có thông tin" in text  # not published is not «Không»
    assert "Chưa có thông tin: nguồn không ghi mức dịch vụ công trực tuyến" in text
    assert "Không. Thủ tục này chưa có dịch vụ công trực tuyến" not in text
    assert "Cấp thực hiện Cấp tỉnh" in text
    assert "Cơ quan thực hiện Nguồn không ghi cơ quan thực hiện" in text
    assert "Trực tiếp Thời hạn giải quyết 10 ngày Phí 280.000 đồng/hồ sơ Lệ phí 30.000 đồng/giấy" in text
    assert "Trực tuyến Thời hạn giải quyết 10 ngày Phí 140.000 đồng/hồ sơ Lệ phí 15.000 đồng/giấy" in text
    assert "Nguồn: Quyết định số 2228/QĐ-UBND (tra cứu ngày 01/12/2026) Trang của Văn phòng đăng ký đất đai" in text
    assert "[insecure-link]" not in run.err  # a source's plain-http address is a valid citation


def test_the_index_shows_each_channels_own_fee_and_the_online_list_the_online_one(project):
    add_land_procedure(project)
    assert cchc(project, "build", "son-thuong").code == 0
    index = words(page(project, "son-thuong", "thu-tuc"))
    both = "Phí, lệ phí Trực tiếp: Phí: 280.000 đồng/hồ sơ; lệ phí: 30.000 đồng/giấy; Trực tuyến: Phí: 140.000 đồng/hồ sơ; lệ phí: 15.000 đồng/giấy"
    assert both in index
    # not online (level unknown): not in the «làm được trực tuyến» list; make it online and it is, with its own fee
    online = index.rsplit("Làm được trực tuyến", 1)[1].split("Theo thứ tự A–Z")[0]
    assert "1.012753.H19" not in online
    (project / "content/procedures/1.012753.H19.yml").write_text(LAND.replace("levels:", "online_level: full\nlevels:"), encoding="utf-8")
    assert cchc(project, "build", "son-thuong").code == 0
    index = words(page(project, "son-thuong", "thu-tuc"))
    online = index.rsplit("Làm được trực tuyến", 1)[1].split("Theo thứ tự A–Z")[0]
    entry = online[online.index("Đăng ký biến động đất đai"):]
    assert entry.startswith(
        "Đăng ký biến động đất đai Làm trực tuyến Mã 1.012753.H19 Thời hạn trực tuyến 10 ngày "
        "Phí, lệ phí trực tuyến Phí: 140.000 đồng/hồ sơ; lệ phí: 15.000 đồng/giấy"
    )
    assert "280.000" not in entry.split("Trực tuyến Toàn trình")[0]


def test_a_plain_http_link_that_is_not_a_source_is_still_a_warning(project):
    add_land_procedure(project, LAND.replace("levels:", "online_url: http://dichvucong.example.vn/\nlevels:"))
    run = cchc(project, "validate")
    assert "content/procedures/1.012753.H19.yml:4:13: cảnh báo: online_url (Đường dẫn nộp hồ sơ trực tuyến): Đường dẫn «http://dichvucong.example.vn/» không dùng https [insecure-link]" in run.err
    assert "http://example.gov.vn/2228" not in run.err
