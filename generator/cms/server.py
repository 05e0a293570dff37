"""The local editing server behind `cchc edit UNIT`: one Python process, bound to 127.0.0.1, that
serves the admin page (Decap CMS's bundle from `cms/node_modules`, no CDN), its configuration
(generated for the unit) and Decap's proxy-backend API (`api.py`), which is the only writer of the
project's files. No third-party server runs behind it. Every request first passes the guard
(Host, Origin, the per-session secret, JSON of a capped size); every refusal is a JSON answer with a
Vietnamese sentence and an English code, never a traceback."""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..problems import UsageError
from ..problems.messages import Say
from .access import Access, Forbidden
from .answers import Refused
from .api import Api, Rejected
from .commit import Committer, git_name
from .config import LOCAL_BACKEND, build_config, dump
from .guard import CHECKED_HEADERS, Guard
from .imports import MAX_UPLOAD, Imports, with_review

CMS_DIR = Path(os.environ.get("CCHC_CMS_DIR", Path(__file__).resolve().parents[2] / "cms"))
DIST = CMS_DIR / "node_modules" / "decap-cms" / "dist"
YAML_JS = CMS_DIR / "node_modules" / "yaml" / "browser"  # served as /admin/yaml/
ADMIN = Path(__file__).resolve().parent / "admin"
KINDS = {".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".html": "text/html; charset=utf-8"}
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
           "Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def installed() -> bool:
    return (DIST / "decap-cms.js").is_file()


class EditServer:
    """The admin page and the API for one unit, on 127.0.0.1:`port` (0: any free port)."""

    def __init__(self, root: Path, slug: str, port: int, preview_url: str | None = None, name: str | None = None):
        if not (root / "units" / slug).is_dir() or (root / "units" / slug).is_symlink():
            raise UsageError(Say.UNKNOWN_UNIT(slug=slug, hint=""))
        self.root, self.slug, self.preview_url = root.resolve(), slug, preview_url
        self.editor = name or git_name(self.root)
        self.api = Api(Access(self.root, slug), Committer(self.root, self.editor))
        self.imports = Imports(self.api, slug)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.httpd.daemon_threads = True
        self.port: int = self.httpd.server_address[1]
        self.guard = Guard(self.port)

    @property
    def url(self) -> str:
        """The address with the session's secret: printed once, opened in the browser."""
        return self.guard.address()

    def config_text(self) -> str:
        return dump(build_config(self.root, [self.slug], backend=LOCAL_BACKEND))

    def start(self) -> None:
        # `stop` waits for the loop's next look at its flag: a tenth of a second, not the default half
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _static(name: str) -> Path | None:
    """A file of the admin page: ours, Decap's bundle, or the yaml library (under /admin/yaml/)."""
    folders: tuple[Path, ...] = (ADMIN, DIST)
    if name.startswith("yaml/"):
        name, folders = name.removeprefix("yaml/"), (YAML_JS,)
    for folder in folders:
        file = (folder / name).resolve()
        if file.is_relative_to(folder.resolve()) and file.is_file():
            return file
    return None


def _headers(message: Message) -> dict[str, str]:
    """The headers the guard reads, each at most once (two `Host` lines are not one server's page)."""
    found = {}
    for name in CHECKED_HEADERS:
        values = message.get_all(name) or []
        if len(values) > 1:
            raise Refused(400, f"Yêu cầu có hai dòng {name}", "bad-request")
        if values:
            found[name] = str(values[0])
    return found


def _handler(server: EditServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        timeout = 30  # a client that stops sending is dropped, not waited for
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal is the editor's
            pass

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            """The standard library's own refusals (a broken request line, an unknown method), as JSON."""
            self._json(code, {"error": "Yêu cầu không đọc được", "code": "bad-request"})

        def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                for key, value in {**HEADERS, **(extra or {}), "Content-Type": content_type, "Content-Length": str(len(body))}.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the page was left before the answer came: nothing to tell

        def _json(self, status: int, body: Any) -> None:
            self._send(status, json.dumps(body, ensure_ascii=False).encode(), "application/json; charset=utf-8")

        def _guarded(self, handle: Any) -> None:
            try:
                handle()
            except Refused as refused:
                self._json(refused.status, refused.body())
            except Forbidden as forbidden:
                self._json(403, {"error": str(forbidden), "code": "forbidden-path"})
            except Rejected as rejected:
                self._json(422, rejected.body)
            except Exception as error:  # the last guard: a JSON answer, one line in the terminal, no traceback
                print(f"cchc edit: lỗi không lường trước: {type(error).__name__}: {error}"[:300], file=sys.stderr)
                self._json(500, {"error": "Lỗi không lường trước trong trình biên tập; chưa có gì được lưu thêm", "code": "internal-error"})

        def do_GET(self) -> None:
            self._guarded(self._get)

        def do_POST(self) -> None:
            self._guarded(self._post)

        def _get(self) -> None:
            parts = urlsplit(self.path)
            token = parse_qs(parts.query).get("token", [None])[0]
            server.guard.check("GET", _headers(self.headers), token)
            if token is not None:  # the printed address: keep the secret in a cookie, out of the address bar
                self._send(303, b"", "text/plain", {"Location": "/admin/", "Set-Cookie": server.guard.set_cookie()})
            elif parts.path in ("/", "/admin"):
                self._send(303, b"", "text/plain", {"Location": "/admin/"})
            elif parts.path == "/admin/":
                page = (ADMIN / "index.html").read_text(encoding="utf-8").replace("{{preview_url}}", server.preview_url or "")
                self._send(200, page.encode(), "text/html; charset=utf-8")
            elif parts.path == "/admin/config.yml":
                self._send(200, server.config_text().encode(), "text/yaml; charset=utf-8")
            elif (file := _static(parts.path.removeprefix("/admin/"))) is not None and parts.path.startswith("/admin/"):
                self._send(200, file.read_bytes(), KINDS.get(file.suffix, "application/octet-stream"))
            else:
                self._json(404, {"error": "Không có trang này", "code": "not-found"})

        def _post(self) -> None:
            headers = _headers(self.headers)
            server.guard.check("POST", headers)
            parts = urlsplit(self.path)
            route = POSTS.get(parts.path)
            if route is None:
                raise Refused(404, "Không có địa chỉ này", "not-found")
            self._json(200, route(self, headers, parse_qs(parts.query)))

        def _body(self, headers: dict[str, str], kind: str = "application/json", cap: int | None = None) -> bytes:
            """The body, read only after its announced size passed the cap."""
            length = server.guard.body_length(headers, kind, *([cap] if cap is not None else []))
            raw = self.rfile.read(length)
            if len(raw) != length:
                raise Refused(400, "Yêu cầu bị cắt ngang, ngắn hơn độ dài đã báo", "bad-length")
            return raw

        def _json_body(self, headers: dict[str, str]) -> Any:
            try:
                return json.loads(self._body(headers))
            except (ValueError, RecursionError):
                raise Refused(400, "Yêu cầu không phải JSON hợp lệ", "bad-json") from None

        def _api(self, headers: dict[str, str], query: dict[str, list[str]]) -> Any:
            """Decap's proxy-backend protocol (api.py)."""
            return with_review(server.api.answer(self._json_body(headers)))

        def _import(self, headers: dict[str, str], query: dict[str, list[str]]) -> Any:
            """«Nhập từ văn bản»: the document as the body, its name and (optional) kind in the address."""
            data = self._body(headers, "application/octet-stream", MAX_UPLOAD)
            kind = query.get("loai", [""])[0] or None
            return server.imports.read(query.get("ten", [""])[0], data, kind)

        def _import_save(self, headers: dict[str, str], query: dict[str, list[str]]) -> Any:
            """The editor confirmed the draft: `{"ticket": …}`."""
            body = self._json_body(headers)
            return server.imports.apply(body.get("ticket") if isinstance(body, dict) else None)

        def _import_checked(self, headers: dict[str, str], query: dict[str, list[str]]) -> Any:
            """The editor checked a marked field or dealt with a line no field took:
            `{"path": …, "field": …}` or `{"path": …, "place": …}`."""
            body = self._json_body(headers)
            body = body if isinstance(body, dict) else {}
            return server.imports.checked(body.get("path"), body.get("field"), body.get("place"))

    # Every address the server answers to a POST; GETs serve the admin page (see `_get`).
    POSTS: dict[str, Any] = {"/api/v1": Handler._api, "/api/import": Handler._import, "/api/import/save": Handler._import_save,
                             "/api/import/checked": Handler._import_checked}

    return Handler
