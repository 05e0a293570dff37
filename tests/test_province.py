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
import yaml
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


def test_the_directory_lists_the_former_districts_as_dissolved_with_their_successors(built):
    text = text_of(built / "site" / PROVINCE, "don-vi/")
    for district in ("Ba Tơ", "Trà Bồng"):
        assert (
            f"Huyện {district} Tên đơn vị Ủy ban nhân dân huyện {district} Cấp Huyện, thị xã, thành phố thuộc tỉnh (trước 01/7/2025) "
            "Tình trạng Đã giải thể, kết thúc hoạt động từ ngày 01/07/2025 Ghi chú"
        ) in text
    # Each district's communes went to several new communes (Nghị quyết 1677/NQ-UBTVQH15, Điều 1).
    assert ("Nay liên hệ, theo nơi cư trú trước đây: Xã Ba Vì (từ xã Ba Tiêu, xã Ba Ngạc, xã Ba Vì; Nghị quyết số 1677/NQ-UBTVQH15, "
            "Điều 1, khoản 42) Xã Ba Tô (từ xã Ba Lế, xã Ba Nam, xã Ba Tô;") in text
    assert "Xã Ba Xa (từ xã Ba Xa; Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản 92)" in text
    assert ("Xã Cà Đam (từ xã Trà Tân, một phần xã Trà Bùi; Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản 30) "
            "Xã Tây Trà Bồng (từ xã Hương Trà, xã Trà Tây, phần còn lại của xã Trà Bùi;") in text
    assert "Nay liên hệ Ủy ban nhân dân tỉnh Quảng Ngãi" not in text  # the province is no district's successor
    assert ("Xã Sơn Thượng Tên đơn vị Ủy ban nhân dân xã Sơn Thượng Cấp Xã Tình trạng Đã sáp nhập từ ngày 01/07/2025 "
            "Nay liên hệ Xã Sơn Hà (từ thị trấn Di Lăng, xã Sơn Bao, xã Sơn Thượng; Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản 34)") in text
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
    # Sơn Thượng was merged: the finder still leads to its (archived) page, and says who serves it now.
    assert ("Đơn vị có quy định riêng Xã Sơn Thượng (đã sáp nhập từ ngày 01/07/2025; nay: Xã Sơn Hà): Nơi nộp: Tại nhà của một trong hai bên nam, nữ hoặc địa điểm tổ chức "
            "đăng ký kết hôn lưu động do Ủy ban nhân dân xã Sơn Thượng bố trí; Phí, lệ phí: Không.") in text
    assert "theo danh mục chung" not in text  # its one handler has a local place: none is listed as the catalog's


def test_the_rollup_shows_son_thuongs_q2_2024_figures_as_its_report_gives_them(built):
    table = _Rollup()
    table.feed((built / "site" / PROVINCE / "so-lieu-don-vi" / "index.html").read_text(encoding="utf-8"))
    # The report: received 321 in all (online 310, in person 09, carried over 02); resolved early 318,
    # on time 0, late 0 (no total stated: added here and marked); in progress 0.
    assert table.rows == [["Xã Sơn Thượng", "Quý II năm 2024", "321", "318 (tính)", "318 (tính)", "0", "0", "96,6% (tính)"]]
    text = text_of(built / "site" / PROVINCE, "so-lieu-don-vi/")
    assert "Chưa có báo cáo số liệu giải quyết hồ sơ: Huyện Ba Tơ, Huyện Trà Bồng." in text


def test_each_sorted_copy_orders_by_its_column_and_links_back(built):
    site = built / "site" / PROVINCE
    text = text_of(site, "so-lieu-don-vi/theo-received/")
    assert "Đang xếp theo «Tiếp nhận», số lớn trước." in text
    html = (site / "so-lieu-don-vi" / "theo-received" / "index.html").read_text(encoding="utf-8")
    assert 'href="../">tên đơn vị</a>' in html and 'href="../theo-late/">quá hạn</a>' in html


