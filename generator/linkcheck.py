"""Checks a built release before it goes live: every internal link and anchor resolves, and every
procedure the unit lists has its page."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

_LINK = re.compile(r'<(?:a|link|script|img)\b[^>]*?\s(?:href|src)="([^"]*)"')
_ID = re.compile(r'\s(?:id|name)="([^"]+)"')


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; None for links that leave the site."""
    parsed = urlparse(url)
    if parsed.scheme or parsed.netloc or url.startswith(("mailto:", "tel:", "data:")):
        return None
    base = "/" + page.relative_to(site).as_posix()
    path = unquote(urlparse(urljoin(base, parsed.path or base)).path)
    target = site / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parsed.fragment


@cache
def _ids(page: Path) -> frozenset[str]:
    return frozenset(_ID.findall(page.read_text(encoding="utf-8", errors="replace")))


def broken_links(site: Path) -> list[str]:
    """`page: url` for every internal link whose file or anchor does not exist."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        for url in _LINK.findall(page.read_text(encoding="utf-8", errors="replace")):
            found = _target(site, page, url)
            if found is None:
                continue
            target, fragment = found
            if not target.is_file():
                problems.append(f"{page.relative_to(site)}: {url} (không có trang)")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target):
                problems.append(f"{page.relative_to(site)}: {url} (không có neo #{fragment})")
    _ids.cache_clear()
    return problems


def missing_procedure_pages(site: Path, codes: list[str]) -> list[str]:
    return [f"thu-tuc/{code}/ (thiếu trang thủ tục)" for code in codes if not (site / "thu-tuc" / code / "index.html").is_file()]
