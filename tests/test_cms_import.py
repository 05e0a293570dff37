"""«Nhập từ văn bản» in the web editor: a document uploaded to the running editor becomes a draft only
when the editor confirms, through the one validated writer, committed like any save and never over
an existing file. The upload route is guarded like every write route (secret, Host, Origin,
Sec-Fetch-Site, a size cap checked before the body is read); a hostile file (a zip bomb, a path as its
name) is refused in Vietnamese, and the whole tree is unchanged after each refusal. In Debian's
Chromium, an editor uploads seed 001 as text and as a Word file, reads the summary, confirms, and
sees the draft opened with the fields to check marked beside them."""

from __future__ import annotations

import functools
import json
import shutil
import threading
import urllib.parse
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import test_cms_security
import yaml
from conftest import ROOT, _Quiet, cchc
from import_documents import word_plan
from test_cms_axe import audit
from test_cms_edit import _shot
from test_cms_security import Client, _git, attack_from_another_port, clear_refusal, tree
from test_cms_ux import LEAKS
from test_import_input import _bomb
from test_import_procedures import annex

from generator.cms.server import ADMIN, DIST, YAML_JS, installed
from generator.importer.guard import MAX_BYTES

SLUG = "son-thuong"
SEED = next((ROOT / "tests" / "data" / "import" / "seeds").glob("001_*.txt"))
HAND = ROOT / "units" / "tra-bong" / "plans" / "2022-truyen-thong-nang-cao-chi-so.yml"
DRAFT = f"units/{SLUG}/plans/2022-truyen-thong-nang-cao-chi-so.yml"
EDITOR = test_cms_security.EDITOR
HELD = ("Bản nháp «2022-truyen-thong-nang-cao-chi-so.yml» còn {count} chỗ cần kiểm tra nên chưa lên trang công khai; "
        "khi đã bỏ hết các dấu đó, lần công bố tự động đêm đó sẽ đưa lên.")
world = test_cms_security.world  # the project in git, with its decoys (Makefile, theme/, another unit …)
editor = test_cms_security.editor  # the editor server on that project, for SLUG, as EDITOR


def upload(client: Client, name: str, data: bytes, kind: str = "", **changes: str | None) -> tuple[int, dict, str]:
    query = "ten=" + urllib.parse.quote(name) + (f"&loai={kind}" if kind else "")
    headers = client.headers(**{"Content-Type": "application/octet-stream", **changes})
    return client.raw("POST", f"/api/import?{query}", data, headers)


def confirm(client: Client, ticket: str) -> tuple[int, dict, str]:
    return client.raw("POST", "/api/import/save", json.dumps({"ticket": ticket}).encode(), client.headers())


