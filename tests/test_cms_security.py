"""The editing server as an attacker meets it: a real `EditServer` on a free port of a git project
that holds decoys (Makefile, .ci/run, theme/, generator/, pyproject.toml, another unit, a file
beside the project, symlinks), probed with real HTTP requests. Every probe must get a clear JSON
refusal, change nothing on disk (the whole tree is hashed before and after) and read nothing
outside the unit's content files. Saves that go through leave the project valid on disk."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from conftest import ROOT, cchc, copy_project, wait_until

from generator.cms.guard import MAX_BODY
from generator.cms.server import EditServer

SLUG = "son-thuong"
HOTLINES = f"units/{SLUG}/hotlines.yml"
REPORT = f"units/{SLUG}/reports/2024-q2-ket-qua-cchc.yml"
SECRET = "BI-MAT-KHONG-DUOC-DOC"  # in every decoy: an answer that carries it has read outside
DECOYS = ["Makefile", ".ci/run", "theme/main.html", "generator/__init__.py", "pyproject.toml", ".git/config"]
EDITOR = "Nguyễn Thị Biên Tập"


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def world(tmp_path: Path) -> Path:
    """The project in a git repository, the decoys, and a file beside the project."""
    root = copy_project(tmp_path / "project")
    (root / "deploy").mkdir()
    (root / "deploy" / "cchc-publish.timer").write_text((ROOT / "deploy" / "cchc-publish.timer").read_text(encoding="utf-8"), encoding="utf-8")
    for decoy in DECOYS[:-1]:
        (root / decoy).parent.mkdir(parents=True, exist_ok=True)
        (root / decoy).write_text(f"# {SECRET}\n", encoding="utf-8")
    (tmp_path / "outside.yml").write_text(f"# {SECRET}\n", encoding="utf-8")
    _git(root, "init", "-q", "-b", "main")
    with (root / ".git" / "config").open("a", encoding="utf-8") as config:
        config.write(f"# {SECRET}\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "start")
    return root


def _links(root: Path) -> None:
    """Symlinks where the editor's files are: a «plan» to the Makefile, a folder to theme/."""
    (root / f"units/{SLUG}/plans").mkdir(exist_ok=True)
    os.symlink(root / "Makefile", root / f"units/{SLUG}/plans/2026-lien-ket.yml")
    os.symlink(root / "theme", root / f"units/{SLUG}/documents-folder")


@pytest.fixture
def editor(world: Path):
    server = EditServer(world, SLUG, 0, name=EDITOR)
    server.start()
    yield server
    server.stop()


def tree(root: Path) -> dict[str, str]:
    """Every file under the project's parent (the project and what is beside it), by content."""
    found = {}
    for path in sorted(root.parent.rglob("*")):
        if path.is_symlink():
            found[str(path)] = "link→" + os.readlink(path)
        elif path.is_file() and "__pycache__" not in path.parts:
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


