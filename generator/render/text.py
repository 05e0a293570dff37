"""Filters that put plain text and numbers into Markdown safely and in Vietnamese conventions.

Editors' text is shown as typed: it can never become a heading, a list, a link, a table cell
boundary, raw HTML or an attribute list, whatever characters it holds.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from decimal import ROUND_HALF_UP, Decimal

from ..schema.types import format_date

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


def number(value: int | Decimal) -> str:
    """1234567 → 1.234.567; 85.5 → 85,5 (Vietnamese separators)."""
    whole, _, fraction = f"{value}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction else grouped


def percent(part: int, whole: int) -> str:
    """A share computed by the tool, never typed by an editor: 310 of 321 → 96,6%."""
    if whole == 0:
        return "—"
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{number(int(share) if share == share.to_integral() else share)}%"


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
