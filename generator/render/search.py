"""The unit's search index: every page a citizen looks for (procedures, plans, reports, sections),
as a compact JSON list that the site's own script folds and searches in the browser.

Measured (docs/decisions.md, "Search"): Material's lunr search neither folds diacritics nor finds "tịch", and Pagefind
1.5.2 folds tones and «Đ» but not a lowercase «đ» ("dat dai" misses "đất đai"). Folding here is
done in the browser on both the index and the query, so «đ»/«d» and every tone match both ways.
"""

from __future__ import annotations

import json

from ..content_types import REGISTRY, Registry
from ..resolve import ResolvedUnit
from ..routes import route
from . import province
from .nav import nav


def entries(unit: ResolvedUnit, registry: Registry = REGISTRY) -> list[list[str]]:
    """[title, url, what it is] for each page worth finding: the sections, then each section's items."""
    found = [[entry.title, entry.route.url, "Mục"] for entry in nav(unit, registry)]
    for kind in registry.sections():
        section = kind.section
        if section is None or not section.searched:
            continue
        found += [[item.title, route(kind, key).url, item.search_note] for key, item in unit.items_of(kind).items()]
    return found + province.search_entries(unit)


def index_json(unit: ResolvedUnit, registry: Registry = REGISTRY) -> str:
    return json.dumps(entries(unit, registry), ensure_ascii=False, separators=(",", ":")) + "\n"
