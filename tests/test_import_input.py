"""Bad input to `cchc import`: each gets one clear Vietnamese line with its code and hint, exit code
2, no traceback, and nothing written into the project. Nothing is fetched: a Word file linking to
an outside address is refused before it is opened."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import cchc
from docx import Document
from pypdf import PdfWriter

PLAN = "Số: 12/KH-UBND\nSơn Thượng, ngày 05 tháng 02 năm 2024\nKẾ HOẠCH\nCải cách hành chính năm 2024\n"


def _docx(path: Path, extra: dict[str, bytes] | None = None, rels: bytes | None = None) -> Path:
    document = Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    if extra or rels:
        copy = path.with_suffix(".tmp")
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item)
                if rels and item.filename == "word/_rels/document.xml.rels":
                    data = data.replace(b"</Relationships>", rels + b"</Relationships>")
                target.writestr(item, data)
            for name, data in (extra or {}).items():
                target.writestr(name, data)
        copy.replace(path)
    return path


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _encrypted(path: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau")
    writer.write(str(path))
    return path


def _bomb(path: Path) -> Path:
    _docx(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/anh.bin", b"\0" * (101 * 1024 * 1024))
    return path


def _large(path: Path) -> Path:
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    return path


LINK = b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="http://127.0.0.1:9/anh.png" TargetMode="External"/>'
CASES = [
    ("empty.txt", lambda p: _write(p, b""), "empty.txt: tệp rỗng (0 byte) [import-empty]"),
    ("english.txt", lambda p: _write(p, "Administrative reform plan for 2024. The commune will publish its procedures online.\n"),
     "english.txt: văn bản không phải tiếng Việt có dấu (0 chữ có dấu trên 67 chữ cái) [import-not-vietnamese]"),
    ("khoa.pdf", _encrypted, "khoa.pdf: tệp PDF có mật khẩu hoặc bị khoá [import-encrypted]"),
    ("lon.pdf", _large, "lon.pdf: tệp quá lớn (50 MB, tối đa 20 MB) [import-too-large]"),
    ("macro.docm", lambda p: _docx(p, {"word/vbaProject.bin": b"\0" * 64}), "macro.docm: tệp có macro (mã VBA); không nhập tệp có macro [import-macros]"),
    ("lien-ket.docx", lambda p: _docx(p, rels=LINK),
     "lien-ket.docx: tệp liên kết tới tệp hoặc trang bên ngoài (word/_rels/document.xml.rels); không tải gì từ bên ngoài [import-external-link]"),
    ("bom.docx", _bomb, "bom.docx: tệp nén có phần giải nén ra quá lớn so với tệp (nghi tệp «bom nén») [import-zip-bomb]"),
    ("hong.docx", lambda p: _write(p, b"PK\3\4 not a zip"), "hong.docx: tệp hỏng hoặc không phải tệp Word/Excel thật [import-unreadable]"),
    ("chuong-trinh.exe", lambda p: _write(p, b"MZ"), "chuong-trinh.exe: không đọc được tệp dạng «.exe» [import-unsupported-format]"),
    ("thu.txt", lambda p: _write(p, "Kính gửi anh chị, đây là thư mời họp của xã về việc trồng cây.\n"),
     "thu.txt: không nhận ra loại văn bản (không thấy «KẾ HOẠCH», «BÁO CÁO» hay bảng mã thủ tục) [import-unknown-kind]"),
]


@pytest.mark.parametrize(("name", "make", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(project, tmp_path, name, make, expected):
    path = make(tmp_path / name)
    before = sorted(p.relative_to(project) for p in (project / "units").rglob("*"))
    run = cchc(project, "import", str(path), "--unit", "son-thuong")
    assert run.code == 2
    assert run.err.splitlines()[0] == f"Lỗi: {expected}"
    assert run.err.splitlines()[1].startswith("    Gợi ý: ")
    assert "Traceback" not in run.err
    assert sorted(p.relative_to(project) for p in (project / "units").rglob("*")) == before


def test_a_file_that_is_not_there_is_named_with_where_it_was_looked_for(project, tmp_path):
    missing = tmp_path / "ke-hoach-2025.docx"
    run = cchc(project, "import", str(missing), "--unit", "son-thuong")
    assert (run.code, run.err.splitlines()) == (2, [
        f"Lỗi: ke-hoach-2025.docx: không có tệp này (đã tìm: {missing}) [import-not-found]",
        "    Gợi ý: Kiểm tra tên tệp và thư mục chứa nó (có thể kéo tệp thả vào cửa sổ lệnh để có đường dẫn đúng), rồi chạy lại."])
    folder = cchc(project, "import", str(tmp_path), "--unit", "son-thuong")
    assert folder.err.splitlines()[0] == f"Lỗi: {tmp_path.name}: đây là một thư mục, không phải tệp ({tmp_path}) [import-not-found]"


def test_a_part_the_importer_does_not_know_is_kept_and_listed_with_its_line(project, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text(PLAN + "I. MỤC ĐÍCH\n- Nâng cao chất lượng phục vụ.\nVI. ĐIỀU KHOẢN KHÁC\nCác phòng ban báo cáo hằng quý.\n", encoding="utf-8")
    run = cchc(project, "import", str(source), "--unit", "son-thuong")
    assert run.code == 0
    assert run.out == "units/son-thuong/plans/2024-cai-cach-hanh-chinh-nam-2024.yml\n"
    assert "ke-hoach.txt:7:1: cảnh báo: chưa xếp vào trường nào, giữ trong bản nháp: «VI. ĐIỀU KHOẢN KHÁC» [import-unplaced]" in run.err
    assert run.err.splitlines()[-1] == (
        "Nhận ra: 0 nhiệm vụ (0 có cơ quan chủ trì), 0 số liệu, 0 số hiệu văn bản; 1 chỗ cần kiểm tra, 2 dòng chưa xếp.")
    draft = (project / "units/son-thuong/plans/2024-cai-cach-hanh-chinh-nam-2024.yml").read_text(encoding="utf-8")
    assert "# CHƯA XẾP: dòng 8: Các phòng ban báo cáo hằng quý.\n" in draft
    assert cchc(project, "validate").code == 0
    again = cchc(project, "import", str(source), "--unit", "son-thuong")
    # refused at once, without the review lines of a draft it does not write
    assert (again.code, again.err) == (2, "Lỗi: Đã có tệp units/son-thuong/plans/2024-cai-cach-hanh-chinh-nam-2024.yml (văn bản này "
                                          "có lẽ đã được nhập); không ghi đè. Xem bản nháp mới bằng --stdout để so với tệp đang có; nếu là "
                                          "một văn bản khác cùng tên, đổi tên tệp đang có trước khi nhập [import-exists]\n")


def test_the_issuing_body_written_in_the_head_is_quoted_for_review(project, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text("ỦY BAN NHÂN DÂN\nXÃ SƠN THƯỢNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + PLAN
                      + "I. MỤC ĐÍCH\n- Nâng cao chất lượng phục vụ.\n", encoding="utf-8")
    run = cchc(project, "import", str(source), "--unit", "son-thuong", "--stdout")
    assert run.code == 0
    assert run.err.splitlines()[0] == ("ke-hoach.txt:1:1: cảnh báo: issuer (Cơ quan ban hành): cần kiểm tra: văn bản ghi «ỦY BAN NHÂN DÂN XÃ SƠN THƯỢNG»: "
                                       "ghi theo tên đơn vị trong «Hồ sơ đơn vị» (unit.yml), đối chiếu [import-review]")
    assert "number: '12'\nsymbol: KH-UBND\ndate: 05/02/2024\nplace: Sơn Thượng\n" in run.out
    assert "purposes:\n- Nâng cao chất lượng phục vụ.\n" in run.out
    assert run.err.splitlines()[-1].endswith("; 1 chỗ cần kiểm tra, 0 dòng chưa xếp.")


def test_a_unit_name_that_leaves_the_project_is_refused(project, tmp_path):
    source = tmp_path / "ke-hoach.txt"
    source.write_text(PLAN, encoding="utf-8")
    run = cchc(project, "import", str(source), "--unit", "../../tmp")
    assert run.code == 2
    assert run.err.splitlines()[0] == "Lỗi: Mã đơn vị «../../tmp» chỉ dùng chữ thường không dấu, số và dấu gạch nối (vd: son-thuong)"
