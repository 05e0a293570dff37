"""`cchc edit UNIT`: the web editor for one unit on this machine. Decap CMS's page, served with
Decap's proxy-backend API by one Python process (`generator/cms/server.py`) that refuses any save
`cchc validate` would refuse and commits each save to git; the unit's live preview (`cchc serve`)
beside it. The first line printed is the address with the session's secret, as Jupyter does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import webbrowser
from pathlib import Path

from ..cms.server import CMS_DIR, EditServer, free_port, installed
from ..problems import UsageError
from ..problems.messages import Say
from .serve import is_free


def _can_open_a_browser() -> bool:
    """A graphical session: else `webbrowser` would start a text browser in this terminal."""
    return sys.platform in ("win32", "darwin") or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def edit(root: Path, slug: str, port: int, preview_port: int, name: str | None = None, browser: bool = True) -> None:
    if not installed():
        raise UsageError(Say.EDITOR_NOT_INSTALLED(folder=CMS_DIR))
    if not is_free(preview_port):
        preview_port = free_port()  # another program holds the usual port: the preview takes any free one
    preview_url = f"http://127.0.0.1:{preview_port}/"
    server = EditServer(root, slug, port, preview_url=preview_url, name=name)
    preview = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), "serve", slug, "--port", str(preview_port)],
                               stdout=subprocess.DEVNULL)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as with Ctrl+C: children too
    server.start()
    print(server.url, flush=True)  # the first line: tools read the address (and its secret) from it
    who = Say.EDITOR_NAMED(name=server.editor) if server.editor else Say.EDITOR_UNNAMED()
    print(Say.EDITOR_RUNNING(slug=slug, preview=preview_url, who=who), flush=True)
    if browser and _can_open_a_browser():
        webbrowser.open(server.url)
    try:
        told = False
        while True:  # until Ctrl+C; the editor keeps working if the preview stops
            if not told and preview.poll() is not None:
                print(Say.PREVIEW_STOPPED(), flush=True)
                told = True
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if preview.poll() is None:
            preview.terminate()
            preview.wait(10)