def word_seed(folder: Path) -> Path:
    tasks = yaml.load(HAND.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["tasks"]
    return word_plan(SEED.read_text(encoding="utf-8"), tasks, folder / "ke-hoach-truyen-thong.docx")


# -- through HTTP, as the admin page sends it ------------------------------------------------------------


def test_an_upload_is_summarised_and_written_only_when_confirmed(editor, world):
    client = Client(editor)
    before = tree(world)
    status, answer, text = upload(client, "kế hoạch truyền thông.txt", SEED.read_bytes())
    assert status == 200, text
    assert answer["kind"] == "plan" and answer["what"] == "kế hoạch"
    assert answer["counts"] == "Nhận ra: 13 nhiệm vụ (12 có cơ quan chủ trì), 0 số liệu, 1 số hiệu văn bản; 3 chỗ cần kiểm tra, 0 dòng chưa xếp."
    assert [(r["field"], r["words"], r["reason"], r["place"]) for r in answer["review"]] == [
        ("issuer", "Cơ quan ban hành", "văn bản không ghi cơ quan ban hành ở dòng riêng: lấy tên đơn vị trong «Hồ sơ đơn vị» (unit.yml)", "dòng 9"),
        ("number", "Số văn bản", "văn bản để trống số: điền khi có số chính thức", "dòng 3"),
        ("date", "Ngày ban hành", "văn bản để trống ngày ký («Trà Bông, ngày tháng 8 năm 2022»): ghi «8/2022»; điền ngày khi có bản ký chính thức", "dòng 5"),  # a blank day stays blank, and is said
    ]
    assert tree(world) == before  # read, summarised: nothing written yet
    status, saved, text = confirm(client, answer["ticket"])
    assert status == 200, text
    assert saved["open"] == f"#/collections/dv-{SLUG}--plans/entries/2022-truyen-thong-nang-cao-chi-so"
    committed = saved["cchc"]["committed"]
    assert saved["cchc"]["message"] == (
        f"Đã nhập «kế hoạch truyền thông.txt» vào «2022-truyen-thong-nang-cao-chi-so.yml» và ghi vào kho git (mã {committed}, "
        f"người sửa: {EDITOR}). {HELD.format(count=3)}")  # not «cập nhật đêm nay»: a draft waits for its checks
    # said once, in the page's words: not again as a warning about «dòng # KIỂM TRA» beside the first marked field
    assert "import-review" not in [w["code"] for w in saved["cchc"]["warnings"]]
    assert _git(world, "log", "-1", "--format=%an|%s").strip() == f"{EDITOR}|Trình biên tập web: nhập «kế hoạch truyền thông.txt» vào «2022-truyen-thong-nang-cao-chi-so.yml»"
    assert _git(world, "show", "--name-only", "--format=", "HEAD").split() == [DRAFT]
    written = (world / DRAFT).read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=../../../schema/plan.schema.json\n")
    assert "# KIỂM TRA: number: văn bản để trống số" in written and "\ntitle: Truyền thông nâng cao chỉ số cải cách hành chính" in written
    assert cchc(world, "validate").code == 0
    # the same ticket twice, or the same document again: nothing written over the draft
    after = tree(world)
    clear_refusal(*confirm(client, answer["ticket"])[:2], 404, "no-draft")
    status, again, _ = upload(client, "kế hoạch truyền thông.txt", SEED.read_bytes())
    clear_refusal(status, again, 409, "exists")
    assert again["error"].startswith("Đã có kế hoạch «2022-truyen-thong-nang-cao-chi-so» trong trang; bản nháp không ghi đè lên nó.")
    assert tree(world) == after
    # the editor opens the draft: the page is told which fields to check
    read = client.read(DRAFT)
    assert [r["label"] for r in read["cchc"]["review"]] == ["Cơ quan ban hành", "Số văn bản", "Ngày ban hành"]
    assert "cchc" not in client.read(f"units/{SLUG}/hotlines.yml")  # a file without marks: nothing added


def check(client: Client, path: str, field: str, **changes: str | None) -> tuple[int, dict, str]:
    return client.raw("POST", "/api/import/checked", json.dumps({"path": path, "field": field}).encode(), client.headers(**changes))


def test_a_checked_field_loses_its_mark_through_the_validated_writer(editor, world):
    """«Đã đối chiếu, bỏ dấu»: the field's «# KIỂM TRA» line leaves the file, every other byte stays,
    the change is committed under the editor's name; nothing else can be unmarked that way."""
    client = Client(editor)
    status, answer, _ = upload(client, "ke-hoach.txt", SEED.read_bytes())
    assert confirm(client, answer["ticket"])[0] == 200
    drafted = (world / DRAFT).read_text(encoding="utf-8")
    mark = next(line for line in drafted.splitlines(keepends=True) if line.startswith("# KIỂM TRA: number: "))
    status, done, text = check(client, DRAFT, "number")
    assert status == 200, text
    assert (world / DRAFT).read_text(encoding="utf-8") == drafted.replace(mark, "")
    assert [r["label"] for r in done["review"]] == ["Cơ quan ban hành", "Ngày ban hành"]  # what is left to check
    subject = "bỏ dấu «cần kiểm tra» ở «Số văn bản» trong «2022-truyen-thong-nang-cao-chi-so.yml»"
    assert done["cchc"]["message"] == f"Đã {subject} và ghi vào kho git (mã {done['cchc']['committed']}, người sửa: {EDITOR}). {HELD.format(count=2)}"
    assert done["cchc"]["held"] is True
    assert _git(world, "log", "-1", "--format=%an|%s").strip() == f"{EDITOR}|Trình biên tập web: {subject}"
    assert _git(world, "show", "--name-only", "--format=", "HEAD").split() == [DRAFT]
    assert [r["label"] for r in client.read(DRAFT)["cchc"]["review"]] == ["Cơ quan ban hành", "Ngày ban hành"]  # opened again
    assert cchc(world, "validate").code == 0
    # the form saved after the check (Decap sends the data without comments): not refused as changed
    # elsewhere, the remaining mark and the schema line kept, the checked mark not back
    unmarked = (world / DRAFT).read_text(encoding="utf-8")
    header = "".join(line for line in unmarked.splitlines(keepends=True) if line.startswith("#"))
    form = unmarked.removeprefix(header).replace("title: Truyền thông", "title: Tuyên truyền", 1)
    status, saved, text = client.save(DRAFT, form)
    assert status == 200, text
    assert (world / DRAFT).read_text(encoding="utf-8") == header + form
    assert saved["cchc"]["message"].endswith(HELD.format(count=2)) and saved["cchc"]["held"] is True
    # the same again, a field never marked, a file without marks, another unit's file, the Makefile,
    # a malformed request, no secret: refused, nothing changed
    before = tree(world)
    clear_refusal(*check(client, DRAFT, "number")[:2], 404, "no-mark")
    clear_refusal(*check(client, DRAFT, "title")[:2], 404, "no-mark")
    clear_refusal(*check(client, f"units/{SLUG}/hotlines.yml", "issuer")[:2], 404, "no-mark")
    clear_refusal(*check(client, f"units/{SLUG}/plans/khong-co.yml", "issuer")[:2], 404, "no-mark")
    clear_refusal(*check(client, "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml", "issuer")[:2], 403, "forbidden-path")
    clear_refusal(*check(client, "Makefile", "issuer")[:2], 403, "forbidden-path")
    status, answer, _ = client.raw("POST", "/api/import/checked", b'["number"]', client.headers())
    clear_refusal(status, answer, 400, "bad-request")
    clear_refusal(*check(client, DRAFT, "issuer", Authorization=None)[:2], 403, "no-secret")
    clear_refusal(*check(client, DRAFT, "issuer", Origin=f"http://127.0.0.1:{client.port + 1}")[:2], 403, "bad-origin")
    clear_refusal(*check(client, DRAFT, "issuer", Host=f"evil.example:{client.port}")[:2], 403, "bad-host")
    assert tree(world) == before
    # the last two marks gone: now the notice says when the public site shows it
    assert check(client, DRAFT, "issuer")[1]["cchc"]["message"].endswith(HELD.format(count=1))
    status, last, text = check(client, DRAFT, "date")
    assert status == 200 and last["cchc"]["held"] is False, text
    assert last["cchc"]["message"].endswith("Trang công khai sẽ cập nhật trong lần công bố tự động lúc 01:30 đêm nay.")


def test_the_lines_no_field_took_stay_listed_until_the_editor_takes_each_away(editor, world):
    """«Chưa xếp vào ô nào»: the document's lines no field took are listed whenever the draft is
    opened, and «Đã xử lý, bỏ dòng này» removes one (its «# CHƯA XẾP» line, nothing else)."""
    client = Client(editor)
    seed = SEED.read_text(encoding="utf-8").splitlines(keepends=True)  # a part the importer does not know, before part II
    document = "".join(seed[:40]) + "VI. ĐIỀU KHOẢN KHÁC\nCác phòng ban báo cáo hằng quý.\n" + "".join(seed[40:])
    status, answer, text = upload(client, "ke-hoach.txt", document.encode())
    assert status == 200, text
    lines = answer["unplaced"]
    assert [line["text"] for line in lines] == ["VI. ĐIỀU KHOẢN KHÁC", "Các phòng ban báo cáo hằng quý."]
    status, saved, _ = confirm(client, answer["ticket"])
    assert status == 200 and saved["unplaced"] == lines
    assert client.read(DRAFT)["cchc"]["unplaced"] == lines  # opened at any time, still listed
    drafted = (world / DRAFT).read_text(encoding="utf-8")
    gone = f"# CHƯA XẾP: {lines[0]['place']}: {lines[0]['text']}\n"
    assert gone in drafted
    status, done, text = client.raw("POST", "/api/import/checked", json.dumps({"path": DRAFT, "place": lines[0]["place"]}).encode(), client.headers())
    assert status == 200, text
    assert (world / DRAFT).read_text(encoding="utf-8") == drafted.replace(gone, "")
    assert done["unplaced"] == lines[1:] and client.read(DRAFT)["cchc"]["unplaced"] == lines[1:]
    assert _git(world, "log", "-1", "--format=%an|%s").strip() == (
        f"{EDITOR}|Trình biên tập web: bỏ dòng «chưa xếp» ({lines[0]['place']}) trong «2022-truyen-thong-nang-cao-chi-so.yml»")
    before = tree(world)
    for body in ({"path": DRAFT, "place": lines[0]["place"]}, {"path": DRAFT, "place": "dòng 9999"}):
        clear_refusal(*client.raw("POST", "/api/import/checked", json.dumps(body).encode(), client.headers())[:2], 404, "no-mark")
    for body in ({"path": DRAFT}, {"path": DRAFT, "field": "number", "place": lines[1]["place"]}, {"path": DRAFT, "place": 3}):
        clear_refusal(*client.raw("POST", "/api/import/checked", json.dumps(body).encode(), client.headers())[:2], 400, "bad-request")
    assert tree(world) == before


def test_a_file_that_appeared_after_the_summary_is_not_overwritten(editor, world):
    client = Client(editor)
    status, answer, _ = upload(client, "ke-hoach.txt", SEED.read_bytes())
    assert status == 200
    (world / DRAFT).parent.mkdir(exist_ok=True)
    (world / DRAFT).write_text(HAND.read_text(encoding="utf-8"), encoding="utf-8")  # a `git pull` meanwhile
    pulled = tree(world)
    clear_refusal(*confirm(client, answer["ticket"])[:2], 409, "exists")
    assert tree(world) == pulled


def test_a_procedure_list_update_shows_its_changes_and_is_applied_only_when_confirmed(editor, world, tmp_path):
    client = Client(editor)
    listed = f"units/{SLUG}/procedures.yml"
    sheet = annex(tmp_path / "phu-luc.xlsx").read_bytes()
    before = tree(world)
    status, answer, text = upload(client, "phu-luc.xlsx", sheet)
    assert status == 200, text
    assert answer["kind"] == "procedures" and answer["counts"] == "Nhận ra: 2 mã thủ tục; 0 chỗ cần kiểm tra, 0 dòng chưa xếp."
    assert answer["changes"] == [
        "Sửa đổi: 2.000815 — Chứng thực bản sao từ bản chính giấy tờ, văn bản (trang tính 1, hàng 6, ô 2): đối chiếu lại thủ tục trong danh mục",
        "Bãi bỏ: 1.000593 — Đăng ký kết hôn lưu động (trang tính 1, hàng 8, ô 2)"]
    assert answer["notes"] == ["Không có thủ tục mã «1.000594» trong danh mục thủ tục chung; có phải ý bạn là «1.000593»?; chưa đưa vào danh sách"]
    assert tree(world) == before
    status, saved, text = confirm(client, answer["ticket"])
    assert status == 200, text
    assert saved["open"] == f"#/collections/dv-{SLUG}/entries/procedures"
    assert (world / listed).read_text(encoding="utf-8").endswith("procedures:\n- code: '2.000815'\n  where: Bộ phận Tiếp nhận và Trả kết quả, Ủy ban nhân dân xã Sơn Thượng\n")
    assert _git(world, "show", "--name-only", "--format=%an", "HEAD").split() == [*EDITOR.split(), listed]
    assert cchc(world, "validate").code == 0
    # read again, then the list changes on disk before the editor confirms: refused, the change kept
    status, answer, _ = upload(client, "phu-luc.xlsx", sheet)
    (world / listed).write_text((world / listed).read_text(encoding="utf-8") + "# đổi trên đĩa\n", encoding="utf-8")
    changed = tree(world)
    clear_refusal(*confirm(client, answer["ticket"])[:2], 409, "stale-version")
    assert tree(world) == changed


def test_the_upload_route_refuses_what_every_write_route_refuses(editor, world):
    client = Client(editor)
    before = tree(world)
    seed = SEED.read_bytes()
    for changes, code in [
        ({"Authorization": None}, "no-secret"),
        ({"Authorization": "token sai-ma"}, "no-secret"),
        ({"Host": f"evil.example:{client.port}"}, "bad-host"),
        ({"Origin": f"http://127.0.0.1:{client.port + 1}"}, "bad-origin"),
        ({"Origin": None}, "bad-origin"),
        ({"Sec-Fetch-Site": "same-site"}, "cross-site"),
        ({"Content-Type": "text/plain"}, "bad-type"),  # what a page of another origin may send without a preflight
        ({"Content-Type": "multipart/form-data; boundary=x"}, "bad-type"),
        ({"Content-Length": "abc"}, "bad-length"),
        ({"Transfer-Encoding": "chunked"}, "bad-length"),
    ]:
        status, answer, text = upload(client, "ke-hoach.txt", seed, **changes)
        clear_refusal(status, answer, 403 if code in ("no-secret", "bad-host", "bad-origin", "cross-site") else 400, code)
        assert "Traceback" not in text
    status, answer, _ = client.raw("POST", "/api/import/save", b'{"ticket": "x"}', client.headers(Authorization=None))
    clear_refusal(status, answer, 403, "no-secret")
    assert tree(world) == before


def test_an_oversized_upload_is_refused_before_it_is_read(editor):
    import socket

    client = Client(editor)
    # 64 kB of an announced 50 MB, the connection left open: the answer comes without the rest
    head = "".join(f"{k}: {v}\r\n" for k, v in client.headers(**{"Content-Type": "application/octet-stream", "Content-Length": str(50 * 1024 * 1024)}).items())
    with socket.create_connection(("127.0.0.1", client.port), timeout=20) as sock:
        sock.sendall(f"POST /api/import?ten=lon.pdf HTTP/1.1\r\n{head}\r\n".encode() + b"x" * 65536)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status, body = int(answer.split(b" ", 2)[1]), json.loads(answer.split(b"\r\n\r\n", 1)[1])
    clear_refusal(status, body, 413, "too-large")
    assert body["error"] == f"Tệp quá lớn (trên {MAX_BYTES // (1024 * 1024)} MB): trình biên tập không nhận"


def test_a_zip_bomb_and_a_path_as_the_name_are_refused_and_change_nothing(editor, world, tmp_path, monkeypatch):
    client = Client(editor)
    bomb = _bomb(tmp_path / "bom.docx").read_bytes()
    private = world.parent / "tmp"  # the server's temporary folders, here where `tree` sees them and what escapes them
    private.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(private))
    before = tree(world)
    status, answer, _ = upload(client, "bom.docx", bomb)
    clear_refusal(status, answer, 422, "import-zip-bomb")
    assert answer["error"] == "Không nhập được «bom.docx»: tệp nén có phần giải nén ra quá lớn so với tệp (nghi tệp «bom nén»)"
    assert answer["hint"] == "Tệp nén bất thường: lưu lại từ Word/Excel rồi nhập lại; không nhập tệp lạ."
    # an absolute name points inside the watched tree, never at the machine's own files: if the name
    # were ever used as a path, the tree check below sees it and nothing of the system is touched
    absolute = str(world.parent / "tuyet-doi")
    for name in ("../../Makefile", absolute, "..\\..\\Makefile", "../units/son-thuong/hotlines.yml"):
        status, answer, text = upload(client, name, b"x: 1\n")
        clear_refusal(status, answer, 422)
        assert "Traceback" not in text and "../" not in answer["error"] and str(world.parent) not in answer["error"]
        assert tree(world) == before, name
    status, answer, _ = upload(client, "../../Makefile", b"all:\n\techo")
    assert answer["error"] == "Không nhập được «Makefile»: không đọc được tệp dạng «không đuôi»"
    assert answer["hint"] == "Chọn tệp .txt, .docx, .pdf, .xlsx hoặc ảnh quét .png, .jpg, .tif."
    # a document named like a path is read under its plain name, and its draft goes where drafts go
    status, answer, _ = upload(client, "../../../Makefile.txt", SEED.read_bytes())
    assert status == 200 and tree(world) == before
    status, saved, _ = confirm(client, answer["ticket"])
    assert status == 200 and "«Makefile.txt»" in saved["cchc"]["message"]
    assert _git(world, "show", "--name-only", "--format=", "HEAD").split() == [DRAFT]
    assert tree(world)[str(world / "Makefile")] == before[str(world / "Makefile")]
    assert list(private.iterdir()) == []  # every upload's private folder deleted


