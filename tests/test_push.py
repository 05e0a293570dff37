"""deploy/push.sh as the nightly shards run it against one web server: concurrent pushes and
activations that must not undo each other, and the faults that must fail a job loudly, naming their
cause, before anything is built (an unreachable server, a missing SSH key, a failed install step)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, cchc
from test_nginx import free_port

pytestmark = pytest.mark.slow  # an sshd, real publishes and many pushes: `make test`, not the fast loop

PUSH = str(ROOT / "deploy/push.sh")
PREPARE = str(ROOT / "deploy/ci-prepare.sh")
SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


class Sshd:
    """Debian's OpenSSH server on 127.0.0.1 and a free port, with its own configuration, host key and
    one authorised key (no password), started as root: the web server a runner reaches over SSH.
    `client` holds what a CI job is given: id_ed25519 and known_hosts (CCHC_SSH_DIR)."""

    def __init__(self, base: Path):
        base.mkdir(parents=True)
        self.base, self.client = base, base / "client"
        self.client.mkdir(mode=0o700)
        keygen = ["ssh-keygen", "-q", "-t", "ed25519", "-N", ""]
        subprocess.run([*keygen, "-f", str(base / "host_key")], check=True)
        subprocess.run([*keygen, "-f", str(self.client / "id_ed25519")], check=True)
        shutil.copy(self.client / "id_ed25519.pub", base / "authorized_keys")
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation folder
        self.port = free_port()
        config = base / "sshd_config"
        config.write_text("\n".join([
            "ListenAddress 127.0.0.1", f"Port {self.port}", f"HostKey {base}/host_key",
            f"AuthorizedKeysFile {base}/authorized_keys", f"PidFile {base}/sshd.pid",
            "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
            "UsePAM no", "StrictModes no", "LogLevel ERROR", f"SetEnv PYTHONPATH={ROOT}", "",
        ]), encoding="utf-8")
        self.process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=(base / "sshd.log").open("w"), start_new_session=True)
        host_key = (base / "host_key.pub").read_text().split()
        (self.client / "known_hosts").write_text(f"[127.0.0.1]:{self.port} {host_key[0]} {host_key[1]}\n")
        deadline = time.monotonic() + 10
        while not (base / "sshd.pid").exists():
            assert self.process.poll() is None and time.monotonic() < deadline, (base / "sshd.log").read_text()
            time.sleep(0.05)

    @property
    def target(self) -> str:
        return f"root@127.0.0.1:{self.port}"

    def stop(self) -> None:
        """The listener and every session it forked (its own process group)."""
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)


@pytest.fixture
def sshd(tmp_path):
    server = Sshd(tmp_path / "sshd")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def releases(tmp_path_factory) -> Path:
    """Every bundled unit published once into a runner's folder (as a shard leaves it)."""
    from conftest import copy_project

    base = tmp_path_factory.mktemp("releases")
    project = copy_project(base / "project")
    run = cchc(project, "publish", "--dest", str(base / "www"), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    return base / "www"


def one_unit(www: Path, slug: str, into: Path) -> Path:
    """A runner's folder holding only `slug`'s live release: what the shard that owns it pushes."""
    release = Path(os.readlink(www / slug / "current")).name
    shutil.copytree(www / slug / "releases" / release, into / slug / "releases" / release, symlinks=True)
    (into / slug / "current").symlink_to(f"releases/{release}")
    return into


def local_env(dest: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "CCHC_SERVER": "", "CCHC_DEST": str(dest), "CCHC_REMOTE": f"{sys.executable} -m generator",
            "CCHC_RELOAD": "true", "PYTHONPATH": str(ROOT), **extra}


def test_concurrent_pushes_and_activations_never_undo_each_other(releases, tmp_path):
    """Each unit's shard pushes its release again and again while activations run back to back (as
    eight shards' do): an activation removes empty inbox folders and refuses incomplete releases, so
    no copy may meet it half-way, and no push may fail because of another's cleanup."""
    from generator.publish.inbox import activate

    dest = tmp_path / "srv"
    dest.mkdir()
    slugs = sorted(p.name for p in releases.iterdir() if (p / "current").is_symlink())
    runners = {slug: one_unit(releases, slug, tmp_path / f"runner-{slug}") for slug in slugs}
    failures: list[str] = []
    pushing = threading.Event()

    def shard(slug: str) -> None:
        for _ in range(3):
            run = subprocess.run([PUSH, "push", str(runners[slug])], capture_output=True, text=True,
                                 env=local_env(dest), timeout=600)
            if run.returncode != 0:
                failures.append(f"{slug}: exit {run.returncode}: {run.stderr.strip()}")

    def activations() -> None:
        while pushing.is_set():
            if activate(dest, wait=600) != 0:
                failures.append("an activation refused a release another shard was still copying")
            time.sleep(0.002)

    pushing.set()
    activator = threading.Thread(target=activations)
    activator.start()
    threads = [threading.Thread(target=shard, args=(slug,)) for slug in slugs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pushing.clear()
    activator.join()
    assert failures == []
    assert sorted(p.name for p in dest.iterdir() if (p / "current").is_symlink()) == slugs
    assert not any((dest / ".inbox").iterdir())


def remote_env(sshd: Sshd, dest: Path, **extra: str) -> dict[str, str]:
    return local_env(dest, **{"CCHC_SERVER": sshd.target, "CCHC_SSH_DIR": str(sshd.client), **extra})


def test_a_push_over_ssh_reaches_the_server_on_its_own_port(releases, tmp_path, sshd):
    dest = tmp_path / "srv"
    first = subprocess.run([PUSH, "state", str(tmp_path / "state.json")], capture_output=True, text=True, env=remote_env(sshd, dest))
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "state.json").read_text() == "{}\n"  # the first night: nothing live yet
    pushed = subprocess.run([PUSH, "push", str(releases)], capture_output=True, text=True, env=remote_env(sshd, dest))
    assert pushed.returncode == 0, pushed.stderr
    assert "Đã đăng tra-bong: bản" in pushed.stdout
    # the port may also come on its own, with the server as plain user@host
    env = remote_env(sshd, dest, CCHC_SERVER="root@127.0.0.1", CCHC_SSH_PORT=str(sshd.port))
    state = subprocess.run([PUSH, "state", str(tmp_path / "state.json")], capture_output=True, text=True, env=env)
    assert state.returncode == 0, state.stderr
    assert (tmp_path / "state.json").read_bytes() == (dest / "state.json").read_bytes()
    assert "tra-bong" in json.loads((dest / "state.json").read_text())


def test_an_unreachable_server_fails_the_state_step_and_names_the_cause(tmp_path, sshd):
    closed = free_port()
    env = remote_env(sshd, tmp_path / "srv", CCHC_SERVER=f"root@127.0.0.1:{closed}")
    run = subprocess.run([PUSH, "state", str(tmp_path / "state.json")], capture_output=True, text=True, env=env)
    assert run.returncode == 255
    assert f"LỖI [server-unreachable]: không vào được máy chủ web root@127.0.0.1 (cổng {closed}) qua SSH: " in run.stderr
    assert "Connection refused" in run.stderr
    assert not (tmp_path / "state.json").exists()  # never an empty state that would rebuild everything


def test_a_key_the_server_does_not_accept_is_named_as_the_cause(tmp_path, sshd):
    (sshd.base / "authorized_keys").write_text("")
    run = subprocess.run([PUSH, "state", str(tmp_path / "state.json")], capture_output=True, text=True,
                         env=remote_env(sshd, tmp_path / "srv"))
    assert run.returncode == 255
    assert f"LỖI [server-unreachable]: không vào được máy chủ web root@127.0.0.1 (cổng {sshd.port}) qua SSH: " in run.stderr
    assert "Permission denied (publickey)" in run.stderr


def prepare(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess:
    tmp_path.mkdir(exist_ok=True)
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path / "home"), "CCHC_SERVER": "cchc@web.example.vn",
           "CCHC_SSH_KEY": "khoá", "CCHC_KNOWN_HOSTS": "web.example.vn ssh-ed25519 AAAA", **variables}
    return subprocess.run([PREPARE], capture_output=True, text=True, env=env, cwd=tmp_path)


