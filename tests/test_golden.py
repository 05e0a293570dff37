"""Golden Markdown: what citizens will read, committed under tests/golden/<unit>/ so a template or
content change shows up as a readable diff. Refresh after an intended change with `make golden`."""

import difflib
import shutil

import pytest
import yaml
from conftest import ROOT

from generator.engine import UnitPaths, unit_config
from generator.pipeline import check, render_all
from generator.resolve import ResolvedUnit

GOLDEN = ROOT / "tests" / "golden"


def current_output() -> dict[str, str]:
    units, problems = check(ROOT)
    errors = [p.format() for p in problems if p.severity.value == "error"]
    assert not errors, errors
    files: dict[str, str] = {}
    for slug, pages in render_all(units, sorted(units)).items():
        files.update({f"{slug}/{path}": text for path, text in pages.items()})
        files[f"{slug}/mkdocs.yml"] = config_text(units[slug])
    return files


def config_text(unit: ResolvedUnit) -> str:
    config = unit_config(unit, UnitPaths(ROOT, unit.slug))
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)


def test_markdown_matches_golden(request):
    output = current_output()
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in output.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten")
    committed = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(output) == sorted(committed), "pages added or removed: run `make golden` and review the diff"
    diffs = [
        "".join(difflib.unified_diff(committed[n].splitlines(True), output[n].splitlines(True), f"golden/{n}", f"now/{n}"))
        for n in sorted(output)
        if output[n] != committed[n]
    ]
    assert not diffs, "Markdown changed (run `make golden` if intended):\n" + "\n".join(diffs)
