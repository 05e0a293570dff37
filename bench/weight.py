"""First-load transfer of each page type of built sites, as Chromium fetches it: every response the
browser receives while loading the page (the HTML, stylesheets, scripts, images), counted from
Playwright's network events as compressed bytes on the wire. Pages are served the way nginx serves a
release (deploy/cchc-site.conf: gzip_static with the `.gz` files `cchc publish` writes at level 6):
a `.gz` beside a file is sent when present, otherwise the file is gzipped at level 6 on the fly.
The search index is counted apart: it is fetched on the first query, not on page load.

    python bench/weight.py site/son-thuong site/tra-bong ...

Exits 1 when a page type is over its budget (a procedure page: 40 KB).
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE_TYPES = {
    "home": "index.html",
    "procedure index": "thu-tuc/index.html",
    "procedure": "thu-tuc/*/index.html",
    "plan": "ke-hoach/*/index.html",
    "report": "bao-cao/*/index.html",
    "contacts": "lien-he/index.html",
    "404": "404.html",
    "units directory": "don-vi/index.html",
    "finder": "nop-o-dau/index.html",
    "finder procedure": "nop-o-dau/*/index.html",
    "roll-up": "so-lieu-don-vi/index.html",
    "roll-up sorted": "so-lieu-don-vi/*/index.html",
    "units' documents": "van-ban-don-vi/index.html",
}
LIMITS = {"procedure": 40 * 1024, **dict.fromkeys(("units directory", "finder", "finder procedure", "roll-up", "roll-up sorted", "units' documents"), 40 * 1024)}
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}  # as `cchc publish` precompresses
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


class GzipStatic(SimpleHTTPRequestHandler):
    """Serves `file.gz` (or gzips `file` at level 6) to clients that accept gzip, like gzip_static."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        packed = path.with_name(path.name + ".gz")
        body = packed.read_bytes() if packed.is_file() else gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipStatic, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fetched(browser, url: str, query: str | None = None) -> list[tuple[str, int]]:
    """(address, compressed body bytes) of every response while loading `url` into an empty cache;
    with `query`, only what typing it into the search box fetches afterwards."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    if query is not None:
        responses.clear()
        page.fill("#cchc-q", query)
        page.wait_for_function("document.querySelector('#cchc-count').textContent.length > 0")
        page.wait_for_load_state("networkidle")
    rows = [(r.url, r.sizes()["responseBodySize"]) for r in responses]
    context.close()
    return rows


def measure(browser, site: Path) -> list[tuple[str, str, int, int]]:
    server = serve(site)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    rows = []
    try:
        for kind, pattern in PAGE_TYPES.items():
            pages = sorted(site.glob(pattern))
            if pages:
                path = pages[0].relative_to(site).as_posix().removesuffix("index.html")
                files = fetched(browser, origin + path)
                outside = [url for url, _ in files if not url.startswith(origin)]
                assert not outside, outside
                rows.append((kind, path or "/", sum(size for _, size in files), len(files)))
        if (site / "search.json").is_file():
            files = fetched(browser, origin, query="thu tuc")
            rows.append(("first search query", "search.json", sum(size for _, size in files), len(files)))
    finally:
        server.shutdown()
    return rows


def main(sites: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    over = 0
    print(f"{'site':24} {'page type':20} {'KB gzip':>8} {'files':>5}  page")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in sites:
            site = Path(name)
            for kind, page, size, files in measure(browser, site):
                limit = LIMITS.get(kind)
                flag = "" if limit is None or size <= limit else f"  OVER {limit // 1024} KB"
                over += bool(flag)
                print(f"{site.name:24} {kind:20} {size / 1024:8.1f} {files:5}  {page}{flag}")
        browser.close()
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
