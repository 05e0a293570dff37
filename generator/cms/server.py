"""The local editing server behind `cchc edit UNIT`.

One address serves the admin page (Decap CMS from `cms/node_modules`, no CDN), its configuration
(generated for the unit) and the CMS's backend API. The API is a proxy in front of `decap-server`
(npm, `MODE=fs`): every write is first applied to a private copy of the project's `units/` and
`content/` and checked with the same rules as `cchc validate`. A write that brings a new error is
refused with HTTP 422 and the Vietnamese messages (file, field, code); nothing reaches the disk. The
page shows the message in Decap's notice and beside the field that holds the bad value."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any

from ..content_types import PROCEDURE
from ..load import LoadError, load_text
from ..pipeline import check
from ..problems import Problem, Severity, UsageError
from .config import LOCAL_BACKEND, build_config, dump
from .text import keep_header

CMS_DIR = Path(os.environ.get("CCHC_CMS_DIR", Path(__file__).resolve().parents[2] / "cms"))
DIST = CMS_DIR / "node_modules" / "decap-cms" / "dist"
YAML_JS = CMS_DIR / "node_modules" / "yaml" / "browser"  # served as /admin/yaml/
DECAP_SERVER = CMS_DIR / "node_modules" / "decap-server" / "dist" / "index.js"
ADMIN = Path(__file__).resolve().parent / "admin"
CHECKED = ("units", "content")  # what `cchc validate` reads
WRITES = {"persistEntry", "deleteFile", "deleteFiles"}
PROCEDURES_FOLDER = str(PurePosixPath(PROCEDURE.paths[0]).parent)  # content/procedures


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _key(problem: Problem) -> tuple[str, str, str, str]:
    """A problem without its line: a save moves lines, and an old error is not the editor's doing."""
    return problem.file, problem.field, problem.code, problem.message


@dataclass
class Refusal:
    problems: list[Problem]
    values: dict[str, str | None]  # field path → the offending value as written, to find its input on the page

    def as_json(self) -> dict[str, Any]:
        lines = [f"{p.file}: {p.field + ': ' if p.field else ''}{p.message} [{p.code}]" for p in self.problems]
        return {
            "error": "Chưa lưu vì dữ liệu không hợp lệ:\n" + "\n".join(lines),
            "problems": [{**p.as_dict(), "value": self.values.get(f"{p.file}#{p.field}")} for p in self.problems],
        }


def _value_at(data: Any, field: str) -> str | None:
    """The value at `hotlines[0].phone` in loaded data, when it is text."""
    import re

    for part in re.findall(r"[^.\[\]]+|\[\d+\]", field):
        if part.startswith("["):
            index = int(part[1:-1])
            data = data[index] if isinstance(data, list) and index < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data if isinstance(data, str) else None


class Gate:
    """The private copy of the project where each write is tried before it may reach the disk."""

    def __init__(self, root: Path):
        self.root = root
        self.mirror = Path(tempfile.mkdtemp(prefix="cchc-edit-"))
        for part in CHECKED:
            if (root / part).is_dir():
                shutil.copytree(root / part, self.mirror / part)
        self.lock = threading.Lock()
        self.baseline = self._errors()

    def _errors(self) -> dict[tuple[str, str, str, str], Problem]:
        _, problems = check(self.mirror)
        return {_key(p): p for p in problems if p.severity is Severity.ERROR}

    def _inside(self, path: str) -> Path:
        target = (self.mirror / path).resolve()
        if not any(target.is_relative_to(self.mirror / part) for part in CHECKED):
            raise UsageError(f"Không được ghi ra ngoài units/ và content/: {path}")
        return target

    def prepare(self, files: list[dict[str, Any]]) -> None:
        """Keep what the CMS drops: the comment lines at the top of a file (its schema line)."""
        for file in files:
            original = self.root / file["path"]
            if original.is_file():
                file["raw"] = keep_header(original.read_text(encoding="utf-8"), file["raw"])

    def attempt(self, writes: dict[str, str | None]) -> Refusal | None:
        """Try the writes (path → text, None to delete) on the copy; keep them only if no new error."""
        with self.lock:
            saved = {}
            for path, text in writes.items():
                target = self._inside(path)
                saved[target] = target.read_bytes() if target.is_file() else None
                if text is None:
                    target.unlink(missing_ok=True)
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(text, encoding="utf-8")
            errors = self._errors()
            new = [p for key, p in errors.items() if key not in self.baseline]
            if not new:
                self.baseline = errors
                return None
            for target, content in saved.items():
                if content is None:
                    target.unlink(missing_ok=True)
                else:
                    target.write_bytes(content)
            values = {}
            for problem in new:
                text = writes.get(problem.file)
                if text is not None:
                    try:
                        values[f"{problem.file}#{problem.field}"] = _value_at(load_text(text, problem.file).data, problem.field)
                    except LoadError:
                        pass
            return Refusal(sorted(new), values)

    def close(self) -> None:
        shutil.rmtree(self.mirror, ignore_errors=True)


def _decap_slug(key: str) -> str:
    """The file name Decap CMS makes from a procedure code (`slug: "{{fields.code}}"`): its slug
    step lower-cases and turns dots into dashes (decap-cms-core `prepareSlug`), «1.000593.H19» →
    «1-000593-h19»."""
    return key.lower().replace(".", "-")


