"""The web editor as a commune editor sees it, in Debian's Chromium at a phone's width (390 px) and
at a desktop's (1280 px): the form is never wider than the screen, «Công bố» is on it, a quarter
reads «Quý II», the preview link opens the page being edited, and a refused save says what is
wrong beside the field in Vietnamese, with its hint and without a file path, an English code or
«API_ERROR». With CCHC_SCREENSHOTS=docs/anh-bien-tap, the screenshots of each width are written
there for the editors' guide (they carry a commit hash, so a plain test run leaves docs/ alone)."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import cchc
from test_cms_edit import REPORT as REPORT_FILE
from test_cms_edit import UNIT, _open, _prepare, _publish, _shot

from generator.cms.server import EditServer, installed

pytestmark = pytest.mark.skipif(not installed(), reason="chưa cài trình biên tập: make cms")

SLUG, REPORT = "son-thuong", "2024-q2-ket-qua-cchc"
LEAKS = re.compile(r"API_ERROR|units/|content/|/[\w.-]+\.yml|\[[a-z-]+\]")  # a path, an English code


@pytest.fixture
def editor(project):
    server = EditServer(project, SLUG, 0, preview_url="http://127.0.0.1:8000/")
    server.start()
    yield server.url
    server.stop()


PHONE, DESKTOP = 390, 1280


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_a_report_form_fits_the_screen_and_a_refusal_is_said_beside_the_field(editor, browser):
    page = browser.new_page(viewport={"width": PHONE, "height": 844})
    page.goto(editor)  # the address `cchc edit` prints: the secret becomes a cookie
    base = editor.split("/admin/")[0]
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{base}/admin/#/collections/dv-{SLUG}--reports/entries/{REPORT}")
    page.wait_for_selector("text=Công bố", timeout=30_000)
    page.wait_for_load_state("networkidle")
    for width in (DESKTOP, PHONE):  # the publish menu, before any change, reachable on both screens
        page.set_viewport_size({"width": width, "height": 844})
        _no_sideways_scroll(page)
        box = page.get_by_text("Đã công bố").first.bounding_box()
        assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= width  # «Công bố» reachable
        _shot(page, f"bao-cao-{width}")
    assert page.get_attribute(".cchc-preview", "href") == f"http://127.0.0.1:8000/bao-cao/{REPORT}/"
    assert page.get_by_text("Quý II", exact=True).count() >= 1  # the file's «2», shown as the form's choice
    assert page.get_by_text("(không bắt buộc)").count() == 0

    page.get_by_label("Ngày ban hành").fill("31/02/2024")
    with page.expect_response(lambda r: "/api/v1" in r.url and "persistEntry" in (r.request.post_data or "")) as answer:
        page.get_by_role("button", name="Công bố", exact=True).click()
        page.get_by_role("menuitem", name="Công bố ngay").click()
    assert answer.value.status == 422
    beside = page.locator(".cchc-field-error").first
    beside.wait_for(timeout=10_000)
    said = beside.inner_text()
    assert "31/02/2024" in said and "không có trên lịch" in said
    status = page.locator("#cchc-status").inner_text()
    assert status.startswith("Chưa lưu: có ô cần sửa.")
    page.wait_for_timeout(500)  # Decap's own notice
    shown = page.locator("body").inner_text()
    assert LEAKS.findall(shown) == []
    _at_both_widths(page, "bao-cao-loi")
    page.close()


EDITOR_NAME = "Nguyễn Thị Hoa"


def _git(root, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def office(project):
    """The project as an office has it: a git repository, and the editor started under a name."""
    _prepare(project)  # 1.000593 not yet listed, no dossier figures yet, a hotline to change
    _git(project, "init", "-q", "-b", "main")
    _git(project, "-c", "user.name=CNTT", "-c", "user.email=cntt@localhost", "add", "-A")
    _git(project, "-c", "user.name=CNTT", "-c", "user.email=cntt@localhost", "commit", "-qm", "bắt đầu")
    server = EditServer(project, SLUG, 0, name=EDITOR_NAME)
    server.start()
    yield project, server.url
    server.stop()


def _status(page) -> str:
    box = page.locator("#cchc-status")
    box.wait_for(timeout=10_000)
    return box.inner_text()


def _shown_is_plain(page) -> None:
    assert LEAKS.findall(page.locator("body").inner_text()) == []


def _at_both_widths(page, name: str | None, button: bool = False) -> None:
    """The screen as it stands, seen on a desktop and back on the phone (the page resized, not
    loaded again): never wider than the screen, with `button` «Công bố» whole on it; a screenshot of
    each."""
    for width in (DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 844})
        _no_sideways_scroll(page)
        if button:
            box = page.get_by_role("button", name="Công bố", exact=True).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width  # on screen, all of it
        if name:
            _shot(page, f"{name}-{width}")


def test_a_commune_editor_does_three_tasks_alone(office, browser):
    """On a phone, the narrower screen, where a button out of reach would stop the editor; each
    screen is also checked at a desktop's width (test_cms_edit.py does the same tasks on a desktop)."""
    root, url = office
    base = url.split("/admin/")[0]
    page = browser.new_page(viewport={"width": PHONE, "height": 844})
    page.goto(url)
    page.get_by_role("button", name="Đăng nhập").click()

    # 1. a hotline number
    _open(page, base, f"dv-{SLUG}/entries/hotlines")
    page.get_by_label("Số điện thoại").first.fill("0255 3855 222")
    _at_both_widths(page, None, button=True)
    assert _publish(page).status == 200
    said = _status(page)
    assert "ghi vào kho git" in said and EDITOR_NAME in said and "Trang công khai sẽ cập nhật" in said
    _at_both_widths(page, "1-duong-day-nong")

    # 2. a catalog procedure, chosen by its name; what the unit lists is not offered again
    _open(page, base, f"dv-{SLUG}/entries/procedures")
    page.get_by_role("button", name="Thêm thủ tục đơn vị giải quyết").click()
    page.get_by_label("Thủ tục (bắt buộc)").last.click()  # the whole catalog, by name
    option = page.get_by_text("Đăng ký kết hôn lưu động (1.000593)", exact=True)
    option.wait_for(timeout=15_000)
    listed = page.locator("[id*='-option-']", has_text="Chứng thực bản sao")  # 2.000815, already listed
    assert listed.count() == 1 and not listed.is_visible()
    page.keyboard.type("kết hôn")
    _at_both_widths(page, "2-chon-thu-tuc")
    option.click()
    assert _publish(page).status == 200

    # 3. a quarter's figures: a total that is not the sum of its parts (saved, and the editor told),
    #    then a date that is not on the calendar (refused, said beside the field), then put right
    _open(page, base, f"dv-{SLUG}--reports/entries/{REPORT}")
    page.get_by_label("Tiếp nhận trực tuyến").first.fill("310")
    page.get_by_label("Giải quyết trước hạn").first.fill("318")
    page.get_by_label("Giải quyết đúng hạn").first.fill("0")
    page.get_by_label("Giải quyết quá hạn").first.fill("0")
    page.get_by_label("Tổng số đã giải quyết").first.fill("320")
    assert _publish(page).status == 200
    said = _status(page)
    assert re.search(r"Đã lưu, nhưng có \d+ điều nên xem lại \(trang vẫn được đăng như đã lưu\)", said)
    assert "Tổng số hồ sơ đã giải quyết văn bản ghi 320 nhưng cộng các số thành phần được 318" in said
    assert page.locator(".cchc-field-warning").count() >= 1
    _shown_is_plain(page)
    _at_both_widths(page, "4-canh-bao")

    date = page.get_by_label("Ngày ban hành")
    date.fill("31/06/2024")
    assert _publish(page).status == 422
    beside = page.locator(".cchc-field-error:not(.cchc-field-warning)").first
    beside.wait_for(timeout=10_000)
    assert beside.inner_text().startswith("Ngày ban hành: Ngày «31/06/2024» không có trên lịch")  # label, message
    assert "Gợi ý: " in beside.inner_text()  # and the hint
    _shown_is_plain(page)
    _at_both_widths(page, "3-loi-ngay")
    date.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("6/2024")  # put right as an editor would: select the box's text and type
    assert date.input_value() == "6/2024"
    assert _publish(page).status == 200
    page.close()

    # Committed under the editor's name, one commit per «Công bố»; the rebuilt pages show it.
    log = _git(root, "log", "--format=%an|%s", "-4").splitlines()
    assert log[3] == "CNTT|bắt đầu"  # the last «Công bố» only put the date back: nothing new to commit
    assert [line.split("|")[0] for line in log[:3]] == [EDITOR_NAME] * 3
    assert [line.split("|")[1] for line in log[:3]] == [f"Trình biên tập web: lưu «{name}»" for name in (f"{REPORT}.yml", "procedures.yml", "hotlines.yml")]
    assert _git(root, "status", "--porcelain", "--", UNIT) == ""
    run = cchc(root, "build", SLUG)
    assert run.code == 0, run.err
    site = root / "site" / SLUG
    assert "0255 3855 222" in (site / "lien-he" / "index.html").read_text(encoding="utf-8")
    assert "Đăng ký kết hôn lưu động" in (site / "thu-tuc" / "index.html").read_text(encoding="utf-8")
    report = " ".join(re.sub(r"<[^>]+>", " ", (site / "bao-cao" / REPORT / "index.html").read_text(encoding="utf-8")).split())
    assert "320" in report and "318" in report and "310" in report
    assert (root / REPORT_FILE).read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_the_editor_dates_a_report_to_appear_later_and_the_site_follows(office, browser):
    root, url = office
    base = url.split("/admin/")[0]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(url)
    page.get_by_role("button", name="Đăng nhập").click()
    _open(page, base, f"dv-{SLUG}--reports/entries/{REPORT}")
    page.get_by_label("Ngày đăng lên trang").fill("01/01/2099")
    assert _publish(page).status == 200
    said = _status(page)
    assert "Văn bản này hẹn đăng từ ngày 01/01/2099: trước ngày đó chưa hiện ở đâu trên trang công khai" in said
    _shown_is_plain(page)
    page.close()
    assert "publish_from: 01/01/2099" in (root / REPORT_FILE).read_text(encoding="utf-8")
    page_file = root / "site" / SLUG / "bao-cao" / REPORT / "index.html"
    assert cchc(root, "build", SLUG, "--today", "31/12/2098").code == 0
    assert not page_file.exists()
    assert cchc(root, "build", SLUG, "--today", "01/01/2099").code == 0
    assert page_file.is_file()
