"""One test per validation rule: the exact line an editor sees, from a real edit of a copy of the
bundled project. A last test keeps the code registry (generator/codes.py) and these tests in step."""

import ast
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from generator.load import LoadError, load_file
from generator.pipeline import check
from generator.problems import Code
from generator.problems.validation import _message
from generator.schema import Unit

# (rule, file, text to replace or None to write the whole file, new text, expected error lines)
RULES = [
    ('yaml-indentation', 'units/ba-to/unit.yml', '    basis: Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản 42', '   basis: Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản 42', ['units/ba-to/unit.yml:21:4: Thụt lề không khớp với dòng trên; các mục cùng cấp phải thẳng cột [yaml-indentation]']),
    ('yaml-syntax', 'units/son-thuong/unit.yml', 'province: Quảng Ngãi\n', 'province: [Quảng Ngãi\n', ['units/son-thuong/unit.yml:8:8: Danh sách trong ngoặc vuông «[ ]» chưa đóng ngoặc hoặc thiếu dấu phẩy [yaml-syntax]']),
    ('yaml-complex-key', 'units/son-thuong/unit.yml', 'province: Quảng Ngãi\n', '? [a, b]\n: x\n', ['units/son-thuong/unit.yml:7:3: Khoá phải là chữ [yaml-complex-key]']),
    ('yaml-too-deep', 'units/son-thuong/documents.yml', None, 'documents:\n' + ''.join('  ' * i + '- \n' for i in range(1, 60)), ['units/son-thuong/documents.yml:51:101: Dữ liệu lồng nhau quá 50 cấp [yaml-too-deep]']),
    ('yaml-bad-character', 'units/son-thuong/unit.yml', 'province: Quảng Ngãi', 'province: Quảng\x07 Ngãi', ['units/son-thuong/unit.yml:7:16: Có ký tự điều khiển không hợp lệ (U+0007), thường do dán từ Word hoặc PDF [yaml-bad-character]']),
    ('not-utf8', 'units/son-thuong/unit.yml', 'province: Quảng Ngãi', 'province: Qu\udce1ng', ['units/son-thuong/unit.yml:7:1: Tệp không phải mã UTF-8; hãy lưu lại với mã UTF-8 [not-utf8]']),
    ('file-too-large', 'units/son-thuong/documents.yml', None, 'documents:\n# ' + 'x' * 3_000_000 + '\n', ['units/son-thuong/documents.yml:1:1: Tệp quá lớn (3000014 byte, tối đa 2097152) [file-too-large]']),
    ('empty-file', 'units/son-thuong/documents.yml', None, '# chỉ có chú thích\n', ['units/son-thuong/documents.yml:1:1: Tệp rỗng [empty-file]']),
    ('unknown-file', 'units/son-thuong/hotline.yml', None, 'feedback:\n', ['units/son-thuong/hotline.yml:1:1: Tệp lạ «hotline.yml»; các tệp được dùng: unit.yml, indices.yml, hotlines.yml, procedures.yml, documents.yml [unknown-file]']),
    ('not-a-mapping', 'units/son-thuong/hotlines.yml', None, '- a\n- b\n', ['units/son-thuong/hotlines.yml:1:1: Cần một khối gồm các dòng «khoá: giá trị» [not-a-mapping]']),
    ('not-text', 'units/son-thuong/unit.yml', 'province: Quảng Ngãi', 'province:\n  - Quảng Ngãi', ['units/son-thuong/unit.yml:8:3: province: Cần một đoạn chữ, không phải danh sách hay khối [not-text]']),
    ('empty-text', 'units/son-thuong/unit.yml', 'province: Quảng Ngãi', "province: ''", ['units/son-thuong/unit.yml:7:11: province: Không được để trống [empty-text]']),
    ('placeholder-text', 'units/son-thuong/unit.yml', 'province: Quảng Ngãi', 'province: "CẦN GHI: tên tỉnh, vd Quảng Ngãi"', ['units/son-thuong/unit.yml:7:11: province: Còn chữ mẫu của tệp khởi đầu: «CẦN GHI: tên tỉnh, vd Quảng Ngãi» [placeholder-text]']),
    ('invalid-date-format', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', 'date: 6/2024', 'date: tháng 6/2024', ['units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:4:7: date: «tháng 6/2024» không phải ngày dạng ngày/tháng/năm (vd: 22/01/2024) [invalid-date-format]']),
    ('invalid-year', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', "year: '2024'", "year: '24'", ['units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:10:9: period.year: Năm «24» phải có 4 chữ số (vd: 2024) [invalid-year]']),
    ('invalid-quarter', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', "quarter: '2'", "quarter: '5'", ['units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:11:12: period.quarter: Quý phải từ 1 đến 4 [invalid-quarter]']),
    ('not-a-count', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', "online: '310'", 'online: ba trăm mười', ['units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:120:13: dossier_stats.received.online: «ba trăm mười» phải là số nguyên không âm (vd: 0, 12, 1.234) [not-a-count]']),
    ('not-a-number', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', "value: '19'", 'value: mười chín', ['units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:137:10: figures[0].value: «mười chín» phải là một số viết kiểu Việt Nam (vd: 1.234 hoặc 85,12) [not-a-number]']),
    ('ambiguous-number', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', "value: '19'", "value: '1.23'", ['units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:137:10: figures[0].value: «1.23» không rõ nghĩa: theo cách viết Việt Nam, dấu chấm ngăn cách hàng nghìn (1.234) và dấu phẩy đứng trước phần thập phân (12,5); hãy viết lại đúng như văn bản gốc [ambiguous-number]']),
    ('not-yes-no', 'content/procedures/2.000815.yml', 'present_only: có', 'present_only: chắc chắn', ['content/procedures/2.000815.yml:20:19: dossier[0].present_only: «chắc chắn» phải là «có» hoặc «không» [not-yes-no]']),
    ('invalid-slug', 'content/procedures/2.000815.yml', 'field: chung-thuc', 'field: Chứng thực', ['content/procedures/2.000815.yml:5:8: field: «Chứng thực» không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch nối (vd: ba-to) [invalid-slug]']),
    ('invalid-document-number', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', 'plan: 15/KH-UBND', 'plan: Kế hoạch 15', ['units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:12:7: plan: Số hiệu văn bản «Kế hoạch 15» không đúng dạng (vd: 76/NQ-CP, 93/2021/NQ-HĐND, 04-NQ/TU) [invalid-document-number]']),
    ('invalid-email', 'units/son-thuong/unit.yml', 'email:\n', 'email: ubnd.sonthuong\n', ['units/son-thuong/unit.yml:10:8: email: Địa chỉ thư điện tử «ubnd.sonthuong» không hợp lệ [invalid-email]']),
    ('invalid-url', 'units/son-thuong/unit.yml', 'site_url: https://sonthuong', 'site_url: sonthuong', ['units/son-thuong/unit.yml:12:11: site_url: Đường dẫn «sonthuong.sonha.quangngai.gov.vn/» phải bắt đầu bằng https:// (hoặc http://), không có dấu cách, ngoặc hay dấu nháy [invalid-url]']),
    ('status-date-missing', 'units/chi-lang-nam/unit.yml', 'status: active', 'status: dissolved', ['units/chi-lang-nam/unit.yml:12:9: status: Đơn vị đã sáp nhập hoặc giải thể phải có status_date (ngày/tháng/năm) [status-date-missing]']),
    ('successor-missing', 'units/chi-lang-nam/unit.yml', 'status: active', 'status: merged\nstatus_date: 01/07/2025', ['units/chi-lang-nam/unit.yml:12:9: status: Đơn vị đã sáp nhập phải ghi successor (đơn vị kế thừa) [successor-missing]']),
    ('replaced-by-missing', 'content/procedures/2.000815.yml', 'status: in-force', 'status: replaced', ['content/procedures/2.000815.yml:30:9: status: Thủ tục đã bị thay thế phải ghi replaced_by [replaced-by-missing]']),
    ('source-missing', 'content/procedures/2.000815.yml', 'source:\n  title: Cổng Dịch vụ công quốc gia, thủ tục 2.000815\n  url: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000815\n', '', ['content/procedures/2.000815.yml:3:1: sources: Bản ghi thủ tục phải ghi nguồn (sources) [source-missing]']),
    ('score-above-scale', 'units/son-thuong/indices.yml', None, "results:\n  - index: PCI\n    year: '2023'\n    score: '120'\n    scale_max: '100'\n    source:\n      title: thử\n", ['units/son-thuong/indices.yml:4:12: results[0].score: Điểm lớn hơn thang điểm tối đa [score-above-scale]']),
    ('rank-above-count', 'units/son-thuong/indices.yml', None, "results:\n  - index: PCI\n    year: '2023'\n    score: '60'\n    scale_max: '100'\n    rank: '70'\n    ranked_of: '63'\n    source:\n      title: thử\n", ['units/son-thuong/indices.yml:6:11: results[0].rank: Thứ hạng lớn hơn số đơn vị được xếp hạng [rank-above-count]']),
    ('duplicate-procedure', 'units/son-thuong/procedures.yml', 'procedures:\n', 'procedures:\n  - code: "1.000593"\n', ['units/son-thuong/procedures.yml:8:11: procedures[2].code: Thủ tục «1.000593» đã có ở trên [duplicate-procedure]']),
    ('duplicate-procedure-code', 'content/procedures/1.000593-copy.yml', None, 'COPY:1.000593', ['content/procedures/1.000593-copy.yml:3:7: code: Tên tệp phải là mã thủ tục: 1.000593.yml [procedure-file-name]', 'content/procedures/1.000593.yml:3:7: code: Mã thủ tục «1.000593» đã có trong content/procedures/1.000593-copy.yml [duplicate-procedure-code]']),
    ('procedure-file-name', 'content/procedures/1.000593.yml', 'RENAME', 'content/procedures/1-000593.yml', ['content/procedures/1-000593.yml:3:7: code: Tên tệp phải là mã thủ tục: 1.000593.yml [procedure-file-name]']),
    ('unknown-field', 'content/procedures/2.000815.yml', 'field: chung-thuc', 'field: chung-thu', ['content/procedures/2.000815.yml:5:8: field: Lĩnh vực «chung-thu» không có trong content/fields.yml; có phải ý bạn là «chung-thuc»? [unknown-field]']),
    ('duplicate-document', 'units/son-thuong/documents.yml', 'documents:\n', 'documents:\n  - number: 15/KH-UBND\n    type: Kế hoạch\n    issuer: x\n    summary: y\n', ['units/son-thuong/documents.yml:13:13: documents[2].number: Văn bản «15/KH-UBND» đã khai báo ở mục documents[0] [duplicate-document]']),
    ('unknown-unit', 'units/ba-to/unit.yml', 'khoản 45\n', 'khoản 45\n    slug: son-thuon\n', ['units/ba-to/unit.yml:31:11: successors[3].slug: Không có đơn vị «son-thuon» trong units/; có phải ý bạn là «son-thuong»? [unknown-unit]']),
    ('unit-file-missing', 'units/xa-trong/ghi-chu.yml', None, 'a: b\n', ['units/xa-trong/unit.yml:1:1: Thiếu tệp unit.yml của đơn vị [unit-file-missing]']),
]

# Digits other than 0-9 (fullwidth, Arabic-Indic) in every kind of field that holds digits.
DIGITS = "có chữ số không phải 0-9 (chữ số toàn độ rộng hoặc Ả Rập, thường do dán từ tài liệu khác); hãy viết"
RULES += [
    ('non-ascii-digits', 'units/son-thuong/procedures.yml', 'code: "1.000593"', 'code: "１.０００５９３"', [f'units/son-thuong/procedures.yml:7:11: procedures[1].code: «１.０００５９３» {DIGITS} «1.000593» [non-ascii-digits]']),
    ('non-ascii-digits-arabic', 'units/son-thuong/procedures.yml', 'code: "1.000593"', 'code: "١.٠٠٠٥٩٣"', [f'units/son-thuong/procedures.yml:7:11: procedures[1].code: «١.٠٠٠٥٩٣» {DIGITS} «1.000593» [non-ascii-digits]']),
    ('non-ascii-digits-year', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', "year: '2024'", "year: '٢٠٢٤'", [f'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:10:9: period.year: «٢٠٢٤» {DIGITS} «2024» [non-ascii-digits]']),
    ('non-ascii-digits-count', 'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml', "online: '310'", "online: '３１０'", [f'units/son-thuong/reports/2024-q2-ket-qua-cchc.yml:120:13: dossier_stats.received.online: «３１０» {DIGITS} «310» [non-ascii-digits]']),
    ('non-ascii-digits-phone', 'units/son-thuong/unit.yml', 'phone:\n', 'phone: ０９１２ ３４５ ６７８\n', [f'units/son-thuong/unit.yml:9:8: phone: «０９１２ ３４５ ６７８» {DIGITS} «0912 345 678» [non-ascii-digits]']),
    ('successor-twice', 'units/son-thuong/unit.yml', 'successor:\n  name: Xã Sơn Hà\n', 'successors:\n  - name: Xã Sơn Hà\nsuccessor:\n  name: Xã Sơn Hà\n', ['units/son-thuong/unit.yml:19:3: successors: Ghi successor (một đơn vị kế thừa) hoặc successors (nhiều đơn vị kế thừa), không ghi cả hai [successor-twice]']),
    ('site-url-path', 'units/son-thuong/unit.yml', 'site_url: https://sonthuong.sonha.quangngai.gov.vn/', 'site_url: https://sonha.quangngai.gov.vn/son-thuong/', ['units/son-thuong/unit.yml:12:11: site_url: Địa chỉ trang «https://sonha.quangngai.gov.vn/son-thuong/» có phần «/son-thuong/» sau tên miền; mỗi đơn vị được phục vụ ở gốc tên miền riêng, hãy ghi «https://sonha.quangngai.gov.vn/» [site-url-path]']),
]

def apply(root: Path, file: str, old: str | None, new: str) -> None:
    path = root / file
    if old is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if new.startswith("COPY:"):
            shutil.copy(root / f"content/procedures/{new[5:]}.yml", path)
            return
        path.write_bytes(new.encode("utf-8", "surrogateescape"))
    elif old == "RENAME":
        path.rename(root / new)
    else:
        text = path.read_text(encoding="utf-8")
        assert old in text, (file, old)
        path.write_bytes(text.replace(old, new, 1).encode("utf-8", "surrogateescape"))


@pytest.mark.parametrize("rule, file, old, new, expected", RULES, ids=[r[0] for r in RULES])
def test_rule_message(project, rule, file, old, new, expected):
    apply(project, file, old, new)
    _, problems = check(project)
    assert [p.format() for p in sorted(problems) if p.severity.value == "error"] == expected


def test_an_unreadable_file_is_reported_not_raised(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_file(tmp_path, "units/x/unit.yml")  # a folder where a file should be
    assert caught.value.problem.format() == "units/x/unit.yml:1:1: Không đọc được tệp (Is a directory) [file-unreadable]"


def test_an_unexpected_schema_error_still_has_a_vietnamese_message():
    error = {"type": "too_long", "loc": ("name",), "msg": "Value should have at most 5 items", "input": "x"}
    message, code = _message(Unit, error)
    assert f"{message} [{code.value}]" == "Giá trị không hợp lệ (Value should have at most 5 items) [invalid-value]"


def _pinned_codes() -> set[str]:
    """Codes whose exact message a test pins: `[code]` at the end of an expected line."""
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    return set(re.findall(r"\[([a-z0-9]+(?:-[a-z0-9]+)+)\]", tests))


def _emitted_codes() -> set[str]:
    """Every `Code.NAME` the generator's code refers to (an unknown NAME is kept, to be reported)."""
    names = set()
    for path in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code":
                names.add(node.attr)
    return names


def test_every_registered_code_is_emitted_and_every_emitted_code_registered():
    emitted = _emitted_codes()
    assert emitted - set(Code.__members__) == set(), "emitted but not registered"
    assert set(Code.__members__) - emitted == set(), "registered but never emitted"


def test_every_code_has_a_hint_and_a_pinned_message():
    assert {code.value for code in Code} - _pinned_codes() == set(), "emitted without a pinned message"
    assert all(code.hint.endswith(".") for code in Code)
