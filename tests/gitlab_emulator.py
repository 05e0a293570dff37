"""deploy/gitlab-ci.yml run as GitLab runs it, three nights in a row: gitlab-ci-local (npm, pinned by
the Makefile's test-gitlab target) with its shell executor runs the recipe's eight parallel shard
jobs, unchanged, each on its own copy of a project repository; they reach a web server through a
real sshd on 127.0.0.1 (key auth, its own port) and publish there, served by nginx with deploy/'s
configuration.

Not collected by `make test` (several minutes): `make test-gitlab` runs it, after `make test` in CI.

  night 1, clean: the 8 jobs pass, every unit answers 200 under its host, units.map maps each one;
  night 2, one unit's content error: only the job holding that unit is red, it keeps its live
           release, and another unit's change goes live;
  night 3, the error mended: the 8 jobs pass again. No night has an innocent red job.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, copy_project
from test_nginx import run_nginx
from test_publish_deploy import NGINX, get, until_served
from test_publish_live import HOSTS, mapped
from test_push import Sshd
from test_validation import edit

GITLAB_CI_LOCAL = os.environ.get("GITLAB_CI_LOCAL", str(Path.home() / ".cache/cchc-gitlab-ci-local/4.73.0/node_modules/.bin/gitlab-ci-local"))
RECIPE_PARTS = ["deploy", "Makefile", "pyproject.toml", "constraints.txt", "constraints-test.txt"]
SHOWN = ("LỖI", "Đã đăng", "Tóm tắt", "Đã lên mạng", "Giữ bản đang đăng", "Không đổi")
JOB = re.compile(r"^ (PASS|FAIL) +publish: \[(\d)/8\]", re.MULTILINE)


class Night:
    """The web server (sshd, nginx, DEST) and a project repository gitlab-ci-local runs the recipe of."""

    def __init__(self, base: Path):
        self.base, self.dest, self.repo = base, base / "srv", base / "repo"
        self.sshd = Sshd(base / "sshd")
        try:
            self.serve(base)
        except BaseException:
            if hasattr(self, "nginx"):
                self.nginx.terminate()
            self.sshd.stop()
            raise

    def serve(self, base: Path) -> None:
        # The IT centre's first step on a new server: the destination with an empty units.map,
        # without which nginx refuses to start.
        first = subprocess.run([sys.executable, "-m", "generator", "activate", "--dest", str(self.dest)],
                               capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert first.returncode == 0, first.stderr
        assert (self.dest / "units.map").read_text() == ""
        (base / "web").mkdir()
        self.nginx, self.port, config = run_nginx(base / "web", self.dest)
        copy_project(self.repo)
        for part in RECIPE_PARTS:  # copied with their times: the runner's `make install` finds .venv current
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, self.repo / part)
        shutil.copy2(ROOT / "deploy/gitlab-ci.yml", self.repo / ".gitlab-ci.yml")
        (self.repo / ".venv").symlink_to(ROOT / ".venv")  # the runtime `make install` made, not rebuilt per job
        assert subprocess.run(["make", "-q", "install"], cwd=self.repo).returncode == 0, "make install would rebuild .venv"
        errors = base / "web/error.log"
        self.variables = {
            "CI_PIPELINE_SOURCE": "schedule",
            "CCHC_SERVER": self.sshd.target,
            "CCHC_SSH_KEY": (self.sshd.client / "id_ed25519").read_text(),
            "CCHC_KNOWN_HOSTS": (self.sshd.client / "known_hosts").read_text().strip(),
            "CCHC_SSH_DIR": str(base / "runner-ssh"),  # not the machine's own ~/.ssh
            "CCHC_DEST": str(self.dest),
            "CCHC_REMOTE": f"{sys.executable} -m generator",
            "CCHC_RELOAD": f"{NGINX} -t -q -e {errors} -c {config} && {NGINX} -s reload -e {errors} -c {config}",
        }
        self.git("init", "-q")
        self.commit("the project")

    def git(self, *args: str) -> None:
        subprocess.run(["git", "-c", "user.name=CI", "-c", "user.email=ci@example.vn", *args], cwd=self.repo, check=True)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def run(self, title: str, **changed: str) -> tuple[int, dict[int, str], str]:
        """One night: the pipeline as a schedule starts it, with `changed` CI/CD variables. Returns
        gitlab-ci-local's exit code, each shard's PASS/FAIL, and the log."""
        variables = [f"--variable={name}={value}" for name, value in {**self.variables, **changed}.items()]
        run = subprocess.run([GITLAB_CI_LOCAL, "--force-shell-executor", "--shell-isolation", "--no-color", *variables],
                             cwd=self.repo, capture_output=True, text=True, timeout=1800)
        log = run.stdout + run.stderr
        jobs = {int(shard): result for result, shard in JOB.findall(log)}
        print(f"\n===== {title}: gitlab-ci-local exit {run.returncode}")
        print("\n".join(line for line in log.splitlines() if JOB.match(line) or any(word in line for word in SHOWN)))
        print(f"----- units.map\n{(self.dest / 'units.map').read_text()}", flush=True)
        return run.returncode, jobs, log

    def stop(self) -> None:
        self.nginx.terminate()
        self.nginx.wait(timeout=10)
        self.sshd.stop()


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    if not Path(GITLAB_CI_LOCAL).exists():
        pytest.fail(f"gitlab-ci-local is missing at {GITLAB_CI_LOCAL}: run `make test-gitlab`")
    night = Night(tmp_path_factory.mktemp("gitlab"))
    yield night
    night.stop()


def shard_log(log: str, shard: int) -> str:
    return "\n".join(line for line in log.splitlines() if line.startswith(f"publish: [{shard}/8]"))


def test_three_nights_of_the_gitlab_recipe_with_no_innocent_red_job(night):
    code, jobs, log = night.run("night 1: clean")
    assert code == 0, log[-4000:]
    assert jobs == dict.fromkeys(range(1, 9), "PASS"), log[-4000:]
    assert mapped(night.dest) == HOSTS
    for slug, host in HOSTS.items():
        status, body = until_served(night.port, host)
        assert status == 200 and 'lang="vi"' in body, slug
    first_release = os.readlink(night.dest / "chi-lang-nam/current")

    # Night 2: one unit's content error, another unit's change; the live pages are polled throughout.
    edit(night.repo, "units/chi-lang-nam/unit.yml", "short_name:", "shortname:")
    edit(night.repo, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", "Nhận hồ sơ (đêm thứ hai)")
    night.commit("a typo in chi-lang-nam, a change in son-thuong")
    failures: list[tuple[str, int]] = []
    polled = [0]
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            for host in HOSTS.values():
                status = get(night.port, host)[0]
                polled[0] += 1
                if status != 200:
                    failures.append((host, status))

    poller = threading.Thread(target=client)
    poller.start()
    try:
        code, jobs, log = night.run("night 2: a content error in chi-lang-nam")
    finally:
        stop.set()
        poller.join()
    red = [shard for shard, result in jobs.items() if result == "FAIL"]
    assert code != 0 and len(jobs) == 8 and len(red) == 1, log[-4000:]
    assert "LỖI chi-lang-nam: giữ nguyên bản đang đăng" in shard_log(log, red[0])
    assert "Giữ bản đang đăng: chi-lang-nam: nội dung có lỗi: units/chi-lang-nam/unit.yml:3:1: short_name: Thiếu trường bắt buộc" in shard_log(log, red[0])
    assert f"Đã lên mạng: son-thuong (bản {os.readlink(night.dest / 'son-thuong/current').split('/')[-1]})" in log
    assert os.readlink(night.dest / "chi-lang-nam/current") == first_release
    assert mapped(night.dest) == HOSTS
    assert "Nhận hồ sơ (đêm thứ hai)" in get(night.port, HOSTS["son-thuong"], "/lien-he/")[1]
    assert failures == [] and polled[0] > 10
    print(f"Night 2: home pages polled {polled[0]} times, none failed.")

    # Night 3: the typo mended.
    edit(night.repo, "units/chi-lang-nam/unit.yml", "shortname:", "short_name:")
    night.commit("chi-lang-nam mended")
    code, jobs, log = night.run("night 3: mended")
    assert code == 0, log[-4000:]
    assert jobs == dict.fromkeys(range(1, 9), "PASS"), log[-4000:]
    assert mapped(night.dest) == HOSTS
    for slug, host in HOSTS.items():
        assert until_served(night.port, host)[0] == 200, slug


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("CCHC_SERVER", "root@127.0.0.1:1", "LỖI [server-unreachable]: không vào được máy chủ web root@127.0.0.1 (cổng 1) qua SSH: "),
    ("CCHC_SSH_KEY", "", "LỖI [missing-ssh-key]: biến CI/CD CCHC_SSH_KEY trống"),
])
def test_a_night_that_cannot_reach_the_server_fails_every_job_by_name_before_any_build(night, variable, value, message):
    live = (night.dest / "state.json").read_bytes()
    code, jobs, log = night.run(f"a night with {variable}={value!r}", **{variable: value})
    assert code != 0 and jobs == dict.fromkeys(range(1, 9), "FAIL"), log[-4000:]
    for shard in range(1, 9):
        assert message in shard_log(log, shard), shard
        assert "cchc publish" not in shard_log(log, shard)  # stopped before any build
    assert (night.dest / "state.json").read_bytes() == live
