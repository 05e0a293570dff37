"""The sanitiser and the link policy: the second line of defence holds when the first (Markdown
escaping) is missing, and the controls below show the tests fail without it."""

import pytest
from test_validation import edit

from generator.engine import sanitize
from generator.pipeline import build
from generator.render import text as markdown_text

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)><a href='javascript:alert(1)'>x</a><a href='data:text/html,x'>y</a>"


def test_clean_keeps_our_markup_and_drops_everything_else():
    kept = (
        '<h2 id="a">A</h2><table><thead><tr><th style="text-align:right">1</th></tr></thead></table>'
        '<a href="../thu-tuc/">t</a><a href="https://dichvucong.gov.vn/">d</a><a href="tel:0912345678">g</a>'
        '<a href="mailto:a@b.vn">m</a><figure><svg role="img" viewBox="0 0 1 1" aria-labelledby="c"><title id="c">T</title>'
        '<rect x="0" y="0" width="1" height="1" fill="#000"></rect></svg></figure>'
    )
    assert sanitize.clean(kept) == kept
    dirty = sanitize.clean(PAYLOAD + '<a href="vbscript:x">v</a><iframe src="https://e.x/"></iframe><p onclick="x">p</p>')
    assert dirty == '<a>x</a><a>y</a><a>v</a><p>p</p>'


def build_with_unescaped_text(project, monkeypatch, sanitizer_on: bool) -> str:
    """A template that forgot to escape: the `md` filter passes text through untouched."""
    monkeypatch.setattr(markdown_text, "md", lambda value: str(value))
    if not sanitizer_on:
        monkeypatch.setattr("generator.engine.sanitize.clean", lambda html: html)
        monkeypatch.setattr("generator.engine.links.broken_links", lambda pages, files: [])  # the payload's links
    edit(project, "units/son-thuong/hotlines.yml", "purpose: Tiếp nhận hồ sơ", f"purpose: {PAYLOAD} Tiếp nhận hồ sơ")
    build(project, ["son-thuong"])
    return (project / "site/son-thuong/lien-he/index.html").read_text(encoding="utf-8")


def test_the_sanitiser_holds_when_escaping_is_missing(project, monkeypatch):
    page = build_with_unescaped_text(project, monkeypatch, sanitizer_on=True)
    article = page[page.index('<article class="md-content__inner md-typeset">'):page.index("</article>")]
    assert "<script>alert" not in article and "onerror" not in article
    assert "javascript:" not in article and "data:text" not in article
    assert "Tiếp nhận hồ sơ" in article


def test_control_without_the_sanitiser_the_payload_would_be_live(project, monkeypatch):
    page = build_with_unescaped_text(project, monkeypatch, sanitizer_on=False)
    assert "<script>alert(1)</script>" in page and "onerror=alert(1)" in page


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x", "ftp://example.gov.vn/", "//evil.example/"])
def test_the_link_policy_refuses_other_schemes_in_content(project, url):
    from generator.pipeline import check

    edit(project, "content/procedures/1.000593.yml", "online_url: https://dichvucong.gov.vn/", f"online_url: '{url}'")
    _, problems = check(project)
    assert [p.code for p in problems if p.severity.value == "error"] == ["invalid-url"]
