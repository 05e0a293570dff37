"""No arrow back up the layers: a module imports only from its own stage or the stages before it
(docs/architecture.md). Read from the source with `ast`, every import counted, lazy ones inside a
function and `TYPE_CHECKING` ones included, so a new upward import fails here with its file and line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "generator"

# Bottom to top. Modules of one layer may import each other only inside their own package (the
# editor does not import publish, nor publish the editor).
LAYERS: list[tuple[str, ...]] = [
    ("generator.problems",),
    ("generator.schema",),
    ("generator.content_types",),
    ("generator.load", "generator.routes"),
    ("generator.resolve",),
    ("generator.render",),
    ("generator.engine",),
    ("generator.pipeline",),
    ("generator.importer",),  # below the editor, which offers «Nhập từ văn bản» (generator/cms/imports.py)
    ("generator.publish", "generator.cms"),
    ("generator.commands",),
    ("generator.cli", "generator.__main__", "generator"),
]


def owner(module: str) -> tuple[int, str]:
    """The layer of a module and the package (a prefix of LAYERS) it belongs to."""
    best: tuple[int, str] | None = None
    for level, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[1])):
                best = (level, prefix)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in tests/test_layers.py and docs/architecture.md")
    return best


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, text: str) -> list[tuple[int, str]]:
    """(line, module) of every import of a `generator` module in a file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            target = f"{base}.{node.module}" if node.level and node.module else (base if node.level else node.module or "")
            # `from . import x` or `from .pkg import y` may name a module: count the deepest one that exists
            for alias in node.names:
                deeper = f"{target}.{alias.name}"
                exists = (ROOT / Path(*deeper.split("."))).with_suffix(".py").is_file() or (ROOT / Path(*deeper.split("."))).is_dir()
                found.append((node.lineno, deeper if exists else target))
    return [(line, module) for line, module in found if module == "generator" or module.startswith("generator.")]


def sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))}


def upward_imports(files: dict[Path, str]) -> list[str]:
    found = []
    for path, text in files.items():
        here = module_name(path)
        level, package = owner(here)
        for line, target in imports(path, text):
            their_level, their_package = owner(target)
            if their_level > level or (their_level == level and their_package != package and level < len(LAYERS) - 1):
                found.append(f"{path.relative_to(ROOT)}:{line}: {here} → {target}")
    return found


def test_no_module_imports_a_later_stage():
    assert upward_imports(sources()) == []


def test_an_upward_import_is_caught_with_its_file_and_line():
    """The check itself can fail: a resolve module importing the renderer lazily, inside a function."""
    probe = {PACKAGE / "resolve" / "probe.py": "def f():\n    from ..render.text import number\n    return number\n"}
    assert upward_imports(probe) == ["generator/resolve/probe.py:2: generator.resolve.probe → generator.render.text"]


@pytest.mark.parametrize("module", ["generator.problems.codes", "generator.cms.server", "generator.cli"])
def test_every_module_has_a_layer(module):
    assert owner(module)
