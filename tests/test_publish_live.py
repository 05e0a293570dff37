"""What is served comes from what is live: every unit with a live release stays mapped, whoever
built it; hosts are checked before they reach nginx; one run at a time holds the destination; and a
release counts only when its manifest (written last) matches every file."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import cchc, keep_only
from test_publish import UNITS, live, publish
from test_validation import edit

from generator.engine.links import broken_links_in as broken_links
from generator.publish import manifest
from generator.publish.policy import shard_of

HOSTS = {
    "ba-to": "bato.quangngai.gov.vn", "chi-lang-nam": "chilangnam.thanhmien.haiduong.gov.vn",
    "so-ngoai-vu-tay-ninh": "songoaivu.tayninh.gov.vn", "son-thuong": "sonthuong.sonha.quangngai.gov.vn",
    "tra-bong": "trabong.quangngai.gov.vn", "quang-ngai": "quangngai.gov.vn",
}


def mapped(dest: Path) -> dict[str, str]:
    lines = (dest / "units.map").read_text(encoding="utf-8").splitlines()
    return {line.split()[1].rstrip(";"): line.split()[0] for line in lines}


def nginx_accepts(dest: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """`nginx -t` of a minimal configuration that includes the map the way deploy/ does."""
    conf = tmp_path / "nginx-test.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ map $host $cchc_unit {{ default \"\"; include {dest}/units.map; }} }}\n", encoding="utf-8")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return subprocess.run([nginx, "-t", "-e", str(tmp_path / "error.log"), "-c", str(conf)], capture_output=True, text=True)


def assert_live_releases_complete(dest: Path, slugs=UNITS) -> None:
    for slug in slugs:
        release = (dest / slug / "current").resolve()
        assert manifest.problems(release, slug, release.name) == [], slug
        assert broken_links(release) == [], slug


def test_shards_split_the_units_deterministically_and_keep_every_host_mapped(project, tmp_path):
    """Three shards, one after another, into one destination: each builds exactly the units shard_of
    gives it, every unit once, and each run maps the other shards' live units too."""
    dest = tmp_path / "www"
    seen: list[str] = []
    for index in (1, 2, 3):
        before = {p.name for p in dest.iterdir() if p.is_dir()} if dest.exists() else set()
        run = publish(project, dest, "--shard", f"{index}/3")
        assert run.code == 0, run.err
        added = sorted({p.name for p in dest.iterdir() if p.is_dir()} - before)
        assert added == [s for s in UNITS if shard_of(s, 3) == index - 1]  # the CLI follows shard_of
        seen += added
        assert len(mapped(dest)) == len(list(dest.glob("*/current")))  # each run maps the others' units too
    assert sorted(seen) == UNITS  # every unit once, none twice
    assert len({shard_of(s, 3) for s in UNITS}) > 1  # the bundled units do not all land in one shard
    assert mapped(dest) == HOSTS
    state = json.loads((dest / "state.json").read_text(encoding="utf-8"))
    assert {slug: entry["release"] for slug, entry in state.items()} == {s: live(dest, s).split("/")[-1] for s in UNITS}
    bad = publish(project, tmp_path / "x", "--shard", "4/3")
    assert (bad.code, bad.err) == (2, "Lỗi: --shard «4/3» phải có dạng I/N với 1 ≤ I ≤ N, vd 2/8\n")


def test_a_broken_unit_keeps_its_release_and_its_host_mapped(project, tmp_path, published):
    dest = published
    edit(project, "units/chi-lang-nam/unit.yml", "short_name:", "shortname:")
    run = publish(project, dest)
    assert run.code == 1
    assert "LỖI chi-lang-nam: giữ nguyên bản đang đăng" in run.err
    assert mapped(dest) == HOSTS
    assert nginx_accepts(dest, tmp_path).returncode == 0


def test_a_unit_whose_release_was_deleted_from_the_content_stays_served_until_removed(project, tmp_path, published):
    dest = published
    shutil.rmtree(project / "units" / "tra-bong")
    assert publish(project, dest).code == 0
    assert mapped(dest) == HOSTS  # removing a site is an operator's decision: delete DEST/tra-bong


@pytest.mark.parametrize(("url", "message"), [
    ("https://include/", "«include» là từ khoá của nginx, không dùng làm tên miền được"),
    ("https://default/", "«default» là từ khoá của nginx, không dùng làm tên miền được"),
    ("https://SonThuong.SonHa.QuangNgai.gov.vn/", "Tên miền «SonThuong.SonHa.QuangNgai.gov.vn» phải viết chữ thường: «sonthuong.sonha.quangngai.gov.vn»"),
    ("https://localhost/", "«localhost» không phải tên miền hợp lệ (vd xa-son-thuong.quangngai.gov.vn)"),
    ("https://-sonthuong.gov.vn/", "«-sonthuong.gov.vn» không phải tên miền hợp lệ (vd xa-son-thuong.quangngai.gov.vn)"),
    ("https://10.0.0.1/", "«10.0.0.1» là địa chỉ IP; mỗi đơn vị cần một tên miền"),
])
def test_a_host_nginx_cannot_map_is_refused_and_the_live_site_stays(project, tmp_path, url, message, published):
    dest = published
    before = live(dest, "son-thuong")
    edit(project, "units/son-thuong/unit.yml", "https://sonthuong.sonha.quangngai.gov.vn/", url)
    edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", "Nhận hồ sơ (đã sửa)")
    run = publish(project, dest)
    assert run.code == 1
    assert f"units/son-thuong/unit.yml:12:11: site_url: {message} [invalid-host]" in run.err
    assert live(dest, "son-thuong") == before
    assert mapped(dest) == HOSTS
    assert nginx_accepts(dest, tmp_path).returncode == 0, nginx_accepts(dest, tmp_path).stderr


