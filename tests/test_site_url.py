"""`site_url` in each form an editor may type: the bare host (no slash) is the same site as the host
with its slash, so robots.txt, the sitemap and the Atom feed come out identical; a URL with a path,
a query or a fragment is refused, because each unit is served at the root of its own host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import cchc

SITE = "https://sonthuong.sonha.quangngai.gov.vn/"
UNIT_FILE = "units/son-thuong/unit.yml"


def with_site_url(project: Path, value: str) -> None:
    path = project / UNIT_FILE
    text = path.read_text(encoding="utf-8")
    assert f"site_url: {SITE}\n" in text
    path.write_text(text.replace(f"site_url: {SITE}\n", f"site_url: {value}\n"), encoding="utf-8")


def machine_files(project: Path) -> dict[str, str]:
    site = project / "site" / "son-thuong"
    return {name: (site / name).read_text(encoding="utf-8") for name in ("robots.txt", "sitemap.xml", "feed.xml")}


def built_with(project: Path, value: str) -> dict[str, str]:
    with_site_url(project, value)
    run = cchc(project, "build", "son-thuong")
    assert run.code == 0, run.err
    return machine_files(project)


@pytest.mark.parametrize("value", [SITE, SITE.rstrip("/")])
def test_a_host_with_or_without_its_slash_gives_the_same_robots_sitemap_and_feed(project, value):
    files = built_with(project, value)
    assert files["robots.txt"] == f"User-agent: *\nAllow: /\nSitemap: {SITE}sitemap.xml\n"
    locations = re.findall(r"<loc>([^<]*)</loc>", files["sitemap.xml"])
    assert locations and all(loc.startswith(SITE) and "gov.vn//" not in loc for loc in locations), locations[:3]
    links = re.findall(r'<link (?:rel="self" )?href="([^"]*)"/>', files["feed.xml"])
    assert links[:2] == [SITE, f"{SITE}feed.xml"]
    assert len(links) > 2 and all(link.startswith(SITE) and "gov.vn//" not in link for link in links), links[:4]
    assert re.findall(r"<id>([^<#]*)", files["feed.xml"])[0] == SITE


@pytest.mark.parametrize(
    "value, part",
    [
        ("https://sonha.quangngai.gov.vn/son-thuong/", "/son-thuong/"),
        ("https://sonha.quangngai.gov.vn/son-thuong", "/son-thuong"),
        ("https://sonthuong.sonha.quangngai.gov.vn/?lang=vi", "/?lang=vi"),
        ("https://sonthuong.sonha.quangngai.gov.vn/#top", "/#top"),
    ],
)
def test_a_site_url_with_a_path_is_refused_with_the_root_it_needs(project, value, part):
    with_site_url(project, value)
    run = cchc(project, "validate")
    assert run.code == 1
    host = value.split("/")[2]
    assert (f"{UNIT_FILE}:12:11: site_url (Địa chỉ công khai của trang này): Địa chỉ trang «{value}» có phần «{part}» sau tên miền; mỗi đơn vị được "
            f"phục vụ ở gốc tên miền riêng, hãy ghi «https://{host}/» [site-url-path]") in run.err, run.err
    assert "Traceback" not in run.err
