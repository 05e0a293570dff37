"""Shared fixtures: a private copy of the bundled project, the `cchc` command run as a user runs
it, and one real build of every bundled unit per test session."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["content", "units", "theme", "schema", "mkdocs.yml"]


# Lines tests want shown at the end of every run (e.g. how many payloads and fields were covered).
SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)


# Tests that drive a real browser, Java (the Nu HTML Checker) or nginx, or publish many releases, and
# the files about built pages (each test builds a unit with MkDocs, a second or more): the full
# `make test` runs them; `make test-fast` leaves them out.
SLOW_MODULES = {"test_browser", "test_html", "test_nginx", "test_publish", "test_publish_deploy", "test_publish_faults", "test_publish_live", "test_publish_engine", "test_cms_edit",
                "test_site", "test_open_data", "test_routes", "test_sources", "test_site_url", "test_nesting"}


# Single tests of otherwise fast files that publish or build whole sites, start LibreOffice, a server
# or a few hundred random documents: each takes seconds, together a third of the fast loop's time.
SLOW_TESTS = {
    # a publish, or a build, of bundled units
    "test_scheduled::test_the_nightly_publish_leaves_the_unit_alone_before_the_day_and_rebuilds_it_on_the_day",
    "test_scheduled::test_a_report_dated_to_appear_later_is_nowhere_before_and_everywhere_from_that_day",
    "test_scheduled::test_an_imported_draft_is_held_off_the_site_until_every_review_mark_is_gone",
    "test_province::test_a_held_back_unit_keeps_its_last_published_figures_in_the_rollup_marked_with_their_date",
    "test_province::test_an_edit_to_one_member_rebuilds_that_member_and_the_province_only",
    "test_province::test_a_held_back_unit_stays_in_the_directory_from_its_last_published_data",
    "test_publish_recipe::test_the_recipe_publishes_every_good_unit_when_one_is_bad",
    "test_new::test_every_kind_together_builds",
    "test_figures::test_the_open_data_holds_the_value_the_page_shows",
    "test_validation::test_a_tag_is_not_executed_by_validate_or_build",
    "test_checks::test_build_shows_warnings_and_still_publishes",
    # LibreOffice, the preview server, git clones and pulls, Hypothesis's random documents
    "test_owners::test_the_ci_job_checks_the_change_against_the_target_branchs_rules",
    "test_spreadsheet::test_the_csv_opens_in_a_spreadsheet_as_text_and_numbers_never_formulas",
    "test_serve::test_preview_regenerates_on_yaml_edits_and_survives_bad_data",
    "test_cms_security::test_accepted_saves_leave_the_project_valid_after_a_refusal_and_a_pull",
    "test_properties::test_random_yaml_documents",
}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The fast loop (`-m "not slow"`) does not even import the slow files (Playwright, axe, …)."""
    if config.getoption("markexpr") == "not slow" and collection_path.stem in SLOW_MODULES:
        return True
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    modules = {}
    for item in items:
        modules[item.module.__name__] = item.module
        name = f"{item.module.__name__}::{getattr(item, 'originalname', '')}"
        if item.module.__name__ in SLOW_MODULES or name in SLOW_TESTS or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
    # a renamed test must not slip back into the fast loop unnoticed
    lost = [n for n in SLOW_TESTS if n.split("::")[0] in modules and not hasattr(modules[n.split("::")[0]], n.split("::")[1])]
    if lost:
        raise pytest.UsageError(f"SLOW_TESTS in tests/conftest.py names tests that do not exist: {sorted(lost)}")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden from the current output")


@dataclass
class Run:
    code: int
    out: str
    err: str


def copy_project(dest: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    return dest


def cchc(root: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """Run `python -m generator -C root ...` exactly as an editor or CI would."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def keep_only(project: Path, slug: str) -> Path:
    """Remove every unit of a project copy but `slug`: for tests where one unit proves the point, a
    publish then builds one site instead of six (with the province over them)."""
    for unit in (project / "units").iterdir():
        if unit.is_dir() and unit.name != slug:
            shutil.rmtree(unit)
    return project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private, editable copy of the bundled project."""
    return copy_project(tmp_path / "project")


# Debian's headless shell: the same Blink as the chromium package (same version, layout, fonts and
# DevTools protocol) without the desktop browser around it, which Playwright itself runs for headless
# tests. A third less CPU for the same pages and checks (docs/testing.md).
CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # A unit's real host reaches the local nginx of tests/test_nginx.py, so the browser asks for it by
    # name as a citizen's would (the serving map then answers it like any other host).
    "--host-resolver-rules=MAP sonthuong.sonha.quangngai.gov.vn 127.0.0.1",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, one for the whole session (Playwright's sync API
    allows one running instance per process)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def wait_until(page: Any, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression from Python until it is true. Never `page.wait_for_function`
    with a string: Playwright polls it inside the page with `eval`, which the sites' CSP (no
    'unsafe-eval') refuses as soon as the first check is not already true, so the test failed only
    on a busy machine. `page.evaluate` runs the expression once, through the DevTools protocol."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:g} s: {expression}")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled units built once, for real, with MkDocs strict mode."""
    root = copy_project(tmp_path_factory.mktemp("built"))
    run = cchc(root, "build", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    return root


def _first_publish(base: Path, only: str | None = None) -> Path:
    project = copy_project(base / "project")
    if only is not None:
        keep_only(project, only)
    run = cchc(project, "publish", "--dest", str(base / "www"), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    return base / "www"


@pytest.fixture(scope="session")
def first_publish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project's first `cchc publish` into an empty destination, run for real once per
    test process (a full publish builds all six units: about 5 s of CPU)."""
    return _first_publish(tmp_path_factory.mktemp("first-publish"))


@pytest.fixture(scope="session")
def first_publish_of_son_thuong(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same for a project that holds Sơn Thượng alone (about 1 s of CPU)."""
    return _first_publish(tmp_path_factory.mktemp("first-publish-son-thuong"), "son-thuong")


def _copy_of(published: Path, dest: Path) -> Path:
    shutil.copytree(published, dest, symlinks=True)
    return dest


@pytest.fixture
def published(project: Path, tmp_path: Path, first_publish: Path) -> Path:
    """`project` as already published once: tmp_path/www holds a copy of the session's real first
    publish of the same bundled project (symlinks, modes and times kept, nothing in it names its
    folder), for tests about what a later run does. The copy's files have new inodes, so the next run
    rereads every release whole once, as after a restore from backup; a test about the run's cache of
    what it last checked publishes for real instead."""
    return _copy_of(first_publish, tmp_path / "www")


@pytest.fixture
def son_thuong_published(project: Path, tmp_path: Path, first_publish_of_son_thuong: Path) -> Path:
    """`published` for tests about one unit's releases: `project` keeps Sơn Thượng alone, and the
    destination is a copy of its first publish, so each later run builds and rereads one site, not
    six (with the province over them)."""
    keep_only(project, "son-thuong")
    return _copy_of(first_publish_of_son_thuong, tmp_path / "www")


UNITS = sorted(p.name for p in (ROOT / "units").iterdir() if p.is_dir())


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def servers(built):
    """Each unit served at the root of its own loopback origin, as on its own domain."""
    running = {}
    for slug in UNITS:
        handler = functools.partial(_Quiet, directory=str(built / "site" / slug))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running[slug] = server
    yield {slug: f"http://127.0.0.1:{s.server_address[1]}" for slug, s in running.items()}
    for server in running.values():
        server.shutdown()
