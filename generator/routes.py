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
        """The site-relative URL with directory URLs: `ke-hoach/2024-x/`, `` for the home page; a
        file that is not a page (open data) keeps its name."""
        if not self.file.endswith(".md"):
            return self.file  # a data file is served as it is (du-lieu/thu-tuc.csv)
        stem = self.file.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("index") if stem.endswith("/index") else stem + "/"

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


# The files every unit's site serves beside its pages, at its root, named once here. The engine
# writes the sitemap from `site_url`; the others are rendered with the pages.
SEARCH_INDEX = Route("search.json")
FEED = Route("feed.xml")
ROBOTS = Route("robots.txt")
SITEMAP = Route("sitemap.xml")

# Open data: every table a page shows is also published as CSV and JSON in one folder, described by
# one Frictionless Data package per unit (render/open_data.py writes them).
DATA_FOLDER = "du-lieu"
DATA_PACKAGE = Route(f"{DATA_FOLDER}/datapackage.json")
DATA_FORMATS = ("csv", "json")


def data_table(kind: ContentType[Any], key: str | None = None) -> str:
    """The name of the open-data table of a section's index (no key) or of one item: `thu-tuc`,
    `bao-cao-2024-q2-ket-qua-cchc`."""
    section = kind.section
    if section is None:
        raise ValueError(f"{kind.name} has no data table")
    return section.folder if key is None else f"{section.folder}-{key}"


def data_route(kind: ContentType[Any], key: str | None = None, fmt: str = "csv") -> Route:
    """The file of one open-data table in one format (`du-lieu/thu-tuc.csv`), or the unit's data
    package description (`fmt="package"`)."""
    if fmt == "package":
        return DATA_PACKAGE
    if fmt not in DATA_FORMATS:
        raise ValueError(f"no open-data format {fmt!r}")
    return Route(f"{DATA_FOLDER}/{data_table(kind, key)}.{fmt}")


# The province pages of a unit that has members (render/province.py): the units directory, the
# procedure finder, the roll-up of dossier figures (with one pre-sorted copy per column, so sorting
# needs no script) and the members' latest plans and reports.
DIRECTORY = Route("don-vi.md")
FINDER = Route("nop-o-dau/index.md")
ROLLUP = Route("so-lieu-don-vi/index.md")
MEMBER_DOCUMENTS = Route("van-ban-don-vi.md")
ROLLUP_TABLE = "so-lieu-don-vi"


def finder_page(code: str) -> Route:
    """«Nộp ở đâu?» for one procedure: the units that handle it (`nop-o-dau/1.000593/`)."""
    return Route(f"nop-o-dau/{code}.md")


def rollup_sorted(column: str) -> Route:
    """The roll-up sorted by one column, largest first (`so-lieu-don-vi/theo-received/`)."""
    return Route(f"{ROLLUP_TABLE}/theo-{column}.md")


def rollup_data(fmt: str) -> Route:
    """The roll-up's open data: its CSV or JSON file, or the unit's data package."""
    if fmt == "package":
        return DATA_PACKAGE
    if fmt not in DATA_FORMATS:
        raise ValueError(f"no open-data format {fmt!r}")
    return Route(f"{DATA_FOLDER}/{ROLLUP_TABLE}.{fmt}")


def absolute(site_url: str, page: Route) -> str:
    """A page of another unit's site, by that site's public address (cross-site links)."""
    return site_url.rstrip("/") + "/" + page.url
