"""A real Chromium (Debian's package, driven by Playwright) loading the built bundled units served
on loopback: Vietnamese pages, no request leaving the site's origin, and axe-core's WCAG 2.1 A/AA
rules on every page type of every unit."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT, _Quiet, wait_until

# Only violations are read: with resultTypes axe skips the details of what passes (a fifth less time).
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
UNITS = sorted(p.name for p in (ROOT / "units").iterdir() if p.is_dir())


def page_types(site: Path) -> list[str]:
    """One page of each type the unit has: home, contacts, each index, and the first of each kind."""
    paths = ["", "lien-he/", "404.html"]
    for section in ("thu-tuc", "ke-hoach", "bao-cao"):
        folder = site / section
        if folder.is_dir():
            paths.append(f"{section}/")
            first = sorted(p for p in folder.iterdir() if p.is_dir())
            if first:
                paths.append(f"{section}/{first[0].name}/")
    # A province's pages over its units (render/province.py).
    for path in ("don-vi/", "nop-o-dau/", "so-lieu-don-vi/", "so-lieu-don-vi/theo-received/", "van-ban-don-vi/"):
        if (site / path / "index.html").is_file():
            paths.append(path)
    finders = sorted(p for p in (site / "nop-o-dau").iterdir() if p.is_dir()) if (site / "nop-o-dau").is_dir() else []
    return paths + [f"nop-o-dau/{finders[0].name}/"] if finders else paths


@pytest.mark.parametrize("slug", UNITS)
def test_every_page_type_is_accessible_and_stays_on_its_origin(slug, servers, browser, built):
    origin = servers[slug]
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # the desktop width (phones: test_phone.py)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    axe = Axe()
    problems = []
    # Each page is checked once its load event has fired: the pages fetch nothing later (their one
    # script fetches the search index when a citizen types); the last also waits for the network to
    # rest half a second, so a late request would still be seen.
    for path in page_types(built / "site" / slug):
        response = page.goto(f"{origin}/{path}")
        assert response is not None and response.status == 200, path
        assert page.get_attribute("html", "lang") == "vi"
        result = axe.run(page, options=WCAG)
        for violation in result.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"/{path}: {violation['id']} ({violation['impact']}): {violation['help']} {targets}")
    page.wait_for_load_state("networkidle")
    context.close()
    outside = [url for url in requests if not url.startswith(origin) and not url.startswith("data:")]
    assert outside == []
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("slug, path", [("son-thuong", "thu-tuc/2.000815/"), ("tra-bong", "ke-hoach/2022-truyen-thong-nang-cao-chi-so/"), ("son-thuong", "bao-cao/2024-q2-ket-qua-cchc/")])
def test_a_360_px_screen_needs_no_horizontal_scroll(slug, path, servers, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{servers[slug]}/{path}")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    # The page's own layout: no visible element of the article reaches past the screen's right edge
    # (named by tag, class and text so a failure says what to fix).
    wide = page.evaluate(WIDER_THAN_SCREEN)
    page.close()
    assert width <= 360
    assert wide == []


WIDER_THAN_SCREEN = """() => [...document.querySelectorAll("article *")]
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 1; })
  .map(e => `${e.tagName.toLowerCase()}.${e.className} «${e.textContent.trim().slice(0, 40)}» ${Math.round(e.getBoundingClientRect().right)}px`)"""


def test_the_404_page_is_vietnamese_and_points_to_the_sections(servers, browser):
    page = browser.new_page()
    page.goto(f"{servers['son-thuong']}/404.html")
    assert page.locator("h1").first.inner_text() == "Không tìm thấy trang"
    links = page.locator("article a").evaluate_all("links => links.map(a => a.textContent.trim())")
    page.close()
    assert "Thủ tục hành chính" in links and "Liên hệ, phản ánh" in links


def fold(text: str) -> str:
    """What a citizen types without diacritics: tones dropped, đ written as d."""
    import unicodedata

    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def first_findable(built: Path, slug: str) -> str:
    """The name of the unit's first procedure, or else of its first plan or report."""
    import json

    entries = json.loads((built / "site" / slug / "search.json").read_text(encoding="utf-8"))
    documents = [title for title, _, meta in entries if meta != "Mục"]
    return documents[0]


