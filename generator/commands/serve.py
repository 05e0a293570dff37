"""`cchc serve SLUG`: live preview of one unit. MkDocs' own server watches the unit's YAML, the
shared content, the templates and the theme; before each rebuild a hook regenerates the Markdown.
Content errors are printed and the last good pages stay on screen."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..catalog import ResolvedUnit
from ..pipeline import check
from ..render import render_unit
from ..errors import UsageError
from ..project import require_valid
from ..engine import serve as mkdocs_serve
from ..site import UnitPaths, quiet_mkdocs, unit_config, write_sources

HOOK = Path(__file__).resolve().parent.parent / "serve_hook.py"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def regenerate(root: Path, slug: str) -> ResolvedUnit:
    """Validate and render one unit into its build folder; raises ContentError on bad data."""
    units, problems = check(root)
    require_valid(problems)
    if slug not in units:
        raise UsageError(f"Không có đơn vị «{slug}» trong units/")
    write_sources(units[slug], render_unit(units[slug]), UnitPaths(root, slug))
    return units[slug]


def serve(root: Path, slug: str, port: int) -> None:
    unit = regenerate(root, slug)
    paths = UnitPaths(root, slug)
    config = unit_config(unit, paths)
    config["hooks"] = [str(HOOK)]
    config["watch"] = [str(root / "units" / slug), str(root / "content"), str(root / "theme"), str(TEMPLATES)]
    serve_file = paths.build_dir / "mkdocs.serve.yml"
    serve_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.environ["CCHC_ROOT"], os.environ["CCHC_SLUG"] = str(root), slug
    quiet_mkdocs()
    print(f"Xem trước {slug} tại http://127.0.0.1:{port}/ (Ctrl+C để dừng)")
    mkdocs_serve(str(serve_file), livereload=True, dev_addr=f"127.0.0.1:{port}")


