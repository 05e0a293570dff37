"""«Nhập từ văn bản» in the web editor: a document uploaded from the admin page is read by the same
importer as `cchc import` (`generator.importer.import_document`), in a private temporary folder that
is deleted before the answer goes back; nothing is fetched. The page is told, in its own words,
what was recognised, what needs a look and why, and what could not be placed. The draft is written
only when the editor confirms, and only through the API's one validated writer (`Api.apply`): to
the importer's target path, committed like any save, never over an existing file (a unit's
procedure list is the exception: its changes are listed and applied on confirmation, refused if the
list changed on disk since it was read)."""

from __future__ import annotations

import re
import secrets
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..importer import ImportResult, import_document
from ..importer.draft import review_marks, unplaced_lines, without_review, without_unplaced
from ..importer.guard import MAX_BYTES
from ..importer.kind import KINDS
from ..importer.summary import count_line
from ..problems import Code, UsageError
from . import answers
from .answers import Refused
from .api import Api, version
from .config import PROCEDURES

MAX_UPLOAD = MAX_BYTES  # the importer's own cap, enforced at the door before the body is read
KEPT = 8  # drafts waiting for the editor's confirmation; older ones are forgotten
SAFE_NAME = re.compile(r"[^\w .-]+")
WORDS = {"plan": "kế hoạch", "report": "báo cáo", "procedures": "danh mục thủ tục của đơn vị", "procedure": "thủ tục trong danh mục chung"}
NEW_FILE = "mới"  # the version a draft's save claims for a file that must not exist yet (stale if it does)
# The importer's refusals end with the code and a hint written for the command line; the page says its own.
REFUSAL = re.compile(r"^(?P<name>[^\n]*?): (?P<message>.*) \[(?P<code>[a-z-]+)\]\n\s*Gợi ý: (?P<hint>.*)$", re.DOTALL)
PAGE_HINTS = {
    Code.IMPORT_UNKNOWN_KIND.value: "Chọn loại văn bản ở ô «Loại văn bản» rồi bấm «Đọc văn bản» lại.",
    Code.IMPORT_UNSUPPORTED_FORMAT.value: "Chọn tệp .txt, .docx, .pdf, .xlsx hoặc ảnh quét .png, .jpg, .tif.",
}


def file_name(name: str) -> str:
    """The uploaded file's own name, as a plain name inside the private folder: no folder part
    (`../../Makefile` is «Makefile»), no character a path could use."""
    base = PurePosixPath(name.replace("\\", "/")).name
    cleaned = " ".join(SAFE_NAME.sub("-", base).split()).strip(".- ")[:120]
    return cleaned or "van-ban"


def entry_address(target: str) -> str:
    """Where Decap opens the draft: `#/collections/<collection>/entries/<entry>` (config.py's names)."""
    path = PurePosixPath(target)
    if path.parts[0] == "units" and len(path.parts) == 4:
        return f"#/collections/dv-{path.parts[1]}--{path.parts[2]}/entries/{path.stem}"
    if path.parts[0] == "units":
        return f"#/collections/dv-{path.parts[1]}/entries/{path.stem}"
    return f"#/collections/{PROCEDURES}/entries/{path.stem.lower().replace('.', '-')}"


def review(text: str, path: str) -> list[dict[str, str]]:
    """The draft's review marks, each with its field's label (where the page finds it), the field in
    words, the reason, the place in the document and the value as written."""
    found = []
    for field, reason, place in review_marks(text):
        dotted = answers.dotted(field.strip())
        top = dotted.split(".")[0]
        found.append({"field": dotted, "label": answers.label(path, top), "words": answers.field_words(path, field.strip()),
                      "reason": reason, "place": place, "value": answers._value(text, path, dotted) or ""})
    return found


def unplaced(text: str) -> list[dict[str, str]]:
    """The document's lines no field of the draft took, each with its place in the document."""
    return [{"place": where, "text": line} for where, line in unplaced_lines(text)]


def with_review(answer: Any) -> Any:
    """A file the page reads (`getEntry`) with its review marks and the lines no field took, so a
    draft opened at any time shows what to check and what to place:
    `{"data": …, "file": {"path": …}, "cchc": {"review": […], "unplaced": […]}}`."""
    if isinstance(answer, dict) and isinstance(answer.get("data"), str) and isinstance(answer.get("file"), dict):
        marks, lines = review(answer["data"], str(answer["file"].get("path"))), unplaced(answer["data"])
        if marks or lines:
            return {**answer, "cchc": {"review": marks, "unplaced": lines}}
    return answer


def _plain(message: str, root: Path) -> str:
    return answers.plain(message, root)


@dataclass(frozen=True)
class Pending:
    result: ImportResult
    source: str  # the uploaded file's name, as the editor knows it
    base: str  # the version of the target file when the draft was made (NEW_FILE when there was none)


