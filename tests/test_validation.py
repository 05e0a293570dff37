"""What an editor sees for each mistake: the exact lines `cchc validate` prints, exit code 1, no
traceback, nothing built. One test per rule pins its message."""

from pathlib import Path

import pytest
from conftest import ROOT, cchc

SUMMARY = "chưa dựng trang nào vì còn lỗi. Sửa các dòng trên rồi chạy lại."


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def error_lines(stderr: str) -> list[str]:
    """The error lines and the summary: hints and the bundled content's warnings left out."""
    return [line for line in stderr.splitlines() if not line.startswith("    Gợi ý: ") and ": cảnh báo:" not in line]


def assert_reports(root: Path, *lines: str) -> None:
    run = cchc(root, "validate")
    assert "Traceback" not in run.err
    *errors, summary = error_lines(run.err)
    assert errors == list(lines)
    assert summary.startswith(f"Có {len(lines)} lỗi") and summary.endswith(SUMMARY)
    assert run.code == 1
    assert not (root / "site").exists()


def test_bundled_content_is_valid(project):
    run = cchc(project, "validate")
    assert run.code == 0
    assert run.out == "Dữ liệu hợp lệ: không có lỗi (11 cảnh báo, không chặn việc dựng trang).\n"


def test_every_problem_line_is_followed_by_its_fix_hint(project):
    edit(project, "units/ba-to/unit.yml", "status_date: 01/07/2025", "status_date: 31/02/2024")
    lines = cchc(project, "validate").err.splitlines()
    at = lines.index("units/ba-to/unit.yml:14:14: status_date (Ngày sáp nhập hoặc giải thể): Ngày «31/02/2024» không có trên lịch [invalid-date]")
    assert lines[at + 1] == "    Gợi ý: Ghi ngày có thật trên lịch, dạng ngày/tháng/năm."
    shown = "\n".join(lines[at:at + 2]) + "\n"
    for page in ("README.md", "docs/content.md"):  # the example a newcomer reads is what cchc prints
        assert shown in (ROOT / page).read_text(encoding="utf-8"), page


