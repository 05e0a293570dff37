"""One unit's MkDocs site: writes its Markdown and a generated config that INHERITs the base
`mkdocs.yml`, then builds it in-process with MkDocs in strict mode.

The output is plain: Markdown files plus a config any MkDocs-compatible builder can read.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content_types import PROCEDURE, REGISTRY, Registry
from ..problems import BuildError, printable
from ..problems.messages import Say
from ..render.nav import nav
from ..render.text import plain_title
from ..resolve import ResolvedUnit
from ..routes import FEED, SEARCH_INDEX, url_for
from ..schema.types import format_date
from . import choice as engine

EVENTS = Path(__file__).resolve().parent / "events.py"


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


def _theme_extra(unit: ResolvedUnit) -> dict[str, Any]:
    """What the theme overrides show on every page: the unit's status and where to give feedback."""
    profile = unit.unit
    extra: dict[str, Any] = {
        "unit_name": profile.name,  # the theme overrides escape it themselves
        "status": profile.status.value,
        "search_fallback": url_for(PROCEDURE) if unit.has(PROCEDURE) else "",
        "feed": FEED.url,
        "search_index": SEARCH_INDEX.url,
    }
    if not profile.is_active:
        extra["status_label"] = profile.status.label
        extra["status_date"] = format_date(profile.status_date) if profile.status_date else ""
        extra["successors"] = [{"name": heir.name, "url": heir.url or ""} for heir in profile.heirs]
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


def unit_config(unit: ResolvedUnit, paths: UnitPaths, registry: Registry = REGISTRY) -> dict[str, Any]:
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
        "nav": [{entry.title: entry.route.file} for entry in nav(unit, registry)],
        "hooks": [_relative(EVENTS, here)],
        "extra": {"cchc": _theme_extra(unit)},
    }


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return  # unchanged files keep their mtime, so a live preview does not loop
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_sources(unit: ResolvedUnit, pages: dict[str, str], paths: UnitPaths, registry: Registry = REGISTRY) -> None:
    """Write the unit's Markdown and config, removing pages that no longer exist."""
    for dest, text in pages.items():
        _write_if_changed(paths.docs_dir / dest, text)
    if paths.docs_dir.is_dir():
        for stale in sorted(p for p in paths.docs_dir.rglob("*") if p.is_file()):
            if stale.relative_to(paths.docs_dir).as_posix() not in pages:
                stale.unlink()
    config = yaml.safe_dump(unit_config(unit, paths, registry), allow_unicode=True, sort_keys=False, width=1000)
    _write_if_changed(paths.config_file, config)


class _Warnings(logging.Handler):
    """Keeps every MkDocs warning of one build, so the editor reads them in full."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# What an editor can do about each kind of MkDocs warning (matched on MkDocs' own English text).
_ADVICE = (
    ("BROKEN_LINK", "Liên kết giữa các trang hỏng. Nếu liên kết do dữ liệu tạo ra (số kế hoạch, mã thủ tục), kiểm tra "
     "dữ liệu đó; nếu không, gửi thông báo này cho nhóm kỹ thuật."),
    ("contains a link", "Liên kết giữa các trang hỏng. Nếu liên kết do dữ liệu tạo ra (số kế hoạch, mã thủ tục), kiểm tra "
     "dữ liệu đó; nếu không, gửi thông báo này cho nhóm kỹ thuật."),
    ("anchor", "Liên kết tới một mục không có trong trang. Gửi thông báo này cho nhóm kỹ thuật."),
)
_GENERIC = "Gửi nguyên văn thông báo này cho nhóm kỹ thuật; dữ liệu đã hợp lệ nên lỗi nằm ở mẫu trang hoặc giao diện."


def describe_warning(slug: str, message: str) -> str:
    """One MkDocs warning as the editor reads it: the unit, the page, MkDocs' text, what to do."""
    if message.startswith("BROKEN_LINK "):
        page, url, problem = message.removeprefix("BROKEN_LINK ").split(" | ", 2)
        text = f"trang {page}: liên kết «{url}»: {problem}"
    else:
        text = message
    advice = next((a for needle, a in _ADVICE if needle in message), _GENERIC)
    return printable(f"Đơn vị «{slug}», {text}") + f"\n    Việc cần làm: {advice}"


def build_site(paths: UnitPaths) -> None:
    """Build one unit with MkDocs, strict: any MkDocs warning fails the build and is reported whole."""
    warnings = _Warnings()
    logger = logging.getLogger(engine.LOGGER)
    logger.addHandler(warnings)
    try:
        config = engine.load_config(config_file=str(paths.config_file), strict=True)
        if paths.site_dir.exists():
            shutil.rmtree(paths.site_dir)
        engine.build(config)
    except engine.EngineError as error:
        shown = "\n".join(describe_warning(paths.slug, m) for m in warnings.messages) or printable(str(error))
        raise BuildError(Say.ENGINE_FAILED(slug=paths.slug, error=error, shown=shown)) from error
    except OSError as error:
        raise BuildError(Say.WRITE_FAILED(slug=paths.slug, error=error)) from error
    finally:
        logger.removeHandler(warnings)


def quiet_mkdocs() -> None:
    """The engine logs every page at INFO; its warnings are gathered by `build_site` and shown whole."""
    engine.quiet()


def source_date_epoch(root: Path) -> str | None:
    """The time of the checked-out commit, so two builds of one commit are byte-identical."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def use_commit_time(root: Path) -> None:
    """Stamp this run's builds with the commit's time (SOURCE_DATE_EPOCH) unless one is set."""
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := source_date_epoch(root)):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
