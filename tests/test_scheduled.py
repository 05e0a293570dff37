"""Scheduled publishing: a plan or report with a publication date stays off the whole site (its
page, the index, sitemap, feed and open data) on a build dated before it, and is on all of them
from that day; the nightly run's fingerprint changes on that day, so the unit is rebuilt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import cchc

from generator.pipeline import inspect
from generator.publish.fingerprint import shared_digest, unit_digest

NAME = "2026-q3-ket-qua-cchc"
REPORT = """# yaml-language-server: $schema=../../../schema/report.schema.json
symbol: BC-UBND
date: 30/09/2026
title: Kết quả cải cách hành chính quý III năm 2026 của xã Sơn Thượng
issuer: Ủy ban nhân dân xã Sơn Thượng
publish_from: 10/10/2026
period:
  year: '2026'
  quarter: '3'
figures:
  - label: Tin, bài trên Đài truyền thanh xã
    value: '12'
    unit: tin, bài
"""


def _with_scheduled_report(project: Path) -> Path:
    (project / "units/son-thuong/reports" / f"{NAME}.yml").write_text(REPORT, encoding="utf-8")
    return project / "site/son-thuong"


def _everywhere(site: Path) -> dict[str, bool]:
    """Where the report is found on the built site."""
    read = lambda path: (site / path).read_text(encoding="utf-8")  # noqa: E731
    return {
        "page": (site / "bao-cao" / NAME / "index.html").is_file(),
        "index": NAME in read("bao-cao/index.html"),
        "sitemap": f"/bao-cao/{NAME}/</loc>" in read("sitemap.xml"),
        "feed": f"/bao-cao/{NAME}/</link>" in read("feed.xml").replace('"/>', "</link>").replace('<link href="', ""),
        "open data": NAME in read("du-lieu/datapackage.json"),
    }


def test_a_report_dated_to_appear_later_is_nowhere_before_and_everywhere_from_that_day(project):
    site = _with_scheduled_report(project)
    run = cchc(project, "build", "son-thuong", "--today", "09/10/2026", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    assert _everywhere(site) == dict.fromkeys(["page", "index", "sitemap", "feed", "open data"], False)
    assert not any(NAME in p.name for p in site.rglob("*"))

    run = cchc(project, "build", "son-thuong", "--today", "10/10/2026", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    assert _everywhere(site) == dict.fromkeys(["page", "index", "sitemap", "feed", "open data"], True)
    assert "Kết quả cải cách hành chính quý III năm 2026 của xã Sơn Thượng" in (site / "bao-cao" / NAME / "index.html").read_text(encoding="utf-8")


def test_the_fingerprint_changes_on_the_day_the_report_appears_and_not_before(project):
    _with_scheduled_report(project)
    shared = shared_digest(project)

    def digest(day: dt.date) -> str:
        _, units, _ = inspect(project, today=day)
        return unit_digest(project, units["son-thuong"], shared)

    assert digest(dt.date(2026, 10, 1)) == digest(dt.date(2026, 10, 9))  # nothing due: nothing to rebuild
    assert digest(dt.date(2026, 10, 9)) != digest(dt.date(2026, 10, 10))  # due: the nightly run rebuilds
    assert digest(dt.date(2026, 10, 10)) == digest(dt.date(2026, 12, 31))


def test_a_bad_today_is_refused_in_vietnamese(project):
    run = cchc(project, "build", "son-thuong", "--today", "31/02/2026")
    assert run.code == 2
    assert "«31/02/2026» không phải ngày dạng ngày/tháng/năm (vd: 01/10/2026)" in run.err
    assert "Traceback" not in run.err


def test_a_bad_publication_date_in_the_file_names_file_line_and_field(project):
    _with_scheduled_report(project)
    path = project / "units/son-thuong/reports" / f"{NAME}.yml"
    path.write_text(REPORT.replace("publish_from: 10/10/2026", "publish_from: 10/2026"), encoding="utf-8")
    run = cchc(project, "validate")
    assert run.code != 0
    line = next(i for i, text in enumerate(REPORT.splitlines(), 1) if text.startswith("publish_from"))
    assert f"{NAME}.yml:{line}" in run.out + run.err
    assert "publish_from" in run.out + run.err and "[invalid-date-format]" in run.out + run.err


def test_the_nightly_publish_leaves_the_unit_alone_before_the_day_and_rebuilds_it_on_the_day(project, tmp_path):
    import json

    _with_scheduled_report(project)
    dest = tmp_path / "www"

    def publish(day: str) -> dict[str, str]:
        report = tmp_path / f"{day.replace('/', '-')}.json"
        run = cchc(project, "publish", "--dest", str(dest), "--today", day, "--report", str(report),
                   env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert run.code == 0, run.err
        return {u["slug"]: u["status"] for u in json.loads(report.read_text(encoding="utf-8"))["units"]}

    publish("08/10/2026")
    assert not (dest / "son-thuong/current/bao-cao" / NAME).exists()
    assert publish("09/10/2026")["son-thuong"] == "unchanged"  # nothing due: nothing rebuilt
    assert publish("10/10/2026")["son-thuong"] == "built"  # due today: rebuilt that night
    assert (dest / "son-thuong/current/bao-cao" / NAME / "index.html").is_file()
    assert f"/bao-cao/{NAME}/</loc>" in (dest / "son-thuong/current/sitemap.xml").read_text(encoding="utf-8")


def test_an_imported_draft_is_held_off_the_site_until_every_review_mark_is_gone(project):
    """A draft `cchc import` or the web editor wrote keeps its «# KIỂM TRA» lines until a person has
    compared each marked value with the document. Until then a build (the nightly publish's) leaves it
    off the whole site and says why; without the marks it is published."""
    site = project / "site/son-thuong"
    report = project / "units/son-thuong/reports" / f"{NAME}.yml"
    text = REPORT.replace("publish_from: 10/10/2026\n", "")
    mark = "# KIỂM TRA: date: văn bản ghi «ngày 30 tháng 9»: đối chiếu năm (dòng 4)\n"
    report.write_text(text.replace("symbol: BC-UBND\n", mark + "symbol: BC-UBND\n"), encoding="utf-8")
    check = cchc(project, "validate")
    assert check.code == 0, check.err
    assert (f"units/son-thuong/reports/{NAME}.yml:2:1: cảnh báo: date (Ngày ban hành): bản nháp nhập từ văn bản còn 1 chỗ cần kiểm tra: "
            "chưa được đăng lên trang cho tới khi bỏ hết các dòng «# KIỂM TRA» [import-review]") in check.err
    dated = ["build", "son-thuong", "--today", "10/10/2026"]
    run = cchc(project, *dated, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    assert _everywhere(site) == dict.fromkeys(["page", "index", "sitemap", "feed", "open data"], False)
    report.write_text(text, encoding="utf-8")  # every mark checked and removed
    run = cchc(project, *dated, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0 and "import-review" not in run.err, run.err
    assert _everywhere(site) == dict.fromkeys(["page", "index", "sitemap", "feed", "open data"], True)
