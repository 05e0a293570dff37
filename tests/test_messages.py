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
