"""`cchc edit` end to end: Debian's Chromium drives the real Decap CMS against decap-server behind
the validating proxy, on a private copy of the project. Saves change the files only where the form
changed; bad values never reach the disk and the Vietnamese message is shown."""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, cchc

from generator.cms.server import EditServer, installed
from generator.load import load_file

pytestmark = pytest.mark.skipif(not installed(), reason="chưa cài trình biên tập: make cms")

SLUG = "son-thuong"
UNIT = f"units/{SLUG}"
REPORT = f"{UNIT}/reports/2024-q2-ket-qua-cchc.yml"
SHOTS = Path(os.environ["CCHC_SCREENSHOTS"]) if os.environ.get("CCHC_SCREENSHOTS") else None


def data(root: Path, path: str):
    """What the project's own loader reads (every scalar text), blanks left out: a blank key and a
    missing key are the same fact to the schema."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if v is not None and v != []}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(load_file(root / path, path).data)


def _prepare(root: Path) -> None:
    """A start the test can edit towards the bundled content: one catalog procedure not yet listed,
    the report's dossier figures not yet entered, a hotline number to change."""
    procedures = root / UNIT / "procedures.yml"
    text = procedures.read_text(encoding="utf-8")
    procedures.write_text(text[: text.index('  - code: "1.000593"')], encoding="utf-8")
    report = root / REPORT
    text = report.read_text(encoding="utf-8")
    report.write_text(re.sub(r"dossier_stats:\n(  .*\n)+", "", text), encoding="utf-8")
    hotlines = root / UNIT / "hotlines.yml"
    hotlines.write_text(hotlines.read_text(encoding="utf-8").replace("  phone:\n", "  phone: 0255 3855 111\n", 1), encoding="utf-8")


@pytest.fixture
def editor(project: Path):
    _prepare(project)
    assert cchc(project, "validate").code == 0
    server = EditServer(project, SLUG, 0)
    server.start()
    yield project, f"http://127.0.0.1:{server.port}", server.url
    server.stop()


def _api_request(base: str, url: str, body: dict) -> urllib.request.Request:
    """A request as the admin page sends it: JSON, from the editor's own origin, with the session's
    secret (here as `Authorization: token …`, which tools use; the page has it in a cookie)."""
    token = url.split("token=")[1]
    headers = {"Content-Type": "application/json", "Origin": base, "Authorization": f"token {token}"}
    return urllib.request.Request(f"{base}/api/v1", json.dumps(body).encode(), headers)


def _open(page, base: str, entry: str) -> None:
    """The entry's form, reached as an editor reaches it: back to its collection's list, then the
    entry. Decap keeps the previous file's form when only the address's #fragment changes between two
    files of one collection (the proxy refused the mixed write); through the list the form is made
    anew, without loading Decap again. Leaving a form with changes not saved (a refused save), Decap
    asks first; the editor confirms."""

    def leave(dialog) -> None:
        dialog.accept()

    page.on("dialog", leave)
    try:
        page.goto(f"{base}/admin/#/collections/{entry.split('/entries/')[0]}")
        page.get_by_role("button", name="Công bố", exact=True).wait_for(state="detached", timeout=30_000)
    finally:
        page.remove_listener("dialog", leave)
    page.goto(f"{base}/admin/#/collections/{entry}")
    page.wait_for_selector("text=Công bố", timeout=30_000)


def _publish(page):
    """Click «Công bố» → «Công bố ngay»; the API's answer to the write."""
    with page.expect_response(lambda r: "/api/v1" in r.url and "persistEntry" in (r.request.post_data or "")) as answer:
        page.get_by_role("button", name="Công bố", exact=True).click()
        page.get_by_role("menuitem", name="Công bố ngay").click()
    return answer.value


def _saved(answer) -> None:
    assert answer.status == 200, answer.text()