CASES = {
    "duplicate key": (
        "units/son-thuong/unit.yml", "province: Quảng Ngãi\n", "province: Quảng Ngãi\nprovince: Quảng Ngãi\n",
        ["units/son-thuong/unit.yml:8:1: Khoá «province» bị lặp lại trong cùng một khối [duplicate-key]"],
    ),
    "unknown key, with a suggestion": (
        "units/son-thuong/unit.yml", "short_name:", "shortname:",
        [
            "units/son-thuong/unit.yml:3:1: short_name (Tên ngắn hiển thị): Thiếu trường bắt buộc [missing-field]",
            "units/son-thuong/unit.yml:4:1: shortname: Không có trường «shortname» ở đây; có phải ý bạn là «short_name»? [unknown-key]",
        ],
    ),
    "a date not on the calendar": (
        "units/ba-to/unit.yml", "status_date: 01/07/2025", "status_date: 31/02/2024",
        ["units/ba-to/unit.yml:14:14: status_date (Ngày sáp nhập hoặc giải thể): Ngày «31/02/2024» không có trên lịch [invalid-date]"],
    ),
    "a tab in the indentation": (
        "units/son-thuong/hotlines.yml", "  name: Bộ phận", "\tname: Bộ phận",
        ["units/son-thuong/hotlines.yml:5:1: Có ký tự Tab trong phần thụt lề; YAML chỉ dùng dấu cách [yaml-tab]"],
    ),
    "an unclosed quote": (
        "units/son-thuong/procedures.yml", 'code: "2.000815"', 'code: "2.000815',
        ["units/son-thuong/procedures.yml:5:11: Dấu ngoặc kép hoặc nháy đơn chưa được đóng [yaml-unclosed-quote]"],
    ),
    "a python tag": (
        "units/son-thuong/unit.yml", "name: Ủy ban nhân dân xã Sơn Thượng",
        "name: !!python/object/apply:os.system ['touch pwned']",
        [
            "units/son-thuong/unit.yml:3:7: Không chấp nhận thẻ YAML «!!python/object/apply:os.system»; "
            "hãy xoá thẻ và chỉ ghi giá trị [yaml-tag]"
        ],
    ),
    "a list replaced by a scalar": (
        "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml", "purposes:\n- Tập trung", "purposes: Tập trung\nx:\n- Tập trung",
        [
            "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml:14:11: purposes (Mục đích): Cần một danh sách "
            "(mỗi mục một dòng bắt đầu bằng «- ») [not-a-list]",
            "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml:15:1: x: Không có trường «x» ở đây; "
            "kiểm tra lại chính tả hoặc xoá dòng này [unknown-key]",
        ],
    ),
    "a wrong choice": (
        "units/son-thuong/unit.yml", "level: commune", "level: xa",
        [
            "units/son-thuong/unit.yml:5:8: level (Cấp đơn vị): «xa» không hợp lệ; chọn một trong: 'province', 'commune', "
            "'ward', 'special-zone', 'township', 'department' or 'district' [invalid-choice]"
        ],
    ),
    "an unknown procedure code, with a suggestion": (
        "units/chi-lang-nam/procedures.yml", 'code: "1.000593"', 'code: "1.000539"',
        [
            "units/chi-lang-nam/procedures.yml:7:11: procedures[1].code (Thủ tục đơn vị giải quyết 2 › Thủ tục): Không có thủ tục mã «1.000539» trong "
            "danh mục content/procedures; có phải ý bạn là «1.000593»? [unknown-procedure]"
        ],
    ),
    "a procedure code written as a number": (
        "content/procedures/1.000593.yml", 'code: "1.000593"', "code: 1.00059",
        [
            "content/procedures/1.000593.yml:3:7: code (Mã thủ tục): Mã thủ tục «1.00059» không đúng dạng "
            "(vd: 1.000593, 1.000593.H37, 1.000593.000.00.00.H37 hoặc B-BTP-BS43; thủ tục mà nguồn không ghi mã: "
            "một tên ngắn không dấu, vd dang-ky-khai-sinh-chau-phu) [invalid-procedure-code]"
        ],
    ),
    "a code in Word's curly quotes": (
        "units/chi-lang-nam/procedures.yml", 'code: "1.000593"', "code: “1.000593”",
        [
            "units/chi-lang-nam/procedures.yml:7:11: procedures[1].code (Thủ tục đơn vị giải quyết 2 › Thủ tục): Mã thủ tục «“1.000593”» "
            "không đúng dạng (vd: 1.000593, 1.000593.H37, 1.000593.000.00.00.H37 hoặc B-BTP-BS43; thủ tục mà nguồn không ghi mã: "
            "một tên ngắn không dấu, vd dang-ky-khai-sinh-chau-phu); dấu nháy phải là dấu nháy thẳng \"…\", không phải “…” "
            "(thường do chép từ Word) [invalid-procedure-code]"
        ],
    ),
    "an undeclared document": (
        "units/ba-to/reports/2024-q1-tuyen-truyen-cchc.yml", "plan: 11/KH-UBND", "plan: 12/KH-UBND",
        [
            "units/ba-to/reports/2024-q1-tuyen-truyen-cchc.yml:12:7: plan (Số hiệu kế hoạch được báo cáo): Văn bản «12/KH-UBND» chưa được khai báo "
            "trong documents.yml của đơn vị hoặc content/documents.yml; có phải ý bạn là «11/KH-UBND»? [unknown-document]"
        ],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_is_reported_at_its_place(project, case):
    file, old, new, lines = CASES[case]
    edit(project, file, old, new)
    assert_reports(project, *lines)


def test_two_mistakes_in_two_files_are_both_reported_in_one_run(project):
    edit(project, "units/ba-to/unit.yml", "status_date: 01/07/2025", "status_date: 31/02/2024")
    edit(project, "units/son-thuong/hotlines.yml", "  name: Bộ phận", "\tname: Bộ phận")
    assert_reports(
        project,
        "units/ba-to/unit.yml:14:14: status_date (Ngày sáp nhập hoặc giải thể): Ngày «31/02/2024» không có trên lịch [invalid-date]",
        "units/son-thuong/hotlines.yml:5:1: Có ký tự Tab trong phần thụt lề; YAML chỉ dùng dấu cách [yaml-tab]",
    )


def test_a_tag_is_not_executed_by_validate_or_build(project):
    marker = project / "pwned"
    edit(project, "units/son-thuong/unit.yml", "name: Ủy ban nhân dân xã Sơn Thượng",
         f"name: !!python/object/apply:os.system ['touch {marker}']")
    assert cchc(project, "validate").code == 1
    assert cchc(project, "build").code == 1
    assert not marker.exists()


def test_build_with_errors_writes_nothing(project):
    edit(project, "units/ba-to/unit.yml", "status_date: 01/07/2025", "status_date: 31/02/2024")
    run = cchc(project, "build")
    assert run.code == 1
    assert "Traceback" not in run.err
    assert not (project / "site").exists() and not (project / "build").exists()


def test_debug_shows_the_traceback(project):
    edit(project, "units/ba-to/unit.yml", "status_date: 01/07/2025", "status_date: 31/02/2024")
    assert "Traceback" in cchc(project, "--debug", "validate").err


def test_a_stated_total_that_is_not_the_sum_of_its_parts_is_a_warning_naming_both(project):
    from generator.pipeline import check

    edit(project, "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml", "    total: '321'\n", "    total: '322'\n")
    _, problems = check(project)
    assert [p.format() for p in problems if p.code.value == "dossier-sum-mismatch"] == [
        "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:119:12: cảnh báo: dossier_stats.received.total: Tổng số hồ sơ tiếp nhận văn bản ghi 322 "
        "nhưng cộng các số thành phần được 321; trang vẫn hiện đúng số văn bản ghi, hãy đối chiếu lại với bản gốc [dossier-sum-mismatch]"
    ]
    assert all(p.severity.value == "warning" for p in problems if p.code.value == "dossier-sum-mismatch")