@pytest.mark.parametrize("query, title, note", [
    ("huyen tra bong", "Huyện Trà Bồng", "nay: Xã Trà Bồng, Xã Đông Trà Bồng, Xã Tây Trà"),
    ("huyen ba to", "Huyện Ba Tơ", "nay: Xã Ba Vì, Xã Ba Tô"),
    ("son thuong", "Xã Sơn Thượng", "Đã sáp nhập 01/07/2025 · nay: Xã Sơn Hà"),
    ("ba cung", "xã Ba Cung", "Tên cũ · nay: Xã Ba Tơ"),
    ("tra bui", "phần còn lại của xã Trà Bùi", "Tên cũ · nay: Xã Tây Trà Bồng"),
    ("di lang", "thị trấn Di Lăng", "Tên cũ · nay: Xã Sơn Hà"),
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
        page.goto(f"{servers[PROVINCE]}/{path}")  # checked at its load event, as in test_browser.py
        result = axe.run(page, options=WCAG)
        problems += [f"/{path}: {v['id']}: {v['help']}" for v in result.response["violations"]]
        if width < 1000:
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert page.evaluate(WIDER_THAN_SCREEN) == [], path
    page.close()
    assert problems == []


def _publish_with_son_thuong_broken(project, dest: Path, tmp_path: Path, file: str, old: str, new: str, epoch: str) -> None:
    """Break one of Sơn Thượng's files and edit Trà Bồng, then publish: Sơn Thượng is held back by
    its error, and the province is rebuilt over it."""
    edit(project, file, old, new)
    edit(project, "units/tra-bong/unit.yml", "status_note: Từ ngày", "status_note: Kể từ ngày")
    run = publish(project, dest, "--report", str(tmp_path / "report.json"), env={"SOURCE_DATE_EPOCH": epoch})
    assert run.code == 1
    statuses = {u["slug"]: u["status"] for u in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["units"]}
    assert statuses["son-thuong"] == "failed" and statuses[PROVINCE] == "built"


def test_a_held_back_unit_keeps_its_last_published_figures_in_the_rollup_marked_with_their_date(project, tmp_path, published):
    dest = published
    before = json.loads((dest / PROVINCE / "current/du-lieu/so-lieu-don-vi.json").read_text(encoding="utf-8"))
    # Sơn Thượng's new figure is broken: the unit is held back; Quảng Ngãi must not drop it nor show the new one.
    _publish_with_son_thuong_broken(project, dest, tmp_path, "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml", "early: '318'", "early: '3x8'", "1710000000")
    site = dest / PROVINCE / "current"
    table = _Rollup()
    table.feed((site / "so-lieu-don-vi" / "index.html").read_text(encoding="utf-8"))
    assert table.rows == [[
        "Xã Sơn Thượng",
        "Quý II năm 2024 (đơn vị đang bị giữ lại vì lỗi dữ liệu: số liệu đã công bố ngày 14/11/2023)",
        "321", "318 (tính)", "318 (tính)", "0", "0", "96,6% (tính)",
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


SOURCE = Path(__file__).parent / "data/real/nq-1677-ubtvqh15-quang-ngai/source.md"
ARRANGED = re.compile(r"^(một phần |phần còn lại của )?(xã|thị trấn) ")


@pytest.mark.parametrize("slug", ["ba-to", "tra-bong", "son-thuong"])
def test_each_successor_is_the_one_the_resolutions_clause_names(slug):
    """Faithful to the source: each successor, and each old unit it took over, is in the clause of
    Nghị quyết 1677/NQ-UBTVQH15 that its `basis` cites (the stored verbatim text)."""
    clauses = dict(re.findall(r"^> (\d+)\. (.*)$", SOURCE.read_text(encoding="utf-8").split("> Điều 2.")[0], re.M))
    unit = yaml.safe_load((Path(__file__).parents[1] / "units" / slug / "unit.yml").read_text(encoding="utf-8"))
    heirs = unit.get("successors") or [unit["successor"]]
    assert unit["status_date"] == "01/07/2025" and "chính thức hoạt động từ ngày 01 tháng 7 năm 2025" in SOURCE.read_text(encoding="utf-8")
    for heir in heirs:
        number = re.fullmatch(r"Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản (\d+)", heir["basis"])
        assert number, heir
        clause = clauses[number[1]]
        new = heir["name"].removeprefix("Xã ")
        kept = "xã không thực hiện sắp xếp là các xã" in clause and f" {new}," in clause  # khoản 92: not rearranged
        assert f"thành xã mới có tên gọi là xã {new}." in clause or kept, heir
        for old in heir["took_over"]:
            assert ARRANGED.sub("", old) in clause, (heir["name"], old)


def test_a_held_back_unit_stays_in_the_directory_from_its_last_published_data(project, tmp_path):
    """Sơn Thượng's unit.yml gets an error: its own site keeps its live release, and the province's
    directory still lists it, marked as held back with the day of its last published data."""
    dest = tmp_path / "www"
    assert publish(project, dest, env={"SOURCE_DATE_EPOCH": "1710000000"}).code == 0
    _publish_with_son_thuong_broken(project, dest, tmp_path, "units/son-thuong/unit.yml", "email:\n", "email: ubnd.sonthuong\n", "1720000000")
    text = text_of(dest / PROVINCE / "current", "don-vi/")
    assert "Kể từ ngày" in text  # the province was rebuilt
    assert ("Xã Sơn Thượng Tên đơn vị Ủy ban nhân dân xã Sơn Thượng Đang bị giữ lại Dữ liệu mới của đơn vị có lỗi nên chưa được đăng; "
            "trang của đơn vị vẫn là bản đã công bố ngày 09/03/2024. Trang của đơn vị https://sonthuong.sonha.quangngai.gov.vn/") in text
    # Its procedure list could not be read tonight: «Nộp ở đâu?» says so and sends citizens to its site.
    assert ("Đơn vị đang bị giữ lại vì lỗi dữ liệu, có thể chưa có trong danh sách này: Xã Sơn Thượng. "
            "Xem các thủ tục đơn vị đã công bố trên trang của đơn vị.") in text_of(dest / PROVINCE / "current", "nop-o-dau/")


def test_the_province_pages_first_load_is_at_most_40_kb_gzipped(built, browser):
    """Every byte Chromium fetches for a first load of each province page type, gzipped as nginx's
    gzip_static serves it (bench/weight.py, `make bench-weight`), within the 40 KB budget."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from weight import LIMITS, measure

    rows = {kind: size for kind, _, size, _ in measure(browser, built / "site" / PROVINCE)}
    province = {kind: size for kind, size in rows.items() if kind in LIMITS and kind != "procedure"}
    assert len(province) == 6, rows
    assert {kind: size for kind, size in province.items() if size > 40 * 1024} == {}