def test_a_page_from_another_port_cannot_upload_through_the_editors_browser(editor, world, browser):
    """A page of another origin, in the browser holding the editor's cookie, sends a no-cors POST of a
    document to the upload route, and a form post: both refused, nothing written."""
    before = tree(world)
    api = f"http://127.0.0.1:{editor.port}/api/import?ten=ke-hoach.txt"
    sent, outcomes = attack_from_another_port(editor, world, browser, api, [SEED.read_text(encoding="utf-8")])
    assert tree(world) == before
    assert sent == ["POST"] * 2, sent
    assert len(outcomes) >= 2 and all(o == "403" or o.startswith("net::ERR_BLOCKED_BY_RESPONSE") for o in outcomes), outcomes
    assert editor.imports.pending == {}  # not even read into a draft


# -- in Chromium, as an editor does it -------------------------------------------------------------------


def _open_dialog(page):
    page.get_by_role("button", name="Nhập từ văn bản").click()
    dialog = page.get_by_role("dialog", name="Nhập từ văn bản")
    dialog.wait_for()
    return dialog


def _fits_and_passes_axe(page, name: str, dialog=None) -> None:
    """The screen as it stands on a phone and on a desktop (the page resized, not loaded again): never
    wider than the screen, the dialog whole on it, axe's WCAG 2.1 AA rules (Decap's own listed
    exceptions aside) at each; a screenshot of each for the editors' guide. Ends on the phone."""
    for width in (DESKTOP, PHONE):
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), width
        if dialog is not None:
            box = dialog.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert audit(page)[0] == [], width
        _shot(page, f"{name}-{width}")


