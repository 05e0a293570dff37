"""The province pages of Quảng Ngãi over its units, as a citizen and the province's reform office
read them in the built site: the directory (old districts and their successor), «Nộp ở đâu?», the
roll-up with Sơn Thượng's Q2/2024 figures, search by an old name without diacritics, the pages'
accessibility at phone and desktop widths, and a publish that holds a member back."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import cchc
from test_browser import WCAG, WIDER_THAN_SCREEN, search_results
from test_open_data import _Rollup
from test_publish import live, publish
from test_validation import edit

PROVINCE = "quang-ngai"
PAGES = ["don-vi/", "nop-o-dau/", "nop-o-dau/1.000593/", "so-lieu-don-vi/", "so-lieu-don-vi/theo-received/", "van-ban-don-vi/"]


def text_of(site: Path, url: str) -> str:
    """The page's article as plain text, one space between words."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"): html.index("</article>")]
    article = re.sub(r"</?(a|strong|em|span)\b[^>]*>", "", article)  # inline tags join their text
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_the_directory_lists_the_former_districts_as_dissolved_with_their_successor(built):
    text = text_of(built / "site" / PROVINCE, "don-vi/")
    for district in ("Ba Tơ", "Trà Bồng"):
        assert (
            f"Huyện {district} Tên đơn vị Ủy ban nhân dân huyện {district} Cấp Huyện, thị xã, thành phố thuộc tỉnh (trước 01/7/2025) "
            "Tình trạng Đã giải thể, kết thúc hoạt động từ ngày 01/07/2025 Nay liên hệ Ủy ban nhân dân tỉnh Quảng Ngãi"
        ) in text
    # Sơn Thượng's unit.yml (from its 2024 report) gives no post-merger status: it is shown as its file says.
    assert "Xã Sơn Thượng Tên đơn vị Ủy ban nhân dân xã Sơn Thượng Cấp Xã Tình trạng Đang hoạt động" in text
    assert "Nghị quyết số 1677/NQ-UBTVQH15 ngày 16/06/2025 của Ủy ban Thường vụ Quốc hội" in text
    # Units of other provinces are not Quảng Ngãi's.
    assert "Chi Lăng Nam" not in text and "Tây Ninh" not in text


def test_the_finder_lists_the_units_that_handle_1_000593_linked_to_their_own_page(built):
    site = built / "site" / PROVINCE
    index = (site / "nop-o-dau" / "index.html").read_text(encoding="utf-8")
    assert '<a href="1.000593/">Đăng ký kết hôn lưu động</a>: 1 đơn vị' in index
    html = (site / "nop-o-dau" / "1.000593" / "index.html").read_text(encoding="utf-8")
    handlers = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', html)
    # Chi Lăng Nam also handles 1.000593, but in Hải Dương: it is not Quảng Ngãi's.
    assert handlers == [("https://sonthuong.sonha.quangngai.gov.vn/thu-tuc/1.000593/", "Xã Sơn Thượng")]
    text = text_of(site, "nop-o-dau/1.000593/")
    assert ("Đơn vị có quy định riêng Xã Sơn Thượng: Nơi nộp: Tại nhà của một trong hai bên nam, nữ hoặc địa điểm tổ chức "
            "đăng ký kết hôn lưu động do Ủy ban nhân dân xã Sơn Thượng bố trí; Phí, lệ phí: Không.") in text
    assert "theo danh mục chung" not in text  # its one handler has a local place: none is listed as the catalog's


def test_the_rollup_shows_son_thuongs_q2_2024_figures_as_its_report_gives_them(built):
    table = _Rollup()
    table.feed((built / "site" / PROVINCE / "so-lieu-don-vi" / "index.html").read_text(encoding="utf-8"))
    # The report: received online 310, in person or by post 09, carried over 02 (321 in all, added
    # here and marked); resolved early 318, on time 0, late 0; in progress 0 and 0.
    assert table.rows == [["Xã Sơn Thượng", "Quý II năm 2024", "321 (tính)", "318 (tính)", "318 (tính)", "0", "0 (tính)", "96,6% (tính)"]]
    text = text_of(built / "site" / PROVINCE, "so-lieu-don-vi/")
    assert "Chưa có báo cáo số liệu giải quyết hồ sơ: Huyện Ba Tơ, Huyện Trà Bồng." in text


