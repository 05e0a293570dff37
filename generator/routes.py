"""Where every page of a unit's site lives: the one owner of URLs.

A page is named by its content type and, for a section's item, its key (a procedure code, a plan's
file name). Its Markdown file, its public URL and a relative link to it from any other page are all
computed here, so a link between two pages cannot be wrong by construction.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from .content_types import ContentType, Section, SinglePage


@dataclass(frozen=True, order=True)
class Route:
    """A page's Markdown file inside the unit's docs folder (`ke-hoach/2024-x.md`)."""

    file: str

    @property
    def url(self) -> str:
        """The site-relative URL with directory URLs: `ke-hoach/2024-x/`, `` for the home page."""
        stem = self.file.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"

    @property
    def depth(self) -> int:
        """How many folders below the site root the page is served (for `../` prefixes)."""
        return self.url.count("/")

    def link_to(self, other: Route) -> str:
        """A relative Markdown link from this page to `other`, which MkDocs checks and rewrites."""
        return posixpath.relpath(other.file, posixpath.dirname(self.file) or ".")


def route(kind: ContentType[Any], key: str | None = None) -> Route:
    """The page of a content type: its section's index (no key), a section item, or a single page."""
    page = kind.page
    if isinstance(page, Section):
        return Route(f"{page.folder}/{key}.md" if key is not None else f"{page.folder}/index.md")
    if isinstance(page, SinglePage) and key is None:
        return Route(f"{page.path}.md" if page.path else "index.md")
    raise ValueError(f"{kind.name} has no page" + (f" for {key!r}" if key else ""))


def url_for(kind: ContentType[Any], key: str | None = None) -> str:
    """The site-relative URL of a page (feeds, search and sitemaps prefix it with the site's address)."""
    return route(kind, key).url
