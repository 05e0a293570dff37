"""Lighthouse (mobile profile: simulated slow 4G and a 4x slower CPU) on every page type, with the
pages served as in production: `cchc publish` writes releases (with their `.gz` files) into a
temporary folder, and a real nginx serves them with the project's deploy/ configuration
(gzip_static, cache lifetimes, security headers). Prints the four category scores and the Largest
Contentful Paint per page type, and writes every report to bench/out/lighthouse/.

    LIGHTHOUSE=/path/to/node_modules/.bin/lighthouse python bench/lighthouse.py

`make bench-lighthouse` installs npm's `lighthouse` into a cache folder first (never committed) and
runs this with Debian's Chromium. Targets (issue 13): accessibility, best practices and SEO 100,
performance at least 98, LCP at most 1.5 s. Not a timed test: the numbers depend on the machine.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# The flags the tests launch Chromium with (tests/conftest.py), headless.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Three units cover every page type; each gets a loopback name Chromium treats as a secure origin
# (Chromium resolves every *.localhost name to the loopback address itself).
HOSTS = {"127.0.0.1": "son-thuong", "localhost": "tra-bong", "quang-ngai.localhost": "quang-ngai"}
PAGES = [
    ("home", "127.0.0.1", "/"),
    ("procedure index", "127.0.0.1", "/thu-tuc/"),
    ("procedure", "127.0.0.1", "/thu-tuc/2.000815/"),
    ("report", "127.0.0.1", "/bao-cao/2024-q2-ket-qua-cchc/"),
    ("plan", "localhost", "/ke-hoach/2022-truyen-thong-nang-cao-chi-so/"),
    ("plan index", "localhost", "/ke-hoach/"),
    ("contacts", "127.0.0.1", "/lien-he/"),
    # The 404 page itself: Lighthouse refuses to audit a response whose status is 404.
    ("404", "127.0.0.1", "/404.html"),
    # The province pages over Quảng Ngãi's units.
    ("province directory", "quang-ngai.localhost", "/don-vi/"),
    ("province finder", "quang-ngai.localhost", "/nop-o-dau/"),
    ("province finder procedure", "quang-ngai.localhost", "/nop-o-dau/1.000593/"),
    ("province roll-up", "quang-ngai.localhost", "/so-lieu-don-vi/"),
    ("province roll-up sorted", "quang-ngai.localhost", "/so-lieu-don-vi/theo-received/"),
    ("province plans and reports", "quang-ngai.localhost", "/van-ban-don-vi/"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def publish(dest: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}
    run = subprocess.run([sys.executable, "-m", "generator", "-C", str(ROOT), "publish", "--dest", str(dest)],
                         capture_output=True, text=True, env=env)
    if run.returncode != 0:
        raise SystemExit(f"cchc publish failed:\n{run.stderr}")


def start_nginx(base: Path, dest: Path, port: int) -> subprocess.Popen:
    """deploy/'s configuration with only paths, port and user changed (as tests/test_nginx.py does)."""
    conf = base / "conf"
    conf.mkdir()
    for name in ("nginx.conf", "cchc-site.conf", "security-headers.conf"):
        text = (ROOT / "deploy" / name).read_text(encoding="utf-8")
        text = text.replace("/srv/cchc", str(dest)).replace("/etc/cchc", str(conf))
        text = text.replace("listen 80 default_server", f"listen 127.0.0.1:{port} default_server")
        text = text.replace("user www-data;", "user root;" if os.geteuid() == 0 else "")
        text = text.replace("/run/nginx-cchc.pid", str(base / "nginx.pid")).replace("/var/log/nginx", str(base))
        (conf / name).write_text(text, encoding="utf-8")
    with (dest / "units.map").open("a", encoding="utf-8") as units_map:
        units_map.writelines(f"{host} {unit};\n" for host, unit in HOSTS.items())
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    server = subprocess.Popen([nginx, "-e", str(base / "error.log"), "-c", str(conf / "nginx.conf"), "-g", "daemon off;"])
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("nginx did not start: " + (base / "error.log").read_text(encoding="utf-8", errors="replace"))


def lighthouse(binary: str, url: str, report: Path) -> dict:
    run = subprocess.run(
        [binary, url, "--quiet", "--output=json", f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
         f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300,
    )
    if run.returncode != 0 or not report.is_file():
        raise SystemExit(f"lighthouse failed on {url}:\n{run.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def main() -> int:
    binary = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    if not binary:
        raise SystemExit("Cần lighthouse (npm): đặt LIGHTHOUSE=…/node_modules/.bin/lighthouse hoặc chạy make bench-lighthouse")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cchc-lighthouse-") as tmp:
        base = Path(tmp)
        dest = base / "srv"
        publish(dest)
        port = free_port()
        server = start_nginx(base, dest, port)
        misses = 0
        try:
            print(f"{'page type':16} {'perf':>4} {'a11y':>4} {'b.p.':>4} {'seo':>4} {'LCP s':>6} {'FCP s':>6} {'KB':>6}  address")
            for kind, host, path in PAGES:
                url = f"http://{host}:{port}{path}"
                result = lighthouse(binary, url, OUT / f"{kind.replace(' ', '-')}.json")
                scores = [round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES]
                audits = result["audits"]
                lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
                fcp = audits["first-contentful-paint"]["numericValue"] / 1000
                weight = audits["total-byte-weight"]["numericValue"] / 1024
                ok = scores[0] >= 98 and scores[1:] == [100, 100, 100] and lcp <= 1.5
                misses += not ok
                print(f"{kind:16} {scores[0]:4} {scores[1]:4} {scores[2]:4} {scores[3]:4} {lcp:6.2f} {fcp:6.2f} {weight:6.1f}  {path}{'' if ok else '  BELOW TARGET'}")
                for category in CATEGORIES[1:]:
                    for ref in result["categories"][category]["auditRefs"]:
                        audit = audits[ref["id"]]
                        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                            print(f"{'':16} {category}: {ref['id']}: {audit['title']}")
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"Lighthouse {result['lighthouseVersion']}, {result['environment']['hostUserAgent'].split(' ')[-2]}, mobile; reports in {OUT.relative_to(ROOT)}/")
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
