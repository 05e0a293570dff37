"""Injection corpus: every payload of tests/data/injection.txt is written into every free-text field
of every model (found from the models, so a new field is covered without editing this test), in a
unit that has every page type. The built pages show the payloads as text and contain none of them in
an executable place; a real Chromium loading every page sees no dialog and no request leaving the
origin."""

from __future__ import annotations

import functools
import html
import re
import threading
import typing
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SUMMARY, cchc, copy_project, wait_until
from pydantic import BaseModel

from generator.content_types import REGISTRY
from generator.routes import route
from generator.schema import types as t
from generator.schema.types import Choice

SCHEMAS = {kind.name: kind.model for kind in REGISTRY}

PAYLOADS = [line for line in (ROOT / "tests/data/injection.txt").read_text(encoding="utf-8").splitlines() if line]
PAYLOAD = " ".join(PAYLOADS)
SLUG, CODE, FIELD, NAME = "thu-nghiem", "9.999999", "linh-vuc-thu", "mau"
FIXED = {  # values that must be valid for the rest of the unit to build
    t.Url: "https://example.gov.vn/", t.Phone: "0912 345 678", t.Email: "a@example.gov.vn", t.VnDate: "01/01/2024",
    t.PartialVnDate: "01/2024", t.Year: "2024", t.Count: "1", t.Number: "1", t.Amount: "1", t.Rate: "1%", t.YesNo: "có", bool: False,
    t.ProcedureCode: CODE, t.DocNumber: "99/KH-UBND", t.Slug: FIELD,
    t.SiteUrl: "https://example.gov.vn/",
}
CHOICES = {"UnitStatus": "dissolved", "LegalStatus": "amended"}
SKIP = {("UnitLink", "slug"), ("Successor", "slug"), ("Procedure", "replaced_by"), ("Unit", "successors")}  # one successor, not both


def _kind(annotation):
    """(what, is_list) for a field annotation: a model class, a Choice, one of FIXED, or t.Text."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is list:
        return _kind(args[0])[0], True
    if type(None) in args:
        return _kind(next(a for a in args if a is not type(None)))
    return annotation, False


def sample(model: type[BaseModel], covered: set[str], depth: int = 0) -> dict:
    """A valid document for `model` with the payload in every free-text field (sections in
    sections and tasks in tasks go two levels deep)."""
    data = {}
    hints = typing.get_type_hints(model, include_extras=True)  # model_fields drops Annotated types
    for name in model.model_fields:
        if (model.__name__, name) in SKIP:
            continue
        kind, many = _kind(hints[name])
        if kind is t.Text:
            value = PAYLOAD
            covered.add(f"{model.__name__}.{name}")
        elif isinstance(kind, type) and issubclass(kind, Choice):
            value = CHOICES.get(kind.__name__, next(iter(kind)).value)
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            if kind is model and depth >= 2:
                continue
            value = sample(kind, covered, depth + (kind is model))
        elif kind in FIXED:
            value = FIXED[kind]
        else:
            raise AssertionError(f"{model.__name__}.{name}: no sample for {kind}")
        data[name] = [value] if many else value
    return data




def write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100000), encoding="utf-8")


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("injection"))
    covered: set[str] = set()
    for kind in REGISTRY:  # one file of every content type, in the unit's folder where it may live there
        data = sample(kind.model, covered)
        pattern = kind.file_pattern()
        path = root / pattern.format(unit=SLUG, name=NAME, code=CODE)
        if path.is_file():  # a shared file the bundled units rely on: the sample's entries added to it
            kept = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = {key: [*kept.get(key, []), *value] if isinstance(value, list) else value for key, value in data.items()}
        write(path, data)
    run = cchc(root, "build", SLUG)
    assert run.code == 0, run.err
    every_text = {
        f"{m.__name__}.{n}" for m in _models() for n, hint in typing.get_type_hints(m, include_extras=True).items()
        if n in m.model_fields and _kind(hint)[0] is t.Text
    }
    SUMMARY.append(f"injection: {len(PAYLOADS)} payloads in each of {len(covered)} free-text fields: {', '.join(sorted(covered))}")
    return root / "site" / SLUG, covered, every_text


def _models() -> set[type[BaseModel]]:
    found, todo = set(), list(SCHEMAS.values())
    while todo:
        model = todo.pop()
        if model in found:
            continue
        found.add(model)
        for info in model.model_fields.values():
            kind, _ = _kind(info.annotation)  # model classes survive in model_fields
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                todo.append(kind)
    return found


class Tags(HTMLParser):
    """Every element name and attribute of a page, as a browser would parse them."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]