def test_two_units_claiming_one_host_are_both_refused_naming_each_others_file(project, tmp_path, published):
    dest = published
    edit(project, "units/tra-bong/unit.yml", "https://trabong.quangngai.gov.vn/", "https://bato.quangngai.gov.vn/")
    run = publish(project, dest, "--shard", "1/1")
    assert run.code == 1
    assert ("units/ba-to/unit.yml:12:11: site_url: Tên miền «bato.quangngai.gov.vn» đã dùng cho đơn vị khác: "
            "units/tra-bong/unit.yml; mỗi đơn vị một tên miền [duplicate-host]") in run.err
    assert ("units/tra-bong/unit.yml:11:11: site_url: Tên miền «bato.quangngai.gov.vn» đã dùng cho đơn vị khác: "
            "units/ba-to/unit.yml; mỗi đơn vị một tên miền [duplicate-host]") in run.err
    assert mapped(dest) == HOSTS  # both keep their live release and their own domain
    assert nginx_accepts(dest, tmp_path).returncode == 0
    check = cchc(project, "validate")  # the editor is told before the night, not only by the publish
    assert check.code == 1 and "[duplicate-host]" in check.err


def test_a_live_release_claiming_a_taken_or_invalid_host_is_left_out_of_the_map(project, tmp_path, published):
    """Manifests are data on disk: the map is built defensively from them, so nginx always starts."""
    dest = published
    for slug, host in (("tra-bong", "bato.quangngai.gov.vn"), ("son-thuong", "include")):
        release = (dest / slug / "current").resolve()
        path = release / manifest.NAME
        path.write_text(path.read_text(encoding="utf-8").replace(HOSTS[slug], host), encoding="utf-8")
    run = cchc(project, "activate", "--dest", str(dest))  # rebuilds the map from what is live
    assert run.code == 0, run.err
    assert mapped(dest) == {s: h for s, h in HOSTS.items() if s not in ("tra-bong", "son-thuong")}
    assert "Chú ý: son-thuong: «include» là từ khoá của nginx, không dùng làm tên miền được" in run.err
    assert "Chú ý: tra-bong: tên miền «bato.quangngai.gov.vn» đang dùng cho «ba-to»" in run.err
    assert nginx_accepts(dest, tmp_path).returncode == 0