class Client:
    """Requests as the admin page sends them, each part replaceable to play an attacker."""

    def __init__(self, server: EditServer):
        self.server = server
        self.port = server.port
        self.origin = f"http://127.0.0.1:{server.port}"

    def headers(self, **changes: str | None) -> dict[str, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Origin": self.origin, "Content-Type": "application/json; charset=utf-8",
                   "Authorization": f"token {self.server.guard.token}"}
        headers.update(changes)  # type: ignore[arg-type]
        return {k: v for k, v in headers.items() if v is not None}

    def raw(self, method: str, path: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for key, value in headers.items():
            connection.putheader(key, value)
        if body is not None and "Content-Length" not in headers:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        answer = connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        connection.close()
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = {}
        return answer.status, parsed if isinstance(parsed, dict) else {"list": parsed}, text

    def socket(self, body: bytes, changes: dict[str, str], close: bool) -> tuple[int, dict]:
        """A POST written by hand on a socket: `close` ends the sending side after `body`."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=20) as sock:
            head = "".join(f"{k}: {v}\r\n" for k, v in self.headers(**changes).items())
            sock.sendall(f"POST /api/v1 HTTP/1.1\r\n{head}\r\n".encode() + body)
            if close:
                sock.shutdown(socket.SHUT_WR)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        return int(answer.split(b" ", 2)[1]), json.loads(answer.split(b"\r\n\r\n", 1)[1])

    def api(self, body: object, **changes: str | None) -> tuple[int, dict, str]:
        return self.raw("POST", "/api/v1", json.dumps(body).encode(), self.headers(**changes))

    def read(self, path: str) -> dict:
        status, answer, text = self.api({"action": "getEntry", "params": {"branch": "main", "path": path}})
        assert status == 200, text
        return answer

    def save(self, path: str, raw: str, version: str | None = None) -> tuple[int, dict, str]:
        entry = {"path": path, "raw": raw, "slug": Path(path).stem, **({"version": version} if version else {})}
        return self.api({"action": "persistEntry", "params": {"branch": "main", "dataFiles": [entry], "assets": [], "options": {}}})


def clear_refusal(status: int, answer: dict, expected: int, code: str | None = None) -> None:
    """A JSON answer with one Vietnamese sentence and an English code, the status the contract names."""
    assert status == expected, answer
    assert isinstance(answer.get("error"), str) and answer["error"] and "Traceback" not in answer["error"]
    assert any(ch in answer["error"] for ch in "àáảãạăâđêôơư"), answer["error"]  # Vietnamese
    if code is not None:
        assert answer["code"] == code


# -- writes and reads aimed outside the unit's content files -----------------------------------------

TARGETS = ["Makefile", ".ci/run", "theme/main.html", "generator/__init__.py", "pyproject.toml", "units/ba-to/unit.yml",
           "units/ba-to/hotlines.yml", "../outside.yml", "/etc/cchc.yml", f"units/{SLUG}/../../Makefile",
           f"units/{SLUG}/plans/2026-lien-ket.yml", f"units/{SLUG}/documents-folder/main.html", f"units/{SLUG}/plans/../../ba-to/unit.yml",
           f"units/{SLUG}\\..\\..\\Makefile", f"./units/{SLUG}/hotlines.yml", "cms/media/anh.yml"]


def attacks(target: str, hotlines: str) -> dict[str, dict]:
    """One request per way Decap's local backend wrote files, each aimed at `target`."""
    content = "eA=="  # "x" in base64
    entry = {"path": HOTLINES, "raw": hotlines, "slug": "hotlines"}
    return {
        "entry": {"action": "persistEntry", "params": {"entry": {"path": target, "raw": "x: 1\n"}, "assets": []}},
        "dataFiles": {"action": "persistEntry", "params": {"dataFiles": [entry, {"path": target, "raw": "x: 1\n"}], "assets": []}},
        "assets": {"action": "persistEntry", "params": {"dataFiles": [entry], "assets": [{"path": target, "content": content, "encoding": "base64"}]}},
        "newPath": {"action": "persistEntry", "params": {"dataFiles": [{**entry, "newPath": target}], "assets": []}},
        "media": {"action": "persistMedia", "params": {"asset": {"path": target, "content": content, "encoding": "base64"}}},
        "deleteFile": {"action": "deleteFile", "params": {"path": target}},
        "deleteFiles": {"action": "deleteFiles", "params": {"paths": [HOTLINES, target]}},
    }


def test_writes_aimed_outside_the_units_content_are_refused_and_change_nothing(editor, world):
    _links(world)
    client = Client(editor)
    hotlines = client.read(HOTLINES)["data"]  # the page has read the unit's file: its saves are not stale
    before = tree(world)
    refused = 0
    for target in TARGETS:
        for way, body in attacks(target, hotlines).items():
            status, answer, text = client.api(body)
            assert status in (400, 403), f"{way} → {target}: {status} {text}"
            clear_refusal(status, answer, status)
            assert "Traceback" not in text and SECRET not in text
            assert tree(world) == before, f"{way} → {target} changed the disk"
            refused += 1
    assert refused == len(TARGETS) * 7
    # aimed at the unit's own file, the same request reaches the validation (its «x: 1» is not a hotlines
    # file), and a good one is saved: the refusals above are about where they aimed
    status, answer, text = client.api(attacks(HOTLINES, hotlines)["entry"])
    assert status == 422 and [p["code"] for p in answer["problems"]] == ["unknown-key"], text
    status, answer, text = client.save(HOTLINES, hotlines.replace("phone:", "phone: 0255 3855 222", 1))
    assert status == 200, text


def test_reads_outside_the_units_content_are_refused(editor, world):
    _links(world)
    client = Client(editor)
    probes = [{"action": "getEntry", "params": {"path": p}} for p in [*DECOYS, *TARGETS[5:], "/etc/passwd", "units/ba-to/unit.yml"]]
    probes += [{"action": "entriesByFolder", "params": {"folder": f, "extension": "", "depth": 9}}
               for f in ["", ".", "units", ".git", "theme", "generator", "units/ba-to/plans", "..", f"units/{SLUG}/documents-folder", "/etc"]]
    probes += [{"action": "entriesByFiles", "params": {"files": [{"path": HOTLINES}, {"path": p}]}} for p in DECOYS]
    probes += [{"action": "getMediaFile", "params": {"path": p}} for p in DECOYS]
    for probe in probes:
        status, answer, text = client.api(probe)
        assert SECRET not in text, probe
        clear_refusal(status, answer, 403, "forbidden-path")
    status, answer, text = client.api({"action": "getMedia", "params": {"mediaFolder": "."}})
    assert (status, answer) == (200, {"list": []})  # no media folder is listed, not even the project's root
    status, answer, text = client.api({"action": "entriesByFolder", "params": {"folder": f"units/{SLUG}/plans", "extension": "yml", "depth": 1}})
    assert status == 200 and SECRET not in text  # the unit's plans are listed; the symlinked «plan» is not read
    assert [e["file"]["path"] for e in answer["list"]] == sorted(
        f"units/{SLUG}/plans/{p.name}" for p in (world / f"units/{SLUG}/plans").glob("*.yml") if not p.is_symlink())


# -- the local-server hygiene --------------------------------------------------------------------------


def test_requests_not_from_the_editors_own_page_are_refused(editor, world):
    client = Client(editor)
    info = {"action": "info", "params": {}}
    hotlines = client.read(HOTLINES)["data"]
    save = {"action": "persistEntry", "params": {"entry": {"path": HOTLINES, "raw": hotlines.replace("phone:", "phone: 0912 345 678", 1)}, "assets": []}}
    before = tree(world)
    for changes, code in [
        ({"Host": f"evil.example:{client.port}"}, "bad-host"),  # DNS rebinding: the attacker's name, our address
        ({"Host": f"localhost.evil.example:{client.port}"}, "bad-host"),
        ({"Host": "127.0.0.1:1"}, "bad-host"),
        ({"Host": None}, "bad-host"),
        ({"Authorization": None}, "no-secret"),
        ({"Authorization": "token sai-ma"}, "no-secret"),
        ({"Authorization": None, "Cookie": f"{editor.guard.cookie_name}=sai-ma"}, "no-secret"),
        ({"Authorization": None, "Cookie": f"cchc-edit-1={editor.guard.token}"}, "no-secret"),  # another port's cookie name
        ({"Origin": f"http://127.0.0.1:{client.port + 1}"}, "bad-origin"),
        ({"Origin": "null"}, "bad-origin"),
        ({"Origin": None}, "bad-origin"),  # every POST names its origin
        ({"Sec-Fetch-Site": "same-site"}, "cross-site"),  # a page on another port of 127.0.0.1
        ({"Sec-Fetch-Site": "cross-site"}, "cross-site"),
    ]:
        for body in (info, save):
            status, answer, text = client.api(body, **changes)
            clear_refusal(status, answer, 403, code)
    # the admin page's own files likewise
    for changes, code in [({"Host": "evil.example"}, "bad-host"), ({"Authorization": None}, "no-secret")]:
        status, answer, _ = client.raw("GET", "/admin/config.yml", None, client.headers(**changes, **{"Content-Type": None}))
        clear_refusal(status, answer, 403, code)
    assert tree(world) == before


def test_the_secret_is_printed_once_and_kept_in_a_strict_cookie(editor):
    client = Client(editor)
    url = editor.url
    assert url.startswith(f"http://127.0.0.1:{client.port}/admin/?token=") and len(url.split("token=")[1]) >= 40
    headers = {"Host": f"127.0.0.1:{client.port}"}
    status, _, _ = client.raw("GET", "/admin/", None, headers)
    assert status == 403  # without the secret, not even the page
    connection = http.client.HTTPConnection("127.0.0.1", client.port)
    connection.request("GET", url.split(str(client.port))[1], headers=headers)
    answer = connection.getresponse()
    assert answer.status == 303 and answer.getheader("Location") == "/admin/"  # the secret leaves the address bar
    cookie = answer.getheader("Set-Cookie")
    assert cookie == f"{editor.guard.cookie_name}={editor.guard.token}; Path=/; HttpOnly; SameSite=Strict"
    status, _, page = client.raw("GET", "/admin/", None, {**headers, "Cookie": cookie.split(";")[0]})
    assert status == 200 and "<html" in page
    assert EditServer(editor.root, SLUG, 0).url != url  # a new session, a new secret


def test_malformed_requests_get_a_clear_json_refusal(editor, world):
    client = Client(editor)
    before = tree(world)
    bodies = [b"[]", b'"chu"', b"17", b"null", b'{"action": "getEntry"}', b'{"action": "getEntry", "params": []}',
              b'{"action": "getEntry", "params": {}}', b'{"params": {}}', b'{"action": 5, "params": {}}', b"{", b"\xff\xfe",
              b'{"action": "persistEntry", "params": {"entry": {"path": 1}}}', b'{"action": "persistEntry", "params": {"dataFiles": "x"}}',
              b'{"action": "persistEntry", "params": {"dataFiles": [{"path": "' + HOTLINES.encode() + b'"}]}}',
              b'{"action": "deleteFiles", "params": {"paths": "x"}}', b'{"action": "xoaHet", "params": {}}', b"[" * 100_000]
    for body in bodies:
        status, answer, text = client.raw("POST", "/api/v1", body, client.headers())
        clear_refusal(status, answer, 400)
    for changes in [{"Content-Length": "abc"}, {"Content-Length": "-1"}, {"Content-Length": "1e3"}, {"Content-Length": " "},
                    {"Content-Type": "text/plain"}, {"Content-Type": "application/x-www-form-urlencoded"}, {"Content-Type": None},
                    {"Transfer-Encoding": "chunked"}]:
        status, answer, text = client.raw("POST", "/api/v1", b'{"action": "info", "params": {}}', client.headers(**changes))
        clear_refusal(status, answer, 400)
    status, answer = client.socket(b'{"action": "info"', {"Content-Length": "33"}, close=True)
    clear_refusal(status, answer, 400, "bad-length")  # a body cut short (the sender went away): an answer, not a hang
    status, answer, _ = client.raw("GET", "/../../etc/passwd", None, client.headers(**{"Content-Type": None}))
    assert status == 404 and SECRET not in _
    assert tree(world) == before
    assert client.api({"action": "info", "params": {}})[0] == 200  # still serving


def test_a_body_over_the_cap_is_refused_before_it_is_read(editor):
    client = Client(editor)
    # 64 kB of an announced 300 MB, the connection left open: the answer comes without the rest
    status, body = client.socket(b"{" * 65536, {"Content-Length": str(300 * 1024 * 1024)}, close=False)
    clear_refusal(status, body, 413, "too-large")
    assert str(MAX_BODY // (1024 * 1024)) in body["error"]


# -- concurrent and stale saves ------------------------------------------------------------------------


def test_two_concurrent_saves_of_one_file_one_wins_the_other_is_told(editor, world):
    client = Client(editor)
    read = client.read(HOTLINES)
    texts = [read["data"].replace("phone:", f"phone: 0255 3855 {n}", 1) for n in (111, 222)]
    assert all(t != read["data"] for t in texts)
    start = threading.Barrier(2)
    results: dict[int, tuple[int, dict, str]] = {}

    def save(n: int) -> None:
        start.wait()
        results[n] = client.save(HOTLINES, texts[n], version=read["file"]["id"])

    threads = [threading.Thread(target=save, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(r[0] for r in results.values())
    assert statuses == [200, 409], results
    winner = next(n for n, r in results.items() if r[0] == 200)
    loser = results[1 - winner]
    clear_refusal(loser[0], loser[1], 409, "stale-version")
    assert "tải lại" in loser[1]["error"]
    assert (world / HOTLINES).read_text(encoding="utf-8") == texts[winner]  # the winner's save, whole


def test_a_save_based_on_a_file_changed_underneath_is_refused(editor, world):
    client = Client(editor)
    read = client.read(HOTLINES)
    (world / HOTLINES).write_text(read["data"].replace("phone:", "phone: 0255 3855 999", 1), encoding="utf-8")  # a `git pull`
    pulled = (world / HOTLINES).read_bytes()
    status, answer, _ = client.save(HOTLINES, read["data"].replace("phone:", "phone: 0255 3855 111", 1))
    clear_refusal(status, answer, 409, "stale-version")
    assert (world / HOTLINES).read_bytes() == pulled  # the pulled change is not overwritten
    status, answer, _ = client.save(HOTLINES, client.read(HOTLINES)["data"])  # after reading again, the save goes
    assert status == 200


# -- saves judged against the disk as it is --------------------------------------------------------------


def _host(root: Path, slug: str) -> str:
    import re

    found = re.search(r"^site_url: *(\S+)$", (root / f"units/{slug}/unit.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert found
    return found[1]


def test_accepted_saves_leave_the_project_valid_after_a_refusal_and_a_pull(editor, world):
    client = Client(editor)
    assert cchc(world, "validate").code == 0
    unit = f"units/{SLUG}/unit.yml"
    # 1. a refused save: nothing written, and the next good save is judged on the disk as it is
    report = client.read(REPORT)["data"]
    assert "\ndate: 6/2024\n" in report
    status, answer, _ = client.save(REPORT, report.replace("\ndate: 6/2024\n", "\ndate: 31/02/2024\n"))
    assert status == 422 and [p["code"] for p in answer["problems"]] == ["invalid-date"]
    problem = answer["problems"][0]
    assert problem["field"] == "date" and problem["label"].startswith("Ngày ban hành") and problem["value"] == "31/02/2024"
    assert problem["hint"] and "units/" not in problem["message"] and "[invalid-date]" not in problem["message"]
    assert set(problem) == {"severity", "field", "label", "message", "hint", "value", "code"} and problem["severity"] == "error"
    assert "units/" not in answer["error"] and "API_ERROR" not in answer["error"]
    assert cchc(world, "validate").code == 0
    # 2. a `git pull` during the session gives another unit the host this unit's editor is about to type
    text = client.read(unit)["data"]
    other = _host(world, "ba-to")
    (world / "units/ba-to/unit.yml").write_text((world / "units/ba-to/unit.yml").read_text(encoding="utf-8").replace(other, "https://cchc-moi.quangngai.gov.vn/"), encoding="utf-8")
    assert cchc(world, "validate").code == 0
    status, answer, _ = client.save(unit, text.replace(_host(world, SLUG), "https://cchc-moi.quangngai.gov.vn/"))
    assert status == 422 and "duplicate-host" in [p["code"] for p in answer["problems"]], answer
    assert cchc(world, "validate").code == 0
    # 3. a good save after both: accepted, committed under the editor's name, still valid on disk
    status, answer, text_ = client.save(unit, text.replace(_host(world, SLUG), "https://cchc-son-thuong.quangngai.gov.vn/"))
    assert status == 200, text_
    run = cchc(world, "validate")
    assert run.code == 0, run.out + run.err
    committed = answer["cchc"]["committed"]
    assert committed and _git(world, "log", "-1", "--format=%h|%an|%s").strip() == f"{committed}|{EDITOR}|Trình biên tập web: lưu «unit.yml»"
    assert _git(world, "show", "--name-only", "--format=", "HEAD").split() == [unit]  # only the saved file; the pulled one is not swept in
    assert "01:30" in answer["cchc"]["message"] and committed in answer["cchc"]["message"]


def test_a_save_with_a_warning_goes_through_and_says_so(editor, world):
    client = Client(editor)
    report = client.read(REPORT)["data"]
    assert "  received:\n    total: '321'\n" in report
    odd = report.replace("    total: '321'\n", "    total: '400'\n", 1)  # a total that is not the sum of its parts (321)
    status, answer, text = client.save(REPORT, odd)
    assert status == 200, text
    warnings = answer["cchc"]["warnings"]
    assert warnings and all(w["severity"] == "warning" and w["message"] and w["label"] for w in warnings), warnings
    assert not any("units/" in w["message"] or ".yml" in w["message"] for w in warnings)
    summed = [w for w in warnings if w["code"] == "dossier-sum-mismatch"]
    assert len(summed) == 1 and summed[0]["field"] == "dossier_stats.received.total" and "400" in summed[0]["message"], warnings
    cited = [w["message"] for w in warnings if w["code"] == "citation-mismatch"]  # the places named as the editor knows them
    assert cited == ["Văn bản «76/NQ-CP» ngày 05/07/2021 khác với «76/NQ-CP» ngày 15/07/2021 ở «Văn bản dùng chung» và "
                     "«Kế hoạch của Sở Ngoại vụ Tây Ninh»; cùng một văn bản phải ghi cùng số hiệu và ngày"]
    assert (world / REPORT).read_text(encoding="utf-8") == odd


def test_a_refusal_speaks_of_the_units_forms_not_of_files_or_commands(editor, world):
    """A report citing a plan not declared: the message and its «Gợi ý» name the forms the editor
    knows («Văn bản của đơn vị»), never `documents.yml`, `content/…` or a `cchc` command."""
    client = Client(editor)
    report = client.read(REPORT)["data"]
    status, answer, text = client.save(REPORT, report.replace("plan: 15/KH-UBND", "plan: 99/KH-UBND", 1))
    assert status == 422, text
    [refused] = [p for p in answer["problems"] if p["code"] == "unknown-document"]
    assert refused["message"] == ("Văn bản «99/KH-UBND» chưa được khai báo trong «Văn bản của đơn vị» hoặc «Văn bản dùng chung»; "
                                  "có phải ý bạn là «15/KH-UBND»?")
    assert refused["hint"] == "Khai báo văn bản trong mục «Văn bản của đơn vị» (hoặc «Văn bản dùng chung» nếu nhiều đơn vị cùng dùng)."
    said = json.dumps(answer, ensure_ascii=False)
    assert not any(word in said for word in (".yml", "content/", "cchc "))


def test_a_new_report_gets_the_schema_line(editor, world):
    client = Client(editor)
    raw = client.read(REPORT)["data"].split("\n", 1)[1]  # without its first line, as Decap writes a new file
    assert not raw.startswith("#")
    path = f"units/{SLUG}/reports/2026-q3-bao-cao-moi.yml"
    status, answer, text = client.save(path, raw)
    assert status == 200, text
    assert (world / path).read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=../../../schema/report.schema.json"


# -- a page from another origin, in the editor's own Chromium ---------------------------------------------

ATTACK = """<!doctype html><html lang="vi"><title>Trang lạ</title><body>
<iframe name="sink"></iframe>
<form id="form" method="POST" action="{api}" enctype="text/plain" target="sink"><input name='{{"x":"' value='"}}'></form>
<script>
const bodies = {bodies};
Promise.all(bodies.map(body => fetch("{api}", {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"Content-Type": "text/plain"}}, body: JSON.stringify(body)}}).catch(() => null)))
  .then(() => {{ document.getElementById("form").submit(); setTimeout(() => {{ window.done = true; }}, 1500); }});
</script></body></html>"""


def attack_from_another_port(editor: EditServer, world: Path, browser, api: str, bodies: list) -> tuple[list[str], list[str]]:
    """The office's browser opens the editor (the secret becomes its cookie), then a page served from
    another port of 127.0.0.1 that sends `bodies` to `api` as no-preflight `text/plain` POSTs and one
    form post. The methods that left the browser for `api`, and what came of each: the server's
    status, or the browser's block of an answer the page may not read (CORP). The attacker's page is
    removed again, so the tree can be compared."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    route = api.split("127.0.0.1:", 1)[1].split("/", 1)[1].split("?")[0]
    folder = world.parent / "attacker"
    folder.mkdir()
    (folder / "index.html").write_text(ATTACK.format(api=api, bodies=json.dumps(bodies)), encoding="utf-8")
    attacker = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SimpleHTTPRequestHandler, directory=str(folder)))
    threading.Thread(target=attacker.serve_forever, daemon=True).start()
    context = browser.new_context()
    sent: list[str] = []
    outcomes: list[str] = []
    try:
        page = context.new_page()
        page.goto(editor.url)  # the editor as the office opened it: the secret is now the browser's cookie
        assert any(c["name"] == editor.guard.cookie_name for c in context.cookies())
        page.on("request", lambda r: route in r.url and sent.append(r.method))
        page.on("response", lambda r: route in r.url and outcomes.append(str(r.status)))
        page.on("requestfailed", lambda r: route in r.url and outcomes.append(str(r.failure)))
        page.goto(f"http://127.0.0.1:{attacker.server_address[1]}/index.html")
        wait_until(page, "window.done === true", timeout=20)
    finally:
        context.close()
        attacker.shutdown()
        (folder / "index.html").unlink()
        folder.rmdir()
    return sent, outcomes


def test_a_page_from_another_port_cannot_write_through_the_editors_browser(editor, world, browser):
    """The office's browser has the editor open (the secret is in its cookie); a page from another
    origin on the same machine sends no-preflight `text/plain` POSTs and a form: a look-alike portal
    for the unit's hotline, a new plan, and theme/main.html through an entry's assets."""

    client = Client(editor)
    hotlines = client.read(HOTLINES)["data"]  # the editor has the hotlines form open
    forged = hotlines.replace("url: https://dichvucong.gov.vn/\n", "url: https://dichvucong-gov.vn.example/\n", 1)
    assert forged != hotlines
    plan = client.read(f"units/{SLUG}/reports/2024-q2-ket-qua-cchc.yml")["data"]
    api = f"http://127.0.0.1:{editor.port}/api/v1"
    bodies = [
        {"action": "persistEntry", "params": {"entry": {"path": HOTLINES, "raw": forged}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": f"units/{SLUG}/reports/2026-q3-gia-mao.yml", "raw": plan}, "assets": []}},
        {"action": "persistEntry", "params": {"entry": {"path": HOTLINES, "raw": hotlines},
                                              "assets": [{"path": "theme/main.html", "content": "PHNjcmlwdD4=", "encoding": "base64"}]}},
    ]
    before = tree(world)
    sent, outcomes = attack_from_another_port(editor, world, browser, api, bodies)
    assert tree(world) == before
    assert sent == ["POST"] * 4, sent  # three fetches and the form: each left the browser
    # (the form's 403 is also reported as blocked: its frame may not show the editor's answer)
    assert len(outcomes) >= 4 and all(o == "403" or o.startswith("net::ERR_BLOCKED_BY_RESPONSE") for o in outcomes), outcomes


def test_a_move_inside_the_unit_goes_through_and_is_committed_as_one_change(editor, world):
    client = Client(editor)
    read = client.read(REPORT)
    moved = f"units/{SLUG}/reports/2024-q2-bao-cao-cchc.yml"
    body = {"action": "persistEntry", "params": {"dataFiles": [{"path": REPORT, "raw": read["data"], "newPath": moved}], "assets": []}}
    status, answer, text = client.api(body)
    assert status == 200, text
    assert not (world / REPORT).exists() and (world / moved).read_text(encoding="utf-8") == read["data"]
    assert _git(world, "show", "--name-status", "--format=", "HEAD").splitlines() == [f"R100\t{REPORT}\t{moved}"]  # one commit, seen as a rename
    assert cchc(world, "validate").code == 0


@pytest.mark.skipif(not __import__("generator.cms.server", fromlist=["installed"]).installed(), reason="chưa cài trình biên tập: make cms")
def test_the_start_command_prints_the_address_with_its_secret_first(world):
    """`cchc edit UNIT --ten NAME` as the guide says (make edit runs it): the first line is the address;
    it opens the editor; a save through it is committed under that name."""
    import sys
    import time

    command = [sys.executable, "-m", "generator", "-C", str(world), "edit", SLUG, "--port", "0", "--no-browser", "--ten", EDITOR]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        assert first.startswith("http://127.0.0.1:") and "/admin/?token=" in first, first
        assert EDITOR in process.stdout.readline()
        port = int(first.split(":")[2].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", first.split(str(port), 1)[1])
        answer = connection.getresponse()
        assert answer.status == 303 and answer.getheader("Location") == "/admin/"
        cookie = answer.getheader("Set-Cookie").split(";")[0]
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/admin/decap-cms.js", headers={"Cookie": cookie})
        assert connection.getresponse().status == 200  # the admin page's bundle, from make cms
        headers = {"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json"}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", "/api/v1", json.dumps({"action": "getEntry", "params": {"path": HOTLINES}}), headers)
        read = json.loads(connection.getresponse().read())
        raw = read["data"].replace("phone:", "phone: 0255 3855 222", 1)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        save = {"action": "persistEntry", "params": {"entry": {"path": HOTLINES, "raw": raw}, "assets": []}}
        connection.request("POST", "/api/v1", json.dumps(save), headers)
        saved = json.loads(connection.getresponse().read())
        assert saved["cchc"]["committed"] and _git(world, "log", "-1", "--format=%an").strip() == EDITOR
    finally:
        process.terminate()
        process.wait(20)
        time.sleep(0.1)
    assert "Traceback" not in (process.stderr.read() if process.stderr else "")


def test_make_cms_unpacks_only_what_the_page_loads_and_nothing_outside(tmp_path):
    """`make cms` unpacks an npm tarball: only the bundle's folder, no source map, no second build, and
    no member that climbs out (`../`), is absolute or is a link."""
    import io
    import tarfile

    from generator.cms.install import unpack

    tarball = tmp_path / "decap-cms.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        def add(name: str, data: bytes = b"x", kind: bytes = tarfile.REGTYPE) -> None:
            member = tarfile.TarInfo(name)
            member.type, member.size = kind, len(data) if kind == tarfile.REGTYPE else 0
            if kind == tarfile.SYMTYPE:
                member.linkname = "/etc/passwd"
            archive.addfile(member, io.BytesIO(data) if kind == tarfile.REGTYPE else None)

        for name in ["package/package.json", "package/dist/decap-cms.js", "package/dist/977.decap-cms.js", "package/dist/a.wasm",
                     "package/dist/decap-cms.js.map", "package/dist/cms.js", "package/dist/977.cms.js", "package/src/index.js",
                     "package/../../evil.js", "/tmp/evil.js", "package/dist/../../../evil2.js"]:
            add(name)
        add("package/dist/link.js", kind=tarfile.SYMTYPE)
    dest = tmp_path / "node_modules" / "decap-cms"
    unpack(tarball, "decap-cms", dest)
    found = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file() or p.is_symlink())
    assert found == ["decap-cms.tgz", *(f"node_modules/decap-cms/{n}" for n in ["dist/977.decap-cms.js", "dist/a.wasm", "dist/decap-cms.js", "package.json"])]
