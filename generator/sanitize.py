"""The second line of defence: the content of every built page goes through nh3 (the maintained
Rust sanitiser ammonia) with an allowlist of exactly what our templates produce.

The first line is the Markdown escaping of every plain-text field (`markdown_text.md`); this one
holds if a template ever forgets it. Links may only be https:, http:, mailto:, tel: or the site's
own relative paths. The theme's own parts of the page (header, navigation, footer, scripts) come
from trusted templates and are left as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import nh3

TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "strong", "em", "code", "a", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "div", "span", "figure", "figcaption", "dl", "dt", "dd",
    "svg", "title", "desc", "rect", "text",
}
ATTRIBUTES = {
    "*": {"id", "class"},
    "a": {"href", "title"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
    "svg": {"role", "viewBox", "aria-labelledby", "xmlns"},
    "rect": {"x", "y", "width", "height", "fill"},
    "text": {"x", "y", "font-size", "fill", "text-anchor"},
}
URL_SCHEMES = {"https", "http", "mailto", "tel"}
_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)


def clean(fragment: str) -> str:
    """Sanitise one HTML fragment of page content."""
    return nh3.clean(
        fragment,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


def sanitize_page(html: str) -> str:
    return _ARTICLE.sub(lambda m: m[1] + clean(m[2]) + m[3], html)


def sanitize_site(site: Path) -> None:
    """Sanitise the content of every HTML page of a built site, in place."""
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        cleaned = sanitize_page(text)
        if cleaned != text:
            page.write_text(cleaned, encoding="utf-8")
