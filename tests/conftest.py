"""Shared fixtures: a private copy of the bundled project, the `cchc` command run as a user runs
it, and one real build of every bundled unit per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["content", "units", "theme", "schema", "mkdocs.yml"]


# Lines tests want shown at the end of every run (e.g. how many payloads and fields were covered).
SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    for line in SUMMARY:
        terminalreporter.write_line(line)


# Tests that drive a real browser, Java (the Nu HTML Checker) or nginx, or publish many releases: the
# full `make test` runs them; `make test-fast` leaves them out.
SLOW_MODULES = {"test_browser", "test_html", "test_nginx", "test_publish"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module.__name__ in SLOW_MODULES or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private, editable copy of the bundled project."""
    return copy_project(tmp_path / "project")


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
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


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled units built once, for real, with MkDocs strict mode."""
    root = copy_project(tmp_path_factory.mktemp("built"))
    run = cchc(root, "build", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.code == 0, run.err
    return root
