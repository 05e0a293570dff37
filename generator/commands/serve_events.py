"""MkDocs hook used only by `cchc serve`: regenerate the unit's Markdown before every rebuild.
Bad data is printed and the last good pages stay on screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from generator.cms.answers import named
from generator.pipeline import regenerate
from generator.problems import ContentError, print_problems
from generator.problems.messages import Say


def on_pre_build(config: Any, **kwargs: Any) -> None:
    try:
        regenerate(Path(os.environ["CCHC_ROOT"]), os.environ["CCHC_SLUG"])
    except ContentError as error:
        print_problems(error.problems, named)
        print(Say.PREVIEW_KEPT(), file=sys.stderr)
