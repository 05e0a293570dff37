"""One unit's MkDocs site: writes its Markdown and a generated config that INHERITs the base
`mkdocs.yml`, then builds it in-process with MkDocs in strict mode.

The output is plain: Markdown files plus a config any MkDocs-compatible builder can read.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import engine
from .catalog import ResolvedUnit
from .markdown_text import plain_title
from .errors import BuildError
from .nav import nav
from .sanitize import sanitize_site


@dataclass(frozen=True)
class UnitPaths:
    """Where one unit's generated sources and built site live (`publish` builds elsewhere)."""

    root: Path
    slug: str
    work: Path | None = None
    out: Path | None = None

    @property
    def build_dir(self) -> Path:
        return self.work or self.root / "build" / self.slug

    @property
    def docs_dir(self) -> Path:
        return self.build_dir / "docs"

    @property
    def config_file(self) -> Path:
        return self.build_dir / "mkdocs.yml"

    @property
    def site_dir(self) -> Path:
        return self.out or self.root / "site" / self.slug


def _relative(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def _theme_extra(unit: ResolvedUnit) -> dict:
    """What the theme overrides show on every page: the unit's status and where to give feedback."""
    profile = unit.unit
    extra: dict = {
        "unit_name": profile.name,  # the theme overrides escape it themselves
        "status": profile.status.value,
        "search_fallback": "thu-tuc/" if unit.procedures else "",
    }
    if not profile.is_active:
        extra["status_label"] = profile.status.label
        extra["status_date"] = profile.status_date.strftime("%d/%m/%Y") if profile.status_date else ""
        if profile.successor:
            extra["successor"] = {"name": profile.successor.name, "url": profile.successor.url or ""}
    feedback = unit.hotlines.feedback if unit.hotlines else None
    if feedback:
        extra["feedback"] = {
            key: value
            for key, value in {
                "name": feedback.name,
                "phone": feedback.phone,
                "email": feedback.email,
                "address": feedback.address,
            }.items()
            if value
        }
    return extra


def unit_config(unit: ResolvedUnit, paths: UnitPaths) -> dict:
    """The generated config: only what differs per unit; everything else comes from mkdocs.yml."""
    here = paths.build_dir
    return {
        "INHERIT": _relative(paths.root / "mkdocs.yml", here),
        "site_name": plain_title(unit.unit.short_name),
        "site_description": plain_title(f"Thông tin cải cách hành chính của {unit.unit.name}"),
        "site_url": unit.unit.site_url,
        "docs_dir": "docs",
        "site_dir": _relative(paths.site_dir, here),
        "theme": {"custom_dir": _relative(paths.root / "theme", here)},
        "nav": [{entry.title: entry.path} for entry in nav(unit)],
        "extra": {"cchc": _theme_extra(unit)},
    }


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return  # unchanged files keep their mtime, so a live preview does not loop
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_sources(unit: ResolvedUnit, pages: dict[str, str], paths: UnitPaths) -> None:
    """Write the unit's Markdown and config, removing pages that no longer exist."""
    for dest, text in pages.items():
        _write_if_changed(paths.docs_dir / dest, text)
    if paths.docs_dir.is_dir():
        for stale in sorted(p for p in paths.docs_dir.rglob("*") if p.is_file()):
            if stale.relative_to(paths.docs_dir).as_posix() not in pages:
                stale.unlink()
    config = yaml.safe_dump(unit_config(unit, paths), allow_unicode=True, sort_keys=False, width=1000)
    _write_if_changed(paths.config_file, config)


def build_site(paths: UnitPaths) -> None:
    """Build one unit with MkDocs, strict: any MkDocs warning fails the build."""
    try:
        config = engine.load_config(config_file=str(paths.config_file), strict=True)
        if paths.site_dir.exists():
            shutil.rmtree(paths.site_dir)
        engine.build(config)
        sanitize_site(paths.site_dir)
    except engine.EngineError as error:
        raise BuildError(f"MkDocs không dựng được trang của «{paths.slug}»: {error}") from error
    except OSError as error:
        raise BuildError(f"Lỗi ghi tệp khi dựng «{paths.slug}»: {error}") from error


def quiet_mkdocs() -> None:
    """MkDocs logs every page at INFO; keep warnings (which fail strict builds) visible."""
    engine.quiet()