ALLOWED_SCRIPTS = re.compile(
    r'<script>__md_scope=|<script>var target=|<script id="__config" type="application/json">'
    r'|<script src="(/|(\.\./)*(\./)?)assets/javascripts/[\w.-]+\.js">'
)


def test_every_free_text_field_of_every_model_is_covered(injected):
    _, covered, every_text = injected
    assert covered == every_text


def test_every_page_template_is_built(injected):
    site, _, _ = injected
    pages = ["404.html"]
    for kind in REGISTRY:
        if kind.page is not None:
            pages.append(route(kind).url + "index.html")
        if kind.section is not None:
            pages.append(route(kind, CODE if "{code}" in kind.file_pattern() else NAME).url + "index.html")
    assert len(pages) > len(REGISTRY.types)
    for page in pages:
        assert (site / page).is_file(), page


def test_no_payload_lands_in_an_executable_place(injected):
    site, _, _ = injected
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for script in re.findall(r"<script\b[^>]*>.{0,12}", text):  # the tag and how its content starts
            assert ALLOWED_SCRIPTS.match(script), (page, script)
        assert text.count("<script") == 3, page  # Material's two inline scripts and ours (no bundle, no config: theme/main.html)
        tags = Tags()
        tags.feed(text)
        assert [a for _, name, a in tags.attributes if name.startswith("on")] == [], page
        assert [v for _, name, v in tags.attributes
                if name in ("href", "src", "action") and re.match(r"\s*(javascript|data|vbscript):", v or "", re.I)] == [], page
        assert {"iframe", "object", "embed", "base", "style", "details", "math", "img"} & tags.names == set(), page
        assert [v for _, name, v in tags.attributes if name in ("href", "src", "action") and "evil.example" in (v or "")] == []


def test_payloads_are_shown_as_text(injected):
    site, _, _ = injected
    page = (site / f"thu-tuc/{CODE}/index.html").read_text(encoding="utf-8")
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    for payload in ["<script>alert(1)</script>", "{{ 7*7 }}", "[bấm vào đây](javascript:alert(1))", "# Tiêu đề giả",
                    "&lt;script&gt;alert(1)&lt;/script&gt;", "{: onclick=\"alert(1)\" }", "*nghiêng* **đậm** `mã`"]:
        assert payload in shown, payload


def test_chromium_sees_no_dialog_and_no_request_leaving_the_origin(injected, browser):
    from test_browser import _Quiet

    site, _, _ = injected
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    dialogs, outside = [], []
    page = browser.new_page()
    try:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: None if request.url.startswith((origin, "data:")) else outside.append(request.url))
        for file in sorted(site.rglob("index.html")) + [site / "404.html"]:
            page.goto(f"{origin}/{file.relative_to(site).as_posix()}")
            page.wait_for_load_state("networkidle")
            page.mouse.move(200, 300)
            page.keyboard.press("Tab")
        page.goto(f"{origin}/")
        page.fill("#cchc-q", "script")
        wait_until(page, "document.querySelector('#cchc-count').textContent.length > 0")
        page.wait_for_timeout(300)
    finally:
        page.close()
        server.shutdown()
    assert dialogs == []
    assert outside == []
