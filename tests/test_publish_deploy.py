"""The deployment path as the CI files run it: runners with an empty destination build only what the
web server does not have (its state.json), deploy/push.sh brings the releases over with rsync and
makes them live with `cchc activate` and an nginx reload. Tested with a real nginx and rsync between
two local folders (CCHC_SERVER empty: the same commands as over SSH, without a remote host).
The CI files are checked against GitLab's and GitHub's schemas (check-jsonschema's vendored copies),
and the runtime install is the pinned closure the fingerprint hashes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, cchc
from test_nginx import run_nginx
from test_publish_live import HOSTS, assert_live_releases_complete, mapped
from test_validation import edit

from generator.publish.fingerprint import runtime_packages

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def get(port: int, host: str, path: str = "/") -> tuple[int, str]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host})
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


def until_served(port: int, host: str, seconds: float = 20.0, steady: int = 30) -> tuple[int, str]:
    """The host's home page once nginx answers it `steady` times in a row: `nginx -s reload` only
    signals the master, and until the old workers have left, a unit that was not live before can
    still meet one of them (a 404 for a site that did not exist a moment ago)."""
    deadline, in_a_row = time.monotonic() + seconds, 0
    while True:
        status, body = get(port, host)
        in_a_row = in_a_row + 1 if status == 200 else 0
        if in_a_row >= steady or time.monotonic() > deadline:
            return status, body
        time.sleep(0.02)


class Server:
    """A web server folder served by a real nginx, reached by deploy/push.sh as CI reaches it."""

    def __init__(self, base: Path):
        self.base, self.dest = base, base / "srv"
        self.dest.mkdir(parents=True)
        (self.dest / "units.map").write_text("", encoding="utf-8")
        self.nginx, self.port, self.config = run_nginx(base, self.dest)
        self.env = {
            **os.environ, "CCHC_SERVER": "", "CCHC_DEST": str(self.dest),
            "CCHC_REMOTE": f"{sys.executable} -m generator",
            "CCHC_RELOAD": f"{NGINX} -t -q -e {base}/error.log -c {self.config} && {NGINX} -s reload -e {base}/error.log -c {self.config}",
            "PYTHONPATH": str(ROOT),
        }

    def push(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(ROOT / "deploy/push.sh"), *args], capture_output=True, text=True, env=self.env, timeout=300)

    def stop(self) -> None:
        self.nginx.terminate()
        self.nginx.wait(timeout=10)


@pytest.fixture
def server(tmp_path):
    server = Server(tmp_path / "web")
    yield server
    server.stop()


def runner(project: Path, server: Server, work: Path, shard: str) -> dict:
    """One CI shard on a fresh runner: fetch the server's state, publish, push (as deploy/*.yml do)."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(work / "www", ignore_errors=True)  # ephemeral: nothing kept from the last night
    state = server.push("state", str(work / "state.json"))
    assert state.returncode == 0, state.stderr
    run = cchc(project, "publish", "--dest", str(work / "www"), "--shard", shard, "--remote-state",
               str(work / "state.json"), "--report", str(work / "run.json"), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    pushed = server.push("push", str(work / "www"))
    assert pushed.returncode == 0, pushed.stderr
    return json.loads((work / "run.json").read_text(encoding="utf-8"))


def settled(server: Server) -> None:
    """Wait until nginx's workers from before the last reload are gone: until then a host the
    reload added can still meet an old worker (nginx reloads gracefully, not at once). A host that
    was already mapped is in both maps, so it never answers 404 during a reload (tested below)."""
    deadline = time.monotonic() + 15
    streak = 0
    while streak < 50 and time.monotonic() < deadline:
        streak = streak + 1 if all(get(server.port, host)[0] == 200 for host in HOSTS.values()) else 0
        time.sleep(0.01)


def test_shards_on_fresh_runners_publish_onto_the_web_server_and_nginx_serves_every_unit(project, tmp_path, server):
    for index in (1, 2):
        runner(project, server, tmp_path / f"runner{index}", f"{index}/2")
    assert mapped(server.dest) == HOSTS
    assert_live_releases_complete(server.dest)
    assert not any((server.dest / ".inbox").iterdir())
    settled(server)
    for slug, host in HOSTS.items():
        status, body = until_served(server.port, host)
        assert status == 200 and 'lang="vi"' in body, slug

    # The next night: one unit changed. Each runner builds only what the server lacks, and the
    # pages keep answering 200 while the release is brought over and switched.
    edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", "Nhận hồ sơ (đêm sau)")
    statuses: list[int] = []
    failures: list = []
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            for path in ("/", "/lien-he/"):
                status = get(server.port, HOSTS["son-thuong"], path)[0]
                statuses.append(status)
                if status != 200:
                    failures.append((path, status, len(statuses)))

    thread = threading.Thread(target=client)
    thread.start()
    try:
        reports = [runner(project, server, tmp_path / f"runner{index}", f"{index}/2") for index in (1, 2)]
    finally:
        stop.set()
        thread.join()
    # Sơn Thượng and its province, Quảng Ngãi (whose pages are built from its members' folders).
    assert sum(r["built"] for r in reports) == 2 and sum(r["unchanged"] for r in reports) == 4
    assert set(statuses) == {200} and len(statuses) > 10, failures[:5]
    assert "Nhận hồ sơ (đêm sau)" in get(server.port, HOSTS["son-thuong"], "/lien-he/")[1]
    assert mapped(server.dest) == HOSTS


def test_a_copy_cut_short_is_refused_by_activate_and_completed_by_the_next_push(project, tmp_path, server):
    runner(project, server, tmp_path / "runner", "1/1")
    live_before = os.readlink(server.dest / "son-thuong/current")
    edit(project, "units/son-thuong/hotlines.yml", "Tiếp nhận hồ sơ", "Nhận hồ sơ (bản mới)")
    work = tmp_path / "runner"
    shutil.rmtree(work / "www")
    assert cchc(project, "publish", "--dest", str(work / "www"), "--remote-state", str(work / "state.json"),
                env={"SOURCE_DATE_EPOCH": "1700000000"}).code == 0
    release = Path(os.readlink(work / "www/son-thuong/current")).name
    inbox = server.dest / ".inbox/son-thuong" / release
    shutil.copytree(work / "www/son-thuong/releases" / release, inbox)
    shutil.rmtree(inbox / "assets")  # the connection dropped half-way
    run = cchc(project, "activate", "--dest", str(server.dest))
    assert run.code == 1
    assert f"LỖI son-thuong: Bản {release} của «son-thuong» không đầy đủ hoặc đã bị sửa: assets/" in run.err
    assert "để lại trong .inbox cho lần chép sau, giữ nguyên bản đang đăng" in run.err
    assert os.readlink(server.dest / "son-thuong/current") == live_before
    pushed = server.push("push", str(work / "www"))
    assert pushed.returncode == 0, pushed.stderr
    assert "Nhận hồ sơ (bản mới)" in get(server.port, HOSTS["son-thuong"], "/lien-he/")[1]
    assert_live_releases_complete(server.dest)


def test_the_ci_files_run_what_this_test_runs():
    for name in ("gitlab-ci.yml", "github-publish.yml"):
        text = (ROOT / "deploy" / name).read_text(encoding="utf-8")
        assert "make install" in text and "make site" not in text, name
        assert "deploy/push.sh state state.json" in text and "deploy/push.sh push www" in text, name
        assert re.search(r"cchc publish --dest www --shard .+? --remote-state state.json", text), name


@pytest.mark.parametrize(("name", "schema"), [("gitlab-ci.yml", "vendor.gitlab-ci"), ("github-publish.yml", "vendor.github-workflows")])
def test_the_ci_files_are_valid_for_their_ci(name, schema, tmp_path):
    checker = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema]
    good = subprocess.run([*checker, str(ROOT / "deploy" / name)], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    broken = tmp_path / name  # a control: the check can fail
    text = (ROOT / "deploy" / name).read_text(encoding="utf-8")
    broken.write_text(text.replace("parallel: 8", "parallel: eight").replace("runs-on:", "runs_on:"), encoding="utf-8")
    assert subprocess.run([*checker, str(broken)], capture_output=True, text=True).returncode != 0


def test_the_constraints_pin_exactly_the_runtime_closure_the_fingerprint_hashes():
    def canonical(line: str) -> str:
        name, version = line.split("==")
        return f"{re.sub(r'[-_.]+', '-', name).lower()}=={version}"

    pinned = {canonical(line.strip()) for line in (ROOT / "constraints.txt").read_text().splitlines()
              if "==" in line and not line.startswith("#")}
    assert pinned == set(runtime_packages())
    assert len(pinned) > 30  # transitive packages too, not only the direct ones
    assert {"pymdown-extensions", "babel", "properdocs", "mkdocs"} <= {p.split("==")[0] for p in pinned}
    tests_only = {"pytest", "playwright", "hypothesis", "check-jsonschema"}
    assert not tests_only & {p.split("==")[0] for p in pinned}


def test_a_changed_transitive_package_changes_every_release_id(project, monkeypatch):
    import generator.publish.fingerprint as fingerprint

    before = fingerprint.shared_digest(project)
    packages = list(fingerprint.runtime_packages())
    changed = tuple(p.replace("pymdown-extensions==", "pymdown-extensions==0.") for p in packages)
    monkeypatch.setattr(fingerprint, "runtime_packages", lambda: changed)
    assert fingerprint.shared_digest(project) != before
