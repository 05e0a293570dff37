"""Filters that put plain text and numbers into Markdown safely and in Vietnamese conventions.

Editors' text is shown as typed: it can never become a heading, a list, a link, a table cell
boundary, raw HTML or an attribute list, whatever characters it holds.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

from ..schema.types import format_date, number, rate

__all__ = ["md", "number", "rate", "vndate"]  # `number` lives with the number types; pages and charts take it from here

# Characters Python-Markdown (with tables and attr_list) gives a meaning to within a line; each is
# one it accepts a backslash escape for (`<` and `>` become entities below).
_INLINE = re.compile(r"([\\`*_\[\]{}|<>!#])")
# What turns a line into a list item when it starts the line.
_LINE_START = re.compile(r"^([-+])(?=\s|$)|^(\d+)([.)])(?=\s|$)")


def md(value: object) -> str:
    """Plain text → Markdown that renders as exactly that text, on one line."""
    text = " ".join(str(value).split())
    text = _INLINE.sub(r"\\\1", text)
    text = html.escape(text, quote=False).replace("\\&lt;", "&lt;").replace("\\&gt;", "&gt;")
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def vndate(value: dt.date) -> str:
    return format_date(value)


def percent(part: object, whole: object) -> str:
    """Kept for the templates: a computed share to one decimal."""
    return rate(part, whole)


def tel(phone: str) -> str:
    """A phone number as written → a `tel:` link target: 0255 3 71 234 → tel:0255371234."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


# MkDocs renders theme templates without autoescape, and Material prints the site name and each
# page's title raw (in <title>, the header, meta tags). Titles handed to MkDocs therefore carry no
# markup characters at all: each is replaced by a look-alike. The page's own heading keeps the text.
_TITLE_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "`": "ʻ"})


def plain_title(value: object) -> str:
    """Text for places MkDocs and Material print without escaping: one line, no markup characters."""
    return " ".join(str(value).split()).translate(_TITLE_SAFE)


def front_matter_title(value: object) -> str:
    """A YAML front matter block giving MkDocs the page title (JSON is valid YAML)."""
    return f"---\ntitle: {json.dumps(plain_title(value), ensure_ascii=False)}\n---\n"


# The letters that mark a Vietnamese document's points, in order: a), b), c), d), đ), e), g)… (no f,
# j, w or z; Nghị định 30/2020/NĐ-CP, Phụ lục I).
LETTERS = "abcdđeghiklmnopqrstuvxy"


def letters(n: int) -> str:
    """The letter label of the n-th item (from 1): a…y, then aa, ab… like spreadsheet columns, so
    a list is never too long for its labels."""
    label = ""
    while n > 0:
        n, digit = divmod(n - 1, len(LETTERS))
        label = LETTERS[digit] + label
    return label