def test_each_sorted_copy_orders_by_its_column_and_links_back(built):
    site = built / "site" / PROVINCE
    text = text_of(site, "so-lieu-don-vi/theo-received/")
    assert "Đang xếp theo «Tiếp nhận», số lớn trước." in text
    html = (site / "so-lieu-don-vi" / "theo-received" / "index.html").read_text(encoding="utf-8")
    assert 'href="../">tên đơn vị</a>' in html and 'href="../theo-late/">quá hạn</a>' in html


@pytest.mark.parametrize("query, title, note", [
    ("tra bong", "Huyện Trà Bồng", "nay: Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("huyen ba to", "Huyện Ba Tơ", "nay: Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("son thuong", "Xã Sơn Thượng", "Đang hoạt động"),
    ("dang ky ket hon", "Đăng ký kết hôn lưu động", "Nộp ở đâu? · 1 đơn vị"),
])
def test_an_old_name_typed_without_diacritics_finds_the_unit_that_serves_it_now(query, title, note, servers, browser):
    page = browser.new_page()
    page.goto(f"{servers[PROVINCE]}/")
    assert title in search_results(page, query)
    item = page.locator(".cchc-search__results li", has_text=title).first
    meta, href = item.locator("span").inner_text(), item.locator("a").get_attribute("href")
    page.close()
    assert note in meta
    assert href is not None and href.endswith("/nop-o-dau/1.000593/" if "Nộp" in note else "/don-vi/")


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_the_province_pages_are_accessible_and_need_no_sideways_scroll(width, servers, browser):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 800})
    axe, problems = Axe(), []
    for path in PAGES:
        page.goto(f"{servers[PROVINCE]}/{path}")
        page.wait_for_load_state("networkidle")
        result = axe.run(page, options=WCAG)
        problems += [f"/{path}: {v['id']}: {v['help']}" for v in result.response["violations"]]
        if width < 1000:
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert page.evaluate(WIDER_THAN_SCREEN) == [], path
    page.close()
    assert problems == []


def test_a_held_back_unit_keeps_its_last_published_figures_in_the_rollup_marked_with_their_date(project, tmp_path, published):
    dest = published
    before = json.loads((dest / PROVINCE / "current/du-lieu/so-lieu-don-vi.json").read_text(encoding="utf-8"))
    # Sơn Thượng's new figure is broken: the unit is held back; Quảng Ngãi must not drop it nor show the new one.
    edit(project, "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml", "early: '318'", "early: '3x8'")
    edit(project, "units/tra-bong/unit.yml", "status_note: Từ ngày", "status_note: Kể từ ngày")
    run = publish(project, dest, "--report", str(tmp_path / "report.json"), env={"SOURCE_DATE_EPOCH": "1710000000"})
    assert run.code == 1
    statuses = {u["slug"]: u["status"] for u in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["units"]}
    assert statuses["son-thuong"] == "failed" and statuses[PROVINCE] == "built"
    site = dest / PROVINCE / "current"
    table = _Rollup()
    table.feed((site / "so-lieu-don-vi" / "index.html").read_text(encoding="utf-8"))
    assert table.rows == [[
        "Xã Sơn Thượng",
        "Quý II năm 2024 (đơn vị đang bị giữ lại vì lỗi dữ liệu: số liệu đã công bố ngày 14/11/2023)",
        "321 (tính)", "318 (tính)", "318 (tính)", "0", "0 (tính)", "96,6% (tính)",
    ]]
    after = json.loads((site / "du-lieu/so-lieu-don-vi.json").read_text(encoding="utf-8"))
    held = {**before[0], "held_back": True}
    assert after[0] == held and after[0]["published_on"] == "2023-11-14"
    assert "Kể từ ngày" in text_of(site, "don-vi/")  # the other members' edits do go live


def test_an_edit_to_one_member_rebuilds_that_member_and_the_province_only(project, tmp_path, published):
    dest = published
    edit(project, "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml", "withdrawn: '03'", "withdrawn: '04'")
    run = publish(project, dest, "--report", str(tmp_path / "report.json"))
    assert run.code == 0, run.err
    units = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["units"]
    assert sorted(u["slug"] for u in units if u["status"] == "built") == [PROVINCE, "son-thuong"]
    assert live(dest, "ba-to") and cchc(project, "validate").code == 0
