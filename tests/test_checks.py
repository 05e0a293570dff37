"""Warnings across documents, on the bundled content (the seeds' own inconsistencies) and on edits;
`--strict`, and `--format json` for machines."""

import json

from conftest import cchc
from test_validation import edit

BUNDLED_WARNINGS = [
    "units/ba-to/reports/2024-q1-tuyen-truyen-cchc.yml:2:8: cảnh báo: number (Số văn bản): Văn bản «Công tác tuyên truyền cải cách hành chính Quý I năm 2024…» chưa ghi số (…/BC-UBND) [blank-document-number]",
    "units/ba-to/reports/2024-q1-tuyen-truyen-cchc.yml:80:10: cảnh báo: closing (Đoạn kết): Tên đơn vị «Ba Tư» khác với «Ba Tơ» trong unit.yml [unit-name-mismatch]",
    "units/chi-lang-nam/reports/2022-tuyen-truyen-cchc.yml:2:8: cảnh báo: number (Số văn bản): Văn bản «Kết quả công tác tuyên truyền cải cách hành chính năm 2022…» chưa ghi số (…/…) [blank-document-number]",
    "units/so-ngoai-vu-tay-ninh/plans/2024-thong-tin-tuyen-truyen-cchc.yml:2:8: cảnh báo: number (Số văn bản): Văn bản «Thông tin, tuyên truyền cải cách hành chính năm 2024 của Sở …» chưa ghi số (…/KH-SNgV) [blank-document-number]",
    "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:2:8: cảnh báo: number (Số văn bản): Văn bản «Kết quả thực hiện công tác cải cách hành chính quý II năm 20…» chưa ghi số (…/BC-UBND) [blank-document-number]",
    "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:155:3: cảnh báo: next_tasks[0] (Nhiệm vụ kỳ tới 1): Văn bản «76/NQ-CP» ngày 05/07/2021 khác với «76/NQ-CP» ngày 15/07/2021 ở content/documents.yml:7:11 và units/so-ngoai-vu-tay-ninh/plans/2024-thong-tin-tuyen-truyen-cchc.yml:25:5; cùng một văn bản phải ghi cùng số hiệu và ngày [citation-mismatch]",
    "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml:2:8: cảnh báo: number (Số văn bản): Văn bản «Truyền thông nâng cao chỉ số cải cách hành chính (PAR INDEX)…» chưa ghi số (…/KH-UBND) [blank-document-number]",
    "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml:5:8: cảnh báo: place (Địa danh ghi ở đầu văn bản, giữ nguyên như bản gốc): Tên đơn vị «Trà Bông» khác với «Trà Bồng» trong unit.yml [unit-name-mismatch]",
    "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml:6:8: cảnh báo: title (Trích yếu): Tên đơn vị «Trà Bông» khác với «Trà Bồng» trong unit.yml [unit-name-mismatch]",
    "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml:13:3: cảnh báo: preamble[1] (Đoạn mở đầu 2): Tên đơn vị «Trà Bông» khác với «Trà Bồng» trong unit.yml [unit-name-mismatch]",
    "units/tra-bong/plans/2022-truyen-thong-nang-cao-chi-so.yml:29:5: cảnh báo: content[0].paragraphs[0] (Nội dung theo chủ đề 1 › Đoạn văn 1): Văn bản «93/2021/NQ-HĐND» ngày 10/12/2021 khác với «93/NQ-HĐND» ngày 08/12/2021 ở content/documents.yml:32:11 và units/ba-to/reports/2024-q1-tuyen-truyen-cchc.yml:32:5; cùng một văn bản phải ghi cùng số hiệu và ngày [citation-mismatch]",
]


def warnings_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": cảnh báo:" in line]


def test_the_seeds_inconsistencies_are_warnings_with_both_places(project):
    run = cchc(project, "validate", env={"SOURCE_DATE_EPOCH": "1779408000"})  # 22/05/2026
    assert run.code == 0
    assert warnings_of(run.err) == BUNDLED_WARNINGS


def test_strict_turns_warnings_into_a_failure_and_builds_nothing(project):
    run = cchc(project, "build", "--strict")
    assert run.code == 1
    assert run.err.splitlines()[-1] == (
        "Có 0 lỗi, 11 cảnh báo; chưa dựng trang nào vì còn cảnh báo (chế độ --strict). Sửa các dòng trên rồi chạy lại."
    )
    assert not (project / "site").exists()


def test_build_shows_warnings_and_still_publishes(project):
    run = cchc(project, "build", "tra-bong")
    assert run.code == 0
    assert (project / "site/tra-bong/index.html").is_file()
    assert "Tên đơn vị «Trà Bông» khác với «Trà Bồng» trong unit.yml [unit-name-mismatch]" in run.err
    assert run.err.splitlines()[-1] == "Có 11 cảnh báo ở trên (không chặn việc dựng trang)."


