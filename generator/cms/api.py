"""Decap CMS's proxy-backend protocol (`backend: proxy`, the requests `decap-server` answers), in
Python, as the only writer of the project's files. Each action names its files through `Access`
(content kinds only, the started unit and the catalogs, no symlink), each write is judged by the
gate against the disk as it is, refused when based on a stale read, written atomically (temporary
file, then rename) and committed to git. Media and entry assets are not content: they are refused."""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
import threading
from pathlib import Path, PurePosixPath
from typing import Any

from ..content_types import PROCEDURE
from ..load import LoadError, load_text
from ..problems import Code
from ..schema.types import vietnam_today
from . import answers
from .access import Access, Forbidden
from .answers import Refused
from .commit import Committer, held_back
from .gate import judge
from .text import keep_header, schema_line

PROCEDURES_FOLDER = str(PurePosixPath(PROCEDURE.paths[0]).parent)  # content/procedures


def version(data: bytes) -> str:
    """What Decap's local backend calls a file's id: the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()


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


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise Refused(400, f"Yêu cầu thiếu {what} hoặc {what} không phải chữ", "bad-request")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise Refused(400, f"Yêu cầu thiếu danh sách {what}", "bad-request")
    return value


def _dict(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Refused(400, f"Yêu cầu thiếu {what}", "bad-request")
    return value


def write_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Api:
    """One editing session's backend: the unit `access.slug`, the files Decap last read (their
    versions, to refuse a save based on a stale read) and one lock, so saves happen one at a time."""

    def __init__(self, access: Access, committer: Committer):
        self.access, self.committer = access, committer
        self.root = access.root
        self.read: dict[str, str] = {}  # path → version of the content the page last read
        self.lock = threading.Lock()

    # -- reads ------------------------------------------------------------------------------------

    def _entry(self, path: str, label: Any = None) -> dict[str, Any]:
        file = self.access.file(path)
        data = file.read_bytes() if file.is_file() else None
        if data is not None:
            self.read[path] = version(data)
        entry: dict[str, Any] = {"path": path, "id": version(data) if data is not None else None}
        if isinstance(label, str):
            entry["label"] = label
        return {"data": data.decode("utf-8", "replace") if data is not None else None, "file": entry}

    def reading_path(self, path: str) -> str:
        """The procedure file Decap asks for by the name it made of the code, found by that code."""
        where = PurePosixPath(path)
        if str(where.parent) != PROCEDURES_FOLDER or (self.root / path).exists():
            return path
        found = [p for p in (self.root / PROCEDURES_FOLDER).glob("*.yml") if _decap_slug(p.stem) == where.stem]
        return f"{PROCEDURES_FOLDER}/{found[0].name}" if len(found) == 1 else path

    def get_entry(self, params: dict[str, Any]) -> Any:
        path = _text(params.get("path"), "path")
        entry = self._entry(self.reading_path(path))
        entry["file"]["path"] = path  # Decap finds its entry under the name it asked for
        return entry

    def entries_by_files(self, params: dict[str, Any]) -> Any:
        files = [_dict(f, "files") for f in _list(params.get("files"), "files")]
        return [self._entry(_text(f.get("path"), "path"), f.get("label")) for f in files]

    def entries_by_folder(self, params: dict[str, Any]) -> Any:
        folder = self.access.folder(params.get("folder"))
        extension = params.get("extension") or ""
        names = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.is_symlink() and p.name.endswith(str(extension))) if folder.is_dir() else []
        found = []
        for name in names:
            path = f"{_text(params['folder'], 'folder').rstrip('/')}/{name}"
            if self.access.allowed(path):
                found.append(self._entry(path))
        return found

    # -- writes -----------------------------------------------------------------------------------

    def _stale(self, path: str, claimed: Any) -> bool:
        """Was the save based on another content than the disk holds now? The page may send the
        version it read (`version`); else the version this session last served is the base."""
        file = self.root / path
        if not file.is_file():
            return False
        base = claimed if isinstance(claimed, str) else self.read.get(path)
        return base is None or base != version(file.read_bytes())

    def _writes(self, params: dict[str, Any]) -> tuple[dict[str, str | None], dict[str, Any]]:
        """The files a persistEntry changes (path → text, None for the old place of a moved entry)
        and the version each save claims to be based on."""
        entry = params.get("entry")
        files = params.get("dataFiles") or ([entry] if entry is not None else None)
        writes: dict[str, str | None] = {}
        bases: dict[str, Any] = {}
        for raw_file in _list(files, "dataFiles"):
            file = _dict(raw_file, "dataFiles")
            path = _procedure_path(_text(file.get("path"), "path"), _text(file.get("raw"), "raw"))
            self.access.file(path)
            target = path
            if file.get("newPath") is not None:
                target = _text(file["newPath"], "newPath")
                self.access.file(target)
                writes[path] = None
            original = self.root / target
            raw = file["raw"]
            if original.is_file():
                raw = keep_header(original.read_text(encoding="utf-8"), raw)
            else:
                raw = schema_line(target) + raw if not raw.startswith("#") else raw
            writes[target] = raw
            bases[path] = file.get("version")
        for raw_asset in _list(params.get("assets", []), "assets"):
            asset = _dict(raw_asset, "assets")
            path = _text(asset.get("path"), "path")
            self.access.file(path)  # media are not content: only a content file would pass, and it goes through the gate
            content = _text(asset.get("content"), "content")
            writes[path] = base64.b64decode(content).decode("utf-8", "replace") if asset.get("encoding") == "base64" else content
            bases[path] = asset.get("version")
        return writes, bases

    def apply(self, writes: dict[str, str | None], bases: dict[str, Any], what: str) -> dict[str, Any]:
        with self.lock:
            for path in writes:
                if path in bases and self._stale(path, bases[path]):
                    raise Refused(409, f"Tệp «{answers.shown(path)}» vừa được sửa ở nơi khác sau khi trang này mở nó; "
                                  "hãy tải lại trang (F5) rồi sửa lại để không ghi đè thay đổi đó.", "stale-version")
            verdict = judge(self.root, writes)
            if verdict.errors:
                raise Rejected(answers.refusal(verdict.errors, writes, self.root))
            for path, text in writes.items():
                target = self.access.file(path)
                if text is None:
                    target.unlink(missing_ok=True)
                    self.read.pop(path, None)
                else:
                    write_atomically(target, text)
                    self.read[path] = version(target.read_bytes())
            committed = self.committer.commit(sorted(writes), what)
        held = [why for path, text in writes.items() if (why := held_back(path, text, vietnam_today()))]
        # a draft's remaining checks: said by `held` and beside each marked field, not again as a warning
        warnings = [p for p in verdict.warnings if p.code is not Code.IMPORT_REVIEW]
        return {"warnings": [answers.problem(p, writes, self.root) for p in warnings], "committed": committed,
                "message": self.committer.message(committed, what, held), "held": bool(held)}

    def persist_entry(self, params: dict[str, Any]) -> Any:
        writes, bases = self._writes(params)
        saved = ", ".join(f"«{answers.shown(p)}»" for p, t in writes.items() if t is not None)
        cchc = self.apply(writes, bases, f"lưu {saved}")
        return {"message": "entry persisted", "cchc": cchc}

    def delete(self, paths: list[Any]) -> Any:
        writes: dict[str, str | None] = {}
        for path in paths:
            self.access.file(_text(path, "path"))
            writes[path] = None
        cchc = self.apply(writes, dict.fromkeys(writes), "xoá " + ", ".join(f"«{answers.shown(p)}»" for p in writes))
        return {"message": "deleted", "cchc": cchc}

    # -- the protocol -----------------------------------------------------------------------------

    def answer(self, body: Any) -> Any:
        """The answer to one request body; Refused, Rejected or Forbidden otherwise."""
        request = _dict(body, "nội dung yêu cầu (một đối tượng JSON)")
        action = _text(request.get("action"), "action")
        params = _dict(request.get("params"), "params")
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "getEntry":
            return self.get_entry(params)
        if action == "entriesByFiles":
            return self.entries_by_files(params)
        if action == "entriesByFolder":
            return self.entries_by_folder(params)
        if action == "persistEntry":
            return self.persist_entry(params)
        if action == "deleteFile":
            return self.delete([params.get("path")])
        if action == "deleteFiles":
            return self.delete(_list(params.get("paths"), "paths"))
        if action == "getMedia":
            return []  # no media: pictures are not part of the project's content kinds
        if action in ("getMediaFile", "persistMedia", "deleteMedia"):
            raise Forbidden("Trình biên tập không lưu ảnh hay tệp đính kèm: chỉ các mục nội dung của đơn vị")
        if action == "getDeployPreview":
            return None
        raise Refused(400, f"Trình biên tập không có thao tác «{action[:60]}»", "unknown-action")


class Rejected(Exception):
    """A save the validation refuses: HTTP 422 with the problems."""

    def __init__(self, body: dict[str, Any]):
        super().__init__(body["error"])
        self.body = body
