"""Routes: links between pages are right by construction (each kind of cross-page link reaches its
page in a real build), a file of no registered type is refused, and an MkDocs warning reaches the
editor whole. (A new page type through the registry alone: tests/test_registry.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import cchc
from test_validation import edit

from generator.content_types import HOTLINES, PLAN, PROCEDURE, REGISTRY
from generator.pipeline import build
from generator.problems import BuildError
from generator.routes import route, url_for

BA_TO_PLAN = """\
number: '11'
symbol: KH-UBND
date: 22/01/2024
title: Tuyên truyền cải cách hành chính năm 2024 trên địa bàn huyện Ba Tơ
issuer: Ủy ban nhân dân huyện Ba Tơ
"""


def links_of(html: str) -> list[tuple[str, str]]:
    """(href, text) of every link in a page's content."""
    article = html[html.index("<article"):html.index("</article>")]
    return [(href, re.sub(r"<[^>]+>", "", text)) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', article, re.S)]


def resolves(site: Path, page: str, href: str) -> Path:
    """The file a relative link of `page` (a URL folder) reaches in the built site."""
    target = (site / page / href).resolve()
    return target / "index.html" if target.is_dir() else target


def test_routes_are_declared_once_and_linked_relatively():
    report, plan = route(REGISTRY["report"], "2024-q1"), route(PLAN, "2024-tuyen-truyen")
    assert (report.file, report.url) == ("bao-cao/2024-q1.md", "bao-cao/2024-q1/")
    assert report.link_to(plan) == "../ke-hoach/2024-tuyen-truyen.md"
    assert route(REGISTRY["unit"]).link_to(route(PROCEDURE)) == "thu-tuc/index.md"
    assert url_for(HOTLINES) == "lien-he/" and url_for(REGISTRY["unit"]) == ""


def test_a_report_links_the_plan_it_reports_on_in_another_section(project):
    """The observed case: Ba Tơ's report cites 11/KH-UBND; once the plan is added, the report's
    link reaches the plan's page (it used to be written relative to the wrong folder)."""
    (project / "units/ba-to/plans").mkdir()
    (project / "units/ba-to/plans/2024-tuyen-truyen-cchc.yml").write_text(BA_TO_PLAN, encoding="utf-8")
    run = cchc(project, "build", "ba-to")
    assert run.code == 0, run.err
    site = project / "site/ba-to"
    page = "bao-cao/2024-q1-tuyen-truyen-cchc"
    found = [href for href, text in links_of((site / page / "index.html").read_text(encoding="utf-8")) if "11/KH-UBND" in text]
    assert found == ["../../ke-hoach/2024-tuyen-truyen-cchc/"]
    assert resolves(site, page, found[0]) == (site / "ke-hoach/2024-tuyen-truyen-cchc/index.html").resolve()


def test_a_report_links_a_cited_document_that_has_an_address(project):
    edit(project, "content/documents.yml", "    issuer: Chính phủ\n", "    issuer: Chính phủ\n    url: https://vanban.chinhphu.vn/76-nq-cp\n")
    run = cchc(project, "build", "son-thuong")
    assert run.code == 0, run.err
    html = (project / "site/son-thuong/bao-cao/2024-q2-ket-qua-cchc/index.html").read_text(encoding="utf-8")
    assert "https://vanban.chinhphu.vn/76-nq-cp" in [href for href, _ in links_of(html)]


def test_a_replaced_procedure_links_its_replacement(project):
    edit(project, "content/procedures/2.000815.yml", "status: in-force", "status: replaced\nreplaced_by: '1.000593'\nstatus_date: 01/03/2025")
    run = cchc(project, "build", "son-thuong")
    assert run.code == 0, run.err
    site = project / "site/son-thuong"
    page = "thu-tuc/2.000815"
    hrefs = [href for href, text in links_of((site / page / "index.html").read_text(encoding="utf-8")) if "kết hôn" in text]
    assert hrefs == ["../1.000593/"]
    assert resolves(site, page, hrefs[0]) == (site / "thu-tuc/1.000593/index.html").resolve()


def test_the_home_page_links_every_section_it_has(built):
    site = built / "site/son-thuong"
    hrefs = {href for href, _ in links_of((site / "index.html").read_text(encoding="utf-8")) if not href.startswith(("http", "tel:", "mailto:"))}
    assert {"thu-tuc/", "bao-cao/", "lien-he/", "feed.xml"} <= hrefs
    for href in hrefs:
        assert resolves(site, "", href).is_file(), href


def test_without_the_registry_entry_the_toy_files_are_refused(project):
    (project / "units/son-thuong/notices").mkdir()
    (project / "units/son-thuong/notices/a.yml").write_text("title: x\n", encoding="utf-8")
    run = cchc(project, "validate")
    assert run.code == 1
    assert "units/son-thuong/notices:1:1: Thư mục lạ «notices/»; các thư mục được dùng: plans/, reports/ [unknown-file]" in run.err


def test_an_mkdocs_warning_reaches_the_terminal_whole_with_unit_page_and_advice(project):
    edit(project, "theme/main.html", '<div class="cchc-search md-grid">', '<div class="cchc-search md-grid"><a href="{{ base_url }}/khong-co/">x</a>')
    run = cchc(project, "build", "son-thuong")
    assert run.code == 3
    assert "Traceback" not in run.err
    assert "Đơn vị «son-thuong», trang index.html: liên kết «./khong-co/»: không có trang hay tệp này" in run.err
    assert "Việc cần làm: Liên kết giữa các trang hỏng." in run.err


def test_mkdocs_own_warning_text_is_kept_in_the_message(project, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "contacts.md.j2").write_text("# Liên hệ\n\n[trang thiếu](khong-co.md)\n", encoding="utf-8")
    registry = type(REGISTRY)(REGISTRY.types, (templates,))
    with pytest.raises(BuildError) as caught:
        build(project, ["son-thuong"], registry=registry)
    message = str(caught.value)
    assert "Đơn vị «son-thuong», Doc file 'lien-he.md' contains a link 'khong-co.md'" in message
    assert "Việc cần làm:" in message