def _shot(page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_edit_a_unit_end_to_end(editor, browser):
    root, base, url = editor
    before = {path: data(root, path) for path in (f"{UNIT}/hotlines.yml", f"{UNIT}/procedures.yml", REPORT)}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: r.url.startswith(("http://", "https://")) and not r.url.startswith(base) and outside.append(r.url))
    page.goto(url)  # the address `cchc edit` prints: the secret becomes a cookie
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{base}/admin/#/collections/dv-{SLUG}")  # the unit's forms, as the editor first sees them
    page.get_by_text("Đường dây nóng, phản ánh kiến nghị").wait_for(timeout=30_000)
    _shot(page, "0-mo-trinh-bien-tap")

    # 1. a hotline number
    _open(page, base, f"dv-{SLUG}/entries/hotlines")
    page.get_by_label("Số điện thoại").first.fill("0255 3855 222")
    _shot(page, "1-duong-day-nong")
    _saved(_publish(page))

    # 2. a procedure from the catalog, found by typing part of its name
    _open(page, base, f"dv-{SLUG}/entries/procedures")
    page.get_by_role("button", name="Thêm thủ tục đơn vị giải quyết").click()
    page.get_by_label("Thủ tục (bắt buộc)").last.click()
    page.keyboard.type("kết hôn")
    option = page.get_by_text("Đăng ký kết hôn lưu động (1.000593)", exact=True)  # by its name, with its code
    option.first.wait_for(timeout=15_000)
    _shot(page, "2-chon-thu-tuc")
    option.first.click()
    _saved(_publish(page))

    # 3. the report's dossier figures
    _open(page, base, f"dv-{SLUG}--reports/entries/2024-q2-ket-qua-cchc")
    figures = {
        "Tổng số hồ sơ tiếp nhận, đúng như văn bản ghi": "321", "Tiếp nhận trực tuyến": "310", "Tiếp nhận trực tiếp": "09",
        "Từ kỳ trước chuyển sang": "02", "Giải quyết trước hạn": "318", "Giải quyết đúng hạn": "0", "Giải quyết quá hạn": "0",
        "Tổng số đang giải quyết, đúng như văn bản ghi": "0", "Số hồ sơ rút hoặc trả lại": "03",
    }
    for label, value in figures.items():
        page.get_by_label(label).first.fill(value)  # "Giải quyết quá hạn" also starts another field's hint
    page.get_by_label("Tiếp nhận trực tuyến").first.evaluate("input => input.scrollIntoView({block: 'center'})")
    _shot(page, "3-so-lieu-ho-so")  # the block's first figures (310, 09, 02) on screen
    _saved(_publish(page))

    # The files changed only in those values, and everything still validates.
    bundled = ROOT
    after = {path: data(root, path) for path in before}
    hotlines = before[f"{UNIT}/hotlines.yml"]
    hotlines["feedback"]["phone"] = "0255 3855 222"
    assert after[f"{UNIT}/hotlines.yml"] == hotlines
    assert after[f"{UNIT}/procedures.yml"] == {"procedures": [*before[f"{UNIT}/procedures.yml"]["procedures"], {"code": "1.000593"}]}
    report = data(bundled, REPORT)
    del report["dossier_stats"]["rates"]  # the published rates are a list of their own, not typed here
    assert after[REPORT] == report  # the figures typed are the bundled report's, as text: "09", "03"
    for path in before:  # the schema line on top of each file is kept
        assert (root / path).read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    run = cchc(root, "validate")
    assert run.code == 0, run.err
    contacts = cchc(root, "build", SLUG)
    assert contacts.code == 0, contacts.err
    site = root / "site" / SLUG
    assert "0255 3855 222" in (site / "lien-he" / "index.html").read_text(encoding="utf-8")  # the new hotline
    assert "Đăng ký kết hôn lưu động" in (site / "thu-tuc" / "1.000593" / "index.html").read_text(encoding="utf-8")
    assert "1.000593" in (site / "thu-tuc" / "index.html").read_text(encoding="utf-8")  # the procedure added
    report = " ".join(re.sub(r"<[^>]+>", " ", (site / "bao-cao" / "2024-q2-ket-qua-cchc" / "index.html").read_text(encoding="utf-8")).split())
    assert "Trực tuyến: 310" in report and "Trực tiếp: 09" in report and "Rút hoặc trả lại 03" in report  # the figures
    assert outside == []  # the admin page makes no third-party request
    page.close()


