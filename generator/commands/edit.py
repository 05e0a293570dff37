"""`cchc edit UNIT`: the web editor for one unit on this machine. Decap CMS with its local backend
(decap-server) on the project folder, behind a proxy that refuses any save `cchc validate` would
refuse, and the unit's live preview (`cchc serve`) beside it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from ..cms.server import EditServer
from ..problems.messages import Say


def edit(root: Path, slug: str, port: int, preview_port: int) -> None:
    preview_url = f"http://127.0.0.1:{preview_port}/"
    server = EditServer(root, slug, port, preview_url=preview_url)
    preview = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), "serve", slug, "--port", str(preview_port)])
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as with Ctrl+C: children too
    server.start()
    print(Say.EDITOR(slug=slug, port=server.port, preview=preview_url))
    try:
        while preview.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        if preview.poll() is None:
            preview.terminate()
            preview.wait(10)
