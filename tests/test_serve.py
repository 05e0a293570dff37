"""`cchc serve`: the preview follows YAML edits, and a broken edit keeps the last good page."""

import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_until(url: str, wanted: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} never appeared at {url}")


class Lines:
    """The server's stderr, read on a thread so the test can wait for a line with a deadline."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self.thread = threading.Thread(target=lambda: self.lines.extend(stream), daemon=True)
        self.thread.start()

    def wait_for(self, wanted: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any(wanted in line for line in list(self.lines)):
                return
            time.sleep(0.2)
        raise AssertionError(f"{wanted!r} never printed; got:\n{''.join(self.lines)}")


def test_preview_regenerates_on_yaml_edits_and_survives_bad_data(project: Path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "serve", "son-thuong", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    err = Lines(server.stderr)
    try:
        url = f"http://127.0.0.1:{port}/lien-he/"
        before = fetch_until(url, "Bộ phận Tiếp nhận và Trả kết quả")
        assert "Nhận hồ sơ mới" not in before
        # A good edit: the NEW text must appear (polled with a deadline, never a bare sleep).
        hotlines = project / "units/son-thuong/hotlines.yml"
        good = hotlines.read_text(encoding="utf-8")
        hotlines.write_text(good.replace("Tiếp nhận hồ sơ", "Nhận hồ sơ mới", 1), encoding="utf-8")
        fetch_until(url, "Nhận hồ sơ mới")
        # A broken edit: the rebuild runs (its error is printed, with file, line and code) ...
        unit = project / "units/son-thuong/unit.yml"
        unit_text = unit.read_text(encoding="utf-8")
        unit.write_text(unit_text + "province: lặp\n", encoding="utf-8")
        err.wait_for("Khoá «province» bị lặp lại trong cùng một khối [duplicate-key]")
        # ... and the last good page is still served whole.
        with urllib.request.urlopen(url, timeout=60) as response:
            assert response.status == 200
            kept = response.read().decode("utf-8")
        assert "Nhận hồ sơ mới" in kept and "</html>" in kept
        # Once the mistake is fixed, the preview follows edits again.
        unit.write_text(unit_text, encoding="utf-8")
        hotlines.write_text(good.replace("Tiếp nhận hồ sơ", "Hồ sơ đã sửa lại", 1), encoding="utf-8")
        fetch_until(url, "Hồ sơ đã sửa lại")
    finally:
        server.terminate()
        server.wait(timeout=20)
        err.thread.join(timeout=5)
    assert "Traceback" not in "".join(err.lines)


def test_a_port_already_in_use_is_said_in_vietnamese(project: Path):
    """`make edit`'s preview holds :8000, then the guide's `cchc serve`: a sentence and a way out, no traceback."""
    from conftest import cchc

    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        run = cchc(project, "serve", "son-thuong", "--port", str(port))
    assert (run.code, run.out) == (2, "")
    assert run.err == (f"Lỗi: Cổng {port} đang có chương trình khác dùng (có thể là một cchc serve hay cchc edit khác): "
                       f"dừng chương trình đó, hoặc xem trước ở cổng khác, vd --port {port + 1} [port-in-use]\n")
