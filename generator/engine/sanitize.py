"""The second line of defence: the content of every built page goes through nh3 (the maintained
Rust sanitiser ammonia) with an allowlist of exactly what our templates produce.

The first line is the Markdown escaping of every plain-text field (`render.text.md`); this one
holds if a template ever forgets it. Links may only be https:, http:, mailto:, tel: or the site's
own relative paths. It runs in MkDocs' `on_page_content` event (site/events.py), on the page's
content only: the theme's own parts (header, navigation, footer, scripts) come from trusted templates.
"""

from __future__ import annotations

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
