"""The citizen pages on a phone: the summary-list component with its own examples (rendered, checked
by the sanitiser and by axe-core at phone and desktop widths), every page type of every unit at
320 and 360 px (no sideways scrolling, nothing clipped, axe WCAG 2.1 A/AA; 1280 px in test_browser.py), the keyboard path
at phone size, and a unit's local details shown inside the facts they override."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, wait_until
from test_browser import UNITS, WCAG, page_types

from generator.engine import sanitize
from generator.render import environment
from generator.render.text import percent

EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in yaml.safe_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]]
PHONE, DESKTOP = {"width": 360, "height": 800}, {"width": 1280, "height": 800}

# The component's examples: each is what a template passes to `summary` (or to `card` inside
# `cards`), and doubles as a test fixture below.
EXAMPLES = {
    "label and value": "{{ m.summary([('Thời hạn giải quyết', '03 ngày làm việc'), ('Phí, lệ phí', 'Không')]) }}",
    "missing and left out": "{{ m.summary([('Thời hạn giải quyết', '*Chưa có thông tin.*'), ('Ghi chú', none)]) }}",
    "long link and code": (
        "{{ m.summary([('Trang trực tuyến', '[https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.000593.000.00.00.H37]"
        "(https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.000593.000.00.00.H37)'), "
        "('Mã', '1.000593.000.00.00.H37')]) }}"
    ),
    "value with parts": "{{ m.summary([('Đã giải quyết', '**318** hồ sơ\\n\\n- Trước hạn: 318 (100,0%)\\n- Quá hạn: 0 (0,0%)')]) }}",
    "cards, numbered and compact": (
        "{% call m.cards(ordered=true) %}"
        "{{ m.card('**Tờ khai đăng ký kết hôn**', [('Bản chính', '1'), ('Bản sao', '—'), ('Mẫu đơn, tờ khai', '[Mẫu tờ khai](https://example.gov.vn/a.docx)')], compact=true) }}\n"
        "{{ m.card('**Giấy tờ tùy thân** (chỉ xuất trình, không nộp lại)', [('Bản chính', '1')], compact=true) }}"
        "{% endcall %}"
    ),
    "card with badge": (
        "{% call m.cards() %}{{ m.card('[Đăng ký kết hôn lưu động](#)', [('Mã', '1.000593'), ('Thời hạn', 'Xem chi tiết')], badge='Làm trực tuyến', compact=true) }}{% endcall %}"
    ),
}


def render_example(source: str) -> str:
    """Template text → the HTML a built page holds for it (Markdown with the site's extensions, sanitised)."""
    text = environment().from_string('{% import "_macros.md.j2" as m %}\n\n' + source + "\n").render()
    return sanitize.clean(markdown.markdown(text, extensions=EXTENSIONS))


@pytest.mark.parametrize("name", EXAMPLES)
def test_summary_list_example_is_a_description_list_the_sanitiser_keeps(name):
    body = render_example(EXAMPLES[name])
    assert "<dl" in body and "markdown=" not in body and "&lt;" not in body, body
    pairs = re.findall(r"<div>\s*<dt>(.*?)</dt>\s*<dd>(.*?)</dd>\s*</div>", body, re.S)
    assert pairs, body
    assert all(label.strip() and value.strip() for label, value in pairs)
    assert "Ghi chú" not in body  # a row without a value is left out, never shown empty


def test_summary_list_parses_markdown_inside_and_keeps_text_escaped():
    body = render_example("{{ m.summary([('Ghi chú', '*Chưa có* \\\\<script\\\\> [a](https://x.gov.vn/)')]) }}")
    assert "<em>Chưa có</em>" in body and '<a href="https://x.gov.vn/">a</a>' in body
    assert "<script" not in body


@pytest.fixture(scope="module")
def component_page(built):
    """An empty page with the site's own stylesheets, for the component's examples."""
    assets = built / "site" / "son-thuong" / "assets" / "stylesheets"
    css = "".join(p.read_text(encoding="utf-8") for p in sorted(assets.glob("main.*.min.css")) + [assets / "cchc.css"])

    def page_html(body: str) -> str:
        return (
            f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Ví dụ</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{css}</style></head>'
            f'<body dir="ltr"><main><article class="md-content__inner md-typeset"><h1>Ví dụ</h1>{body}</article></main></body></html>'
        )

    return page_html


@pytest.mark.parametrize("viewport", [{"width": 320, "height": 640}, PHONE, DESKTOP], ids=["320", "360", "1280"])
def test_summary_list_examples_pass_axe_and_fit_the_screen(viewport, component_page, browser):
    page = browser.new_page(viewport=viewport)
    problems = []
    for name, source in EXAMPLES.items():
        page.set_content(component_page(render_example(source)))
        for violation in Axe().run(page, options=WCAG).response["violations"]:
            problems.append(f"{name}: {violation['id']}: {violation['help']}")
        problems += [f"{name}: {w}" for w in page.evaluate(OVERFLOW)]
    page.close()
    assert problems == []


# Elements wider than the screen, or whose content is wider than their box (clipped or scrolling),
# among those that hold what a citizen reads. Off-canvas navigation is not content.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) found.push('page scrolls sideways: ' + document.documentElement.scrollWidth);
  for (const e of document.querySelectorAll('article, article *, .cchc-search, .cchc-search *, .md-header__inner, .md-footer-meta *')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || e.closest('svg')) continue;
    const name = e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '');
    if (r.right > width + 0.5 || r.left < -0.5) found.push(name + ' reaches ' + Math.round(r.left) + '–' + Math.round(r.right) + ' px');
    else if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') found.push(name + ' clips or scrolls: ' + e.scrollWidth + ' > ' + e.clientWidth);
  }
  return found.slice(0, 10);
}"""


# At desktop width every page type is checked by tests/test_browser.py (axe WCAG 2.1 A/AA at 1280×800,
# and no request leaving the origin); here each page is loaded once per phone width for both checks.
# The 360 px sweep also resizes each page to 390×844, where tables once sat in boxes a keyboard could
# not scroll, and runs that rule there.
SCROLL_BOXES = {"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}, "resultTypes": ["violations"]}


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("slug", UNITS)
def test_every_page_type_reads_without_sideways_scrolling_and_passes_axe(slug, width, servers, browser, built):
    page = browser.new_page(viewport={"width": width, "height": 800})
    overflow, problems = {}, []
    for path in page_types(built / "site" / slug):
        page.goto(f"{servers[slug]}/{path}")
        found = page.evaluate(OVERFLOW)
        if found:
            overflow[path] = found
        for violation in Axe().run(page, options=WCAG).response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"/{path}: {violation['id']}: {violation['help']} {targets}")
        if width == 360:
            page.set_viewport_size({"width": 390, "height": 844})
            problems += [f"/{path} at 390×844: {v['id']}" for v in Axe().run(page, options=SCROLL_BOXES).response["violations"]]
            page.set_viewport_size({"width": width, "height": 800})
    page.close()
    assert overflow == {}
    assert problems == [], "\n".join(problems)


def test_keyboard_path_at_phone_size(servers, browser):
    """Menu, search, a procedure and its online link, with Tab and Enter only, on a 360 px screen."""
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{servers['son-thuong']}/lien-he/")

    def focused() -> dict:
        return page.evaluate(
            "(() => { const e = document.activeElement; const r = e.getBoundingClientRect();"
            " return {tag: e.tagName, href: e.getAttribute('href'), label: e.getAttribute('aria-label'), id: e.id,"
            " outline: getComputedStyle(e).outlineStyle, visible: r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.left >= 0 && r.right <= innerWidth}; })()"
        )

    def tab_until(match, limit: int = 60) -> dict:
        for _ in range(limit):
            page.keyboard.press("Tab")
            now = focused()
            assert now["visible"] and now["outline"] != "none", now  # never focus on something unseen
            if match(now):
                return now
        raise AssertionError("not reached with Tab")

    # The menu: a button that opens the drawer; its links are reachable, then Escape closes it.
    menu = tab_until(lambda f: f["tag"] == "BUTTON" and f["label"] == "Danh mục trang")
    page.keyboard.press("Enter")
    assert page.get_attribute("button[aria-label='Danh mục trang']", "aria-expanded") == "true"
    wait_until(page, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")  # slid in
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    tab_until(lambda f: (f["href"] or "").endswith("thu-tuc/"))
    page.keyboard.press("Escape")
    assert page.get_attribute("button[aria-label='Danh mục trang']", "aria-expanded") == "false"
    assert focused()["label"] == menu["label"]

    # Search: type without diacritics, Tab to the result, open it.
    tab_until(lambda f: f["id"] == "cchc-q")
    page.keyboard.type("dang ky ket hon")
    wait_until(page, "document.querySelector('#cchc-count').textContent.length > 0")
    tab_until(lambda f: (f["href"] or "").endswith("thu-tuc/1.000593/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/1.000593/")

    # The procedure's online link.
    tab_until(lambda f: "dichvucong.gov.vn" in (f["href"] or "") and "ma_thu_tuc" not in (f["href"] or ""))
    page.close()


def test_closed_menu_links_are_out_of_the_tab_order_on_a_phone(servers, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{servers['son-thuong']}/")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility") == "hidden"
    page.close()


# A unit's own details against the catalog's channel facts: test data only (no bundled unit sets a
# local time limit), written into a private copy of the project and rendered as the build does.
def rendered_procedure(project: Path, local: str, code: str = "1.000593") -> str:
    from generator.pipeline import check, render_all

    procedures = project / "units/son-thuong/procedures.yml"
    text = procedures.read_text(encoding="utf-8")
    anchor = f'  - code: "{code}"\n'
    assert anchor in text
    procedures.write_text(text.replace(anchor, anchor + local), encoding="utf-8")
    units, problems = check(project)
    assert not [p for p in problems if p.severity.value == "error"]
    pages = render_all(units, ["son-thuong"])["son-thuong"]
    return pages[f"thu-tuc/{code}.md"], pages["thu-tuc/index.md"]


def section(body: str, heading: str) -> str:
    start = body.index(heading)
    end = body.find("\n## ", start + 1)
    return body[start : end if end > 0 else None]


def text(markdown_text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markdown.markdown(markdown_text, extensions=EXTENSIONS))).split())


def test_a_local_time_limit_and_fee_show_inside_every_channel_they_override(project):
    page, index = rendered_procedure(project, "    time_limit: 03 ngày làm việc\n    fee: 10.000 đồng\n    exemption: Miễn lệ phí cho hộ nghèo\n")
    facts = text(section(page, "## Mất bao lâu, tốn bao nhiêu?"))
    channels = re.findall(r"(Trực tiếp|Trực tuyến) Thời hạn giải quyết (.*?) Phí, lệ phí (.*?) Miễn, giảm (.*?) Ghi chú", facts)
    assert [c[0] for c in channels] == ["Trực tiếp", "Trực tuyến"], facts
    for _, time_limit, fee, exemption in channels:
        assert time_limit == "03 ngày làm việc (áp dụng tại Xã Sơn Thượng)"
        assert fee == "10.000 đồng (áp dụng tại Xã Sơn Thượng)"
        assert exemption == "Miễn lệ phí cho hộ nghèo"
    assert "Chưa có thông tin" not in facts  # no channel contradicts the local time limit
    assert "03 ngày làm việc" in text(index)


def test_without_local_details_the_channel_facts_are_the_catalogs(project):
    page, _ = rendered_procedure(project, "", code="2.000815")
    facts = text(section(page, "## Mất bao lâu, tốn bao nhiêu?"))
    assert facts.startswith("Mất bao lâu, tốn bao nhiêu? Trực tiếp Thời hạn giải quyết Trong ngày cơ quan")
    assert "áp dụng tại" not in facts and "Miễn, giảm" not in facts


def test_steps_are_a_numbered_step_by_step_list(built):
    body = (built / "site/son-thuong/thu-tuc/2.000815/index.html").read_text(encoding="utf-8")
    steps = re.search(r'<ol class="cchc-steps">(.*?)</ol>', body, re.S)
    assert steps is not None
    items = re.findall(r"<li>(.*?)</li>", steps[1], re.S)
    assert len(items) == 3 and items[0].startswith("Người yêu cầu chứng thực xuất trình")


def test_plain_words_for_citizens(built):
    home = (built / "site/son-thuong/index.html").read_text(encoding="utf-8")
    article = home[home.index("<article"):home.index("</article>")]
    assert "Atom" not in article and "Theo dõi thay đổi" in article


@pytest.mark.parametrize(
    "part, whole, shown",
    [(29, 321, "9,0%"), (288, 321, "89,7%"), (321, 321, "100,0%"), (0, 5, "0,0%"), (2, 3, "66,7%"), (1, 0, "—")],
)
def test_percentages_always_have_one_decimal(part, whole, shown):
    assert percent(part, whole) == shown


def test_the_menu_button_shows_only_where_the_menu_is_a_drawer(servers, browser):
    shown = {}
    for width in (360, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(f"{servers['son-thuong']}/")
        shown[width] = page.is_visible("button[aria-label='Danh mục trang']")
        page.close()
    assert shown == {360: True, 1280: False}


def test_a_long_table_of_contents_stays_within_a_desktop_window(servers, browser):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{servers['son-thuong']}/bao-cao/2024-q2-ket-qua-cchc/")
    page.evaluate("window.scrollTo(0, 3000)")
    box = page.evaluate(
        "(() => { const w = document.querySelector('.md-sidebar--secondary .md-sidebar__scrollwrap');"
        " const r = w.getBoundingClientRect(); return {bottom: r.bottom, long: w.scrollHeight > w.clientHeight}; })()"
    )
    page.close()
    assert box["long"] and box["bottom"] <= DESKTOP["height"]


@pytest.mark.parametrize("path", ["", "thu-tuc/", "thu-tuc/2.000815/", "bao-cao/2024-q2-ket-qua-cchc/", "lien-he/"])
def test_every_link_of_the_phone_menu_is_reached_in_sight(path, servers, browser):
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{servers['son-thuong']}/{path}")
    page.focus("button[aria-label='Danh mục trang']")
    page.keyboard.press("Enter")
    wait_until(page, "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    seen = []
    for _ in range(30):
        state = page.evaluate(
            "(() => { const e = document.activeElement; const d = document.querySelector('.md-sidebar--primary');"
            " if (!d.contains(e)) return null; const r = e.getBoundingClientRect(), b = d.getBoundingClientRect();"
            " return {text: e.textContent.trim(), inside: r.width > 0 && r.left >= b.left && r.right <= b.right + 0.5 && r.top >= 0 && r.bottom <= innerHeight}; })()"
        )
        if state is None:
            break
        seen.append(state)
        page.keyboard.press("Tab")
    page.close()
    assert [s["text"] for s in seen if s["text"]] == ["Trang chủ", "Thủ tục hành chính", "Báo cáo", "Liên hệ, phản ánh"]
    assert all(s["inside"] for s in seen), seen