class Imports:
    """The uploads of one editing session and the drafts waiting for confirmation."""

    def __init__(self, api: Api, slug: str):
        self.api, self.slug = api, slug
        self.pending: OrderedDict[str, Pending] = OrderedDict()
        self.reading = threading.Lock()  # one document at a time: a PDF or a scan takes the machine's cores

    def read(self, name: str, data: bytes, kind: str | None) -> dict[str, Any]:
        """Import the uploaded bytes; the summary the page shows, with a ticket to confirm."""
        if kind is not None and kind not in KINDS:
            raise Refused(400, "Loại văn bản không có trong danh sách", "bad-kind")
        shown = file_name(name)
        with self.reading, tempfile.TemporaryDirectory(prefix="cchc-nhap-") as folder:  # 0700, deleted on leaving
            upload = Path(folder) / shown
            upload.write_bytes(data)
            try:
                result = import_document(upload, self.slug, kind, self.api.root)
            except UsageError as error:
                raise _refused(error) from None
        target = result.target.as_posix()
        self.api.access.file(target)  # the draft's place must be one the editor may write
        existing = self.api.root / target
        if existing.exists() and result.kind != "procedures":
            raise Refused(409, f"Đã có {WORDS[result.kind]} «{existing.stem}» trong trang; bản nháp không ghi đè lên nó. "
                          "Nếu đây là bản mới hơn, hãy sửa thẳng trong mục đó.", "exists")
        base = version(existing.read_bytes()) if existing.is_file() else NEW_FILE
        ticket = secrets.token_urlsafe(16)
        self.pending[ticket] = Pending(result, shown, base)
        while len(self.pending) > KEPT:
            self.pending.popitem(last=False)
        return self._summary(ticket, result, target)

    def _summary(self, ticket: str, result: ImportResult, target: str) -> dict[str, Any]:
        others = [p for p in result.problems if p.code not in (Code.IMPORT_REVIEW, Code.IMPORT_UNPLACED)]
        return {
            "ticket": ticket, "kind": result.kind, "what": WORDS[result.kind], "name": answers.shown(target),
            "counts": count_line(result.counts), "review": review(result.text, target),
            "unplaced": unplaced(result.text),
            "notes": [_plain(p.message, self.api.root) for p in others], "changes": result.changes,
        }

    def apply(self, ticket: object) -> dict[str, Any]:
        """Write the confirmed draft through the validated writer; where the page opens it."""
        pending = self.pending.pop(ticket, None) if isinstance(ticket, str) else None
        if pending is None:
            raise Refused(404, "Bản nháp này không còn (trình biên tập đã khởi động lại hoặc đã lưu rồi): hãy đọc văn bản lại", "no-draft")
        target = pending.result.target.as_posix()
        try:
            cchc = self.api.apply({target: pending.result.text}, {target: pending.base},
                                  f"nhập «{pending.source}» vào «{answers.shown(target)}»")
        except Refused as refused:
            if refused.code == "stale-version" and pending.base == NEW_FILE:
                raise Refused(409, f"Trong lúc chờ, đã có tệp «{answers.shown(target)}»: bản nháp không ghi đè lên nó.", "exists") from None
            raise
        return {"cchc": cchc, "open": entry_address(target), "review": review(pending.result.text, target),
                "unplaced": unplaced(pending.result.text)}

    def checked(self, path: object, field: object = None, place: object = None) -> dict[str, Any]:
        """The editor compared a marked field with the document (`field`: its «# KIỂM TRA» line goes)
        or dealt with a line no field took (`place`: its «# CHƯA XẾP» line goes), through the
        validated writer, committed like any save; what is left to check and to place."""
        if not isinstance(path, str) or isinstance(field, str) == isinstance(place, str):
            raise Refused(400, "Yêu cầu phải nêu tệp và đúng một trong hai: ô cần bỏ dấu, hoặc dòng cần bỏ", "bad-request")
        path = self.api.reading_path(path)
        file = self.api.access.file(path)
        if not file.is_file():
            raise Refused(404, "Không còn tệp này trong trang (có thể đã bị xoá hay đổi tên): hãy tải lại trang (F5)", "no-mark")
        raw = file.read_bytes()
        text = raw.decode("utf-8", "replace")
        if isinstance(field, str):
            kept = without_review(text, lambda marked: answers.dotted(marked.strip()) == field)
            what = f"bỏ dấu «cần kiểm tra» ở «{answers.field_words(path, field)}»"
        else:
            kept, what = without_unplaced(text, str(place)), f"bỏ dòng «chưa xếp» ({place})"
        if kept == text:
            raise Refused(404, "Tệp này không có dấu hay dòng đó (có thể đã bỏ rồi): hãy tải lại trang (F5)", "no-mark")
        cchc = self.api.apply({path: kept}, {path: version(raw)}, f"{what} trong «{answers.shown(path)}»")
        return {"cchc": cchc, "review": review(kept, path), "unplaced": unplaced(kept)}


def _refused(error: UsageError) -> Refused:
    """The importer's refusal in the page's words: the message and a hint, no code shown."""
    found = REFUSAL.match(str(error))
    if found is None:
        return Refused(422, str(error), "import-refused")
    return Refused(422, f"Không nhập được «{found['name']}»: {found['message']}", found["code"], PAGE_HINTS.get(found["code"], found["hint"]))
