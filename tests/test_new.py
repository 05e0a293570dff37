"""`cchc new`: every kind writes a commented file in the right place that validates once its
«CẦN GHI: …» placeholders are filled (each refused by name until then), names its JSON Schema,
starts a plan or report for the period its name gives, invents nothing a page would show, and never
overwrites an editor's file."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import cchc

from generator.load import load_file

SCAFFOLDS = {"unit", "hotline", "procedure", "plan", "report"}

KINDS = [  # (arguments, file written, the fields only the editor can fill: «CẦN GHI: …»)
    (["unit", "xa-moi"], "units/xa-moi/unit.yml", ["name", "province", "short_name", "site_url"]),
    (["hotline", "so-ngoai-vu-tay-ninh"], None, []),  # already has one: refused (tested below)
    (["hotline", "ba-to"], "units/ba-to/hotlines.yml", ["feedback.name"]),
    (["procedure", "1.000894"], "content/procedures/1.000894.yml", ["last_reviewed", "name", "source.title"]),
    (["procedure", "dang-ky-khai-sinh-xa-moi"], "content/procedures/dang-ky-khai-sinh-xa-moi.yml", ["last_reviewed", "name", "source.title"]),  # a source with no code
    (["plan", "son-thuong", "2026-cchc"], "units/son-thuong/plans/2026-cchc.yml", ["title"]),
    (["report", "tra-bong", "2026-q4"], "units/tra-bong/reports/2026-q4.yml", ["title"]),
]
PLACEHOLDER = re.compile(r'"CẦN GHI: [^"]*"')


def fill(file: Path) -> None:
    """What an editor does with a starting file: each «CẦN GHI: …» replaced by the real value."""
    text = file.read_text(encoding="utf-8")
    for key, value in (("site_url", "https://xa-moi.quangngai.gov.vn/"), ("last_reviewed", "01/12/2026")):
        text = re.sub(rf'^{key}: "CẦN GHI: [^"]*"', f'{key}: "{value}"', text, flags=re.M)
    file.write_text(PLACEHOLDER.sub("Giá trị chép từ nguồn", text), encoding="utf-8")


@pytest.mark.parametrize("args, path, todo", [k for k in KINDS if k[1]], ids=lambda v: " ".join(v) if isinstance(v, list) and v and v[0] in SCAFFOLDS else "")
def test_new_file_validates_once_its_placeholders_are_filled(project, args, path, todo):
    """As written, the only errors are the placeholders, each named (nothing invented is published);
    with them filled, the file validates and matches its JSON Schema."""
    run = cchc(project, "new", *args)
    assert run.code == 0, run.err
    assert f"Đã tạo {path}" in run.out
    check = cchc(project, "validate", "--format", "json")
    errors = [p for p in json.loads(check.out)["problems"] if p["severity"] == "error"]
    assert sorted((p["file"], p["field"], p["code"]) for p in errors) == [(path, field, "placeholder-text") for field in todo]
    file = project / path
    fill(file)
    check = cchc(project, "validate", "--format", "json")
    assert check.code == 0, check.out
    first = file.read_text(encoding="utf-8").splitlines()[0]
    schema_path = (file.parent / first.split("$schema=")[1]).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(load_file(file, path).data)) == []


def test_every_kind_together_builds(project):
    for args, path, _ in KINDS[:1] + KINDS[2:]:
        assert cchc(project, "new", *args).code == 0
        fill(project / path)
    run = cchc(project, "build", "xa-moi", "son-thuong", "tra-bong")
    assert run.code == 0, run.err


def test_a_unit_is_named_before_its_plans_are_started(project):
    """A plan's issuer is the unit's name: not copied while it is still the placeholder."""
    assert cchc(project, "new", "unit", "xa-moi").code == 0
    assert cchc(project, "new", "plan", "xa-moi", "2026-cchc").err == (
        "Lỗi: Đơn vị «xa-moi» chưa có tên trong units/xa-moi/unit.yml (còn chữ mẫu «CẦN GHI: tên chính thức của đơn vị, "
        "vd Ủy ban nhân dân xã Sơn Thượng»): ghi tên trước, rồi chạy lại lệnh này\n")
    assert not (project / "units/xa-moi/plans").exists()


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
    ("2024-q3-ket-qua", {"year": "2024", "quarter": "3"}, "CẦN GHI: trích yếu đúng như văn bản, vd Báo cáo kết quả thực hiện công tác cải cách hành chính quý 3 năm 2024"),
    ("2022-tuyen-truyen-cchc", {"year": "2022"}, "CẦN GHI: trích yếu đúng như văn bản, vd Báo cáo kết quả thực hiện công tác cải cách hành chính năm 2022"),
])
def test_a_report_named_for_its_period_is_started_for_that_period(project, name, period, title):
    """The name the editor gives says the period (the guide's «2024-q3-ket-qua»); today's date does not."""
    assert cchc(project, "new", "report", "son-thuong", name).code == 0
    data = _read(project, f"units/son-thuong/reports/{name}.yml")
    assert (data["period"], data["title"]) == (period, title)


def test_a_plan_named_for_its_year_is_started_for_that_year(project):
    assert cchc(project, "new", "plan", "son-thuong", "2025-cchc").code == 0
    assert _read(project, "units/son-thuong/plans/2025-cchc.yml")["title"] == "CẦN GHI: trích yếu đúng như văn bản, vd Kế hoạch cải cách hành chính năm 2025"


def test_a_new_procedure_page_says_what_its_source_has_not_given(project):
    """Filled only with its name, a new procedure's page claims no level, channel, online service or
    authority the editor did not copy: each says the source has not given it."""
    assert cchc(project, "new", "procedure", "1.001022").code == 0
    fill(project / "content/procedures/1.001022.yml")
    listed = project / "units/son-thuong/procedures.yml"
    listed.write_text(listed.read_text(encoding="utf-8").replace("procedures:\n", 'procedures:\n  - code: "1.001022"\n', 1), encoding="utf-8")
    assert cchc(project, "build", "son-thuong").code == 0
    html = (project / "site/son-thuong/thu-tuc/1.001022/index.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for said in ("Lĩnh vực Nguồn không ghi lĩnh vực", "Làm trực tuyến Chưa có thông tin",
                 "Cấp thực hiện Nguồn không ghi cấp thực hiện", "Cơ quan thực hiện Nguồn không ghi cơ quan thực hiện"):
        assert said in text, said
    assert "Cấp xã" not in text and "Trực tiếp" not in text
    assert "Nguồn: Giá trị chép từ nguồn" in text and "tra cứu ngày" not in text  # no look-up the editor did not write


@pytest.mark.parametrize("left, refused", [
    ("CẦN GHI", True), ("Cần ghi: trích yếu", True), ("CẦN GHI trích yếu", True), ("CAN GHI: trich yeu", True),
    ("Cần ghi rõ họ tên người nộp vào tờ khai", False),  # a sentence that starts so is content
])
def test_a_placeholder_half_edited_is_still_refused(project, left, refused):
    """The editor deletes the colon, or only part of the words, or types them without accents."""
    assert cchc(project, "new", "report", "tra-bong", "2026-q4").code == 0
    file = project / "units/tra-bong/reports/2026-q4.yml"
    file.write_text(PLACEHOLDER.sub(f'"{left}"', file.read_text(encoding="utf-8")), encoding="utf-8")
    problems = json.loads(cchc(project, "validate", "--format", "json").out)["problems"]
    found = [(p["field"], p["code"]) for p in problems if p["file"] == "units/tra-bong/reports/2026-q4.yml" and p["severity"] == "error"]
    assert found == ([("title", "placeholder-text")] if refused else [])


def test_an_unfinished_starting_file_holds_back_only_the_units_that_use_it(project):
    """A new unit still holding its «CẦN GHI» values: building or previewing another unit goes on (as
    the nightly publish does), that unit and a build of every unit wait for it."""
    from generator.pipeline import regenerate
    from generator.problems import ContentError

    assert cchc(project, "new", "unit", "xa-moi").code == 0
    other = cchc(project, "build", "son-thuong")
    assert other.code == 0, other.err
    assert (project / "site/son-thuong/index.html").is_file()
    assert "units/xa-moi/unit.yml:5:7: name (Tên chính thức): Còn chữ mẫu của tệp khởi đầu" in other.err
    assert other.err.splitlines()[-1] == ("Có 4 lỗi ở trên, trong tệp mà các đơn vị vừa dựng không dùng: chúng không chặn các đơn vị "
                                          "này, nhưng chặn đơn vị dùng tệp đó (và cchc build toàn bộ) cho tới khi sửa.")
    assert regenerate(project, "son-thuong").slug == "son-thuong"  # the preview too
    with pytest.raises(ContentError):
        regenerate(project, "xa-moi")
    itself = cchc(project, "build", "xa-moi")
    assert itself.code == 1 and "chưa dựng trang nào vì còn lỗi" in itself.err
    assert not (project / "site/xa-moi").exists()
    every = cchc(project, "build")
    assert every.code == 1 and not (project / "site/ba-to").exists()
