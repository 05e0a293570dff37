"""Every problem code the tool can report: a stable English code an engineer can search for, and a
one-line fix hint in Vietnamese for the editor. Code emitted anywhere is a member of `Code`; a test
keeps the members, the places that emit them and the pinned messages in step.
"""

from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    """A problem code with its fix hint (`Code.DUPLICATE_KEY.hint`)."""

    hint: str

    def __new__(cls, value: str, hint: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.hint = hint
        return member

    def __str__(self) -> str:
        return str.__str__(self)

    # YAML syntax and files
    DUPLICATE_KEY = ("duplicate-key", "Xoá một trong hai dòng, hoặc đổi tên khoá cho đúng.")
    YAML_TAG = ("yaml-tag", "Xoá phần bắt đầu bằng «!» và chỉ ghi giá trị.")
    YAML_ANCHOR = ("yaml-anchor", "Xoá «&tên» và viết đầy đủ giá trị ở mọi chỗ cần dùng.")
    YAML_ALIAS = ("yaml-alias", "Thay «*tên» bằng giá trị đầy đủ.")
    YAML_TAB = ("yaml-tab", "Thay ký tự Tab ở đầu dòng bằng dấu cách (2 dấu cách cho mỗi cấp).")
    YAML_UNCLOSED_QUOTE = ("yaml-unclosed-quote", "Thêm dấu ngoặc kép đóng ở cuối giá trị trên dòng này.")
    YAML_INDENTATION = ("yaml-indentation", "Căn các dòng cùng cấp thẳng cột với nhau, chỉ dùng dấu cách.")
    YAML_SYNTAX = ("yaml-syntax", "Kiểm tra dấu hai chấm, dấu gạch đầu dòng và ngoặc kép trên dòng này.")
    YAML_COMPLEX_KEY = ("yaml-complex-key", "Khoá (phần trước dấu hai chấm) chỉ được là chữ.")
    YAML_TOO_DEEP = ("yaml-too-deep", "Giảm số cấp lồng nhau; dữ liệu này không cần sâu như vậy.")
    YAML_BAD_CHARACTER = ("yaml-bad-character", "Xoá ký tự điều khiển lạ (thường do dán từ Word hoặc PDF).")
    NOT_UTF8 = ("not-utf8", "Mở tệp và lưu lại với bảng mã UTF-8.")
    FILE_TOO_LARGE = ("file-too-large", "Tách tệp thành nhiều tệp nhỏ hơn.")
    FILE_UNREADABLE = ("file-unreadable", "Kiểm tra tệp có tồn tại và được phép đọc.")
    EMPTY_FILE = ("empty-file", "Điền nội dung cho tệp hoặc xoá tệp.")
    UNKNOWN_FILE = ("unknown-file", "Đổi tên tệp cho đúng hoặc chuyển vào thư mục plans/ hay reports/.")
    UNIT_FILE_MISSING = ("unit-file-missing", "Tạo tệp bằng lệnh: cchc new unit <mã-đơn-vị>.")
    FILE_IS_SYMLINK = ("file-is-symlink", "Xoá liên kết và đặt tệp thật vào đúng thư mục.")
    INVALID_UNIT_FOLDER = ("invalid-unit-folder", "Đổi tên thư mục, vd «xa-son-thuong».")
    INVALID_FILE_NAME = ("invalid-file-name", "Đổi tên tệp, vd «2024-q2-ket-qua-cchc.yml».")
    TEXT_TOO_LONG = ("text-too-long", "Chia đoạn chữ thành nhiều mục, hoặc rút gọn.")
    # Shapes and values
    MISSING_FIELD = ("missing-field", "Thêm dòng «tên-trường: giá trị» còn thiếu.")
    UNKNOWN_KEY = ("unknown-key", "Sửa chính tả tên trường (theo gợi ý, nếu có), hoặc xoá dòng này.")
    NOT_A_LIST = ("not-a-list", "Viết mỗi mục trên một dòng riêng, bắt đầu bằng «- ».")
    NOT_A_MAPPING = ("not-a-mapping", "Viết các dòng «khoá: giá trị» thụt vào dưới dòng này.")
    NOT_TEXT = ("not-text", "Ghi một đoạn chữ trên cùng dòng, sau dấu hai chấm.")
    EMPTY_TEXT = ("empty-text", "Điền giá trị, hoặc xoá cả dòng nếu trường không bắt buộc.")
    PLACEHOLDER_TEXT = ("placeholder-text", "Thay cả giá trị trong ngoặc kép bằng nội dung đúng như nguồn ghi (chữ mẫu nói cần ghi gì).")
    INVALID_CHOICE = ("invalid-choice", "Chọn đúng một trong các giá trị được liệt kê.")
    INVALID_VALUE = ("invalid-value", "Sửa giá trị cho đúng dạng được mô tả trong tài liệu tham chiếu.")
    INVALID_DATE = ("invalid-date", "Ghi ngày có thật trên lịch, dạng ngày/tháng/năm.")
    INVALID_DATE_FORMAT = ("invalid-date-format", "Ghi ngày dạng ngày/tháng/năm, vd 22/01/2024.")
    INVALID_YEAR = ("invalid-year", "Ghi năm đủ 4 chữ số, vd 2024.")
    INVALID_QUARTER = ("invalid-quarter", "Ghi quý là 1, 2, 3 hoặc 4.")
    NOT_A_COUNT = ("not-a-count", "Chỉ ghi chữ số, không ghi chữ hay dấu chấm, vd 321.")
    AMBIGUOUS_NUMBER = ("ambiguous-number", "Viết kiểu Việt Nam: 1.234 là một nghìn hai trăm ba mươi tư, 12,5 là mười hai phẩy năm.")
    NOT_A_NUMBER = ("not-a-number", "Chỉ ghi số, dùng dấu phẩy hoặc dấu chấm cho phần thập phân.")
    NOT_YES_NO = ("not-yes-no", "Ghi «có» hoặc «không».")
    INVALID_SLUG = ("invalid-slug", "Dùng chữ thường không dấu, số và dấu gạch nối, vd son-thuong.")
    INVALID_PROCEDURE_CODE = ("invalid-procedure-code", "Ghi mã trong ngoặc kép đúng như trên Cổng Dịch vụ công, vd \"1.000593\".")
    INVALID_DOCUMENT_NUMBER = ("invalid-document-number", "Ghi số hiệu đúng như trên văn bản, vd 76/NQ-CP.")
    INVALID_PHONE = ("invalid-phone", "Ghi số điện thoại Việt Nam: 10 số (di động), 11 số bắt đầu bằng 02 (cố định), hoặc 1800/1900; nguồn không ghi số thì để trống.")
    INVALID_EMAIL = ("invalid-email", "Ghi địa chỉ thư dạng ten@coquan.gov.vn.")
    INVALID_URL = ("invalid-url", "Ghi đầy đủ địa chỉ, bắt đầu bằng https://.")
    STATUS_DATE_MISSING = ("status-date-missing", "Thêm status_date: ngày sáp nhập hoặc giải thể.")
    SUCCESSOR_MISSING = ("successor-missing", "Thêm successor: tên (và địa chỉ trang) của đơn vị kế thừa.")
    REPLACED_BY_MISSING = ("replaced-by-missing", "Thêm replaced_by: mã thủ tục thay thế.")
    SOURCE_MISSING = ("source-missing", "Thêm sources: tên và địa chỉ của nơi đã lấy thông tin thủ tục.")
    SCORE_ABOVE_SCALE = ("score-above-scale", "Kiểm tra lại điểm và thang điểm tối đa.")
    RANK_ABOVE_COUNT = ("rank-above-count", "Kiểm tra lại thứ hạng và số đơn vị được xếp hạng.")
    DOSSIER_SUM_MISMATCH = ("dossier-sum-mismatch", "Đối chiếu tổng và các số thành phần với văn bản gốc; nếu văn bản ghi đúng như vậy thì giữ nguyên.")
    # References between files
    UNKNOWN_PROCEDURE = ("unknown-procedure", "Sửa mã theo gợi ý, hoặc thêm thủ tục vào content/procedures (cchc new procedure <mã>).")
    DUPLICATE_PROCEDURE = ("duplicate-procedure", "Xoá mục lặp lại.")
    DUPLICATE_PROCEDURE_CODE = ("duplicate-procedure-code", "Mỗi mã thủ tục chỉ có một tệp; gộp hai tệp lại.")
    PROCEDURE_FILE_NAME = ("procedure-file-name", "Đổi tên tệp thành <mã thủ tục>.yml.")
    UNKNOWN_FIELD = ("unknown-field", "Sửa mã lĩnh vực theo gợi ý, hoặc thêm lĩnh vực vào content/fields.yml.")
    UNKNOWN_DOCUMENT = ("unknown-document", "Khai báo văn bản trong documents.yml của đơn vị (hoặc content/documents.yml nếu dùng chung).")
    DUPLICATE_DOCUMENT = ("duplicate-document", "Xoá văn bản khai báo lặp lại.")
    UNKNOWN_UNIT = ("unknown-unit", "Sửa mã đơn vị theo gợi ý (tên thư mục trong units/).")
    # Warnings: do not block publishing unless --strict
    CITATION_MISMATCH = ("citation-mismatch", "Đối chiếu với bản gốc của văn bản và sửa số hiệu hoặc ngày cho thống nhất.")
    UNIT_NAME_MISMATCH = ("unit-name-mismatch", "Sửa tên đơn vị cho đúng với unit.yml (nếu bản gốc viết sai, ghi chú lại khi sửa).")
    INSECURE_LINK = ("insecure-link", "Dùng địa chỉ https:// nếu trang đó có hỗ trợ.")
    DATE_OUTSIDE_PERIOD = ("date-outside-period", "Kiểm tra lại ngày báo cáo hoặc kỳ báo cáo.")
    BLANK_DOCUMENT_NUMBER = ("blank-document-number", "Ghi số văn bản khi đã có số chính thức.")
    STALE_PROCEDURE = ("stale-procedure", "Rà soát lại thủ tục với Cổng Dịch vụ công và cập nhật last_reviewed.")
    # Publishing: the host each unit is served at
    INVALID_HOST = ("invalid-host", "Ghi site_url với tên miền thật, chữ thường, vd https://xa-son-thuong.quangngai.gov.vn/.")
    DUPLICATE_HOST = ("duplicate-host", "Mỗi đơn vị một tên miền: sửa site_url của một trong hai đơn vị.")
    # Figures that cannot all be true, and a published rate its counts do not give
    DOSSIER_EXCESS = ("dossier-excess", "Đối chiếu các số với văn bản gốc; nếu văn bản ghi đúng như vậy thì giữ nguyên và ghi chú lại.")
    RATE_MISMATCH = ("rate-mismatch", "Đối chiếu tỷ lệ và các số với văn bản gốc; trang ghi rõ tỷ lệ nào do báo cáo công bố.")
    # Digits and addresses that look right but are not
    NON_ASCII_DIGITS = ("non-ascii-digits", "Gõ lại các chữ số bằng bàn phím thường (0-9), như trong gợi ý.")
    SITE_URL_PATH = ("site-url-path", "Ghi site_url là gốc tên miền riêng của đơn vị, vd https://xa-son-thuong.quangngai.gov.vn/.")
    # Import: a document read into a draft (cchc import)
    IMPORT_REVIEW = ("import-review", "Đối chiếu giá trị với dòng đã nêu trong văn bản gốc, sửa nếu cần, rồi xoá dòng «# KIỂM TRA» tương ứng "
                     "(trong trình biên tập web: bấm «Đã đối chiếu, bỏ dấu» dưới ô).")
    IMPORT_UNPLACED = ("import-unplaced", "Chép đoạn này vào đúng trường của bản nháp, hoặc bỏ qua nếu không cần đăng, rồi xoá dòng «# CHƯA XẾP» "
                       "(trong trình biên tập web: bấm «Đã xử lý, bỏ dòng này»).")
    IMPORT_UNKNOWN_KIND = ("import-unknown-kind", "Chọn loại bằng --kind plan, report, procedures hoặc procedure.")
    IMPORT_EMPTY = ("import-empty", "Kiểm tra lại tệp: tệp không có chữ nào để nhập.")
    IMPORT_NOT_VIETNAMESE = ("import-not-vietnamese", "Chọn đúng văn bản tiếng Việt có dấu (kế hoạch, báo cáo, danh mục thủ tục).")
    IMPORT_TOO_LARGE = ("import-too-large", "Tách văn bản thành các tệp nhỏ hơn, hoặc chỉ lưu phần cần nhập.")
    IMPORT_UNSUPPORTED_FORMAT = ("import-unsupported-format", "Lưu văn bản dạng .txt, .docx, .pdf, .xlsx hoặc ảnh .png/.jpg rồi nhập lại.")
    IMPORT_ENCRYPTED = ("import-encrypted", "Mở tệp bằng mật khẩu, lưu lại bản không khoá rồi nhập lại.")
    IMPORT_MACROS = ("import-macros", "Lưu lại tệp dạng .docx thường (không có macro) rồi nhập lại.")
    IMPORT_EXTERNAL_LINK = ("import-external-link", "Gỡ liên kết tới tệp hoặc trang bên ngoài (chèn thẳng nội dung) rồi lưu lại.")
    IMPORT_ZIP_BOMB = ("import-zip-bomb", "Tệp nén bất thường: lưu lại từ Word/Excel rồi nhập lại; không nhập tệp lạ.")
    IMPORT_NOT_FOUND = ("import-not-found", "Kiểm tra tên tệp và thư mục chứa nó (có thể kéo tệp thả vào cửa sổ lệnh để có đường dẫn đúng), rồi chạy lại.")
    IMPORT_UNREADABLE = ("import-unreadable", "Mở tệp bằng Word, Excel hoặc trình đọc PDF để kiểm tra, lưu lại rồi nhập lại.")
    IMPORT_OCR = ("import-ocr", "Đối chiếu từng số, ngày, mã với bản quét gốc trước khi đăng.")
    SUCCESSOR_TWICE = ("successor-twice", "Một đơn vị kế thừa: ghi successor; nhiều đơn vị kế thừa: ghi successors (danh sách); xoá một trong hai.")
