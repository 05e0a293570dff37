"""MkDocs events for what MkDocs builds (a hooks file, named in every generated config, so
`cchc build`, `cchc serve` and `cchc publish` treat pages alike):

- `on_files`: the theme's files for Material's own search, which the sites do not use, are left out;
- `on_env`: the theme's templates are compiled once per machine, not once per site
  (`render/template_cache.py`);
- `on_page_content`: each page's content goes through the sanitiser before the theme wraps it;
- `on_post_page`: each built page's ids and links are read with an HTML parser;
- `on_post_build`: every internal link and anchor of the site must resolve; a broken one is an
  MkDocs warning, so the strict build stops and the editor is told which page and link.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from generator.engine import links, sanitize
from generator.render.template_cache import compiled

log = logging.getLogger("mkdocs.plugins.cchc")

# MkDocs loads a hooks file once per process and keeps it: each build's pages are kept under its
# own config, so two builds never mix.
_pages: dict[int, dict[str, links.PageLinks]] = {}


def on_pre_build(config: Any) -> None:
    _pages[id(config)] = {}


# Material's own search is off (the sites search with cchc-search.js and their own index): its search
# worker and the lunr language files the worker loads are asked for by no page, so they are not
# copied into the site (36 of a unit's 63 files, 1.2 MB of its 2.7 MB).
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def on_files(files: Any, config: Any) -> Any:
    for unused in [f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES)]:
        files.remove(unused)
    return files


def on_env(env: Any, config: Any, files: Any) -> Any:
    env.bytecode_cache = compiled()
    return env


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return sanitize.clean(html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    _pages[id(config)][page.file.dest_uri] = links.read_links(output)
    return output


def on_post_build(config: Any) -> None:
    site = config["site_dir"]
    files = {
        os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/")
        for folder, _, names in os.walk(site)
        for name in names
    }
    for page, url, problem in links.broken_links(_pages.pop(id(config), {}), files):
        log.warning("BROKEN_LINK %s | %s | %s", page, url, problem)
