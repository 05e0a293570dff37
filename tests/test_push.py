"""deploy/push.sh as the nightly shards run it against one web server: concurrent pushes and
activations that must not undo each other, and the faults that must fail a job loudly, naming their
cause, before anything is built (an unreachable server, a missing SSH key, a failed install step)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, cchc

PUSH = str(ROOT / "deploy/push.sh")


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
