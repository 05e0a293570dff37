"""The site engine: MkDocs 1.6 or ProperDocs (its maintained drop-in fork), chosen by the setting
CCHC_ENGINE=mkdocs|properdocs (default below). Both build the generated configs unchanged with
Material; only the `generator` meta line of the pages differs.

Chosen once per process, before either is imported: ProperDocs makes every `mkdocs.*` import
(Material's included) resolve to itself, so the two cannot be mixed in one process.
"""

from __future__ import annotations

import logging
import os

from ..problems import UsageError
from ..problems.messages import Say

ENGINES = ("mkdocs", "properdocs")
LOGGER = "mkdocs"  # the logger every warning of a build reaches (set below for ProperDocs)
DEFAULT = "properdocs"
VARIABLE = "CCHC_ENGINE"


def engine_name() -> str:
    name = os.environ.get(VARIABLE, "").strip().lower() or DEFAULT
    if name not in ENGINES:
        raise UsageError(Say.BAD_ENGINE(variable=VARIABLE, name=name, engines=", ".join(ENGINES)))
    return name


if engine_name() == "properdocs":
    import properdocs.replacement  # noqa: F401 - from here on, `mkdocs.*` is ProperDocs
    from properdocs.commands.build import build
    from properdocs.commands.serve import serve
    from properdocs.config import load_config
    from properdocs.exceptions import ProperDocsException as EngineError

    # Loggers still named `mkdocs.*` (plugins, Material) report through ProperDocs' own, so their
    # warnings count in strict builds, as `properdocs build` arranges it.
    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
    LOGGER = "properdocs"
else:
    from mkdocs.commands.build import build  # type: ignore[assignment]
    from mkdocs.commands.serve import serve  # type: ignore[assignment]
    from mkdocs.config import load_config  # type: ignore[assignment]
    from mkdocs.exceptions import MkDocsException as EngineError  # type: ignore[assignment]

__all__ = ["LOGGER", "EngineError", "build", "load_config", "quiet", "serve"]


def quiet() -> None:
    """The engine logs every page at INFO; keep warnings (which fail strict builds) visible."""
    for name in ("mkdocs", "properdocs"):
        logging.getLogger(name).setLevel(logging.WARNING)