def _procedure_path(path: str, raw: str) -> str:
    """A new catalog procedure goes to the file its code names (`content/procedures/<code>.yml`),
    not to the name Decap made of the code, which `cchc validate` would refuse."""
    where = PurePosixPath(path)
    if str(where.parent) != PROCEDURES_FOLDER:
        return path
    try:
        code = load_text(raw, path).data.get("code")
    except (LoadError, AttributeError):
        return path
    if isinstance(code, str) and code != where.stem and _decap_slug(code) == where.stem:
        return f"{PROCEDURES_FOLDER}/{code}.yml"
    return path


def _read_path(root: Path, path: str) -> str:
    """The procedure file Decap asks for by the name it made of the code, found by that code."""
    where = PurePosixPath(path)
    if str(where.parent) != PROCEDURES_FOLDER or (root / path).exists():
        return path
    found = [p for p in (root / PROCEDURES_FOLDER).glob("*.yml") if _decap_slug(p.stem) == where.stem]
    return f"{PROCEDURES_FOLDER}/{found[0].name}" if len(found) == 1 else path


def _writes(body: dict[str, Any]) -> dict[str, str | None]:
    params = body.get("params") or {}
    action = body.get("action")
    if action == "persistEntry":
        files = params.get("dataFiles") or [params["entry"]]
        return {f["path"]: f["raw"] for f in files}
    if action == "deleteFile":
        return {params["path"]: None}
    if action == "deleteFiles":
        return {path: None for path in params["paths"]}
    return {}


class EditServer:
    """The admin page, the validating API proxy and decap-server, for one unit."""

    def __init__(self, root: Path, slug: str, port: int, preview_url: str | None = None):
        if not DECAP_SERVER.is_file() or not (DIST / "decap-cms.js").is_file():
            raise UsageError(f"Chưa cài trình biên tập: chạy «make cms» (npm ci trong {CMS_DIR})")
        if not (root / "units" / slug).is_dir():
            raise UsageError(f"Không có đơn vị «{slug}» trong units/")
        self.root, self.slug, self.port, self.preview_url = root, slug, port, preview_url
        self.gate = Gate(root)
        self.backend_port = free_port()
        self.backend: subprocess.Popen[bytes] | None = None
        self.httpd: ThreadingHTTPServer | None = None

    def config_text(self) -> str:
        return dump(build_config(self.root, [self.slug], backend=LOCAL_BACKEND))

    def start(self) -> None:
        env = {**os.environ, "PORT": str(self.backend_port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
               "GIT_REPO_DIRECTORY": str(self.root), "LOG_LEVEL": "warn"}
        self.backend = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, cwd=self.root,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.backend_port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.backend.poll() is not None:
                    self.stop()
                    raise UsageError("decap-server không khởi động được") from None
                time.sleep(0.1)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
        if self.backend is not None and self.backend.poll() is None:
            self.backend.terminate()
            try:
                self.backend.wait(10)
            except subprocess.TimeoutExpired:
                self.backend.kill()
        self.gate.close()

    def forward(self, body: bytes) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.backend_port, timeout=60)
        try:
            connection.request("POST", "/api/v1", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()


def _handler(server: EditServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal is the editor's
            pass

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page was left before the answer came: nothing to tell, no traceback in the terminal

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path in ("/", "/admin"):
                self.send_response(302)
                self.send_header("Location", "/admin/")
                self.end_headers()
            elif path == "/admin/":
                page = (ADMIN / "index.html").read_text(encoding="utf-8")
                page = page.replace("{{preview_url}}", server.preview_url or "")
                self._send(200, page.encode(), "text/html; charset=utf-8")
            elif path == "/admin/config.yml":
                self._send(200, server.config_text().encode(), "text/yaml; charset=utf-8")
            elif path.startswith("/admin/"):
                name = path.removeprefix("/admin/")
                folders: tuple[Path, ...] = (ADMIN, DIST)
                if name.startswith("yaml/"):
                    name, folders = name.removeprefix("yaml/"), (YAML_JS,)
                for folder in folders:
                    file = (folder / name).resolve()
                    if file.is_relative_to(folder) and file.is_file():
                        kind = {".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm"}
                        self._send(200, file.read_bytes(), kind.get(file.suffix, "application/octet-stream"))
                        return
                self._send(404, "Không có tệp này".encode(), "text/plain; charset=utf-8")
            else:
                self._send(404, "Không có trang này".encode(), "text/plain; charset=utf-8")

        def do_POST(self) -> None:
            if self.path.split("?")[0] != "/api/v1":
                self._send(404, b"{}", "application/json")
                return
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw)
            except ValueError:
                self._send(400, b'{"error": "JSON?"}', "application/json")
                return
            if body.get("action") == "getEntry" and isinstance(body.get("params"), dict) and "path" in body["params"]:
                body["params"]["path"] = _read_path(server.root, body["params"]["path"])
                raw = json.dumps(body).encode()
            if body.get("action") in WRITES:
                if body["action"] == "persistEntry":
                    params = body["params"]
                    for file in params.get("dataFiles") or [params["entry"]]:
                        file["path"] = _procedure_path(file["path"], file["raw"])
                    server.gate.prepare(params.get("dataFiles") or [params["entry"]])
                    raw = json.dumps(body).encode()
                try:
                    refusal = server.gate.attempt(_writes(body))
                except UsageError as error:
                    self._send(403, json.dumps({"error": str(error)}, ensure_ascii=False).encode(), "application/json")
                    return
                if refusal is not None:
                    self._send(422, json.dumps(refusal.as_json(), ensure_ascii=False).encode(), "application/json; charset=utf-8")
                    return
            status, answer = server.forward(raw)
            self._send(status, answer, "application/json; charset=utf-8")

    return Handler
