"""`cchc build [SLUG...]`: build the named units (default: all) into site/<slug>/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..errors import print_problems
from ..pipeline import build as build_units
from ..fingerprint import source_date_epoch
from ..site import quiet_mkdocs


def build(root: Path, slugs: list[str], strict: bool = False) -> None:
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := source_date_epoch(root)):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    quiet_mkdocs()
    built, warnings = build_units(root, slugs or None, strict)
    for paths in built:
        print(f"Đã dựng {paths.slug}: {paths.site_dir.relative_to(root)}/index.html")
    if warnings:
        print_problems(warnings)
        print(f"Có {len(warnings)} cảnh báo (không chặn việc dựng trang; xem bằng: cchc validate).", file=sys.stderr)