PHONE, DESKTOP = 320, 1280
# The element is what a tap at its centre reaches: nothing fixed (the notice) lies over it.
UNCOVERED = "e => { const r = e.getBoundingClientRect(); return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"


@pytest.mark.skipif(not installed(), reason="chưa cài trình biên tập: make cms")
def test_an_editor_imports_a_plan_and_sees_what_to_check(editor, world, browser, tmp_path):
    """On a phone's width, the narrowest screen; each screen is also seen and checked at a desktop's."""
    word = word_seed(tmp_path)
    page = browser.new_page(viewport={"width": PHONE, "height": 800})
    page.goto(editor.url)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Đường dây nóng, phản ánh kiến nghị").first.wait_for(timeout=30_000)

    # 1. the Word file: summary, then «Huỷ» (nothing written)
    before = tree(world)
    dialog = _open_dialog(page)
    dialog.get_by_label("Văn bản cần nhập").set_input_files(str(word))
    dialog.get_by_role("button", name="Đọc văn bản").click()
    result = page.locator("#cchc-import-result")
    result.get_by_text("Đã đọc xong.").wait_for(timeout=30_000)
    said = result.inner_text()
    assert said.startswith("Đã đọc xong. Đây là kế hoạch. Nhận ra: 13 nhiệm vụ (12 có cơ quan chủ trì), 0 số liệu, 1 số hiệu văn bản; 3 chỗ cần kiểm tra, 0 dòng chưa xếp.")
    assert "Cần kiểm tra (3)" in said
    assert "Số văn bản: văn bản để trống số: điền khi có số chính thức (đoạn 1 trong văn bản gốc)" in said  # a Word file: its paragraph
    assert LEAKS.findall(said) == []
    _fits_and_passes_axe(page, "nhap-tom-tat", dialog)  # the dialog and its summary
    dialog.get_by_role("button", name="Huỷ, không lưu").click()
    assert result.inner_text() == "Đã huỷ: không có gì được lưu."
    assert tree(world) == before

    # 2. the text, by keyboard: read, confirm, the draft opens with its fields to check marked
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Nhập từ văn bản").focus()
    page.keyboard.press("Enter")
    text = tmp_path / SEED.name  # the seed with a part the importer does not know, before part II
    seed = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    text.write_text("".join(seed[:40]) + "VI. ĐIỀU KHOẢN KHÁC\nCác phòng ban báo cáo hằng quý.\n" + "".join(seed[40:]), encoding="utf-8")
    dialog.get_by_label("Văn bản cần nhập").set_input_files(str(text))
    dialog.get_by_role("button", name="Đọc văn bản").click()
    result.get_by_text("Đã đọc xong.").wait_for(timeout=30_000)
    with page.expect_navigation():
        dialog.get_by_role("button", name="Lưu bản nháp và mở ra").click()
    note = page.locator(".cchc-review-note", has_text="Số văn bản")
    note.wait_for(timeout=30_000)
    assert note.inner_text() == "⚠ Cần kiểm tra – Số văn bản: văn bản để trống số: điền khi có số chính thức (dòng 3 trong văn bản gốc)"
    number = page.get_by_label("Số văn bản")
    assert number.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"  # outlined, not told by colour alone
    described = number.get_attribute("aria-describedby") or ""
    assert page.locator(f"#{described.split()[-1]}").inner_text() == note.inner_text()  # a screen reader hears the reason
    issuer = page.locator(".cchc-review-note", has_text="Cơ quan ban hành")
    assert issuer.inner_text().startswith("⚠ Cần kiểm tra – Cơ quan ban hành: văn bản không ghi cơ quan ban hành ở dòng riêng")
    assert page.get_by_label("Trích yếu").first.input_value().startswith("Truyền thông nâng cao chỉ số cải cách hành chính")
    status = page.locator("#cchc-status").inner_text()
    assert status.startswith(f"Đã nhập «{SEED.name}» vào «2022-truyen-thong-nang-cao-chi-so.yml» và ghi vào kho git")
    assert "Bản nháp có 3 chỗ cần kiểm tra (đánh dấu ⚠ bên cạnh ô)." in status
    assert "Chưa xếp vào ô nào (2): chép vào đúng ô nếu cần" in status and "dòng 41: VI. ĐIỀU KHOẢN KHÁC" in status
    assert LEAKS.findall(page.locator("body").inner_text()) == []
    _fits_and_passes_axe(page, "nhap-ban-nhap")  # and the draft with its marks
    # opened again later, the draft still shows what to check
    page.goto("about:blank")
    page.goto(f"{editor.url.split('/admin/')[0]}/admin/#/collections/dv-{SLUG}--plans/entries/2022-truyen-thong-nang-cao-chi-so")
    page.locator(".cchc-review-note", has_text="Số văn bản").wait_for(timeout=30_000)
    assert page.locator("#cchc-status").inner_text().startswith("Bản nháp có 3 chỗ cần kiểm tra (đánh dấu ⚠ bên cạnh ô).")

    # 3. compared with the document: «Đã đối chiếu, bỏ dấu», by keyboard, mark by mark; no text editor
    marked = page.locator(".cchc-review", has_text="Số văn bản")
    done = marked.get_by_role("button", name="Đã đối chiếu, bỏ dấu")
    page.get_by_label("Số văn bản").focus()
    page.keyboard.press("Tab")  # the next stop after the field
    # the field keeps its outline and its reason after it had focus (Decap rewrites its class then)
    assert number.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
    assert page.locator(f"#{described.split()[-1]}").inner_text() == note.inner_text()
    assert done.evaluate("e => e === document.activeElement")
    assert done.evaluate("e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]") == ["solid", "3px"]  # focus seen
    assert done.evaluate(UNCOVERED), "the notice covers the focused button"  # seen, not only focused
    _shot(page, "nhap-bo-dau-320")
    page.keyboard.press("Enter")
    marked.wait_for(state="detached", timeout=10_000)
    assert number.evaluate("e => getComputedStyle(e).outlineStyle") != "dashed"
    assert "cchc-review" not in (number.get_attribute("aria-describedby") or "")
    assert number.evaluate("e => e === document.activeElement")  # focus back on the field, not lost
    status = page.locator("#cchc-status").inner_text()
    assert status.startswith("Đã bỏ dấu «cần kiểm tra» ở «Số văn bản» trong «2022-truyen-thong-nang-cao-chi-so.yml» và ghi vào kho git")
    assert "Bản nháp có 2 chỗ cần kiểm tra" in status
    for label in ("Cơ quan ban hành", "Ngày ban hành"):
        page.locator(".cchc-review", has_text=label).get_by_role("button", name="Đã đối chiếu, bỏ dấu").click()
        page.locator(".cchc-review", has_text=label).wait_for(state="detached", timeout=10_000)
    page.get_by_text("Không còn chỗ nào cần kiểm tra trong bản nháp này.").wait_for(timeout=10_000)
    assert page.locator(".cchc-review").count() == 0
    # the lines no field took, listed under the notice: each taken away once dealt with
    unplaced = page.locator("#cchc-status .cchc-unplaced li")
    assert [text.split() for text in unplaced.all_inner_texts()] == [
        "dòng 41: VI. ĐIỀU KHOẢN KHÁC Đã xử lý, bỏ dòng này".split(), "dòng 42: Các phòng ban báo cáo hằng quý. Đã xử lý, bỏ dòng này".split()]
    assert audit(page)[0] == []  # the notice with its list and buttons, at 320 px
    unplaced.first.scroll_into_view_if_needed()  # the notice scrolls on a small screen
    _shot(page, "nhap-chua-xep-320")
    for _ in range(2):
        unplaced.first.get_by_role("button", name="Đã xử lý, bỏ dòng này").click()
        page.locator("#cchc-status strong", has_text="Đã bỏ dòng «chưa xếp»").wait_for(timeout=10_000)
    page.get_by_text("Không còn dòng nào chưa xếp trong bản nháp này.").wait_for(timeout=10_000)
    assert unplaced.count() == 0
    page.close()
    assert "KIỂM TRA" not in (world / DRAFT).read_text(encoding="utf-8") and "CHƯA XẾP" not in (world / DRAFT).read_text(encoding="utf-8")
    assert _git(world, "log", "-5", "--format=%s").splitlines() == [
        "Trình biên tập web: bỏ dòng «chưa xếp» (dòng 42) trong «2022-truyen-thong-nang-cao-chi-so.yml»",
        "Trình biên tập web: bỏ dòng «chưa xếp» (dòng 41) trong «2022-truyen-thong-nang-cao-chi-so.yml»",
        "Trình biên tập web: bỏ dấu «cần kiểm tra» ở «Ngày ban hành» trong «2022-truyen-thong-nang-cao-chi-so.yml»",
        "Trình biên tập web: bỏ dấu «cần kiểm tra» ở «Cơ quan ban hành» trong «2022-truyen-thong-nang-cao-chi-so.yml»",
        "Trình biên tập web: bỏ dấu «cần kiểm tra» ở «Số văn bản» trong «2022-truyen-thong-nang-cao-chi-so.yml»"]

    assert _git(world, "log", "-1", "--skip=5", "--format=%an|%s").strip() == f"{EDITOR}|Trình biên tập web: nhập «{SEED.name}» vào «2022-truyen-thong-nang-cao-chi-so.yml»"
    written = yaml.load((world / DRAFT).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert len(written["tasks"]) == 11 and written["implements"] == ["845/QĐ-UBND"]
    assert cchc(world, "validate").code == 0


@pytest.mark.skipif(not installed(), reason="chưa cài trình biên tập: make cms")
def test_on_the_provinces_server_the_import_button_is_not_offered(browser, tmp_path):
    """Team mode: the admin page served as static files with the GitLab configuration, every file of
    generator/cms/admin/ included (as an IT centre that copies the folder whole would). Nothing there
    reads a document, so «Nhập từ văn bản» is not shown; the editor's own server shows it (above)."""
    site = tmp_path / "admin"
    shutil.copytree(ADMIN, site)
    shutil.copytree(YAML_JS, site / "yaml")
    for bundle in DIST.glob("*.js"):
        shutil.copy(bundle, site / bundle.name)
    shutil.copy(ROOT / "deploy" / "cms" / "config.gitlab.yml", site / "config.yml")
    (site / "index.html").write_text((ADMIN / "index.html").read_text(encoding="utf-8").replace("{{preview_url}}", ""), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page(viewport={"width": PHONE, "height": 800})
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/admin/")
        page.get_by_role("button", name="Đăng nhập bằng GitLab").wait_for(timeout=30_000)
        page.wait_for_load_state("networkidle")
        assert page.locator("#cchc-import-open").is_hidden()
        assert page.get_by_role("button", name="Nhập từ văn bản").count() == 0
    finally:
        page.close()
        server.shutdown()
