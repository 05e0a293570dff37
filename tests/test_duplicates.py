"""One owner per thing: pylint's copy-paste detector finds no repeated block in generator/."""

import subprocess
import sys

from conftest import ROOT


def test_generator_has_no_repeated_block():
    run = subprocess.run(
        [sys.executable, "-m", "pylint", "--disable=all", "--enable=duplicate-code", "--score=n", "generator"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    # A failure prints pylint's report: "Similar lines in 2 files" with ==module:[first:last] for each copy.
    assert run.returncode == 0 and "R0801" not in run.stdout, run.stdout + run.stderr
