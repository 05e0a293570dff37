"""Open data beside the pages: the figures a page shows are published again as CSV and JSON with a
Frictionless Data package. What a data user would notice: the files are reachable from the page
through its «Tải số liệu» link, they validate with the `frictionless` package, their numbers are in
plain machine notation (1234, 12.5) while the page keeps Vietnamese notation (1.234, 12,5), and the
figures are the same on both sides. The page is read as built HTML; Vietnamese notation is read
here by a parser of the test's own, not the generator's."""

from __future__ import annotations

import csv
import json
import posixpath
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import frictionless
import pytest
from conftest import UNITS, cchc

DOSSIER, OTHER, A_TO_Z = "Tình hình giải quyết hồ sơ", "Số liệu khác", "Theo thứ tự A–Z"
_VN = re.compile(r"((?:~|khoảng|gần|trên|hơn|dưới)\s*)*(\d[\d.,]*)(\s*(nghìn|ngàn|triệu|tỷ|tỉ))?", re.IGNORECASE)
_SCALES = {"nghìn": 1000, "ngàn": 1000, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
MACHINE = re.compile(r"-?\d+(\.\d+)?")
_WORDS = "không một hai ba bốn năm sáu bảy tám chín mười".split()


def vietnamese(text: str) -> tuple[str, Decimal, bool]:
    """The leading figure of a page's text: (as written, its value, approximate?). «1.234» → 1234,
    «12,5» → 12.5, «5,65 nghìn» → 5650 (approximate)."""
    word = text.split()[0] if text.split() else ""
    if word in _WORDS:  # a small count a news article writes in words: «tám»
        return word, Decimal(_WORDS.index(word)), False
    match = _VN.match(text.strip())
    assert match, f"no figure at the start of {text!r}"
    digits = match[2].rstrip(".,")
    value = Decimal(digits.replace(".", "").replace(",", "."))
    if match[4]:
        value *= _SCALES[match[4].lower()]
    written = text.strip()[: match.start(2) + len(digits) + (len(match[3]) if match[3] else 0)]
    return written, value, bool(match[1] or match[4])


class _Page(HTMLParser):
    """Collects, per h2 section of a page: summary-list pairs (dt, head of dd), list items inside and
    outside summary lists, the «Phạm vi» line before each dossier table, cards (title, pairs) and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.section = ""
        self.scope: str | None = None
        self.figures: list[tuple[str, str | None, str, str]] = []  # (section, scope, label, text)
        self.cards: list[dict[str, str]] = []
        self.links: list[tuple[str, str]] = []  # (text, href)
        self._stack: list[str] = []
        self._buf: dict[str, str] = {}
        self._label = ""
        self._dd_head: str | None = None
        self._href: str | None = None
        self._card_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self._stack.append(tag)
        if tag in ("h2", "dt", "dd", "li", "strong", "a") or (tag == "p" and "cchc-card__title" in (values.get("class") or "")):
            self._buf[tag] = ""
        if tag == "p" and "cchc-card__title" in (values.get("class") or ""):
            self._card_title = True
            self.cards.append({})
        if tag == "dd":
            self._dd_head = None
        if tag == "ul" and "dd" in self._stack[:-1] and self._dd_head is None:
            self._dd_head = self._buf["dd"]
        if tag == "a":
            self._href = values.get("href")

    def handle_data(self, data: str) -> None:
        for key in self._buf:
            if key in self._stack:
                self._buf[key] += data

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop() != tag:
            pass
        text = " ".join(self._buf.pop(tag, "").split())
        if tag == "h2":
            self.section, self.scope = text, None
        elif tag == "strong" and text.startswith("Phạm vi: ") and "dd" not in self._stack:
            self.scope = text.removeprefix("Phạm vi: ")
        elif tag == "dt":
            self._label = text
        elif tag == "dd":
            head = " ".join((self._dd_head if self._dd_head is not None else text).split())
            if self.cards and "li" in self._stack:
                self.cards[-1][self._label] = head
            elif head:
                self.figures.append((self.section, self.scope, self._label, head))
        elif tag == "li" and "dd" in self._stack or tag == "li" and self.section == DOSSIER and "dl" not in self._stack:
            label, _, value = text.rpartition(": ")
            if label:
                self.figures.append((self.section, self.scope, label, value))
        elif tag == "a":
            self.links.append((text, self._href or ""))
            if self._card_title:
                self.cards[-1]["title"] = text
        elif tag == "p" and self._card_title:
            self._card_title = False


def read_page(site: Path, url: str) -> _Page:
    parser = _Page()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


def data_files(site: Path, url: str, page: _Page) -> dict[str, Path]:
    """The files the page's «Tải số liệu» line links to, as they are on disk (csv, json, package)."""
    names = {"CSV": "csv", "JSON": "json", "mô tả dữ liệu": "package"}
    found = {names[text]: site / posixpath.normpath(posixpath.join(url, href)) for text, href in page.links if text in names}
    assert sorted(found) == ["csv", "json", "package"], f"{url}: no «Tải số liệu (CSV, JSON)» links"
    for path in found.values():
        assert path.is_file(), f"{url} links to {path}, which the site does not have"
    return found


def read_data(files: dict[str, Path]) -> list[dict[str, str]]:
    """The CSV rows, after checking the JSON holds the same rows with typed values."""
    assert files["csv"].read_bytes().startswith(b"\xef\xbb\xbf")  # the UTF-8 mark, for Excel
    with files["csv"].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    keyed = json.loads(files["json"].read_text(encoding="utf-8"))
    assert len(keyed) == len(rows)
    for row, item in zip(rows, keyed, strict=True):
        assert list(item) == list(row), "the JSON's keys are the CSV's columns, in order"
        for name, text in row.items():
            value = item[name]
            if isinstance(value, bool):
                assert text == str(value).lower()
            elif isinstance(value, (int, float)):
                assert Decimal(text) == Decimal(str(value)), (name, text, value)
            elif text.startswith("'") and not (value or "").startswith("'"):  # a formula-like text, made inert
                assert text[1:] == value and value[0] in "=+-@\t\r", (name, text, value)
            else:
                assert text == (value or ""), (name, text, value)
    return rows


def assert_valid(package: Path) -> None:
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["type", "note", "resourceName", "rowNumber", "fieldName"])


