"""Real MkDocs builds of the bundled units: the pages exist, say what the seeds say, and are the
same bytes whenever the same commit is built."""

import html
import re
from pathlib import Path

import yaml
from conftest import ROOT, cchc, copy_project
from test_new import fill

UNITS = sorted(p.name for p in (ROOT / "units").iterdir() if p.is_dir())


def page(root: Path, slug: str, path: str) -> str:
    return (root / "site" / slug / path / "index.html").read_text(encoding="utf-8") if path else (
        root / "site" / slug / "index.html"
    ).read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def test_every_unit_has_a_vietnamese_home_page(built):
    for slug in UNITS:
        home = page(built, slug, "")
        assert '<html lang="vi"' in home
        assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_pages_load_nothing_from_other_hosts(built):
    for file in (built / "site").rglob("*.html"):
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", file.read_text(encoding="utf-8")):
            if 'rel="canonical"' in tag:
                continue  # names the page's own public address; nothing is fetched
            for url in re.findall(r'(?:src|href)="([^"]+)"', tag):
                assert not re.match(r"(https?:)?//", url), f"{file}: {tag}"


def test_a_site_holds_no_file_of_materials_own_search(built):
    """Material's search worker and its lunr language files are asked for by no page (the sites use
    their own search), so no site carries them: 36 of a unit's 63 files, 1.2 MB of its 2.7 MB."""
    for site in (built / "site").iterdir():
        scripts = sorted(p.relative_to(site).as_posix() for p in (site / "assets" / "javascripts").rglob("*") if p.is_file())
        assert [re.sub(r"\.[0-9a-f]{8}\.", ".*.", s) for s in scripts] == [
            "assets/javascripts/bundle.*.min.js", "assets/javascripts/bundle.*.min.js.map", "assets/javascripts/cchc-search.js"], site.name
        assert not any("lunr" in page.read_text(encoding="utf-8") for page in site.rglob("*.html")), site.name


def test_nav_holds_section_pages_only(built):
    home = page(built, "son-thuong", "")
    links = re.findall(r'class="md-nav__link[^"]*"\s+href="([^"]+)"|href="([^"]+)"\s+class="md-nav__link', home)
    targets = {a or b for a, b in links}
    assert not any("thu-tuc/1." in t or "thu-tuc/2." in t for t in targets), targets
    assert any(t.endswith("thu-tuc/") for t in targets), targets


def test_every_task_of_the_tra_bong_plan_shows_its_lead_and_time_frame(built):
    plan_file = ROOT / "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml"
    tasks = yaml.safe_load(plan_file.read_text(encoding="utf-8"))["tasks"]
    assert len(tasks) == 11
    body = text_of(page(built, "tra-bong", "ke-hoach/2022-truyen-thong-nang-cao-chi-so"))
    body = " ".join(body.split())
    for number, task in enumerate(tasks, start=1):
        start = body.index(f"{number}. {task['title']}")
        for leaf in task.get("subtasks") or [task]:
            chunk = body[start:]
            assert f"Cơ quan chủ trì {leaf['lead']}" in chunk, (number, leaf["lead"])
            assert f"Thời gian thực hiện {leaf['timeframe']}" in chunk, (number, leaf["timeframe"])


def test_son_thuong_dossier_figures_show_computed_percentages_under_their_groups(built):
    body = " ".join(text_of(page(built, "son-thuong", "bao-cao/2024-q2-ket-qua-cchc")).split())
    for row in [
        "Tổng số hồ sơ tiếp nhận 321 Trực tuyến: 310 Trực tiếp: 09 Từ kỳ trước chuyển sang: 02",
        "Đã giải quyết (cộng các số dưới, tính từ số liệu) 318 Trước hạn: 318 Đúng hạn: 0 Quá hạn: 0",
        "Đang giải quyết 0",
        "Rút hoặc trả lại 03",
        "Hồ sơ giải quyết đúng hạn: 100% (tỷ lệ báo cáo công bố)",
        "Hồ sơ giải quyết quá hạn: 0% (tỷ lệ báo cáo công bố)",
        "Tỷ lệ giải quyết trước hạn và đúng hạn: 100% (tính từ số liệu, trên tổng số hồ sơ đã giải quyết: 318)",
    ]:
        assert row in body, row


