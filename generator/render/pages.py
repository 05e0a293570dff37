"""Renders one resolved unit into Markdown pages (path → text), with Jinja2 and strict undefined.

The pages come from the content-type registry: each single page and each section (its index and
one page per item) whose unit has something to show. Nothing here touches the disk: `site/`
writes what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2

from ..content_types import REGISTRY, ContentType, Registry, Section, SinglePage
from ..problems import BuildError
from ..problems.messages import Say
from ..resolve import ResolvedUnit
from ..routes import DATA_FORMATS, FEED, ROBOTS, SEARCH_INDEX, Route, data_route, route
from . import charts, feeds, open_data, province, province_data, search, text
from .template_cache import compiled


@dataclass(frozen=True)
class Page:
    """One page of a unit's site: where it lives, its template, and what it shows."""

    kind: ContentType[Any]
    route: Route
    template: str
    key: str | None = None
    item: Any = None


@dataclass(frozen=True)
class HomeLink:
    """A section or page listed on the home page."""

    title: str
    note: str
    route: Route


def environment(registry: Registry = REGISTRY) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(d) for d in registry.template_dirs])]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*loaders, jinja2.PackageLoader("generator.render", "templates")]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown: text is escaped by the `md` filter instead
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=compiled(),
    )
    env.filters.update(md=text.md, vndate=text.vndate, number=text.number, tel=text.tel, front_matter=text.front_matter_title, letters=text.letters)
    env.globals.update(percent=text.percent, dossier_chart=charts.dossier_chart, dossier_rows=charts.dossier_rows, dossier_summary=charts.dossier_summary, computed_rate=charts.computed_rate)
    return env


def pages(unit: ResolvedUnit, registry: Registry = REGISTRY) -> list[Page]:
    """Every page of the unit, in the registry's order."""
    found = []
    for kind in registry:
        if isinstance(kind.page, SinglePage) and (kind.page.always or unit.has(kind)):
            found.append(Page(kind, route(kind), kind.page.template))
        elif isinstance(kind.page, Section) and unit.has(kind):
            found.append(Page(kind, route(kind), kind.page.index_template))
            found += [Page(kind, route(kind, key), kind.page.item_template, key, item) for key, item in unit.items_of(kind).items()]
    return found


def home_links(unit: ResolvedUnit, registry: Registry = REGISTRY) -> list[HomeLink]:
    """The sections and pages the home page lists (every page type but the home page itself)."""
    links = []
    for kind in registry:
        page = kind.page
        if page is None or (isinstance(page, SinglePage) and not page.path):
            continue  # data only, or the home page itself
        if not (unit.has(kind) or (isinstance(page, SinglePage) and page.always)):
            continue
        note = page.home_note.format(count=len(unit.items_of(kind)))
        links.append(HomeLink(page.home_title, note, route(kind)))
    return links + [HomeLink(title, note, where) for title, note, where in province.home_links(unit)]


def render_unit(
    unit: ResolvedUnit, env: jinja2.Environment | None = None, registry: Registry = REGISTRY, held_back: dict[str, province.RollupRow] | None = None
) -> dict[str, str]:
    """Every Markdown page of one unit, its search index and feed, and its open data (CSV, JSON and
    the data package), keyed by path inside its docs folder."""
    env = env or environment(registry)
    shared = {"u": unit, "unit": unit.unit, "last_updated": feeds.last_updated(unit, registry), "sections": home_links(unit, registry),
              "feed": FEED.url}
    rendered = {
        SEARCH_INDEX.file: search.index_json(unit, registry),
        FEED.file: feeds.atom(unit, registry),
        ROBOTS.file: feeds.robots(unit),
    }
    data = open_data.files(unit)  # added after the pages, which come first in the dict
    for page in pages(unit, registry):
        here = page.route

        def link(kind: str, key: str | None = None, _here: Route = here) -> str:
            return _here.link_to(route(registry[kind], key))

        def data_links(kind: str, key: str | None = None, _here: Route = here) -> dict[str, str] | None:
            """Links to the open data of a page's table (csv, json, package), or None if it has none."""
            if data_route(registry[kind], key).file not in data:
                return None
            return {fmt: _here.link_to(data_route(registry[kind], key, fmt)) for fmt in (*DATA_FORMATS, "package")}

        context = {**shared, "page": page, "item": page.item, "key": page.key, "link": link, "data_links": data_links}
        try:
            rendered[here.file] = env.get_template(page.template).render(context)
        except jinja2.TemplateError as error:
            raise BuildError(Say.TEMPLATE_FAILED(template=page.template, slug=unit.slug, file=here.file, error=error)) from error
    rendered.update(data)
    rendered.update(render_province(unit, env, shared, held_back))
    return rendered


def render_province(
    unit: ResolvedUnit, env: jinja2.Environment, shared: dict[str, Any], held_back: dict[str, province.RollupRow] | None = None
) -> dict[str, str]:
    """The province pages of a unit with members, and the roll-up's open data (none otherwise)."""
    if not unit.members:
        return {}
    common = {**shared, **province.context(unit, held_back)}
    rendered = {}
    for here, template, key in province.page_routes(unit, common["finder"]):
        try:
            rendered[here.file] = env.get_template(template).render({**common, **province.page_context(here, key)})
        except jinja2.TemplateError as error:
            raise BuildError(Say.TEMPLATE_FAILED(template=template, slug=unit.slug, file=here.file, error=error)) from error
    return rendered | province_data.files(unit, common["rows"])
