"""Every problem code the tool can report, with a one-line fix hint in Vietnamese.

The code is stable and in English so an engineer can search for it; the hint tells the editor what
to do. A test keeps this list, the codes used in the code and the pinned messages in step.
"""

from __future__ import annotations

HINTS: dict[str, str] = {
    # YAML syntax and files
    "duplicate-key": "Xoá một trong hai dòng, hoặc đổi tên khoá cho đúng.",
    "yaml-tag": "Xoá phần bắt đầu bằng «!» và chỉ ghi giá trị.",
    "yaml-anchor": "Xoá «&tên» và viết đầy đủ giá trị ở mọi chỗ cần dùng.",
    "yaml-alias": "Thay «*tên» bằng giá trị đầy đủ.",
    "yaml-tab": "Thay ký tự Tab ở đầu dòng bằng dấu cách (2 dấu cách cho mỗi cấp).",
    "yaml-unclosed-quote": "Thêm dấu ngoặc kép đóng ở cuối giá trị trên dòng này.",
    "yaml-indentation": "Căn các dòng cùng cấp thẳng cột với nhau, chỉ dùng dấu cách.",
    "yaml-syntax": "Kiểm tra dấu hai chấm, dấu gạch đầu dòng và ngoặc kép trên dòng này.",
    "yaml-complex-key": "Khoá (phần trước dấu hai chấm) chỉ được là chữ.",
    "yaml-too-deep": "Giảm số cấp lồng nhau; dữ liệu này không cần sâu như vậy.",
    "yaml-bad-character": "Xoá ký tự điều khiển lạ (thường do dán từ Word hoặc PDF).",
    "not-utf8": "Mở tệp và lưu lại với bảng mã UTF-8.",
    "file-too-large": "Tách tệp thành nhiều tệp nhỏ hơn.",
    "file-unreadable": "Kiểm tra tệp có tồn tại và được phép đọc.",
    "empty-file": "Điền nội dung cho tệp hoặc xoá tệp.",
    "unknown-file": "Đổi tên tệp cho đúng hoặc chuyển vào thư mục plans/ hay reports/.",
    "unit-file-missing": "Tạo tệp bằng lệnh: cchc new unit <mã-đơn-vị>.",
    "file-is-symlink": "Xoá liên kết và đặt tệp thật vào đúng thư mục.",
    "invalid-unit-folder": "Đổi tên thư mục, vd «xa-son-thuong».",
    "invalid-file-name": "Đổi tên tệp, vd «2024-q2-ket-qua-cchc.yml».",
    "text-too-long": "Chia đoạn chữ thành nhiều mục, hoặc rút gọn.",
    # Shapes and values
    "missing-field": "Thêm dòng «tên-trường: giá trị» còn thiếu.",
    "unknown-key": "Sửa chính tả tên trường theo gợi ý, hoặc xoá dòng này.",
    "not-a-list": "Viết mỗi mục trên một dòng riêng, bắt đầu bằng «- ».",
    "not-a-mapping": "Viết các dòng «khoá: giá trị» thụt vào dưới dòng này.",
    "not-text": "Ghi một đoạn chữ trên cùng dòng, sau dấu hai chấm.",
    "empty-text": "Điền giá trị, hoặc xoá cả dòng nếu trường không bắt buộc.",
    "invalid-choice": "Chọn đúng một trong các giá trị được liệt kê.",
    "invalid-value": "Sửa giá trị cho đúng dạng được mô tả trong tài liệu tham chiếu.",
    "invalid-date": "Ghi ngày có thật trên lịch, dạng ngày/tháng/năm.",
    "invalid-date-format": "Ghi ngày dạng ngày/tháng/năm, vd 22/01/2024.",
    "invalid-year": "Ghi năm đủ 4 chữ số, vd 2024.",
    "invalid-quarter": "Ghi quý là 1, 2, 3 hoặc 4.",
    "not-a-count": "Chỉ ghi chữ số, không ghi chữ hay dấu chấm, vd 321.",
    "not-a-number": "Chỉ ghi số, dùng dấu phẩy hoặc dấu chấm cho phần thập phân.",
    "not-yes-no": "Ghi «có» hoặc «không».",
    "invalid-slug": "Dùng chữ thường không dấu, số và dấu gạch nối, vd son-thuong.",
    "invalid-procedure-code": "Ghi mã trong ngoặc kép đúng như trên Cổng Dịch vụ công, vd \"1.000593\".",
    "invalid-document-number": "Ghi số hiệu đúng như trên văn bản, vd 76/NQ-CP.",
    "invalid-phone": "Ghi số điện thoại Việt Nam: 10 số (di động), 11 số bắt đầu bằng 02 (cố định), hoặc 1800/1900.",
    "invalid-email": "Ghi địa chỉ thư dạng ten@coquan.gov.vn.",
    "invalid-url": "Ghi đầy đủ địa chỉ, bắt đầu bằng https://.",
    "status-date-missing": "Thêm status_date: ngày sáp nhập hoặc giải thể.",
    "successor-missing": "Thêm successor: tên (và địa chỉ trang) của đơn vị kế thừa.",
    "replaced-by-missing": "Thêm replaced_by: mã thủ tục thay thế.",
    "score-above-scale": "Kiểm tra lại điểm và thang điểm tối đa.",
    "rank-above-count": "Kiểm tra lại thứ hạng và số đơn vị được xếp hạng.",
    "dossier-sum-mismatch": "Đối chiếu lại với Biểu số 06: tiếp nhận phải bằng đã giải quyết + đang giải quyết + rút/trả lại.",
    # References between files
    "unknown-procedure": "Sửa mã theo gợi ý, hoặc thêm thủ tục vào content/procedures (cchc new procedure <mã>).",
    "duplicate-procedure": "Xoá mục lặp lại.",
    "duplicate-procedure-code": "Mỗi mã thủ tục chỉ có một tệp; gộp hai tệp lại.",
    "procedure-file-name": "Đổi tên tệp thành <mã thủ tục>.yml.",
    "unknown-field": "Sửa mã lĩnh vực theo gợi ý, hoặc thêm lĩnh vực vào content/fields.yml.",
    "unknown-document": "Khai báo văn bản trong documents.yml của đơn vị (hoặc content/documents.yml nếu dùng chung).",
    "duplicate-document": "Xoá văn bản khai báo lặp lại.",
    "unknown-unit": "Sửa mã đơn vị theo gợi ý (tên thư mục trong units/).",
    # Publishing: the host each unit is served at
    "invalid-host": "Ghi site_url với tên miền thật, chữ thường, vd https://xa-son-thuong.quangngai.gov.vn/.",
    "duplicate-host": "Mỗi đơn vị một tên miền: sửa site_url của một trong hai đơn vị.",
    # Warnings: do not block publishing unless --strict
    "citation-mismatch": "Đối chiếu với bản gốc của văn bản và sửa số hiệu hoặc ngày cho thống nhất.",
    "unit-name-mismatch": "Sửa tên đơn vị cho đúng với unit.yml (nếu bản gốc viết sai, ghi chú lại khi sửa).",
    "insecure-link": "Dùng địa chỉ https:// nếu trang đó có hỗ trợ.",
    "date-outside-period": "Kiểm tra lại ngày báo cáo hoặc kỳ báo cáo.",
    "blank-document-number": "Ghi số văn bản khi đã có số chính thức.",
    "stale-procedure": "Rà soát lại thủ tục với Cổng Dịch vụ công và cập nhật last_reviewed.",
}


def hint(code: str) -> str:
    return HINTS.get(code, "")
