"""MkDocs hook used only by `cchc serve`: regenerate the unit's Markdown before every rebuild."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from generator.commands.serve import regenerate
from generator.errors import ContentError, print_problems


def on_pre_build(config, **kwargs) -> None:  # noqa: ANN001 - MkDocs hook signature
    try:
        regenerate(Path(os.environ["CCHC_ROOT"]), os.environ["CCHC_SLUG"])
    except ContentError as error:
        print_problems(error.problems)
        print("Dữ liệu có lỗi: trang xem trước giữ bản hợp lệ gần nhất.", file=sys.stderr)
