"""Clean stops and faults of the destination: SIGTERM/SIGINT stop every worker and keep what is
live; a worker killed with SIGKILL fails only its unit; the run killed with SIGKILL leaves no orphan;
a full disk (a 20 MB tmpfs), a read-only destination and a destination that is a file keep every live
site, give one message, and the next run completes."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import cchc
from test_publish import UNITS, live, publish
from test_publish_live import HOSTS, assert_live_releases_complete, mapped


def start(project: Path, dest: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "publish", "--dest", str(dest), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})


def touch_every_unit(project: Path, mark: str) -> None:
    for slug in UNITS:
        path = project / "units" / slug / "unit.yml"
        path.write_text(path.read_text(encoding="utf-8") + f"# {mark}\n", encoding="utf-8")


def wait_for_staging(dest: Path, timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(dest.glob("*/releases/.staging-*"))
        if found:
            return found[0]
        time.sleep(0.02)
    raise AssertionError("no build started")


def processes_using(dest: Path) -> list[int]:
    """Processes whose command line names the destination (the run and its forked workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(dest).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def assert_no_leftovers(dest: Path) -> None:
    assert not list(dest.glob("*/releases/.*")) and not list(dest.glob("*/.work-*"))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_stops_every_worker_and_keeps_every_live_release(project, tmp_path, signum, published):
    dest = published
    before = {slug: live(dest, slug) for slug in UNITS}
    touch_every_unit(project, "stop")
    run = start(project, dest, "--jobs", "2")
    wait_for_staging(dest)
    os.kill(run.pid, signum)
    run.wait(timeout=60)  # not communicate(): orphans would hold its pipes open until they finish
    time.sleep(0.3)
    assert processes_using(dest) == []  # no orphan keeps building
    err = run.stderr.read()
    assert run.returncode == 128 + signum
    name = signal.Signals(signum).name
    assert err.endswith(f"Đã dừng theo yêu cầu ({name}): các trang đang đăng giữ nguyên, "
                        "bản đang dựng dở đã được xoá; lần chạy sau sẽ dựng tiếp.\n")
    assert "Traceback" not in err
    for slug in UNITS:  # every unit is live on a complete release: the old one, or a new one that checked
        assert live(dest, slug) == before[slug] or (dest / slug / "current").resolve().name != before[slug]
    assert_live_releases_complete(dest)
    assert_no_leftovers(dest)
    again = publish(project, dest)
    assert again.code == 0, again.err
    assert all(live(dest, slug) != before[slug] for slug in UNITS)
    assert_no_leftovers(dest)


def test_the_run_killed_with_sigkill_leaves_no_orphan_worker(project, tmp_path):
    dest = tmp_path / "www"
    touch_every_unit(project, "kill")
    run = start(project, dest, "--jobs", "2")
    wait_for_staging(dest)
    os.kill(run.pid, signal.SIGKILL)  # the run only, not its process group
    run.wait(timeout=30)  # not communicate(): orphans would hold its pipes open until they finish
    committed = sorted(dest.glob("*/releases/[!.]*"))
    time.sleep(0.3)
    assert processes_using(dest) == []  # the kernel killed the workers with their run
    time.sleep(2)
    assert sorted(dest.glob("*/releases/[!.]*")) == committed  # no orphan went on to commit a release
    again = publish(project, dest)
    assert again.code == 0, again.err
    assert_live_releases_complete(dest)
    assert_no_leftovers(dest)


def test_a_worker_killed_with_sigkill_fails_only_its_unit(project, tmp_path, published):
    dest = published
    before = {slug: live(dest, slug) for slug in UNITS}
    touch_every_unit(project, "worker")
    run = start(project, dest, "--jobs", "1")
    staging = wait_for_staging(dest)
    victim = staging.parent.parent.name
    worker = int(staging.name.rsplit("-", 1)[1])
    os.kill(worker, signal.SIGKILL)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1, err
    assert (f"LỖI {victim}: giữ nguyên bản đang đăng. Lý do:\n    Tiến trình dựng trang dừng đột ngột "
            "(tín hiệu SIGKILL); các đơn vị khác không bị ảnh hưởng") in err
    assert "BrokenProcessPool" not in err and "Traceback" not in err
    assert live(dest, victim) == before[victim]
    assert all(live(dest, slug) != before[slug] for slug in UNITS if slug != victim)
    assert mapped(dest) == HOSTS
    assert_no_leftovers(dest)
    again = publish(project, dest)
    assert again.code == 0 and live(dest, victim) != before[victim]


@pytest.fixture
def tmpfs(tmp_path):
    """A 14 MB tmpfs (the test runs as root, as CI does): room for the six bundled units' releases and one more."""
    mount = tmp_path / "www"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=14m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


DISK_FULL = re.compile(r"LỖI: Hết chỗ trống trên đĩa của thư mục đăng .*Giải phóng chỗ trống \(hoặc giảm --keep\) rồi chạy lại\. \[disk-full\]")


@pytest.mark.slow
def test_a_disk_filling_up_mid_run_keeps_every_live_site_and_the_next_run_completes(project, tmpfs):
    dest = tmpfs
    ballast = dest / "ballast"  # what else fills the disk: logs, another site
    ballast.write_bytes(b"\0" * 6 * 2**20)
    first = publish(project, dest)  # 6 releases of about 1.6 MB do not fit in the 8 MB left
    assert first.code == 3, first.err
    assert len(DISK_FULL.findall(first.err)) == 1 and "Traceback" not in first.err and "Errno" not in first.err
    published = [slug for slug in UNITS if (dest / slug / "current").is_symlink()]
    assert 0 < len(published) < len(UNITS)
    assert_live_releases_complete(dest, published)
    assert set(mapped(dest)) == set(published)
    assert_no_leftovers(dest)
    ballast.unlink()
    second = publish(project, dest)
    assert second.code == 0, second.err
    before = {slug: live(dest, slug) for slug in UNITS}
    touch_every_unit(project, "full")  # every unit changes; under 5 MB free for six new releases
    third = publish(project, dest)
    assert third.code == 3 and len(DISK_FULL.findall(third.err)) == 1
    assert_live_releases_complete(dest)  # old or new, every live release is whole
    assert mapped(dest) == HOSTS
    assert_no_leftovers(dest)
    fourth = publish(project, dest, "--keep", "1", "--jobs", "1")  # one at a time, old releases pruned as it goes
    assert fourth.code == 0, fourth.err
    assert all(live(dest, slug) != before[slug] for slug in UNITS)
    assert_live_releases_complete(dest)


def test_a_read_only_destination_keeps_every_live_site_and_says_so_once(project, tmpfs, first_publish):
    dest = tmpfs
    shutil.copytree(first_publish, dest, symlinks=True, dirs_exist_ok=True)  # as `published`, onto the tmpfs
    touch_every_unit(project, "ro")
    subprocess.run(["mount", "-o", "remount,ro", str(dest)], check=True)
    try:
        run = publish(project, dest)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(dest)], check=True)
    assert run.code == 3
    assert run.err == (f"Lỗi: Thư mục đăng {dest} chỉ cho đọc (read-only). Các trang đang đăng giữ nguyên. "
                       "Gắn lại thư mục cho phép ghi rồi chạy lại. [read-only] (Read-only file system)\n")
    assert_live_releases_complete(dest)
    again = publish(project, dest, "--keep", "1", "--jobs", "1")  # six new releases on a 24 MB disk
    assert again.code == 0, again.err


