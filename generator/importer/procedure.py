"""One procedure's record from the text of a DVC portal's detail page (the national portal's
«Cách thức thực hiện / Thành phần hồ sơ / Cơ quan thực hiện …» or a province's «phiếu hướng dẫn»):
name, code, field, authority, channels with their time limits, dossier items with their groups,
counts and forms, fee, conditions, dossier sets. Every text is copied as the page writes it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from .draft import Draft, slugify
from .source import Line, Source

HEADINGS = {
    "cách thức thực hiện": "channels", "thành phần hồ sơ": "dossier", "thành phần hồ sơ cần nộp": "dossier",
    "trình tự thực hiện": "steps", "cơ quan thực hiện": "authority", "yêu cầu, điều kiện": "conditions",
    "yêu cầu điều kiện thực hiện": "conditions", "lệ phí": "fee", "phí, lệ phí": "fee", "số lượng hồ sơ": "dossier_sets",
    "căn cứ pháp lý": "legal_basis", "kết quả thực hiện": "result", "đối tượng thực hiện": "applicants",
    "thủ tục hành chính liên quan": "related",
}
LABELS = (
    (re.compile(r"^(?:Mã thủ tục|Ký hiệu thủ tục|Mã TTHC|Mã số)\s*:\s*(?P<v>\S+)"), "code"),
    (re.compile(r"^Thủ tục\s*:\s*(?P<v>.+)$"), "name"),
    (re.compile(r"^Lĩnh vực\s*:?\s+(?P<v>.+)$"), "field_name"),
    (re.compile(r"^Cơ quan (?:giải quyết|thực hiện)\s*:\s*(?P<v>.+)$"), "authority"),
)
_CHANNELS = (("Trực tiếp", "in-person"), ("Trực tuyến", "online"), ("Dịch vụ bưu chính", "postal"))
_TIME = re.compile(r"(?P<t>\d+(?:,\d+)? (?:[Nn]gày|[Gg]iờ|[Tt]háng)(?: làm việc)?)\s*(?P<rest>.*)$")
_ROW = re.compile(r"^(?P<doc>.+?) (?P<o>\d+) (?P<c>\d+)(?: (?P<form>.+\.(?:docx?|pdf|xlsx?)))?$")
_HEADER_ROWS = ("Hình thức nộp", "Loại giấy tờ", "Tên giấy tờ")
_ONLINE = {"Toàn trình": "full", "Một phần": "partial"}


def _sections(lines: list[Line]) -> tuple[dict[str, list[Line]], dict[str, Line]]:
    sections: dict[str, list[Line]] = {}
    labels: dict[str, Line] = {}
    current = "head"
    for line in lines:
        key = line.text.rstrip(":").strip().lower()
        if key in HEADINGS:
            current = HEADINGS[key]
            sections.setdefault(current, [])
            continue
        for pattern, name in LABELS:
            if (m := pattern.match(line.text)) and name not in labels:
                labels[name] = Line(m["v"].strip(), line.where, line.number)
                break
        else:
            sections.setdefault(current, []).append(line)
    return sections, labels


def _channels(lines: list[Line]) -> list[dict[str, Any]]:
    found = []
    for line in lines:
        if line.text.startswith(_HEADER_ROWS):
            continue
        channel = next(((c, v) for c, v in _CHANNELS if line.text.startswith(c)), None)
        if channel is None:
            found.append({"description": line.text})
            continue
        entry: dict[str, Any] = {"channel": channel[1]}
        if m := _TIME.match(line.text[len(channel[0]):].strip()):
            entry["time_limit"] = m["t"]
            if m["rest"]:
                entry["description"] = m["rest"]
        found.append(entry)
    return found


def _dossier(lines: list[Line]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    group = None
    for index, line in enumerate(lines):
        text = line.text
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if text.startswith(_HEADER_ROWS) or text.rstrip(":") == "Thành phần hồ sơ":
            continue
        if following.startswith(_HEADER_ROWS) or text.startswith("* "):
            group = text.removeprefix("* ")
            continue
        item: dict[str, Any] = {"document": text.removeprefix("- ")}
        if m := _ROW.match(text):
            item = {"document": m["doc"], "originals": m["o"], "copies": m["c"]}
            if m["form"]:
                item["form"] = {"title": m["form"]}
        if group:
            item["group"] = group
        items.append(item)
    return items


def _field(root: Path, name: str | None) -> str | None:
    path = root / "content" / "fields.yml"
    if name is None or not path.is_file():
        return None
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # strings only
    for entry in data.get("fields", []) if isinstance(data, dict) else []:
        if isinstance(entry, dict) and entry.get("name", "").lower() == name.lower():
            return str(entry["slug"])
    return None


def extract_procedure(source: Source, root: Path) -> Draft:
    sections, labels = _sections(source.lines)
    head = sections.get("head", [])
    draft = Draft("procedure", {}, source)
    anchor = head[0] if head else source.lines[0]
    name = labels["name"].text if "name" in labels else next((line.text for line in head if line.text not in _ONLINE), "")
    record: dict[str, Any] = {}
    if "code" in labels:
        record["code"] = labels["code"].text
    else:
        record["code"] = slugify(name, 8)
        draft.mark("code", "trang không ghi mã thủ tục: ghi mã trên Cổng Dịch vụ công quốc gia nếu có", anchor)
    record["name"] = name
    field_name = labels["field_name"].text if "field_name" in labels else None
    record["field"] = _field(root, field_name) or slugify(field_name or "chua-ro-linh-vuc", 8)
    if _field(root, field_name) is None:
        where = labels.get("field_name", anchor)
        draft.mark("field", f"lĩnh vực «{field_name or 'không ghi'}» chưa có trong content/fields.yml: thêm vào đó hoặc chọn mã có sẵn", where)
    record["online_level"] = next((_ONLINE[line.text] for line in head if line.text in _ONLINE), "unknown")
    channels = _channels(sections.get("channels", []))
    fee = " ".join(line.text for line in sections.get("fee", [])) or None
    if fee and channels:
        for channel in channels:
            channel.setdefault("charge", fee)
    if channels:
        record["channels"] = channels
    if dossier := _dossier(sections.get("dossier", [])):
        record["dossier"] = dossier
    if sets := sections.get("dossier_sets"):
        record["dossier_sets"] = " ".join(line.text for line in sets)
    authority = labels.get("authority") or next(iter(sections.get("authority", [])), None)
    if authority:
        record["authority"] = authority.text
    for key in ("steps", "conditions", "legal_basis", "applicants"):
        if lines := sections.get(key):
            record[key] = [line.text.removeprefix("- ") for line in lines]
    if result := sections.get("result"):
        record["result"] = " ".join(line.text for line in result)
    record["sources"] = [{"title": f"Bản nhập từ tệp {source.name}"}]
    draft.mark("sources[0]", "ghi tên và địa chỉ trang Cổng Dịch vụ công đã lấy", anchor)
    record["last_reviewed"] = dt.date.today().strftime("%d/%m/%Y")
    draft.mark("last_reviewed", "ngày nhập: sửa thành ngày đã đối chiếu với trang nguồn", anchor)
    draft.data = record
    draft.name = record["code"]
    named = {labels[k].number for k in labels} | {line.number for line in head if line.text in (name, *_ONLINE)}
    draft.unplaced = [line for line in head + sections.get("related", []) if line.number not in named]
    return draft
