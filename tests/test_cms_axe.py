"""The web editor's own screens in local mode, checked by axe-core's WCAG 2.1 A/AA rules in Debian's
Chromium: the sign-in page, a unit's collection list, the hotlines form, a report form, and the report
form showing the server's refusal beside a field (the part our own admin files draw). Violations that
Decap CMS itself causes are allowed only as listed here and in docs/web-editor.md, rule by rule and element
by element, so any other violation, a new one from Decap included, fails. No screen asks anything of
another origin."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import wait_until
from test_browser import WCAG
from test_cms_edit import _open

from generator.cms.server import EditServer, installed

pytestmark = pytest.mark.skipif(not installed(), reason="chưa cài trình biên tập: make cms")

SLUG = "son-thuong"

# Decap CMS 3.16.3's own violations (docs/web-editor.md, "Accessibility of the admin"): rule id → the Decap
# component each may sit on, recognised in the element's opening tag (Decap's emotion class names
# carry the component's name; dnd-kit's drag handle carries aria-roledescription="sortable").
DECAP = {
    # grey #798291 on white (3.87:1); after an edit, the red "unsaved" badge and the grey «Công bố» button
    "color-contrast": ("AppHeaderButton", "SidebarNavLink", "CollectionTopDescription", "BackStatusChanged", "PublishButton"),
    "button-name": ("TopBarButton",),  # a list item's collapse and remove icon buttons, no name
    "aria-command-name": ('aria-roledescription="sortable"',),  # a list item's drag handle, no name
}
# Which of them each screen shows: none, since the admin page's CSS darkens Decap's grey text and its
# script names the list items' icon buttons and drag handles (admin/cchc-admin.css, cchc-admin.js).
# When a Decap update brings a listed violation back, this test names it.
EXPECTED: dict[str, set[tuple[str, str]]] = {name: set() for name in ("dang-nhap", "danh-sach", "duong-day-nong", "bao-cao", "bao-cao-loi")}


def decap_owned(rule: str, html: str) -> str | None:
    """The listed Decap component this violating element is, if it is one."""
    tag = re.match(r"<[^>]*>", html)
    opening = tag.group(0) if tag else html
    return next((marker for marker in DECAP.get(rule, ()) if marker in opening), None)


def audit(page) -> tuple[list[str], set[tuple[str, str]]]:
    """axe on the page as it is: (violations not on the list, listed exceptions that occurred)."""
    problems, allowed = [], set()
    for violation in Axe().run(page, options=WCAG).response["violations"]:
        for node in violation["nodes"]:
            marker = decap_owned(violation["id"], node["html"])
            if marker is None:
                problems.append(f"{violation['id']} ({violation['impact']}): {violation['help']} {node['target']} {node['html'][:200]}")
            else:
                allowed.add((violation["id"], marker))
    return problems, allowed


@pytest.fixture
def editor(project):
    server = EditServer(project, SLUG, 0, preview_url="http://127.0.0.1:8000/")  # the preview link shown, so checked too
    server.start()
    yield f"http://127.0.0.1:{server.port}", server.url
    server.stop()


def test_the_admin_screens_pass_axe_except_decaps_listed_violations(editor, browser):
    base, url = editor
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: r.url.startswith(("http://", "https://")) and not r.url.startswith(base) and outside.append(r.url))
    found: dict[str, tuple[list[str], set[tuple[str, str]]]] = {}

    page.goto(url)  # the address `cchc edit` prints: the secret becomes a cookie
    page.get_by_role("button", name="Đăng nhập").wait_for(timeout=30_000)
    assert page.get_attribute("html", "lang") == "vi"
    found["dang-nhap"] = audit(page)
    page.get_by_role("button", name="Đăng nhập").click()

    screens = {
        "danh-sach": (f"dv-{SLUG}", "text=Đường dây nóng, phản ánh kiến nghị"),
        "duong-day-nong": (f"dv-{SLUG}/entries/hotlines", "text=Công bố"),
        "bao-cao": (f"dv-{SLUG}--reports/entries/2024-q2-ket-qua-cchc", "text=Công bố"),
    }
    for name, (entry, ready) in screens.items():
        if "/entries/" in entry:
            _open(page, base, entry)  # as an editor goes: through the collection's list
        else:
            page.goto(f"{base}/admin/#/collections/{entry}")
        page.wait_for_selector(ready, timeout=30_000)
        page.wait_for_load_state("networkidle")
        found[name] = audit(page)

    # The server's refusal drawn by cchc-admin.js beside the field (and Decap's notice).
    page.get_by_label("Ngày ban hành").fill("31/02/2024")
    with page.expect_response(lambda r: "/api/v1" in r.url and "persistEntry" in (r.request.post_data or "")) as answer:
        page.get_by_role("button", name="Công bố", exact=True).click()
        page.get_by_role("menuitem", name="Công bố ngay").click()
    assert answer.value.status == 422
    page.locator(".cchc-field-error").first.wait_for(timeout=10_000)
    # Decap's notice slides in: axe measures the contrast of its text only once it stands still (mid
    # animation it is half transparent, which failed a run on a busy machine).
    wait_until(page, "[...document.querySelectorAll('.Toastify__toast')]"
                     ".every(t => t.getAnimations({subtree: true}).every(a => a.playState !== 'running'))")
    found["bao-cao-loi"] = audit(page)
    page.close()

    problems = [f"{name}: {line}" for name, (lines, _) in found.items() for line in lines]
    assert problems == [], "\n".join(problems)
    assert {name: allowed for name, (_, allowed) in found.items()} == EXPECTED
    assert outside == []  # no request leaves the editor's own address


@pytest.mark.parametrize(("rule", "html", "owned"), [
    ("button-name", '<button class="css-1568feq-TopBarButton-button-button e11ki7in2"><span>', "TopBarButton"),
    ("button-name", '<button class="cchc-preview">', None),  # the same rule on anything else is not excused
    ("color-contrast", '<p class="cchc-field-error" role="alert">', None),
    ("color-contrast", '<div class="x"><span class="SidebarNavLink">', None),  # only the element itself, not its content
    ("label", '<div role="button" aria-roledescription="sortable">', None),  # another rule on a listed element
])
def test_only_the_listed_decap_elements_are_excused(rule, html, owned):
    assert decap_owned(rule, html) == owned
