"""deploy/ with a real nginx (Debian's package) on loopback, serving releases made by `cchc publish`:
every security header, precompressed files, cache lifetimes, the CSP allowing the site's own
scripts (checked in Chromium), and no failed request while a publish switches releases under load."""

from __future__ import annotations

import base64
import hashlib
import http.client
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, cchc, copy_project, wait_until
from test_validation import edit

HOST = "sonthuong.sonha.quangngai.gov.vn"
HEADERS = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def configure_nginx(base: Path, dest: Path, port: int) -> Path:
    """deploy/'s files pointed at DEST and a loopback port; returns the nginx.conf to run."""
    conf = base / "conf"
    conf.mkdir(exist_ok=True)
    for name in ("nginx.conf", "cchc-site.conf", "security-headers.conf"):
        text = (ROOT / "deploy" / name).read_text(encoding="utf-8")
        text = text.replace("/srv/cchc", str(dest)).replace("/etc/cchc", str(conf))
        text = text.replace("listen 80 default_server", f"listen 127.0.0.1:{port} default_server")
        text = text.replace("user www-data;", "user root;")  # the test runs as root in a private tmp
        text = text.replace("/run/nginx-cchc.pid", str(base / "nginx.pid")).replace("/var/log/nginx", str(base))
        (conf / name).write_text(text, encoding="utf-8")
    return conf / "nginx.conf"


