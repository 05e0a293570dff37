"""Every operational message: what a command reports or refuses about how it was run (not about the
content, which has `Code`). One English name per message, to search for; the Vietnamese text with
its `{placeholders}`, which tests pin. `Say.NOT_A_PROJECT(root=…)` gives the text.
"""

from __future__ import annotations

from enum import Enum


class Say(Enum):
    """An operational message; calling it fills its placeholders."""

    def __call__(self, **values: object) -> str:
        return str(self.value).format(**values)

    # Where and how a command was run
    NOT_A_PROJECT = "{root} không phải thư mục dự án (không có thư mục units/)"
    UNKNOWN_UNIT = "Không có đơn vị «{slug}» trong units/{hint}"
    UNKNOWN_UNIT_LISTED = "Không có đơn vị «{slug}» trong units/ (có: {known})"
    BAD_ENGINE = "{variable}=«{name}» không hợp lệ; chọn một trong: {engines}"
    BLOCKED = "Có {count}; chưa dựng trang nào vì còn {blocked}. Sửa các dòng trên rồi chạy lại."
    # validate, build, serve, edit, schema
    VALID = "Dữ liệu hợp lệ: không có lỗi{warnings}."
    VALID_WARNINGS = " ({count} cảnh báo, không chặn việc dựng trang)"
    BUILT = "Đã dựng {slug}: {path}/index.html"
    ERRORS_ELSEWHERE = ("Có {count} lỗi ở trên, trong tệp mà các đơn vị vừa dựng không dùng: chúng không chặn các đơn vị này, "
                        "nhưng chặn đơn vị dùng tệp đó (và cchc build toàn bộ) cho tới khi sửa.")
    BUILT_WITH_WARNINGS = "Có {count} cảnh báo ở trên (không chặn việc dựng trang)."
    ENGINE_FAILED = "MkDocs không dựng được trang của «{slug}» ({error}):\n{shown}"
    WRITE_FAILED = "Lỗi ghi tệp khi dựng «{slug}»: {error}"
    TEMPLATE_FAILED = "Mẫu {template} lỗi khi tạo {slug}/{file}: {error}"
    PREVIEW = "Xem trước {slug} tại http://127.0.0.1:{port}/ (Ctrl+C để dừng)"
    PREVIEW_KEPT = "Dữ liệu có lỗi: trang xem trước giữ bản hợp lệ gần nhất."
    EDITOR_NOT_INSTALLED = "Chưa cài trình biên tập: chạy «make cms» (tải Decap CMS vào {folder}/node_modules)"
    EDITOR_RUNNING = "Trình biên tập {slug} đang chạy: mở địa chỉ trên (chỉ máy này mở được). Xem trước: {preview}. {who}. Ctrl+C để dừng."
    EDITOR_NAMED = "Người sửa ghi vào git: {name}"
    EDITOR_UNNAMED = "Chưa có tên người sửa (thêm --ten \"Họ Tên\")"
    PREVIEW_STOPPED = "Xem trước đã dừng; trình biên tập vẫn chạy."
    PORT_IN_USE = ("Cổng {port} đang có chương trình khác dùng (có thể là một cchc serve hay cchc edit khác): "
                   "dừng chương trình đó, hoặc xem trước ở cổng khác, vd --port {next} [port-in-use]")
    WROTE = "Đã ghi {path}"
    # cchc new
    CREATED = "Đã tạo {path}"
    EXISTS = "Đã có {path}; không ghi đè"
    BAD_SLUG = "{what} «{value}» chỉ dùng chữ thường không dấu, số và dấu gạch nối (vd: son-thuong)"
    NO_FIELD_YET = "Cần có ít nhất một lĩnh vực trong content/fields.yml trước khi thêm thủ tục"
    BAD_PROCEDURE_CODE = "Mã thủ tục «{code}» không đúng dạng (vd: 1.000593); {advice}"
    NEW_ARGUMENTS = "cchc new {command} cần {count} tham số; xem: cchc new --help"
    UNIT_NAME_FIRST = "Đơn vị «{slug}» chưa có tên trong units/{slug}/unit.yml (còn chữ mẫu «{name}»): ghi tên trước, rồi chạy lại lệnh này"
    # cchc owners
    NO_OWNER_RULES = "Không có tệp quy tắc quyền sửa {path}"
    NOT_OWNER_COUNT = "Có {count} tệp ngoài quyền của @{editor}; hãy chuyển cho người được sửa duyệt."
    OWNER_OK = "@{editor} được sửa cả {count} tệp."
    GIT_FAILED = "git {command} không chạy được: {error}"
    OWNERS_NEED_CHANGES = "Cần --target NHÁNH (vd origin/main) hoặc --changed TỆP…"
    # publish, rollback
    DEST_IS_A_FILE = "--dest {dest} là một tệp, không phải thư mục. Chọn thư mục đăng khác, hoặc xoá tệp này. [dest-not-a-folder]"
    KEEP_AT_LEAST_ONE = "--keep phải từ 1 trở lên"
    STOPPED = ("Đã dừng theo yêu cầu ({signal}): các trang đang đăng giữ nguyên, "
               "bản đang dựng dở đã được xoá; lần chạy sau sẽ dựng tiếp.")
    DEST_FAULT = "LỖI: {fault}"
    BAD_REMOTE_STATE = "Không đọc được --remote-state {path}: {error}"
    NO_DESTINATION = "Không có thư mục đăng {dest}: chưa đăng gì ở đó. Kiểm tra lại --dest."
    NO_RELEASE = "Chưa có bản nào của «{slug}» trong {dest}"
    NO_EARLIER_RELEASE = "«{slug}» không còn bản nào trước bản đang đăng"
    ROLLED_BACK = "Đã đưa {slug} về bản {release}"
    ACTIVATED = "Đã đăng {slug}: bản {release}"
    RUN_DONE = ("Xong trong {seconds} s: {built} đơn vị dựng mới, {reused} dùng lại, {unchanged} không đổi, "
                "{failed} lỗi; {pages} trang mới.")
    UNIT_BUILT = "  {slug}: {pages} trang, {seconds} s"
    UNIT_HELD = "LỖI {slug}: giữ nguyên bản đang đăng. Lý do:"
    DEST_BUSY = ("Một lần đăng khác đang chạy trên {folder}{holder}; đã chờ {wait} giây. "
                 "Không thay đổi gì. Chờ lần kia xong rồi chạy lại, hoặc chờ lâu hơn với --wait GIÂY.")
    DEST_BUSY_HOLDER = " (tiến trình {pid})"
    WORKER_LOST = "Tiến trình dựng trang dừng đột ngột ({how}); các đơn vị khác không bị ảnh hưởng"
    WORKER_SIGNAL = "tín hiệu {name}"
    WORKER_EXIT = "mã thoát {code}"
    NOT_BUILT_DEST_FAULT = "Chưa dựng: lần chạy đã dừng vì lỗi của thư mục đăng (xem thông báo cuối)"
    DEST_NOT_WRITABLE = "Không ghi được vào thư mục đăng {dest}"
    SWITCH_FAILED = "Không chuyển được bản đang đăng: {error} ({path})"
    MAP_NOT_WRITTEN = "Chưa ghi lại được {map}: {error}; tệp cũ giữ nguyên"
    REBUILD = "{problem}; dựng lại"
    HOST_TAKEN = "{slug}: tên miền «{host}» đang dùng cho «{owner}»"
    INBOX_BAD_NAME = "tên thư mục «{slug}/{release}» không hợp lệ"
    INBOX_LEFT = "LỖI {slug}: {problem}; để lại trong {inbox} cho lần chép sau, giữ nguyên bản đang đăng"
    INCOMPLETE_RELEASE = "Bản {release} của «{slug}» không đầy đủ hoặc đã bị sửa: {shown}"
    AND_MORE = "; và {count} chỗ khác"
    # what a release's manifest check finds
    NO_RELEASE_FOLDER = "không có thư mục bản dựng"
    NO_MANIFEST = "thiếu hoặc hỏng tệp kê khai {name} (bản dựng dở dang)"
    OTHER_MANIFEST = "tệp kê khai thuộc {found}, không phải {wanted}"
    FILE_MISSING = "{path}: thiếu tệp"
    FILE_SIZE = "{path}: kích thước {size} thay vì {listed}"
    FILE_CHANGED = "{path}: nội dung khác bản kê khai"
    FILE_UNLISTED = "{path}: tệp lạ, không có trong bản kê khai"
    # the GitLab job's summary of a sharded night
    JOB_SUMMARY = "Tóm tắt lần chạy này:"
    JOB_SUMMARY_EMPTY = "Tóm tắt lần chạy này: không có đơn vị nào."
    JOB_HELD_CONTENT = "  Giữ bản đang đăng: {slug}: nội dung có lỗi: {reason}"
    JOB_HELD_SERVER = ("  Giữ bản đang đăng: {slug}: bản {release} đã dựng nhưng máy chủ chưa đăng "
                       "(máy chủ đang đăng {served}; xem lỗi của bước chép và đăng ở trên)")
    JOB_LIVE = "  Đã lên mạng: {slug} (bản {release})"
    JOB_UNCHANGED = "  Không đổi (đã đăng từ trước): {slugs}"
    JOB_NO_REASON = "không rõ"
    JOB_NOTHING_SERVED = "không có bản nào"
    UNUSED_RECORD_ERRORS = ("Có {count} lỗi ở tệp chưa đơn vị nào dùng, nên không giữ lại đơn vị nào; "
                            "hãy sửa trước khi đưa vào danh sách của một đơn vị.")
    NOTE = "Chú ý: {note}"
    BAD_SHARD = "--shard «{text}» phải có dạng I/N với 1 ≤ I ≤ N, vd 2/8"
    NO_RUN_REPORT = "Tóm tắt lần chạy này: cchc publish không ghi {path}; không đơn vị nào được dựng (xem lỗi ở trên)."
    # cchc import
    IMPORT_NO_UNIT_FILE = "Không có đơn vị «{slug}» (thiếu tệp units/{slug}/unit.yml)"
    IMPORT_UNKNOWN_KIND = "Loại «{kind}» không có; chọn một trong: {kinds}"
    IMPORT_EXISTS = ("Đã có tệp {path} (văn bản này có lẽ đã được nhập); không ghi đè. Xem bản nháp mới bằng --stdout "
                     "để so với tệp đang có; nếu là một văn bản khác cùng tên, đổi tên tệp đang có trước khi nhập [import-exists]")
    IMPORT_CHANGES = "Thay đổi so với danh sách hiện có ({count}):"
    IMPORT_NOT_APPLIED = "Chưa ghi gì. Chạy lại với --apply để cập nhật {path}."