def test_page_types_exist_for_the_units_that_have_them(built):
    assert "Đăng ký kết hôn lưu động" in page(built, "son-thuong", "thu-tuc/1.000593")
    assert "Chứng thực bản sao" in page(built, "chi-lang-nam", "thu-tuc/2.000815")
    assert "Liên hệ, phản ánh, kiến nghị" in page(built, "son-thuong", "lien-he")
    assert "Thông tin, tuyên truyền cải cách hành chính năm 2024" in page(built, "so-ngoai-vu-tay-ninh", "ke-hoach/2024-thong-tin-tuyen-truyen-cchc")
    figures = " ".join(text_of(page(built, "chi-lang-nam", "bao-cao/2022-tuyen-truyen-cchc")).split())
    assert "Tin, bài phát trên hệ thống Đài truyền thanh xã 58 tin, bài" in figures  # the figure with its label


def test_a_dissolved_district_says_so_on_every_page(built):
    for file in (built / "site" / "ba-to").rglob("index.html"):
        text = " ".join(text_of(file.read_text(encoding="utf-8")).split())
        assert "Đã giải thể, kết thúc hoạt động từ ngày 01/07/2025" in text, file


def test_blank_document_numbers_stay_blank(built):
    body = " ".join(text_of(page(built, "tra-bong", "ke-hoach/2022-truyen-thong-nang-cao-chi-so")).split())
    assert "…/KH-UBND (văn bản không ghi số)" in body
    assert "tháng 08/2022 (văn bản không ghi ngày)" in body


