"""The catalogue of operational messages (generator/problems/messages.py) holds only messages in use:
each is named by an English key somewhere in generator/. Their exact Vietnamese text is pinned by the
tests of the commands that print them."""

from conftest import ROOT

from generator.problems.messages import Say


def test_every_operational_message_is_used_and_fills_its_placeholders():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "generator").rglob("*.py") if p.name != "messages.py")
    assert [m.name for m in Say if f"Say.{m.name}(" not in code] == []
    assert Say.UNKNOWN_UNIT(slug="x", hint="") == "Không có đơn vị «x» trong units/"