def test_bad_values_never_reach_the_disk(editor, browser):
    root, base, url = editor
    files = {p: p.read_bytes() for p in (root / UNIT).rglob("*.yml")}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)  # the address `cchc edit` prints: the secret becomes a cookie
    page.get_by_role("button", name="Đăng nhập").click()

    # A phone number with letters: Decap checks the pattern at the field, nothing is sent.
    _open(page, base, f"dv-{SLUG}/entries/hotlines")
    page.get_by_label("Số điện thoại").first.fill("0255 38AB 111")
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_role("menuitem", name="Công bố ngay").click()
    page.get_by_text("Số điện thoại chỉ gồm chữ số, dấu cách hoặc dấu chấm").first.wait_for(timeout=10_000)
    _shot(page, "4-loi-so-dien-thoai")

    # 31/02/2024 has the right shape; the server's validation refuses it, beside the field.
    _open(page, base, f"dv-{SLUG}--reports/entries/2024-q2-ket-qua-cchc")
    page.get_by_label("Ngày ban hành").fill("31/02/2024")
    answer = _publish(page)
    assert answer.status == 422
    message = page.locator(".cchc-field-error")
    message.first.wait_for(timeout=10_000)
    assert message.first.inner_text().startswith("Ngày ban hành: Ngày «31/02/2024» không có trên lịch")  # label, message; no path or code
    page.get_by_text("Chưa lưu: xem các ô được đánh dấu đỏ.").first.wait_for()  # Decap's notice, without API_ERROR
    _shot(page, "5-loi-ngay")

    # An unknown procedure code is not in the picker...
    _open(page, base, f"dv-{SLUG}/entries/procedures")
    page.get_by_role("button", name="Thêm thủ tục đơn vị giải quyết").click()
    page.get_by_label("Thủ tục (bắt buộc)").last.click()
    page.keyboard.type("9.999999")
    page.wait_for_timeout(1500)
    assert page.get_by_text(re.compile(r"9\.999999 ")).count() == 0
    page.close()
    # ...and a write that names one anyway (an old form, a hand-made request) is refused.
    procedures = (root / UNIT / "procedures.yml").read_text(encoding="utf-8") + '  - code: "9.999999"\n'
    body = {"action": "persistEntry", "params": {"branch": "main", "entry": {"path": f"{UNIT}/procedures.yml", "raw": procedures, "slug": "procedures"},
                                                  "assets": [], "options": {}}}
    request = _api_request(base, url, body)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 422
    answer = json.loads(refused.value.read())
    assert [p["code"] for p in answer["problems"]] == ["unknown-procedure"]
    assert "9.999999" in answer["problems"][0]["message"] and "units/" not in answer["error"]

    assert {p: p.read_bytes() for p in (root / UNIT).rglob("*.yml")} == files  # nothing written
    assert cchc(root, "validate").code == 0


def test_a_new_procedure_is_saved_under_its_code(editor):
    """Decap names a new catalog file after the code its own way («1.000999.H19» → «1-000999-h19.yml»,
    dots to dashes, lower case), a name `cchc validate` refuses; the proxy saves it as
    content/procedures/1.000999.H19.yml and serves it back under Decap's name."""
    root, base, url = editor
    raw = (root / "content/procedures/1.000593.yml").read_text(encoding="utf-8").replace('code: "1.000593"', 'code: "1.000999.H19"')
    assert 'code: "1.000999.H19"' in raw

    def api(action: str, params: dict) -> dict:
        request = _api_request(base, url, {"action": action, "params": {"branch": "main", **params}})
        try:
            with urllib.request.urlopen(request) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as error:
            raise AssertionError(error.read().decode()) from None

    api("persistEntry", {"entry": {"path": "content/procedures/1-000999-h19.yml", "raw": raw, "slug": "1-000999-h19"},
                         "assets": [], "options": {"commitMessage": "thêm thủ tục", "useWorkflow": False, "status": "draft", "collectionName": "thu-tuc"}})
    assert (root / "content/procedures/1.000999.H19.yml").read_text(encoding="utf-8") == raw
    assert not (root / "content/procedures/1-000999-h19.yml").exists()
    assert api("getEntry", {"path": "content/procedures/1-000999-h19.yml"})["data"] == raw
    assert cchc(root, "validate").code == 0