def test_two_builds_in_other_folders_and_time_zones_are_byte_identical(built, tmp_path):
    other = copy_project(tmp_path / "elsewhere" / "deeper")
    run = cchc(other, "build", env={"SOURCE_DATE_EPOCH": "1700000000", "TZ": "Asia/Ho_Chi_Minh"})
    assert run.code == 0, run.err
    first = {p.relative_to(built / "site"): p.read_bytes() for p in (built / "site").rglob("*") if p.is_file()}
    second = {p.relative_to(other / "site"): p.read_bytes() for p in (other / "site").rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def _pages(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_compiled_templates_kept_between_builds_change_no_byte_and_an_unsafe_cache_is_passed_by(project, tmp_path):
    """The theme's templates are compiled once per machine (generator/render/template_cache.py): a build
    that compiles them, one that reads them back, and one whose cache folder cannot be used (here a
    file stands where the folder would be) give the same bytes."""
    import os

    def build(tmpdir: Path) -> dict[Path, bytes]:
        run = cchc(project, "build", "son-thuong", env={"SOURCE_DATE_EPOCH": "1700000000", "TMPDIR": str(tmpdir)})
        assert run.code == 0, run.err
        return _pages(project / "site" / "son-thuong")

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    compiled = build(fresh)
    cache = fresh / f"_jinja2-cache-{os.getuid()}"
    assert len(list(cache.iterdir())) > 10  # main.html and its partials
    assert build(fresh) == compiled
    unusable = tmp_path / "unusable" / f"_jinja2-cache-{os.getuid()}"
    unusable.parent.mkdir()
    unusable.write_bytes(b"")
    assert build(unusable.parent) == compiled


def test_build_of_one_unit_and_of_an_unknown_unit(project):
    run = cchc(project, "build", "son-thuong")
    assert run.code == 0, run.err
    assert sorted(p.name for p in (project / "site").iterdir()) == ["son-thuong"]
    run = cchc(project, "build", "son-thuon")
    assert (run.code, run.err) == (2, "Lỗi: Không có đơn vị «son-thuon» trong units/; có phải ý bạn là «son-thuong»?\n")


def test_new_unit_scaffold_validates_and_builds(project):
    run = cchc(project, "new", "unit", "xa-moi")
    assert run.code == 0, run.err
    fill(project / "units/xa-moi/unit.yml")  # its «CẦN GHI: …» values (test_new.py)
    assert cchc(project, "validate").code == 0
    run = cchc(project, "build", "xa-moi")
    assert run.code == 0, run.err
    assert (project / "site/xa-moi/index.html").is_file()


def test_python_dash_m_generator_works_like_cchc(project):
    run = cchc(project, "--version")
    assert run.out.startswith("cchc ")


def test_index_results_page_shows_score_scale_and_rank(project):
    # Test data only: the seeds publish no index scores, so no bundled unit has indices.yml.
    (project / "units/son-thuong/indices.yml").write_text(
        "results:\n"
        "  - index: PAR INDEX\n    year: '2023'\n    score: '85,5'\n    scale_max: '100'\n"
        "    rank: '12'\n    ranked_of: '173'\n    source:\n      title: Quyết định công bố (dữ liệu thử)\n",
        encoding="utf-8",
    )
    run = cchc(project, "build", "son-thuong")
    assert run.code == 0, run.err
    body = " ".join(text_of(page(project, "son-thuong", "chi-so")).split())
    assert "Chỉ số cải cách hành chính (PAR INDEX) 2023 85,5/100 12/173 Quyết định công bố (dữ liệu thử)" in body
    assert "Chỉ số" in page(project, "son-thuong", "")


def test_dossier_chart_is_accessible_svg_with_the_same_figures(built):
    html_text = page(built, "son-thuong", "bao-cao/2024-q2-ket-qua-cchc")
    svg = re.search(r"<svg role=\"img\"[^>]*aria-labelledby=\"bieu-do-ho-so-title bieu-do-ho-so-desc\".*?</svg>", html_text, re.S)
    assert svg, "no accessible chart"
    assert '<title id="bieu-do-ho-so-title">Tình hình giải quyết hồ sơ</title>' in svg[0]
    assert "Tiếp nhận: trực tuyến: 310" in html.unescape(svg[0])
    assert "Rút hoặc trả lại: 03" in html.unescape(svg[0])


def test_a_replaced_procedure_says_so_at_the_top_and_links_its_replacement(project):
    # Test data: marks a bundled record replaced to exercise the banner; the real record is in force.
    record = project / "content/procedures/2.000815.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("status: in-force", 'status: replaced\nreplaced_by: "1.000593"'),
        encoding="utf-8",
    )
    run = cchc(project, "build", "son-thuong")
    assert run.code == 0, run.err
    body = page(project, "son-thuong", "thu-tuc/2.000815")
    top = body[body.index("<h1"):]
    assert top.index("Thủ tục đã bị thay thế") < top.index("Cần chuẩn bị những gì?")
    assert 'href="../1.000593/"' in top[: top.index("Cần chuẩn bị những gì?")]


def test_each_unit_has_a_sitemap_at_its_own_address(built):
    for slug in UNITS:
        sitemap = (built / "site" / slug / "sitemap.xml").read_text(encoding="utf-8")
        site_url = yaml.safe_load((ROOT / "units" / slug / "unit.yml").read_text(encoding="utf-8"))["site_url"]
        assert f"<loc>{site_url}</loc>" in sitemap


def test_the_feed_and_last_updated_come_from_the_content(project):
    edit_file = project / "units/son-thuong/procedures.yml"
    edit_file.write_text(edit_file.read_text(encoding="utf-8").replace(
        '  - code: "1.000593"\n', '  - code: "1.000593"\n    since: 15/03/2025\n'), encoding="utf-8")
    run = cchc(project, "build", "son-thuong", env={"SOURCE_DATE_EPOCH": "1900000000"})
    assert run.code == 0, run.err
    feed = (project / "site/son-thuong/feed.xml").read_text(encoding="utf-8")
    assert "<updated>2025-03-15T00:00:00Z</updated>" in feed.split("<entry>")[0]
    assert "<title>Thủ tục mới: Đăng ký kết hôn lưu động</title>" in feed
    assert "<updated>2024-06-01T00:00:00Z</updated>" in feed  # the report, dated June 2024 in its header
    assert "2030" not in feed  # nothing from the build clock (SOURCE_DATE_EPOCH is in 2030)
    home = " ".join(text_of(page(project, "son-thuong", "")).split())
    assert "Thông tin cập nhật đến ngày 22/11/2026" in home  # the newest review date of its procedures
