"""Links and anchors of built pages, read with an HTML parser: every internal link must reach a
file of the site, and every fragment an element id of the page it points to."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINKING = {"a": "href", "link": "href", "script": "src", "img": "src"}


@dataclass
class PageLinks:
    """What one built page offers (its ids) and asks for (its links)."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.found.ids.add(str(values[name]))
        target = values.get(LINKING.get(tag, ""))
        if target is not None:
            self.found.links.append(target)


def read_links(html: str) -> PageLinks:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.found


def target_of(page: str, url: str) -> tuple[str, str] | None:
    """The site file (path from the site root) and fragment an internal link points to; None for
    links that leave the site. `page` is the linking page's file, e.g. `thu-tuc/1.000593/index.html`."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    path = unquote(parts.path)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if not path.startswith("/") else path.lstrip("/")
    if path.endswith("/") or joined in (".", ""):
        joined = posixpath.join("" if joined == "." else joined, "index.html")
    return joined, parts.fragment


def broken_links(pages: dict[str, PageLinks], files: set[str]) -> list[tuple[str, str, str]]:
    """(page, link, what is wrong) for every internal link whose file or anchor does not exist.
    `pages` are the built HTML pages by file; `files` every file of the site."""
    problems = []
    for page, found in sorted(pages.items()):
        for url in found.links:
            target = target_of(page, url)
            if target is None:
                continue
            path, fragment = target
            if path not in files and posixpath.join(path, "index.html") not in files:
                problems.append((page, url, "không có trang hay tệp này"))
            elif fragment and path in pages and fragment not in pages[path].ids:
                problems.append((page, url, f"trang đích không có neo #{fragment}"))
    return problems


def broken_links_in(site: Path) -> list[tuple[str, str, str]]:
    """The same check over a site already on disk (a release about to go live, a test's build)."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    pages = {name: read_links((site / name).read_text(encoding="utf-8")) for name in sorted(files) if name.endswith(".html")}
    return broken_links(pages, files)
