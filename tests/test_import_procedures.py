"""A unit's procedure list from a province's announcing decision: the annex table (an Excel file, as
provinces publish it) shows what it adds, amends, replaces and abolishes against the unit's current
list, and changes procedures.yml only when confirmed with --apply."""

from __future__ import annotations

from pathlib import Path

from conftest import cchc
from openpyxl import Workbook


def annex(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC HỘ TỊCH, CHỨNG THỰC THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ"])
    sheet.append(["STT", "Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện"])
    sheet.append(["A", "THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"])
    sheet.append([1, "1.000594", "Đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch", "UBND cấp xã"])
    sheet.append(["B", "THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG"])
    sheet.append([1, "2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực", "UBND cấp xã"])
    sheet.append(["C", "THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"])
    sheet.append([1, "1.000593", "Đăng ký kết hôn lưu động", "Hộ tịch", "UBND cấp xã"])
    book.save(str(path))
    return path


CHANGES = """Thay đổi so với danh sách hiện có (2):
  Sửa đổi: 2.000815 — Chứng thực bản sao từ bản chính giấy tờ, văn bản (trang tính 1, hàng 6, ô 2): đối chiếu lại thủ tục trong danh mục
  Bãi bỏ: 1.000593 — Đăng ký kết hôn lưu động (trang tính 1, hàng 8, ô 2)
"""


def test_a_newer_announcing_decision_shows_its_changes_and_writes_nothing_unconfirmed(project, tmp_path):
    before = (project / "units/son-thuong/procedures.yml").read_text(encoding="utf-8")
    run = cchc(project, "import", str(annex(tmp_path / "phu-luc.xlsx")), "--unit", "son-thuong")
    assert run.code == 0
    assert run.err.splitlines()[0] == (
        "phu-luc.xlsx:4:1: cảnh báo: procedures (Danh sách thủ tục đơn vị giải quyết): Không có thủ tục mã «1.000594» trong danh mục content/procedures; "
        "có phải ý bạn là «1.000593»?; chưa đưa vào danh sách [unknown-procedure]")
    assert CHANGES in run.err
    assert "Chưa ghi gì. Chạy lại với --apply để cập nhật units/son-thuong/procedures.yml." in run.err
    assert run.err.splitlines()[-1] == "Nhận ra: 2 mã thủ tục; 0 chỗ cần kiểm tra, 0 dòng chưa xếp."
    assert (project / "units/son-thuong/procedures.yml").read_text(encoding="utf-8") == before


def test_applied_the_list_keeps_local_details_drops_the_abolished_and_validates(project, tmp_path):
    run = cchc(project, "import", str(annex(tmp_path / "phu-luc.xlsx")), "--unit", "son-thuong", "--apply")
    assert run.code == 0 and run.out == "units/son-thuong/procedures.yml\n"
    text = (project / "units/son-thuong/procedures.yml").read_text(encoding="utf-8")
    assert "# CHƯA CÓ TRONG DANH MỤC: 1.000594 — Đăng ký kết hôn có yếu tố nước ngoài (trang tính 1, hàng 4, ô 2)\n" in text
    assert text.endswith("procedures:\n- code: '2.000815'\n  where: Bộ phận Tiếp nhận và Trả kết quả, Ủy ban nhân dân xã Sơn Thượng\n")
    assert cchc(project, "validate").code == 0


def test_a_word_annex_with_a_table_per_section_reads_each_section_from_its_heading(project, tmp_path):
    from docx import Document

    document = Document()
    document.add_paragraph("Phụ lục")
    for heading, code, name in (("A. THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG", "2.000815", "Chứng thực bản sao từ bản chính"),
                                ("B. THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ", "1.000593", "Đăng ký kết hôn lưu động")):
        document.add_paragraph(heading)
        table = document.add_table(rows=2, cols=3)
        for cell, text in zip(table.rows[0].cells, ("STT", "Mã thủ tục", "Tên thủ tục hành chính"), strict=True):
            cell.text = text
        for cell, text in zip(table.rows[1].cells, ("1", code, name), strict=True):
            cell.text = text
    document.save(str(tmp_path / "phu-luc.docx"))
    run = cchc(project, "import", str(tmp_path / "phu-luc.docx"), "--unit", "son-thuong")
    assert run.code == 0
    assert ("Thay đổi so với danh sách hiện có (2):\n"
            "  Sửa đổi: 2.000815 — Chứng thực bản sao từ bản chính (bảng 1, hàng 2, ô 2): đối chiếu lại thủ tục trong danh mục\n"
            "  Bãi bỏ: 1.000593 — Đăng ký kết hôn lưu động (bảng 2, hàng 2, ô 2)\n") in run.err


def test_a_heading_in_the_name_column_is_a_heading_and_a_numbered_row_without_a_code_is_listed(project, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Mã TTHC", "Tên thủ tục hành chính"])
    sheet.append(["A", None, "THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG"])
    sheet.append([1, "2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản"])
    sheet.append(["B", None, "THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ"])
    sheet.append([1, "1.000593", "Đăng ký kết hôn lưu động"])
    sheet.append([2, "Không có mã số", "Thủ tục sửa đổi, bổ sung thông tin hộ tịch"])  # its words are not a heading
    sheet.append([3, "1.000594", "Đăng ký kết hôn có yếu tố nước ngoài"])
    book.save(str(tmp_path / "phu-luc.xlsx"))
    run = cchc(project, "import", str(tmp_path / "phu-luc.xlsx"), "--unit", "son-thuong", "--stdout")
    assert run.code == 0
    assert run.err.splitlines()[0] == ("phu-luc.xlsx:6:1: cảnh báo: chưa xếp vào trường nào, giữ trong bản nháp: "
                                       "«2 | Không có mã số | Thủ tục sửa đổi, bổ sung thông tin hộ tịch» [import-unplaced]")
    assert ("  Sửa đổi: 2.000815 — Chứng thực bản sao từ bản chính giấy tờ, văn bản (trang tính 1, hàng 3, ô 2): đối chiếu lại thủ tục trong danh mục\n"
            "  Bãi bỏ: 1.000593 — Đăng ký kết hôn lưu động (trang tính 1, hàng 5, ô 2)\n") in run.err
    assert "# BÃI BỎ, KHÔNG CÓ TRONG DANH SÁCH CỦA ĐƠN VỊ: 1.000594 — Đăng ký kết hôn có yếu tố nước ngoài (trang tính 1, hàng 7, ô 2)\n" in run.out
    assert "[unknown-procedure]" not in run.err  # an abolished code need not be in the catalog
