"""`cchc serve SLUG`: live preview of one unit. MkDocs' own server watches the unit's YAML, the
shared content, the templates and the theme; before each rebuild a hook regenerates the Markdown.
Content errors are printed and the last good pages stay on screen. Pages go through the same
MkDocs events as a build (engine/events.py), so the preview is sanitised and link-checked alike."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import yaml

from ..engine import UnitPaths, quiet_mkdocs, unit_config
from ..engine.choice import serve as mkdocs_serve
from ..pipeline import regenerate
from ..problems import UsageError
from ..problems.messages import Say

HOOK = Path(__file__).resolve().parent / "serve_events.py"
TEMPLATES = Path(__file__).resolve().parent.parent / "render" / "templates"


def is_free(port: int) -> bool:
    """Whether a server could listen on 127.0.0.1:`port` now."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def serve(root: Path, slug: str, port: int) -> None:
    if not is_free(port):
        raise UsageError(Say.PORT_IN_USE(port=port, next=port + 1))
    unit = regenerate(root, slug)
    paths = UnitPaths(root, slug)
    config = unit_config(unit, paths)
    config["hooks"] = [str(HOOK), *(str((paths.build_dir / h).resolve()) for h in config["hooks"])]
    config["watch"] = [str(root / "units" / slug), str(root / "content"), str(root / "theme"), str(TEMPLATES)]
    serve_file = paths.build_dir / "mkdocs.serve.yml"
    serve_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.environ["CCHC_ROOT"], os.environ["CCHC_SLUG"] = str(root), slug
    quiet_mkdocs()
    print(Say.PREVIEW(slug=slug, port=port))
    mkdocs_serve(str(serve_file), livereload=True, dev_addr=f"127.0.0.1:{port}")
