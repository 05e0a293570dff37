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


# Tests that drive a real browser, Java (the Nu HTML Checker) or nginx, or publish many releases: the
# full `make test` runs them; `make test-fast` leaves them out.
SLOW_MODULES = {"test_browser", "test_html", "test_nginx", "test_publish", "test_publish_deploy", "test_publish_faults", "test_publish_live", "test_publish_engine", "test_cms_edit"}


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
