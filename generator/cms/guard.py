"""What a request must show before the editing server does anything with it, as a local server that
every web page the office's browser opens can reach (Jupyter's model):
- `Host` is exactly the loopback address and port the server listens on (DNS rebinding sends another);
- the per-session secret: once in the address the start command prints (`?token=…`), then an
  HttpOnly SameSite=Strict cookie named after the port (cookies do not tell ports apart);
- a browser's `Sec-Fetch-Site`, when sent, is `same-origin` or `none` (a page on another port of
  127.0.0.1 is «same-site», so the cookie alone would not keep it out);
- `Origin`, when sent and on every POST, is the server's own;
- a POST is JSON (`Content-Type: application/json`), with a plain `Content-Length` under the cap."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie

from .answers import Refused

CHECKED_HEADERS = ("Host", "Origin", "Sec-Fetch-Site", "Cookie", "Authorization", "Content-Type", "Content-Length", "Transfer-Encoding")
MAX_BODY = 5 * 1024 * 1024  # a unit's biggest file is a few kB; a request above this is not the editor's
# What a POST must be, and the sentence when it is not. An upload is sent as it is (octet-stream), a
# type no page of another origin may send without a preflight, like JSON.
KIND_WORDS = {"application/json": "Yêu cầu phải là JSON", "application/octet-stream": "Tệp phải được gửi nguyên dạng"}


def _origin(port: int) -> str:
    return f"http://127.0.0.1:{port}"


@dataclass(frozen=True)
class Guard:
    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def cookie_name(self) -> str:
        return f"cchc-edit-{self.port}"

    def set_cookie(self) -> str:
        return f"{self.cookie_name}={self.token}; Path=/; HttpOnly; SameSite=Strict"

    def address(self) -> str:
        """The address the start command prints and opens, with the secret."""
        return f"{_origin(self.port)}/admin/?token={self.token}"

    def _has_secret(self, headers: Mapping[str, str], query_token: str | None) -> bool:
        offered = [query_token or ""]
        auth = headers.get("Authorization") or ""
        if auth.lower().startswith("token "):
            offered.append(auth[6:].strip())
        try:
            cookie = SimpleCookie(headers.get("Cookie") or "")
        except CookieError:
            cookie = SimpleCookie()
        if self.cookie_name in cookie:
            offered.append(cookie[self.cookie_name].value)
        return any(hmac.compare_digest(o.encode(), self.token.encode()) for o in offered if o)

    def check(self, method: str, headers: Mapping[str, str], query_token: str | None = None) -> None:
        """Raise Refused (403) unless the request comes from this server's own page or holds the secret."""
        if headers.get("Host") != f"127.0.0.1:{self.port}":
            raise Refused(403, f"Chỉ mở trình biên tập bằng địa chỉ {_origin(self.port)}/admin/ mà lệnh đã in ra", "bad-host")
        if headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            raise Refused(403, "Một trang web khác không được gửi yêu cầu tới trình biên tập", "cross-site")
        origin = headers.get("Origin")
        if (origin is not None or method == "POST") and origin != _origin(self.port):
            raise Refused(403, "Yêu cầu không đến từ trang của trình biên tập nên bị từ chối", "bad-origin")
        if not self._has_secret(headers, query_token):
            raise Refused(403, "Thiếu mã phiên: hãy mở đúng địa chỉ (có «?token=») mà lệnh cchc edit đã in ra", "no-secret")

    def body_length(self, headers: Mapping[str, str], kind: str = "application/json", cap: int = MAX_BODY) -> int:
        """The announced body size of a POST of `kind`, or Refused (400 unreadable, 413 over `cap`)."""
        sent = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if sent != kind:
            raise Refused(400, KIND_WORDS.get(kind, "Yêu cầu không đúng dạng") + f" (Content-Type: {kind})", "not-json" if kind == "application/json" else "bad-type")
        if headers.get("Transfer-Encoding"):
            raise Refused(400, "Yêu cầu phải ghi rõ độ dài (Content-Length), không gửi từng khúc", "bad-length")
        length = (headers.get("Content-Length") or "").strip()
        if not length.isascii() or not length.isdigit() or len(length) > 12:
            raise Refused(400, "Độ dài yêu cầu (Content-Length) không đọc được", "bad-length")
        if int(length) > cap:
            what = "Tệp" if kind != "application/json" else "Yêu cầu"
            raise Refused(413, f"{what} quá lớn (trên {cap // (1024 * 1024)} MB): trình biên tập không nhận", "too-large")
        return int(length)