def report_pages(site: Path) -> list[str]:
    folder = site / "bao-cao"
    return sorted(f"bao-cao/{p.name}/" for p in folder.iterdir() if (p / "index.html").is_file()) if folder.is_dir() else []


def check_report(site: Path, url: str) -> list[dict[str, str]]:
    """The report page's figures and its data file's rows are the same, figure by figure."""
    page = read_page(site, url)
    shown = [f for f in page.figures if f[0] in (DOSSIER, OTHER) and "tính từ số liệu" not in f[2] + f[3]]
    if not shown:
        assert not [t for t, _ in page.links if t == "CSV"], f"{url} links to data it does not show"
        return []
    rows = read_data(data_files(site, url, page))
    on_page = []
    for _, scope, label, text in shown:
        written, value, approximate = vietnamese(text)
        on_page.append((scope or "", label, value, written, approximate))
    in_file = []
    for row in rows:
        assert MACHINE.fullmatch(row["value"]), f"{row['value']!r} is not plain machine notation"
        written = row["as_published"].rstrip(" %")  # a published rate is kept with its sign: «98,33%»
        in_file.append((row["scope"], row["label"], Decimal(row["value"]), written, row["approximate"] == "true"))
    assert sorted(in_file) == sorted(on_page)
    return rows


def check_procedures(site: Path) -> list[dict[str, str]]:
    page = read_page(site, "thu-tuc")
    rows = read_data(data_files(site, "thu-tuc", page))
    az = page.cards[-len(rows):]  # the A–Z list is the page's last list of cards, one per procedure
    assert [
        {"title": r["name"], "Mã": r["code"] or "Nguồn không ghi mã", "Thời hạn": r["time_limit"] or "Xem chi tiết", "Phí, lệ phí": r["fee"] or "Xem chi tiết", "Trực tuyến": r["online_level_label"]}
        for r in rows
    ] == [{k: " ".join(v.split()) if k != "title" else v for k, v in card.items()} for card in az]
    return rows


class _Rollup(HTMLParser):
    """The province roll-up's table as a citizen reads it: per row, the unit and each cell's text
    (the label a phone shows before a figure taken off)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._in_table = self._in_body = self._label = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table" and "cchc-rollup" in classes:
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag in ("th", "td"):
            self._cell = []
        elif self._cell is not None and tag == "span" and "cchc-rollup__label" in classes:
            self._label = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._label = False
        elif tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._in_table = self._in_body = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._label:
            self._cell.append(data)


ROLLUP_FIGURES = ("received", "resolved", "on_time", "late", "pending", "online_share")


def check_rollup(site: Path) -> list[dict[str, str]]:
    """The province roll-up's table and its data files hold the same figures, row by row: each
    cell is the figure as published (Vietnamese notation), «(tính)» after a computed one, and the
    machine value is that figure's value."""
    url = "so-lieu-don-vi/"
    html = (site / url / "index.html").read_text(encoding="utf-8")
    table = _Rollup()
    table.feed(html)
    rows = read_data(data_files(site, url, read_page(site, url)))
    reported = [r for r in rows if r["period"]]
    assert len(table.rows) == len(reported)
    for shown, row in zip(table.rows, reported, strict=True):
        assert shown[0] == row["short_name"]
        assert shown[1].startswith(row["period"])
        for cell, name in zip(shown[2:], ROLLUP_FIGURES, strict=True):
            written = row[f"{name}_as_published"] + (" (tính)" if row[f"{name}_computed"] == "true" else "")
            assert cell == written
            if row[name]:
                assert MACHINE.fullmatch(row[name])
                assert vietnamese(row[f"{name}_as_published"])[1] == Decimal(row[name])
    for row in rows:
        if not row["period"]:
            assert row["short_name"] in html.split("Chưa có báo cáo số liệu giải quyết hồ sơ:")[1], f"{row['unit']} not named"
    return rows


