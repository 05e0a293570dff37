"""Odd and hostile input files: each gets a clear error naming its file and line, fast, never a
traceback or a hang; and files that are odd but fine (BOM, CRLF, scripts inside text) are accepted."""

import os
import time
from pathlib import Path

import pytest
from conftest import ROOT, SUMMARY, cchc
from test_validation import error_lines

from generator.pipeline import check
from generator.problems import Severity

CORPUS = sorted((ROOT / "tests" / "data" / "hostile").glob("*.yml"))
TARGETS = {
    "unit": "units/son-thuong/unit.yml",
    "report": "units/son-thuong/reports/hostile.yml",
    "procedure": "content/procedures/2.000815.yml",
}


def place(project: Path, sample: Path) -> str:
    target = TARGETS[sample.name.split("--")[1]]
    (project / target).write_bytes(sample.read_bytes())
    return target


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 40
    SUMMARY.append(f"hostile input: {len(CORPUS)} odd or hostile YAML files")


@pytest.mark.parametrize("sample", CORPUS, ids=lambda p: p.stem)
def test_each_file_is_answered_quickly_with_its_place(project, sample):
    target = place(project, sample)
    started = time.monotonic()
    _, problems = check(project)  # any exception here fails the test: no traceback reaches an editor
    elapsed = time.monotonic() - started
    assert elapsed < 5, f"{elapsed:.1f} s"
    errors = [p for p in problems if p.severity is Severity.ERROR and p.file == target]
    if sample.name.startswith("error--"):
        assert errors, "expected an error naming the file"
        assert all(p.line >= 1 and p.column >= 1 and p.message and p.code for p in errors)
    else:
        assert errors == [], [p.format() for p in errors]


@pytest.mark.parametrize("name", ["error--unit--alias-bomb", "error--unit--python-object", "error--unit--nul-byte",
                                  "error--unit--utf16", "error--unit--deep-flow-nesting"])
def test_the_command_line_prints_no_traceback(project, name):
    target = place(project, ROOT / "tests" / "data" / "hostile" / f"{name}.yml")
    run = cchc(project, "validate")
    assert run.code == 1
    assert "Traceback" not in run.err
    assert error_lines(run.err)[0].startswith(f"{target}:")


def test_a_symlink_to_a_file_outside_is_refused_not_read(project, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("name: bí mật\n", encoding="utf-8")
    hotlines = project / "units/son-thuong/hotlines.yml"
    hotlines.unlink()
    hotlines.symlink_to(secret)
    _, problems = check(project)
    assert [p.format() for p in problems if p.severity is Severity.ERROR] == [
        "units/son-thuong/hotlines.yml:1:1: Tệp là liên kết (symlink); hãy thay bằng tệp thật trong thư mục này [file-is-symlink]"
    ]


def test_a_unit_folder_that_is_a_symlink_is_refused(project, tmp_path):
    (project / "units/lien-ket").symlink_to(project / "units/son-thuong")
    _, problems = check(project)
    assert "units/lien-ket:1:1: Thư mục đơn vị là liên kết (symlink); hãy dùng thư mục thật [file-is-symlink]" in [
        p.format() for p in problems
    ]


def test_a_symlinked_reports_folder_is_reported_not_silently_dropped(project, tmp_path):
    """Observed (issue 12): the unit published without its reports and nobody was told."""
    outside = tmp_path / "reports-elsewhere"
    os.rename(project / "units/son-thuong/reports", outside)
    (project / "units/son-thuong/reports").symlink_to(outside)
    run = cchc(project, "validate")
    assert run.code == 1
    assert "units/son-thuong/reports:1:1: Thư mục là liên kết (symlink); hãy dùng thư mục thật [file-is-symlink]" in run.err


def test_names_that_become_web_addresses_must_be_plain(project):
    os.rename(project / "units/tra-bong", project / "units/Trà Bồng")
    os.rename(project / "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml", project / "units/son-thuong/reports/Báo cáo.yml")
    _, problems = check(project)
    errors = [p.format() for p in problems if p.severity is Severity.ERROR]
    assert (
        "units/Trà Bồng:1:1: Tên thư mục «Trà Bồng» sẽ là mã đơn vị: chỉ dùng chữ thường không dấu, số, dấu gạch nối "
        "[invalid-unit-folder]"
    ) in errors
    assert (
        "units/son-thuong/reports/Báo cáo.yml:1:1: Tên tệp «Báo cáo.yml» sẽ là địa chỉ trang: chỉ dùng chữ thường "
        "không dấu, số, dấu gạch nối [invalid-file-name]"
    ) in errors


def test_text_longer_than_the_limit_is_refused(project):
    target = place(project, ROOT / "tests/data/hostile/error--unit--huge-string.yml")
    _, problems = check(project)
    assert f"{target}:4:11: province: Đoạn chữ dài 20000 ký tự, quá giới hạn 10000 [text-too-long]" in [
        p.format() for p in problems
    ]
