"""`cchc serve`: the preview follows YAML edits, and a broken edit keeps the last good page."""

import socket
import subprocess
import sys
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


def test_preview_regenerates_on_yaml_edits_and_survives_bad_data(project: Path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "serve", "son-thuong", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/lien-he/"
        fetch_until(url, "Bộ phận Tiếp nhận và Trả kết quả")
        hotlines = project / "units/son-thuong/hotlines.yml"
        hotlines.write_text(hotlines.read_text(encoding="utf-8").replace("Tiếp nhận hồ sơ", "Nhận hồ sơ mới", 1), encoding="utf-8")
        fetch_until(url, "Nhận hồ sơ mới")
        unit = project / "units/son-thuong/unit.yml"
        unit.write_text(unit.read_text(encoding="utf-8") + "province: lặp\n", encoding="utf-8")
        time.sleep(3)
        fetch_until(url, "Nhận hồ sơ mới", seconds=5)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)
    assert "Khoá «province» bị lặp lại trong cùng một khối [duplicate-key]" in err
    assert "Traceback" not in err
