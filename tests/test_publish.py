"""`cchc publish`: incremental, isolated, atomic, reproducible, observable; and `cchc rollback`."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import cchc, copy_project
from test_validation import edit

from generator.engine.links import broken_links_in as broken_links
from generator.publish.policy import shard_of

UNITS = ["ba-to", "chi-lang-nam", "quang-ngai", "so-ngoai-vu-tay-ninh", "son-thuong", "tra-bong"]


def publish(project: Path, dest: Path, *args: str, env: dict | None = None):
    return cchc(project, "publish", "--dest", str(dest), *args, env={"SOURCE_DATE_EPOCH": "1700000000", **(env or {})})


def live(dest: Path, slug: str) -> str:
    return os.readlink(dest / slug / "current")


def test_first_publish_makes_every_unit_live_with_checked_complete_releases(project, tmp_path):
    dest = tmp_path / "www"
    run = publish(project, dest, "--report", str(tmp_path / "report.json"))
    assert run.code == 0, run.err
    for slug in UNITS:
        site = dest / slug / "current"
        assert (site / "index.html").is_file() and (site / "index.html.gz").is_file()
        assert (site / "sitemap.xml").is_file() and (site / "robots.txt").is_file() and (site / "feed.xml").is_file()
        assert broken_links(site.resolve()) == []
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert (report["built"], report["failed"]) == (len(UNITS), 0)
    assert {u["slug"]: u["status"] for u in report["units"]} == dict.fromkeys(UNITS, "built")
    assert "sonthuong.sonha.quangngai.gov.vn son-thuong;" in (dest / "units.map").read_text(encoding="utf-8")


def test_the_same_publish_again_builds_and_switches_nothing(project, tmp_path, published):
    dest = published
    before = {s: (live(dest, s), (dest / s / "current").lstat().st_mtime_ns, (dest / s / "history").read_text()) for s in UNITS}
    serving = {name: ((dest / name).stat().st_ino, (dest / name).stat().st_mtime_ns) for name in ("units.map", "state.json")}
    run = publish(project, dest, "--report", str(tmp_path / "again.json"))
    assert run.code == 0
    after = {s: (live(dest, s), (dest / s / "current").lstat().st_mtime_ns, (dest / s / "history").read_text()) for s in UNITS}
    assert after == before
    # the serving map holds the same lines, so it is not rewritten: nginx's file keeps its inode and time
    assert {name: ((dest / name).stat().st_ino, (dest / name).stat().st_mtime_ns) for name in serving} == serving
    report = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert (report["built"], report["unchanged"], report["pages"]) == (0, len(UNITS), 0)


def test_a_broken_unit_keeps_its_live_release_while_another_units_edit_goes_live(project, tmp_path, published):
    dest = published
    old_chi_lang_nam, old_son_thuong = live(dest, "chi-lang-nam"), live(dest, "son-thuong")
    edit(project, "units/chi-lang-nam/unit.yml", "short_name:", "shortname:")
    edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", "Nhận hồ sơ (đã sửa)")
    run = publish(project, dest)
    assert run.code == 1
    assert live(dest, "chi-lang-nam") == old_chi_lang_nam
    assert live(dest, "son-thuong") != old_son_thuong
    assert "Nhận hồ sơ (đã sửa)" in (dest / "son-thuong/current/lien-he/index.html").read_text(encoding="utf-8")
    assert "LỖI chi-lang-nam: giữ nguyên bản đang đăng. Lý do:" in run.err
    assert "units/chi-lang-nam/unit.yml:4:1: shortname: Không có trường «shortname» ở đây; có phải ý bạn là «short_name»? [unknown-key]" in run.err


def test_a_broken_catalog_record_blocks_only_the_units_that_use_it(project, tmp_path, published):
    dest = published
    edit(project, "content/procedures/1.000593.yml", "online_level: partial", "online_level: some")
    edit(project, "units/tra-bong/unit.yml", "short_name: Huyện Trà Bồng", "short_name: Huyện Trà Bồng (lưu trữ)")
    run = publish(project, dest, "--report", str(tmp_path / "r.json"))
    assert run.code == 1
    status = {u["slug"]: u["status"] for u in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["units"]}
    # Quảng Ngãi's pages show Trà Bồng's profile (its directory), so its edit rebuilds the province too.
    assert status == {"ba-to": "unchanged", "chi-lang-nam": "failed", "so-ngoai-vu-tay-ninh": "unchanged",
                      "son-thuong": "failed", "tra-bong": "built", "quang-ngai": "built"}


def test_a_broken_record_no_unit_uses_yet_is_reported_not_silent(project, tmp_path, published):
    """A procedure an editor has started and not listed yet holds back no unit, but the night's log
    still names its error: silence would let it wait unseen until a unit lists it."""
    (project / "content/procedures/1.001022.yml").write_text(
        (project / "content/procedures/1.000593.yml").read_text(encoding="utf-8").replace('"1.000593"', '"1.001022"', 1)
        .replace("online_level: partial", "online_level: some"), encoding="utf-8")
    run = publish(project, published)
    assert run.code == 0, run.err
    assert "content/procedures/1.001022.yml:" in run.err and "[invalid-choice]" in run.err
    assert "Có 1 lỗi ở tệp chưa đơn vị nào dùng, nên không giữ lại đơn vị nào; hãy sửa trước khi đưa vào danh sách của một đơn vị." in run.err


def test_rollback_puts_the_previous_release_back(project, tmp_path, son_thuong_published):
    dest = son_thuong_published
    first = live(dest, "son-thuong")
    edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", "Nhận hồ sơ (đã sửa)")
    assert publish(project, dest).code == 0
    assert live(dest, "son-thuong") != first
    run = cchc(project, "rollback", "son-thuong", "--dest", str(dest))
    assert run.code == 0, run.err
    assert live(dest, "son-thuong") == first
    assert "Nhận hồ sơ (đã sửa)" not in (dest / "son-thuong/current/lien-he/index.html").read_text(encoding="utf-8")
    again = cchc(project, "rollback", "son-thuong", "--dest", str(dest))
    assert (again.code, again.err) == (2, "Lỗi: «son-thuong» không còn bản nào trước bản đang đăng\n")


def test_keep_limits_the_releases_kept(project, tmp_path, son_thuong_published):
    dest = son_thuong_published
    hotlines = project / "units/son-thuong/hotlines.yml"
    for n in range(4):
        hotlines.write_text(hotlines.read_text(encoding="utf-8") + f"# sửa lần {n}\n", encoding="utf-8")
        assert publish(project, dest, "--keep", "2").code == 0
    assert len(list((dest / "son-thuong/releases").iterdir())) == 2


def test_kill_9_at_random_moments_never_leaves_current_on_an_incomplete_release(project, tmp_path):
    dest = tmp_path / "www"
    rng = random.Random(20261122)
    for attempt in range(4):
        edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận", f"Tiếp nhận ({attempt})")
        for slug in UNITS[:2]:
            (project / "units" / slug / "unit.yml").write_text(
                (project / "units" / slug / "unit.yml").read_text(encoding="utf-8") + f"# {attempt}\n", encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "-C", str(project), "publish", "--dest", str(dest)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        )
        time.sleep(rng.uniform(0.2, 2.0))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for slug in UNITS:
            pointer = dest / slug / "current"
            if pointer.is_symlink():
                release = pointer.resolve()
                assert release.parent.name == "releases" and not release.name.startswith(".")
                assert (release / "index.html").is_file() and (release / "sitemap.xml").is_file()
                assert broken_links(release) == [], (attempt, slug)
    run = publish(project, dest)
    assert run.code == 0, run.err
    for slug in UNITS:
        assert (dest / slug / "current" / "index.html").is_file()
        assert not list((dest / slug).glob(".work-*")) and not list((dest / slug / "releases").glob(".staging-*"))


def test_publishes_in_other_folders_and_time_zones_are_byte_identical(project, tmp_path):
    other = copy_project(tmp_path / "elsewhere")
    first, second = tmp_path / "a", tmp_path / "b"
    assert publish(project, first).code == 0
    assert publish(other, second, env={"TZ": "Asia/Ho_Chi_Minh"}).code == 0
    for slug in UNITS:
        one, two = ((dest / slug / "current").resolve() for dest in (first, second))
        files_one = {p.relative_to(one): p.read_bytes() for p in one.rglob("*") if p.is_file()}
        files_two = {p.relative_to(two): p.read_bytes() for p in two.rglob("*") if p.is_file()}
        assert files_one == files_two, slug
        assert one.name == two.name  # the release id is the digest of the inputs


SLUGS = [f"{place}-{n}" for place in ("xa", "phuong", "so", "huyen") for n in range(60)]


def test_each_unit_is_in_exactly_one_shard_and_shards_are_balanced():
    for count in range(1, 9):
        shards = [shard_of(s, count) for s in SLUGS]
        assert set(shards) <= set(range(count)), count
        sizes = [shards.count(i) for i in range(count)]
        # 240 slugs: every shard holds between half and one and a half times its fair share
        assert min(sizes) >= len(SLUGS) / count / 2, (count, sizes)
        assert max(sizes) <= len(SLUGS) / count * 3 / 2, (count, sizes)


def test_adding_units_moves_no_existing_unit_and_every_machine_agrees():
    before = {s: shard_of(s, 8) for s in SLUGS[:100]}
    after = {s: shard_of(s, 8) for s in SLUGS}  # 140 units added
    assert {s: after[s] for s in before} == before
    # CI shards run on different machines: the assignment must not depend on the process (hash seed)
    script = f"from generator.publish.policy import shard_of; print([shard_of(s, 8) for s in {SLUGS!r}])"
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": seed},
                             capture_output=True, text=True, check=True).stdout
        assert out.strip() == str([after[s] for s in SLUGS]), seed


def test_plain_progress_lines_outside_a_terminal(project, tmp_path):
    run = publish(project, tmp_path / "www")
    lines = [line for line in run.err.splitlines() if line.startswith("[")]
    assert len(lines) == len(UNITS) and all(": đã dựng (" in line for line in lines)
    assert run.out.startswith("Xong trong ")


def test_a_terminal_gets_a_live_progress_bar():
    import io

    from generator.publish.progress import Progress
    from generator.publish.summary import Outcome

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    progress = Progress(2, screen)
    progress.update(Outcome("ba-to", "built", pages=5, seconds=0.5))
    progress.update(Outcome("son-thuong", "unchanged"))
    assert screen.getvalue() == (
        "\r[###############...............] 1/2 ba-to                         "
        "\r[##############################] 2/2 son-thuong                    \n"
    )
