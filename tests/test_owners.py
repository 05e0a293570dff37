"""`cchc owners`: a unit's editor may change only the unit's folder; content/ only provincial editors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, cchc


def _project(project):
    (project / "deploy" / "cms").mkdir(parents=True)
    shutil.copy(ROOT / "deploy" / "cms" / "OWNERS", project / "deploy" / "cms" / "OWNERS")
    return project


def test_a_unit_editor_changes_only_the_unit(project):
    root = _project(project)
    ok = cchc(root, "owners", "--editor", "bien-tap-son-thuong", "--changed", "units/son-thuong/hotlines.yml", "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml")
    assert ok.code == 0, ok.out
    refused = cchc(root, "owners", "--editor", "@bien-tap-son-thuong", "--changed", "units/son-thuong/hotlines.yml", "units/ba-to/unit.yml", "content/procedures/1.000593.yml")
    assert refused.code == 1
    assert refused.out.splitlines() == [
        "units/ba-to/unit.yml: @bien-tap-son-thuong không được sửa tệp này; người được sửa: @bien-tap-ba-to, @bien-tap-tinh [not-owner]",
        "content/procedures/1.000593.yml: @bien-tap-son-thuong không được sửa tệp này; người được sửa: @bien-tap-tinh [not-owner]",
        "Có 2 tệp ngoài quyền của @bien-tap-son-thuong; hãy chuyển cho người được sửa duyệt.",
    ]


def test_provincial_editors_change_the_catalog_and_no_one_else_the_code(project):
    root = _project(project)
    assert cchc(root, "owners", "--editor", "bien-tap-tinh", "--changed", "content/documents.yml", "units/ba-to/unit.yml").code == 0
    refused = cchc(root, "owners", "--editor", "bien-tap-tinh", "--changed", "generator/cli.py")
    assert refused.code == 1 and "@cntt-tinh" in refused.out
    # a look-alike folder is not the unit's folder
    assert cchc(root, "owners", "--editor", "bien-tap-ba-to", "--changed", "units/ba-to-moi/unit.yml").code == 1


def test_ci_turns_validate_json_into_a_code_quality_report(project):
    import json

    from generator.cms.codequality import code_quality

    hotlines = project / "units" / "son-thuong" / "hotlines.yml"
    hotlines.write_text(hotlines.read_text(encoding="utf-8").replace("  phone:\n", "  phone: 0255 38AB 111\n", 1), encoding="utf-8")
    run = cchc(project, "validate", "--format", "json")
    assert run.code == 1
    issues = code_quality(json.loads(run.out))
    bad = [i for i in issues if i["severity"] == "major"]
    assert bad == [{
        "description": bad[0]["description"], "check_name": "invalid-phone", "fingerprint": bad[0]["fingerprint"],
        "severity": "major", "location": {"path": "units/son-thuong/hotlines.yml", "lines": {"begin": 7}},
    }]
    assert bad[0]["description"].startswith("feedback.phone: «0255 38AB 111» không phải số điện thoại Việt Nam hợp lệ")


# -- team mode on a real git repository: a bare origin, merge-request branches, the CI job's command ----


def _git(where, *args: str) -> str:
    import os
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    return subprocess.run(["git", "-C", str(where), *args], check=True, capture_output=True, text=True, env=env).stdout


def _ci_owners_script() -> list[str]:
    """The cchc-owners job's script lines exactly as deploy/cms/gitlab-ci.yml writes them, without the
    lines that set up the container (git, pip install .: the test's cchc is already installed)."""
    import yaml

    job = yaml.safe_load((ROOT / "deploy" / "cms" / "gitlab-ci.yml").read_text(encoding="utf-8"))["cchc-owners"]
    return [line for line in job["script"] if not line.startswith(("pip install", "command -v git"))]


@pytest.fixture
def origin(project, tmp_path):
    """A bare origin whose protected `main` holds the project and the rules (deploy/cms/OWNERS)."""
    seed = _project(project)
    _git(seed, "init", "-q", "-b", "main")
    _git(seed, "add", "-A")
    _git(seed, "commit", "-qm", "start")
    bare = tmp_path / "origin.git"
    _git(tmp_path, "clone", "-q", "--bare", str(seed), str(bare))
    return bare


def merge_request(origin, tmp_path, name: str, change) -> Path:
    """An editor's clone: a branch with `change` made and pushed; then CI's own clone of that branch."""
    work = tmp_path / f"editor-{name}"
    _git(tmp_path, "clone", "-q", str(origin), str(work))
    _git(work, "switch", "-q", "-c", name)
    change(work)
    _git(work, "add", "-A")
    _git(work, "commit", "-qm", name)
    _git(work, "push", "-q", "origin", name)
    ci = tmp_path / f"ci-{name}"
    _git(tmp_path, "clone", "-q", "--branch", name, str(origin), str(ci))
    return ci


def run_ci_job(ci: Path, editor: str):
    """The job's commands, with the variables GitLab sets on a merge request."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "GITLAB_USER_LOGIN": editor,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    script = "set -e\n" + "\n".join(_ci_owners_script())
    return subprocess.run(["bash", "-c", script], cwd=ci, capture_output=True, text=True, env=env)


def test_the_ci_job_checks_the_change_against_the_target_branchs_rules(origin, tmp_path):
    assert any("cchc owners" in line and "--target" in line for line in _ci_owners_script())

    def own_folder(work):
        hotlines = work / "units/son-thuong/hotlines.yml"
        hotlines.write_text(hotlines.read_text(encoding="utf-8").replace("  phone:\n", "  phone: 0255 3855 111\n", 1), encoding="utf-8")

    def widen_rules(work):  # one added line would give the unit's editor the catalogs
        rules = work / "deploy/cms/OWNERS"
        rules.write_text(rules.read_text(encoding="utf-8") + "content/  @bien-tap-son-thuong\n", encoding="utf-8")
        documents = work / "content/documents.yml"
        documents.write_text(documents.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    def rename_into_own_folder(work):
        _git(work, "mv", "units/ba-to/reports/2024-q1-tuyen-truyen-cchc.yml", "units/son-thuong/reports/2024-q1-tuyen-truyen-cchc.yml")

    def delete_outside(work):
        _git(work, "rm", "-q", "units/ba-to/documents.yml")

    accepted = run_ci_job(merge_request(origin, tmp_path, "hotline", own_folder), "bien-tap-son-thuong")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert accepted.stdout.strip() == "@bien-tap-son-thuong được sửa cả 1 tệp."

    widened = run_ci_job(merge_request(origin, tmp_path, "rules", widen_rules), "bien-tap-son-thuong")
    assert widened.returncode == 1
    assert widened.stdout.splitlines()[:2] == [
        "content/documents.yml: @bien-tap-son-thuong không được sửa tệp này; người được sửa: @bien-tap-tinh [not-owner]",
        "deploy/cms/OWNERS: @bien-tap-son-thuong không được sửa tệp này; người được sửa: @phe-duyet-tinh [not-owner]",
    ]

    ci = merge_request(origin, tmp_path, "rename", rename_into_own_folder)
    renamed = run_ci_job(ci, "bien-tap-son-thuong")
    moved = _git(ci, "diff", "--name-status", "-M", "origin/main...HEAD").split()
    assert moved[0].startswith("R"), moved  # git sees a rename: the new path alone is the unit's own
    assert renamed.returncode == 1
    assert renamed.stdout.splitlines()[0] == (
        f"{moved[1]}: @bien-tap-son-thuong không được sửa tệp này; người được sửa: @bien-tap-ba-to, @bien-tap-tinh [not-owner]")
    assert len(renamed.stdout.splitlines()) == 2  # the old path only; the new one is in the editor's folder

    deleted = run_ci_job(merge_request(origin, tmp_path, "delete", delete_outside), "bien-tap-son-thuong")
    assert deleted.returncode == 1
    assert deleted.stdout.splitlines()[0].startswith("units/ba-to/documents.yml: @bien-tap-son-thuong không được sửa tệp này")

    # the approver may change the rules; the rules the change brings are not the ones it is checked by
    assert run_ci_job(merge_request(origin, tmp_path, "rules-ok", widen_rules), "phe-duyet-tinh").returncode == 1  # content/ is not theirs
