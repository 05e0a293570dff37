"""The catalogue of operational messages (generator/problems/messages.py) holds only messages in use:
each is named by an English key somewhere in generator/. Their exact Vietnamese text is pinned by the
tests of the commands that print them."""

from conftest import ROOT, cchc

from generator.problems.messages import Say


def test_every_operational_message_is_used_and_fills_its_placeholders():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "generator").rglob("*.py") if p.name != "messages.py")
    assert [m.name for m in Say if f"Say.{m.name}(" not in code] == []
    assert Say.UNKNOWN_UNIT(slug="x", hint="") == "Không có đơn vị «x» trong units/"


def test_a_missing_destination_is_named_without_a_traceback(project, tmp_path):
    """Rollback has nothing to go back to; `activate` instead creates an empty destination, so that
    nginx can start before the first publish (tests/test_push.py)."""
    run = cchc(project, "rollback", "son-thuong", "--dest", str(tmp_path / "khong-co"))
    assert (run.code, run.err) == (2, f"Lỗi: Không có thư mục đăng {tmp_path / 'khong-co'}: chưa đăng gì ở đó. Kiểm tra lại --dest.\n")
    assert not (tmp_path / "khong-co").exists()


def test_a_command_called_wrongly_is_answered_in_vietnamese_with_a_code(project):
    """argparse's own refusals and help headings: an editor who leaves out --unit reads what is
    missing and where to look, not English."""
    run = cchc(project, "import", "ke-hoach.txt")
    assert run.code == 2
    assert run.err.endswith("cchc import: lỗi [usage]: thiếu tham số bắt buộc: --unit\n(xem: cchc import --help)\n"), run.err
    assert run.err.startswith("cách dùng: cchc import ")
    wrong = cchc(project, "new", "ke-hoach", "x")
    assert "lỗi [usage]: tham số LOẠI: «ke-hoach» không phải lựa chọn có sẵn (chọn một trong: 'unit', 'procedure', 'plan'" in wrong.err
    helped = cchc(project, "import", "--help")
    assert helped.code == 0
    assert "\ntham số:\n  TỆP " in helped.out and "\ntùy chọn:\n  -h, --help            in hướng dẫn này rồi thôi\n" in helped.out
    assert "--unit ĐƠN_VỊ         thư mục của đơn vị trong units/" in helped.out
    top = cchc(project, "--help").out
    assert "--version   in số phiên bản rồi thôi" in top
    assert not any(word in helped.out + top + run.err + wrong.err for word in ("usage:", "error:", "options:", "arguments", "show this help", "show program"))