def search_results(page, query: str) -> list[str]:
    page.fill("#cchc-q", query)
    wait_until(page, "document.querySelector('#cchc-count').textContent.length > 0")
    return page.locator(".cchc-search__results a").all_inner_texts()


@pytest.mark.parametrize("slug", UNITS)
def test_typing_a_name_without_diacritics_finds_it(slug, servers, browser, built):
    title = first_findable(built, slug)
    page = browser.new_page()
    page.goto(f"{servers[slug]}/lien-he/")
    words = fold(title).split()[:6]
    assert title in search_results(page, " ".join(words))
    page.close()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("dang ky ket hon", "Đăng ký kết hôn lưu động"),
        ("ĐĂNG KÝ kết hôn", "Đăng ký kết hôn lưu động"),
        ("hộ tịch", "Đăng ký kết hôn lưu động"),
        ("ho tich", "Đăng ký kết hôn lưu động"),
        ("1.000593", "Đăng ký kết hôn lưu động"),
        ("chung thuc ban sao", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận"),
    ],
)
def test_search_folds_diacritics_and_d_both_ways(query, expected, servers, browser):
    page = browser.new_page()
    page.goto(f"{servers['son-thuong']}/")
    assert expected in search_results(page, query)
    page.close()


def test_search_says_when_nothing_matches(servers, browser):
    page = browser.new_page()
    page.goto(f"{servers['son-thuong']}/")
    assert search_results(page, "khong co gi nhu the nay") == []
    assert page.inner_text("#cchc-count") == "Không tìm thấy kết quả nào."
    page.close()


def test_a_procedure_page_prints_on_at_most_two_a4_pages_without_navigation(servers, browser, tmp_path):
    page = browser.new_page()
    page.goto(f"{servers['son-thuong']}/thu-tuc/2.000815/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "['.md-header', '.md-sidebar--primary', '.cchc-search', '.md-footer']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    pdf = page.pdf(format="A4", path=str(tmp_path / "procedure.pdf"))
    page.close()
    assert hidden == ["none"] * 4
    assert 1 <= pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page/") <= 2


def test_keyboard_only_from_home_to_a_procedure_and_its_online_link(servers, browser):
    page = browser.new_page()
    page.goto(f"{servers['son-thuong']}/")

    def tab_to(href_part: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")
            if href and href_part in href:
                return
        raise AssertionError(f"no focusable link to {href_part} within {limit} tabs")

    tab_to("thu-tuc/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/")
    tab_to("1.000593")
    page.keyboard.press("Enter")
    page.wait_for_url("**/thu-tuc/1.000593/")
    tab_to("dichvucong.gov.vn")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.close()
    assert outline != "none"


def test_keyboard_reaches_a_procedures_form_download(project, browser):
    # Test data: no bundled procedure has a sourced form file, so one is added to a private copy.
    record = project / "content/procedures/1.000593.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "dossier_sets: 01 bộ",
            "dossier:\n  - document: Tờ khai (dữ liệu thử)\n    originals: '1'\n    form:\n"
            "      title: Mẫu tờ khai (dữ liệu thử)\n      url: https://example.gov.vn/mau-to-khai.docx\n"
            "dossier_sets: 01 bộ",
        ),
        encoding="utf-8",
    )
    from conftest import cchc

    assert cchc(project, "build", "son-thuong").code == 0
    handler = functools.partial(_Quiet, directory=str(project / "site" / "son-thuong"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/thu-tuc/1.000593/")
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('href')") == "https://example.gov.vn/mau-to-khai.docx":
                break
        else:
            raise AssertionError("the form link is not reachable with Tab")
        assert page.evaluate("document.activeElement.textContent") == "Mẫu tờ khai (dữ liệu thử)"
    finally:
        page.close()
        server.shutdown()
