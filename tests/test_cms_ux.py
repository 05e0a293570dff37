"""The web editor as a commune editor sees it, in Debian's Chromium at a phone's width (390 px) and
at a desktop's (1280 px): the form is never wider than the screen, «Công bố» is on it, a quarter
reads «Quý II», the preview link opens the page being edited, and a refused save says what is
wrong beside the field in Vietnamese, with its hint and without a file path, an English code or
«API_ERROR». Screenshots of each width go to docs/anh-bien-tap/ for the editors' guide."""

from __future__ import annotations

import re

import pytest

from generator.cms.server import DECAP_SERVER, EditServer

pytestmark = pytest.mark.skipif(not DECAP_SERVER.is_file(), reason="chưa cài trình biên tập: make cms")

SLUG, REPORT = "son-thuong", "2024-q2-ket-qua-cchc"
SHOTS = __import__("pathlib").Path(__file__).resolve().parent.parent / "docs" / "anh-bien-tap"
LEAKS = re.compile(r"API_ERROR|units/|content/|\.yml|\[[a-z-]+\]")


@pytest.fixture
def editor(project):
    server = EditServer(project, SLUG, 0, preview_url="http://127.0.0.1:8000/")
    server.start()
    yield f"http://127.0.0.1:{server.port}"
    server.stop()


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_report_form_fits_the_screen_and_a_refusal_is_said_beside_the_field(editor, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(f"{editor}/admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{editor}/admin/#/collections/dv-{SLUG}--reports/entries/{REPORT}")
    page.wait_for_selector("text=Công bố", timeout=30_000)
    page.wait_for_load_state("networkidle")
    _no_sideways_scroll(page)
    box = page.get_by_text("Đã công bố").first.bounding_box()  # the publish menu, before any change
    assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= width  # «Công bố» reachable
    assert page.get_attribute(".cchc-preview", "href") == f"http://127.0.0.1:8000/bao-cao/{REPORT}/"
    assert page.get_by_text("Quý II", exact=True).count() >= 1  # the file's «2», shown as the form's choice
    assert page.get_by_text("(không bắt buộc)").count() == 0
    page.screenshot(path=str(SHOTS / f"bao-cao-{width}.png"))

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
    _no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / f"bao-cao-loi-{width}.png"))
    page.close()