def test_a_destination_that_is_a_file_is_refused_untouched(project, tmp_path):
    dest = tmp_path / "www"
    dest.write_text("not a folder\n")
    run = publish(project, dest)
    assert run.code == 2
    assert run.err == (f"Lỗi: --dest {dest} là một tệp, không phải thư mục. Chọn thư mục đăng khác, "
                       "hoặc xoá tệp này. [dest-not-a-folder]\n")
    assert dest.read_text() == "not a folder\n"
    dest.unlink()
    assert publish(project, dest).code == 0


def test_odd_entries_in_a_unit_folder_neither_crash_nor_stall_the_publish(project, tmp_path):
    """Symlinks (dangling, to themselves, to a folder above, to the whole file system) and a FIFO
    left in a unit's folder: the fingerprint never follows or opens them."""
    folder = project / "units" / "son-thuong"
    (folder / "logo.png").symlink_to("/nonexistent")
    (folder / "self").symlink_to("self")
    (folder / "up").symlink_to("../..")
    (folder / "root").symlink_to("/")
    os.mkfifo(folder / "pipe")
    started = time.monotonic()
    run = publish(project, tmp_path / "www")
    assert time.monotonic() - started < 60
    assert run.code == 1, run.err  # the unit keeps its live release and the editor is told, file by file
    assert "Traceback" not in run.err
    for name in ("logo.png", "self", "up", "root", "pipe"):
        assert f"units/son-thuong/{name}:1:1: Tệp lạ «{name}»" in run.err, name
    assert (tmp_path / "www" / "ba-to" / "current").is_symlink()  # the other units went live


def fill(disk: Path) -> None:
    """Write a ballast file until the disk refuses one more byte."""
    with open(disk / "ballast", "wb", buffering=0) as ballast:
        for size in (2**20, 2**12, 1):
            try:
                while True:
                    ballast.write(b"\0" * size)
            except OSError as error:
                assert error.errno == errno.ENOSPC
    assert os.statvfs(disk).f_bavail == 0


def test_rollback_and_switching_back_work_on_a_disk_with_no_byte_free(project, tmpfs, first_publish):
    """(Chi Lăng Nam: no province's member, so its edit rebuilds it alone.) The lock, the live pointer, the history and the serving state need no new bytes, so the
    operator can roll back exactly when the disk is full."""
    dest = tmpfs
    shutil.copytree(first_publish, dest, symlinks=True, dirs_exist_ok=True)  # as `published`, onto the tmpfs
    first = live(dest, "chi-lang-nam")
    edit = project / "units" / "chi-lang-nam" / "unit.yml"
    edit.write_text(edit.read_text(encoding="utf-8") + "# second\n", encoding="utf-8")
    assert publish(project, dest, "--jobs", "1").code == 0
    second = live(dest, "chi-lang-nam")
    assert second != first
    fill(dest)
    back = cchc(project, "rollback", "chi-lang-nam", "--dest", str(dest))
    assert back.code == 0 and "Traceback" not in back.err, back.err
    assert live(dest, "chi-lang-nam") == first
    assert json.loads((dest / "state.json").read_text())["chi-lang-nam"]["release"] == first.split("/")[-1]
    forth = publish(project, dest, "--jobs", "1")  # the newer release is still there: switched back
    assert forth.code == 0 and "Traceback" not in forth.err, forth.err
    assert live(dest, "chi-lang-nam") == second
    assert json.loads((dest / "state.json").read_text())["chi-lang-nam"]["release"] == second.split("/")[-1]
    again = cchc(project, "rollback", "chi-lang-nam", "--dest", str(dest))
    assert again.code == 0 and live(dest, "chi-lang-nam") == first, again.err
    assert_live_releases_complete(dest)