def test_the_job_set_up_writes_the_key_and_fails_on_a_missing_one(tmp_path):
    done = prepare(tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "home/.ssh/id_ed25519").read_text() == "khoá\n"
    assert (tmp_path / "home/.ssh/id_ed25519").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "home/.ssh/known_hosts").read_text() == "web.example.vn ssh-ed25519 AAAA\n"
    missing = prepare(tmp_path / "again", CCHC_SSH_KEY="")
    assert missing.returncode == 1
    assert missing.stderr == "LỖI [missing-ssh-key]: biến CI/CD CCHC_SSH_KEY trống: đặt khoá SSH riêng được phép chạy cchc trên máy chủ web.\n"
    assert not (tmp_path / "again/home/.ssh/id_ed25519").exists()
    no_server = prepare(tmp_path / "again", CCHC_SERVER="")
    assert no_server.returncode == 1 and "LỖI [missing-server]: biến CI/CD CCHC_SERVER trống" in no_server.stderr


def test_a_failed_install_step_fails_the_job_and_names_it(tmp_path):
    """A runner without rsync, whose apt-get really fails (here: not root, as on a shared shell
    runner): the job stops at once with the step that failed, not seven lines later."""
    with tempfile.TemporaryDirectory() as runner:  # in /tmp itself: the user `nobody` must reach it
        Path(runner).chmod(0o755)
        bare = Path(runner) / "bin"  # every command the set-up uses, but no rsync
        bare.mkdir()
        for command in ("sh", "env", "flock", "apt-get", "mktemp", "tail", "rm", "install", "id", "ssh"):
            found = shutil.which(command)
            assert found, command
            (bare / command).symlink_to(found)
        # The script copied beside it: a checkout may sit where `nobody` cannot read (mktemp -d is 0700).
        prepare = shutil.copy(PREPARE, Path(runner) / "ci-prepare.sh")
        nobody = [shutil.which("setpriv") or "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        env = {"PATH": str(bare), "HOME": f"{runner}/home", "CCHC_SERVER": "x", "CCHC_SSH_KEY": "k", "CCHC_KNOWN_HOSTS": "h"}
        run = subprocess.run([*nobody, str(prepare)], capture_output=True, text=True, env=env, cwd=runner)
        assert run.returncode == 1
        assert run.stderr.endswith("LỖI [install-failed]: không cài được rsync: «apt-get update» thất bại (xem các dòng trên).\n")
        assert "Permission denied" in run.stderr  # apt-get's own words, above
        assert not Path(runner, "home").exists()  # nothing after the failed step ran


def test_the_job_summary_says_which_units_went_live_and_which_were_held_back_and_why(project, tmp_path):
    """A shard with a content error in one unit: its summary, after the push, names the units that
    went live, the one that kept its live release, and the reason."""
    from test_validation import edit

    dest, www, report, live = tmp_path / "srv", tmp_path / "www", tmp_path / "run.json", tmp_path / "live.json"
    edit(project, "units/chi-lang-nam/unit.yml", "short_name:", "shortname:")
    run = cchc(project, "publish", "--dest", str(www), "--report", str(report), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 1, run.err
    assert subprocess.run([PUSH, "push", str(www)], capture_output=True, text=True, env=local_env(dest)).returncode == 0
    assert subprocess.run([PUSH, "state", str(live)], env=local_env(dest)).returncode == 0
    summary = subprocess.run([sys.executable, "-m", "generator.publish.job_summary", str(report), str(live)],
                             capture_output=True, text=True, cwd=ROOT)
    assert summary.returncode == 0, summary.stderr
    lines = summary.stdout.splitlines()
    released = {slug: entry["release"] for slug, entry in json.loads(live.read_text()).items()}
    assert lines[0] == "Tóm tắt lần chạy này:"
    went = [f"  Đã lên mạng: {slug} (bản {released[slug]})" for slug in sorted(s for s in released if s != "chi-lang-nam")]
    assert len(went) >= 4 and lines[1:1 + len(went)] == went
    assert lines[1 + len(went):] == ["  Giữ bản đang đăng: chi-lang-nam: nội dung có lỗi: "
                         "units/chi-lang-nam/unit.yml:3:1: short_name: Thiếu trường bắt buộc [missing-field]"]
    # a release built but never made live (here: the server lost it) is held back, not reported live
    (dest / "tra-bong/current").unlink()
    subprocess.run([sys.executable, "-m", "generator", "activate", "--dest", str(dest)], check=True, env=local_env(dest))
    assert subprocess.run([PUSH, "state", str(live)], env=local_env(dest)).returncode == 0
    summary = subprocess.run([sys.executable, "-m", "generator.publish.job_summary", str(report), str(live)],
                             capture_output=True, text=True, cwd=ROOT)
    assert f"  Giữ bản đang đăng: tra-bong: bản {released['tra-bong']} đã dựng nhưng máy chủ chưa đăng" in summary.stdout
