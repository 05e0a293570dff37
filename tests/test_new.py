"""`cchc new`: every kind writes a commented file in the right place that validates as it is,
names its JSON Schema, and never overwrites an editor's file."""

import json

import jsonschema
import pytest
from conftest import cchc

from generator.load import load_file

KINDS = [
    (["unit", "xa-moi"], "units/xa-moi/unit.yml"),
    (["hotline", "so-ngoai-vu-tay-ninh"], None),  # already has one: refused (tested below)
    (["hotline", "ba-to"], "units/ba-to/hotlines.yml"),
    (["procedure", "1.000894"], "content/procedures/1.000894.yml"),
    (["procedure", "dang-ky-khai-sinh-xa-moi"], "content/procedures/dang-ky-khai-sinh-xa-moi.yml"),  # a source with no code
    (["plan", "son-thuong", "2026-cchc"], "units/son-thuong/plans/2026-cchc.yml"),
    (["report", "tra-bong", "2026-q4"], "units/tra-bong/reports/2026-q4.yml"),
]


@pytest.mark.parametrize("args, path", [k for k in KINDS if k[1]], ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_new_file_validates_without_edits(project, args, path):
    run = cchc(project, "new", *args)
    assert run.code == 0, run.err
    assert f"Đã tạo {path}" in run.out
    check = cchc(project, "validate", "--format", "json")
    assert check.code == 0, check.out
    assert [p for p in json.loads(check.out)["problems"] if p["file"] == path and p["severity"] == "error"] == []
    file = project / path
    first = file.read_text(encoding="utf-8").splitlines()[0]
    schema_path = (file.parent / first.split("$schema=")[1]).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(load_file(file, path).data)) == []


def test_every_kind_together_builds(project):
    for args, _ in KINDS[:1] + KINDS[2:]:
        assert cchc(project, "new", *args).code == 0
    run = cchc(project, "build", "xa-moi", "son-thuong", "tra-bong")
    assert run.code == 0, run.err


def test_new_never_overwrites(project):
    run = cchc(project, "new", "hotline", "so-ngoai-vu-tay-ninh")
    assert (run.code, run.err) == (2, "Lỗi: Đã có units/so-ngoai-vu-tay-ninh/hotlines.yml; không ghi đè\n")


def test_new_checks_its_arguments(project):
    assert cchc(project, "new", "procedure", "1.00089").err == (
        "Lỗi: Mã thủ tục «1.00089» không đúng dạng (vd: 1.000593); thủ tục mà nguồn không ghi mã: "
        "một tên ngắn không dấu, vd dang-ky-khai-sinh-chau-phu\n"
    )
    assert cchc(project, "new", "plan", "khong-co", "x").err.startswith("Lỗi: Không có đơn vị «khong-co» trong units/ (có: ba-to,")
    assert cchc(project, "new", "unit", "Xã Mới").err == (
        "Lỗi: Mã đơn vị «Xã Mới» chỉ dùng chữ thường không dấu, số và dấu gạch nối (vd: son-thuong)\n"
    )


def _read(project, path):
    return load_file(project / path, path).data


@pytest.mark.parametrize("name, period, title", [
    ("2024-q3-ket-qua", {"year": "2024", "quarter": "3"}, "Báo cáo kết quả thực hiện công tác cải cách hành chính quý 3 năm 2024"),
    ("2022-tuyen-truyen-cchc", {"year": "2022"}, "Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2022"),
])
def test_a_report_named_for_its_period_is_started_for_that_period(project, name, period, title):
    """The name the editor gives says the period (the guide's «2024-q3-ket-qua»); today's date does not."""
    assert cchc(project, "new", "report", "son-thuong", name).code == 0
    data = _read(project, f"units/son-thuong/reports/{name}.yml")
    assert (data["period"], data["title"]) == (period, title)


def test_a_plan_named_for_its_year_is_started_for_that_year(project):
    assert cchc(project, "new", "plan", "son-thuong", "2025-cchc").code == 0
    assert _read(project, "units/son-thuong/plans/2025-cchc.yml")["title"] == "Kế hoạch cải cách hành chính năm 2025"