def test_json_format_gives_every_problem_with_its_place(project):
    edit(project, "units/ba-to/unit.yml", "status_date: 01/07/2025", "status_date: 31/02/2024")
    run = cchc(project, "validate", "--format", "json")
    assert run.code == 1
    report = json.loads(run.out)
    assert (report["errors"], report["warnings"]) == (1, 9)  # Ba Tơ's own warnings wait for its unit.yml
    first_error = next(p for p in report["problems"] if p["severity"] == "error")
    assert first_error == {
        "file": "units/ba-to/unit.yml", "line": 14, "column": 14, "field": "status_date", "code": "invalid-date",
        "severity": "error", "message": "Ngày «31/02/2024» không có trên lịch",
        "hint": "Ghi ngày có thật trên lịch, dạng ngày/tháng/năm.",
    }
    assert all(set(p) == set(first_error) for p in report["problems"])


def test_json_format_on_valid_content_exits_zero(project):
    run = cchc(project, "validate", "--format", "json")
    assert run.code == 0 and json.loads(run.out)["errors"] == 0


def rule(project, file, old, new):
    edit(project, file, old, new)
    run = cchc(project, "validate", env={"SOURCE_DATE_EPOCH": "1779408000"})
    return [line for line in run.err.splitlines() if not line.startswith("    Gợi ý")]


def test_a_plain_http_link_is_a_warning(project):
    lines = rule(project, "content/procedures/1.000593.yml", "online_url: https://", "online_url: http://")
    assert "content/procedures/1.000593.yml:9:13: cảnh báo: online_url (Đường dẫn nộp hồ sơ trực tuyến): Đường dẫn «http://dichvucong.gov.vn/» không dùng https [insecure-link]" in lines


def test_a_report_dated_outside_its_period_is_a_warning(project):
    lines = rule(project, "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml", "date: 6/2024", "date: 01/02/2023")
    assert (
        "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:4:7: cảnh báo: date (Ngày ban hành): Ngày báo cáo 01/02/2023 nằm ngoài "
        "kỳ báo cáo Quý II năm 2024 (01/04/2024–30/06/2024) [date-outside-period]"
    ) in lines


def test_a_procedure_not_reviewed_for_a_year_is_a_warning(project):
    lines = rule(project, "content/procedures/1.000593.yml", "last_reviewed: 22/11/2026", "last_reviewed: 01/01/2025")
    assert (
        "content/procedures/1.000593.yml:31:16: cảnh báo: last_reviewed (Ngày rà soát gần nhất): Thủ tục chưa được rà soát từ 01/01/2025 "
        "(quá một năm) [stale-procedure]"
    ) in lines


def test_a_phone_number_that_is_not_vietnamese_is_an_error(project):
    lines = rule(project, "units/son-thuong/unit.yml", "phone:\n", "phone: 0255371234\n")
    assert (
        "units/son-thuong/unit.yml:9:8: phone (Số điện thoại của cơ quan): «0255371234» không phải số điện thoại Việt Nam hợp lệ "
        "(di động 10 số; cố định 11 số bắt đầu bằng 02; hoặc 1800, 1900) [invalid-phone]"
    ) in lines


def _plan_with(project, paragraphs: list[str]) -> None:
    (project / "units/son-thuong/plans").mkdir(exist_ok=True)
    (project / "units/son-thuong/plans/khoang-trang.yml").write_text(
        "symbol: KH-UBND\ndate: 15/01/2025\ntitle: Kế hoạch có nhiều khoảng trắng\nissuer: UBND xã\npreamble:\n"
        + "".join(f"  - '{p}'\n" for p in paragraphs), encoding="utf-8")


def _timed_check(project):
    import time

    from generator.pipeline import check

    started = time.process_time()  # CPU seconds of this process: other jobs on the machine do not count
    _, problems = check(project)
    return time.process_time() - started, [p.format() for p in problems if "khoang-trang" in p.file]


def test_runs_of_spaces_after_a_document_number_are_scanned_in_linear_time(project):
    """A number followed by a long run of spaces and no «ngày» once made the citation pattern try
    every split of the run between its two `\\s*` (27 s for 1.5 MB); it must cost what ordinary text
    of the same size costs, and still find the citation that does follow."""
    cited = "Căn cứ Nghị quyết số 76/NQ-CP" + " " * 3_000 + "ngày 01/01/2020 của Chính phủ"
    _plan_with(project, ["x " * 4_500] * 30 + [cited])
    ordinary, _ = _timed_check(project)
    _plan_with(project, ["Nghị quyết 76/NQ-CP" + " " * 9_000 + "đã nêu"] * 30 + [cited])
    spaces, found = _timed_check(project)
    assert [line for line in found if "[citation-mismatch]" in line] == [
        "units/son-thuong/plans/khoang-trang.yml:36:5: cảnh báo: preamble[30]: Văn bản «76/NQ-CP» ngày 01/01/2020 khác "
        "với «76/NQ-CP» ngày 15/07/2021 ở content/documents.yml:7:11 và "
        "units/so-ngoai-vu-tay-ninh/plans/2024-thong-tin-tuyen-truyen-cchc.yml:25:5; cùng một văn bản phải ghi cùng số "
        "hiệu và ngày [citation-mismatch]"]
    assert spaces < 3 * ordinary + 2, (spaces, ordinary)