@pytest.mark.parametrize("slug", UNITS)
def test_the_data_of_every_bundled_unit_validates_and_matches_its_pages(built, slug):
    site = built / "site" / slug
    checked = 0
    for url in report_pages(site):
        checked += len(check_report(site, url))
    if (site / "thu-tuc" / "index.html").is_file():
        checked += len(check_procedures(site))
    if (site / "so-lieu-don-vi" / "index.html").is_file():
        checked += len(check_rollup(site))
    package = site / "du-lieu" / "datapackage.json"
    if not checked:
        assert not package.exists()
        return
    assert_valid(package)
    described = json.loads(package.read_text(encoding="utf-8"))
    for resource in described["resources"]:
        assert resource["sources"] and all(s["title"] for s in resource["sources"]), f"{resource['name']} does not say where it comes from"
        assert {f["name"]: f["type"] for f in resource["schema"]["fields"]}.get("value", "number") == "number"


def test_bundled_units_publish_data(built):
    """Not vacuous: the units with reports and procedures do publish and link their data."""
    site = built / "site" / "son-thuong"
    assert len(check_report(site, "bao-cao/2024-q2-ket-qua-cchc/")) == 14
    assert len(check_procedures(site)) == 2


def _build_son_thuong(project: Path, old: str, new: str) -> Path:
    path = project / "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = cchc(project, "build", "son-thuong")
    assert run.code == 0, run.err
    return project / "site" / "son-thuong"


def _row(rows: list[dict[str, str]], label: str) -> dict[str, str]:
    return next(r for r in rows if r["label"] == label)


def test_a_thousands_figure_is_1234_in_the_data_and_1_234_on_the_page(project):
    site = _build_son_thuong(project, "value: hơn trên 500", "value: '1.234'")
    rows = check_report(site, "bao-cao/2024-q2-ket-qua-cchc/")
    row = _row(rows, "Người tham gia tuyên truyền, phổ biến giáo dục pháp luật trong quý")
    assert (row["value"], row["as_published"], row["approximate"]) == ("1234", "1.234", "false")
    body = (site / "bao-cao/2024-q2-ket-qua-cchc/index.html").read_text(encoding="utf-8")
    assert "1.234 người" in body and "1234" not in body.replace("bao-cao-2024", "")
    assert_valid(site / "du-lieu/datapackage.json")


@pytest.mark.parametrize(
    "written, value, approximate",
    [("12,5", "12.5", "false"), ("1.234,5", "1234.5", "false"), ("5,65 nghìn", "5650", "true"), ("khoảng 4,8 tỷ", "4800000000", "true")],
)
def test_decimals_and_approximate_figures_are_flagged_not_rewritten(project, written, value, approximate):
    site = _build_son_thuong(project, "value: '19'", f"value: '{written}'")
    rows = check_report(site, "bao-cao/2024-q2-ket-qua-cchc/")
    row = _row(rows, "Biên chế hành chính hiện có")
    assert (row["value"], row["as_published"], row["approximate"]) == (value, written, approximate)
    assert_valid(site / "du-lieu/datapackage.json")


def test_scopes_and_published_rates_reach_the_data(project):
    old = "dossier_stats:\n"
    new = (
        "dossier_tables:\n- scope: Cấp xã\n  received:\n    total: 159.845\n    online: 1.234\n  rates:\n"
        "  - label: Giải quyết đúng và trước hạn\n    value: 98,33%\n- scope: Cấp huyện\n  withdrawn: '7'\ndossier_stats:\n"
    )
    site = _build_son_thuong(project, old, new)
    rows = check_report(site, "bao-cao/2024-q2-ket-qua-cchc/")
    assert [(r["scope"], r["measure"], r["value"], r["unit"]) for r in rows if r["scope"]] == [
        ("Cấp xã", "received.total", "159845", "hồ sơ"), ("Cấp xã", "received.online", "1234", "hồ sơ"),
        ("Cấp xã", "published_rate", "98.33", "%"), ("Cấp huyện", "withdrawn", "7", "hồ sơ"),
    ]
    assert_valid(site / "du-lieu/datapackage.json")