def run_nginx(base: Path, dest: Path) -> tuple[subprocess.Popen, int, Path]:
    """nginx with deploy/'s configuration serving DEST on a free loopback port: (process, port,
    nginx.conf). Ready once its pid file is written (nginx writes it after binding). Another test's
    server may take the port between `free_port` and the bind (tests run in parallel): nginx then
    exits, and it starts again on another port, never leaving a test talking to a stranger."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    pid = base / "nginx.pid"
    for _ in range(5):
        port = free_port()
        config = configure_nginx(base, dest, port)
        check = subprocess.run([nginx, "-t", "-e", str(base / "error.log"), "-c", str(config)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        pid.unlink(missing_ok=True)
        server = subprocess.Popen([nginx, "-e", str(base / "error.log"), "-c", str(config), "-g", "daemon off;"])
        deadline = time.monotonic() + 10
        while server.poll() is None and not pid.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if server.poll() is None and pid.exists():
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return server, port, config
        server.kill()
        server.wait()
    raise AssertionError(f"nginx did not start: {(base / 'error.log').read_text(errors='replace')[-2000:]}")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The bundled units published into DEST and served by nginx with deploy/'s configuration."""
    base = tmp_path_factory.mktemp("nginx")
    project = copy_project(base / "project")
    dest = base / "srv"
    run = cchc(project, "publish", "--dest", str(dest), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    server, port, _ = run_nginx(base, dest)
    yield {"port": port, "project": project, "dest": dest}
    server.terminate()
    server.wait(timeout=10)


def get(served, path: str, host: str = HOST, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", served["port"], timeout=10)
    connection.request("GET", path, headers={"Host": host, **(headers or {})})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_a_page_has_every_security_header(served):
    response = get(served, "/thu-tuc/1.000593/")
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    for name in HEADERS:
        assert response.getheader(name), name
    csp = response.getheader("Content-Security-Policy")
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.getheader("Cache-Control") == "no-cache"


def test_every_inline_script_of_every_page_is_allowed_by_hash(served):
    csp = get(served, "/").getheader("Content-Security-Policy")
    for page in served["dest"].glob("*/current/**/*.html"):
        for script in re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp, page


def test_precompressed_files_and_cache_lifetimes(served):
    home = get(served, "/", headers={"Accept-Encoding": "gzip"})
    assert home.getheader("Content-Encoding") == "gzip"
    bundle = next((served["dest"] / "son-thuong/current/assets/javascripts").glob("bundle.*.min.js")).name
    asset = get(served, f"/assets/javascripts/{bundle}")
    assert asset.status == 200
    assert asset.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert all(asset.getheader(name) for name in HEADERS)
    own = get(served, "/assets/javascripts/cchc-search.js")
    assert own.getheader("Cache-Control") == "public, max-age=3600"


def test_open_data_is_served_as_utf8_csv_and_json(served):
    csv = get(served, "/du-lieu/thu-tuc.csv")
    assert csv.status == 200
    assert csv.getheader("Content-Type") == "text/csv; charset=utf-8"
    assert "Đăng ký kết hôn lưu động" in csv.body.decode("utf-8")
    data = get(served, "/du-lieu/datapackage.json")
    assert data.getheader("Content-Type") == "application/json; charset=utf-8"
    page = get(served, "/thu-tuc/1.000593/")
    assert page.getheader("Content-Type") == "text/html; charset=utf-8"  # the added type keeps the others


def test_a_release_manifest_is_not_served(served):
    assert (served["dest"] / "son-thuong/current/.cchc-release.json").is_file()
    assert get(served, "/.cchc-release.json").status == 404


def test_each_unit_at_its_own_domain_and_a_vietnamese_404(served):
    assert "Huyện Trà Bồng" in get(served, "/", host="trabong.quangngai.gov.vn").body.decode()
    missing = get(served, "/khong-co-trang-nay/")
    assert missing.status == 404 and "Không tìm thấy trang" in missing.body.decode()
    assert get(served, "/", host="unknown.example").status == 404


def test_the_csp_does_not_block_anything_the_page_needs(served, browser):
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    response = page.goto(f"http://{HOST}:{served['port']}/bao-cao/2024-q2-ket-qua-cchc/")
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert (response.status, page.locator("#cchc-count").count()) == (200, 1), (response.status, response.url, page.content()[:500])
    page.fill("#cchc-q", "dang ky ket hon")
    wait_until(page, "document.querySelector('#cchc-count').textContent.length > 0")
    results = page.locator(".cchc-search__results a").all_inner_texts()
    page.close()
    assert [m for m in messages if "Content Security Policy" in m or "Refused" in m] == []
    assert "Đăng ký kết hôn lưu động" in results


def test_a_wait_not_true_at_first_works_under_the_csp(served, browser):
    """The page's CSP refuses `eval`: a wait polled inside the page with a string (Playwright's
    `wait_for_function("…")`) fails with an EvalError whenever its first check is false, so only a
    busy machine saw it. Waits poll from Python (`wait_until`), and no test uses the other kind."""
    page = browser.new_page()
    response = page.goto(f"http://{HOST}:{served['port']}/bao-cao/2024-q2-ket-qua-cchc/")
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]
    later = page.evaluate("performance.now() + 300")
    wait_until(page, f"performance.now() > {later}")
    page.close()
    calls = [(path.name, line) for path in sorted((ROOT / "tests").glob("*.py"))
             for line in path.read_text(encoding="utf-8").splitlines() if re.search(r"\.wait_for_function\(\s*f?[\"']", line)]
    assert calls == []


def test_pages_keep_answering_200_while_a_publish_switches_releases(served):
    statuses: list[int] = []
    stop = threading.Event()

    def client() -> None:
        deadline = time.monotonic() + 120
        while not stop.is_set() and time.monotonic() < deadline:
            for path in ("/", "/lien-he/", "/thu-tuc/2.000815/", "/assets/stylesheets/cchc.css"):
                statuses.append(get(served, path).status)

    thread = threading.Thread(target=client)
    thread.start()
    try:
        for round_ in range(3):
            edit(served["project"], "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", f"Tiếp nhận hồ sơ ({round_})")
            run = cchc(served["project"], "publish", "--dest", str(served["dest"]))
            assert run.code == 0, run.err
    finally:
        stop.set()
        thread.join()
    assert "Tiếp nhận hồ sơ (2)" in get(served, "/lien-he/").body.decode()
    assert len(statuses) > 50
    assert set(statuses) == {200}
