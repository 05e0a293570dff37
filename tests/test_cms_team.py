"""Team mode's ready files: every CI file under deploy/ is valid for its host by the host's own schema
(check-jsonschema's vendored copies of GitLab's and GitHub's), and the merge-request job runs exactly
the commands the other tests prove (`cchc validate --format json` → Code Quality, `cchc owners`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

CHECKER = str(Path(sys.executable).parent / "check-jsonschema")


def ci_files() -> dict[str, str]:
    """Every CI file under deploy/ and the host schema it is written for."""
    found = {}
    for path in sorted((ROOT / "deploy").rglob("*.yml")):
        name = path.relative_to(ROOT).as_posix()
        if "gitlab-ci" in path.name:
            found[name] = "vendor.gitlab-ci"
        elif path.name.startswith("github") or "workflows" in path.parts:
            found[name] = "vendor.github-workflows"
    return found


def check(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CHECKER, "--builtin-schema", schema, str(path)], capture_output=True, text=True)


def test_every_ci_file_under_deploy_is_found():
    assert ci_files() == {
        "deploy/cms/gitlab-ci.yml": "vendor.gitlab-ci",
        "deploy/github-publish.yml": "vendor.github-workflows",
        "deploy/gitlab-ci.yml": "vendor.gitlab-ci",
    }


@pytest.mark.parametrize(("name", "schema"), sorted(ci_files().items()))
def test_the_ci_file_is_valid_for_its_host(name, schema):
    run = check(schema, ROOT / name)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("mistake", [("when: always", "when: sometimes"), ("  script:\n", "  scripts:\n"), ("rules:\n", "rules: on merge\n")])
def test_the_schema_check_refuses_a_broken_merge_request_job(mistake, tmp_path):
    old, new = mistake
    text = (ROOT / "deploy" / "cms" / "gitlab-ci.yml").read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "gitlab-ci.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert check("vendor.gitlab-ci", broken).returncode != 0


def test_the_merge_request_jobs_run_what_the_tests_prove():
    text = (ROOT / "deploy" / "cms" / "gitlab-ci.yml").read_text(encoding="utf-8")
    # test_owners.py: validate --format json becomes the Code Quality report GitLab shows on the lines
    assert "cchc validate --format json > cchc.json" in text
    assert "python -m generator.cms.codequality cchc.json > gl-code-quality-report.json" in text
    assert "codequality: gl-code-quality-report.json" in text
    # test_owners.py: the author may change only what deploy/cms/OWNERS gives them
    assert 'cchc owners --editor "$GITLAB_USER_LOGIN" --target "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"' in text
    assert (ROOT / "deploy" / "cms" / "OWNERS").is_file()
    assert text.count('$CI_PIPELINE_SOURCE == "merge_request_event"') == 2  # both jobs, on every merge request


def test_the_editors_guide_shows_every_screenshot_the_tests_take():
    import re

    guide = (ROOT / "docs" / "huong-dan-soan-thao-web.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\]\(anh-bien-tap/([^)]+)\.png\)", guide))
    edit, ux, imports = ((ROOT / "tests" / f"test_cms_{name}.py").read_text(encoding="utf-8") for name in ("edit", "ux", "import"))
    taken = set(re.findall(r'_shot\(page, "([^"]+)"\)', edit + imports))
    named = re.findall(r'_shot\(page, f"([^"]+)-\{width\}"\)', ux) + re.findall(r'_at_both_widths\(page, "([^"]+)"\)', ux)
    taken |= {f"{name}-{width}" for name in named for width in (390, 1280)}  # each screen at a phone's and a desktop's width
    taken |= {f"{name}-{width}" for name in re.findall(r'_fits_and_passes_axe\(page, "([^"]+)"', imports) for width in (320, 1280)}
    assert shown <= taken and len(shown) >= 5  # every picture in the guide is one a test retakes
    assert all((ROOT / "docs" / "anh-bien-tap" / f"{name}.png").is_file() for name in shown)
    assert "huong-dan-soan-thao-web.md" in (ROOT / "docs" / "huong-dan-bien-tap.md").read_text(encoding="utf-8")