def test_a_second_run_waits_for_the_lock_then_gives_up_with_exit_2(project, tmp_path, published):
    dest = published
    edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", "Nhận hồ sơ (đã sửa)")
    before = live(dest, "son-thuong")
    with open(dest / ".lock", "r+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        run = publish(project, dest, "--wait", "1.5")
        waited = time.monotonic() - started
    assert run.code == 2
    assert run.err == (
        f"Lỗi: Một lần đăng khác đang chạy trên {dest}; đã chờ 1.5 giây. Không thay đổi gì. "
        "Chờ lần kia xong rồi chạy lại, hoặc chờ lâu hơn với --wait GIÂY.\n")
    assert waited >= 1.5 and live(dest, "son-thuong") == before


def test_a_second_run_that_waits_long_enough_goes_ahead(project, tmp_path):
    dest = tmp_path / "www"
    dest.mkdir()
    held = open(dest / ".lock", "w")
    fcntl.flock(held, fcntl.LOCK_EX)
    waiting = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "publish", "--dest", str(dest), "--wait", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
    time.sleep(1.0)
    assert waiting.poll() is None and not list(dest.glob("*/current"))
    held.close()
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert mapped(dest) == HOSTS


def test_a_live_release_altered_on_disk_is_rebuilt_by_the_next_run(project, tmp_path):
    dest = tmp_path / "www"
    assert publish(project, dest).code == 0  # for real: a copied release would be reread whole anyway
    page = dest / "son-thuong/current/lien-he/index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"<h1", b"<h2", 1))  # same size, different bytes
    run = publish(project, dest, "--report", str(tmp_path / "r.json"))
    assert run.code == 0, run.err
    release = live(dest, "son-thuong").split("/")[-1]
    assert (f"Chú ý: Bản {release} của «son-thuong» không đầy đủ hoặc đã bị sửa: "
            "lien-he/index.html: nội dung khác bản kê khai; dựng lại") in run.err
    assert page.read_bytes() == good
    status = {u["slug"]: u["status"] for u in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["units"]}
    assert status["son-thuong"] == "built" and status["ba-to"] == "unchanged"


def test_an_alteration_that_keeps_size_and_time_is_still_found(project, tmp_path):
    """Every run rereads a live release only when some file's size, times or inode changed since it
    last checked whole; the change time (ctime) cannot be set back, so no edit slips through. One
    unit proves it: the check is the same for each."""
    keep_only(project, "son-thuong")
    dest = tmp_path / "www"
    assert publish(project, dest).code == 0
    page = dest / "son-thuong/current/index.html"
    before = page.stat()
    page.write_bytes(page.read_bytes().replace(b"<h1", b"<h2", 1))
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size and page.stat().st_mtime_ns == before.st_mtime_ns
    run = publish(project, dest)
    assert run.code == 0
    assert "index.html: nội dung khác bản kê khai; dựng lại" in run.err
    assert_live_releases_complete(dest, ["son-thuong"])


@pytest.mark.parametrize("damage", ["no manifest", "missing file", "truncated file", "extra file"])
def test_an_incomplete_release_on_disk_is_never_switched_to_and_is_rebuilt(project, tmp_path, damage, son_thuong_published):
    """What the race of two unlocked runs left (a folder named like the wanted release, files
    missing): a later run neither switches to it nor accepts it."""
    dest = son_thuong_published
    first = live(dest, "son-thuong")
    edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", "Nhận hồ sơ (đã sửa)")
    assert publish(project, dest).code == 0
    wanted = dest / "son-thuong" / live(dest, "son-thuong")
    assert cchc(project, "rollback", "son-thuong", "--dest", str(dest)).code == 0  # the wanted release is now not live
    assert live(dest, "son-thuong") == first
    if damage == "no manifest":
        (wanted / manifest.NAME).unlink()
    elif damage == "missing file":
        shutil.rmtree(wanted / "assets")
    elif damage == "truncated file":
        (wanted / "lien-he/index.html").write_bytes((wanted / "lien-he/index.html").read_bytes()[:100])
    else:
        (wanted / "lien-he/extra.html").write_text("<p>không có trong bản kê khai</p>", encoding="utf-8")
    run = publish(project, dest, "--report", str(tmp_path / "r.json"))
    assert run.code == 0, run.err
    assert "không đầy đủ hoặc đã bị sửa" in run.err
    status = {u["slug"]: u["status"] for u in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["units"]}
    assert status["son-thuong"] == "built"
    assert_live_releases_complete(dest, ["son-thuong"])
    assert "Nhận hồ sơ (đã sửa)" in (dest / "son-thuong/current/lien-he/index.html").read_text(encoding="utf-8")


def test_rollback_skips_a_release_that_does_not_check(project, tmp_path, son_thuong_published):
    dest = son_thuong_published
    first = live(dest, "son-thuong")
    for n in (1, 2):
        edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", f"Tiếp nhận hồ sơ ({n})")
        assert publish(project, dest).code == 0
    second = dest / "son-thuong" / os.readlink(dest / "son-thuong/current")
    history = (dest / "son-thuong/history").read_text().split()
    (dest / "son-thuong/releases" / history[-2] / manifest.NAME).unlink()
    assert cchc(project, "rollback", "son-thuong", "--dest", str(dest)).code == 0
    assert live(dest, "son-thuong") == first and second.exists()


def overlapping_trial(project: Path, dest: Path, trial: int, slugs=UNITS) -> None:
    edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", f"Tiếp nhận hồ sơ [{trial}]")
    if trial:
        edit(project, "units/son-thuong/hotlines.yml", f"Tiếp nhận hồ sơ [{trial}] [{trial - 1}]", f"Tiếp nhận hồ sơ [{trial}]")
    runs = [subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "publish", "--dest", str(dest), "--wait", "120"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
        for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    assert_live_releases_complete(dest, slugs)
    assert f"Tiếp nhận hồ sơ [{trial}]" in (dest / "son-thuong/current/lien-he/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_twenty_trials_of_two_overlapping_publishes_never_leave_an_incomplete_release(project, tmp_path):
    """The race is between two runs on one destination, not between units: the project keeps only the
    unit both runs rebuild (with all six, each trial also rebuilt the province over it and reread four
    others, three times the work for the same race). test_two_overlapping_publishes runs all six."""
    keep_only(project, "son-thuong")
    dest = tmp_path / "www"
    for trial in range(20):
        overlapping_trial(project, dest, trial, ["son-thuong"])
    later = publish(project, dest, "--report", str(tmp_path / "later.json"))
    assert later.code == 0
    report = json.loads((tmp_path / "later.json").read_text(encoding="utf-8"))
    assert report["unchanged"] == 1  # and a later run accepts the live release: it checks


def test_two_overlapping_publishes(project, tmp_path):
    dest = tmp_path / "www"
    for trial in range(2):
        overlapping_trial(project, dest, trial)
