"""The nightly recipe in deploy/ (GitLab CI and GitHub Actions), run as written: one unit's typo
must not stop the other units. `cchc publish` validates every unit itself and holds back only the
broken one; a `make site` (validate + build everything) before it would stop every unit at the
first error, so no recipe runs one."""

from __future__ import annotations

import os
import subprocess

import pytest
import yaml
from conftest import ROOT, copy_project
from test_publish import UNITS

BROKEN = "son-thuong"


def gitlab_script() -> list[str]:
    job = yaml.safe_load((ROOT / "deploy/gitlab-ci.yml").read_text(encoding="utf-8"))["publish"]
    return [*job["before_script"], *job["script"]]


def github_script() -> list[str]:
    steps = yaml.safe_load((ROOT / "deploy/github-publish.yml").read_text(encoding="utf-8"))["jobs"]["publish"]["steps"]
    return [line for step in steps if "run" in step for line in step["run"].splitlines()]


RECIPES = {"gitlab-ci.yml": gitlab_script, "github-publish.yml": github_script}


def runnable(lines: list[str]) -> str:
    """The recipe's own lines from the publish on, on this machine: one shard of one, and the
    push to the web server (ssh) replaced by a note that it ran, and the server's state read back
    from the local destination."""
    start = next(i for i, line in enumerate(lines) if "cchc publish" in line)
    if lines[start - 1].strip() == "status=0":
        start -= 1
    script = "\n".join(lines[start:])
    script = script.replace("${{ matrix.shard }}/8", "1/1").replace("deploy/push.sh push www", "touch pushed")
    script = script.replace("deploy/push.sh state live.json", "cp www/state.json live.json")  # what the server then serves
    return script.replace('exit "$status"', 'echo "status=$status"')


@pytest.mark.parametrize("recipe", RECIPES)
def test_no_recipe_builds_everything_before_publishing(recipe):
    lines = RECIPES[recipe]()
    before = lines[: next(i for i, line in enumerate(lines) if "cchc publish" in line)]
    assert [line for line in before if "make site" in line or "cchc validate" in line or "cchc build" in line] == []


@pytest.mark.parametrize("recipe", RECIPES)
def test_the_recipe_publishes_every_good_unit_when_one_is_bad(recipe, tmp_path):
    project = copy_project(tmp_path / "project")
    (project / ".venv").symlink_to(ROOT / ".venv")
    unit = project / "units" / BROKEN / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("level: commune", "level: comune"), encoding="utf-8")
    (project / "state.json").write_text("{}\n", encoding="utf-8")  # what `deploy/push.sh state` fetches: nothing live yet
    done = subprocess.run(
        ["bash", "-e", "-c", runnable(RECIPES[recipe]())], cwd=project, capture_output=True, text=True, timeout=900,
        env={**os.environ, "CI_NODE_INDEX": "1", "CI_NODE_TOTAL": "1", "SOURCE_DATE_EPOCH": "1700000000"})
    assert done.stdout.strip().endswith("status=1"), done.stdout + done.stderr  # red, after publishing the rest
    assert f"units/{BROKEN}/unit.yml" in done.stderr and "[invalid-choice]" in done.stderr, done.stderr
    assert (project / "pushed").exists()  # the good units go to the server
    www = project / "www"
    assert sorted(p.parent.name for p in www.glob("*/current")) == sorted(u for u in UNITS if u != BROKEN)
