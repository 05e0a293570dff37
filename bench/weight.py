"""First-load transfer, gzip-compressed, of each page type of built sites: the HTML plus every
same-origin stylesheet, script and icon it references (fonts: none, the theme uses system fonts).
The search index is counted separately: it is fetched on the first query, not on page load.

    python bench/weight.py site/son-thuong site/tra-bong ...
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse

PAGE_TYPES = {
    "home": "index.html",
    "procedure index": "thu-tuc/index.html",
    "procedure": "thu-tuc/*/index.html",
    "plan": "ke-hoach/*/index.html",
    "report": "bao-cao/*/index.html",
    "contacts": "lien-he/index.html",
    "404": "404.html",
}
LIMITS = {"procedure": 80 * 1024}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def assets(html: str) -> list[str]:
    """Same-origin files the browser fetches while loading the page."""
    found = []
    for tag in re.findall(r"<(?:link|script)\b[^>]*>", html):
        if "<link" in tag and not re.search(r'rel="(stylesheet|icon|preload|modulepreload)"', tag):
            continue
        found += re.findall(r'(?:href|src)="([^"]+)"', tag)
    return [url for url in found if not urlparse(url).scheme and not url.startswith("//")]


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """(gzip bytes of the page and everything it loads, number of files)."""
    html = page.read_text(encoding="utf-8")
    base = "/" + page.relative_to(site).as_posix()
    total, files = gz(html.encode()), 1
    for url in dict.fromkeys(assets(html)):
        target = site / urlparse(urljoin(base, url)).path.lstrip("/")
        if target.is_file():
            total += gz(target.read_bytes())
            files += 1
    return total, files


def measure(site: Path) -> list[tuple[str, str, int, int]]:
    rows = []
    for kind, pattern in PAGE_TYPES.items():
        pages = sorted(site.glob(pattern))
        if pages:
            size, files = page_weight(site, pages[0])
            rows.append((kind, pages[0].relative_to(site).as_posix(), size, files))
    index = site / "search.json"
    if index.is_file():
        rows.append(("first search query", "search.json", gz(index.read_bytes()), 1))
    return rows


def main(sites: list[str]) -> int:
    over = 0
    print(f"{'site':24} {'page type':20} {'KB gzip':>8} {'files':>5}  page")
    for name in sites:
        site = Path(name)
        for kind, page, size, files in measure(site):
            limit = LIMITS.get(kind)
            flag = "" if limit is None or size <= limit else f"  OVER {limit // 1024} KB"
            over += bool(flag)
            print(f"{site.name:24} {kind:20} {size / 1024:8.1f} {files:5}  {page}{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
