"""Figures a report states: its dossier statistics (Biểu số 06/VPCP/KSTT words) and other counts
(«58 tin, bài», «19 người»). Every number is copied as the document writes it («09» stays «09»);
nothing is computed and a count the text gives in words («không có») is not turned into a digit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .source import Line

_N = r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)"
_HS = r"\s*hồ sơ"
# (group, field, pattern): the first match in a line sets the field once.
DOSSIER = (
    ("received", "total", re.compile(rf"[Tt]ổng số hồ sơ (?:đã )?tiếp nhận[^.;:\d]{{0,60}}?(?:là|:)?\s*{_N}{_HS}")),
    ("received", "total", re.compile(rf"đã tiếp nhận\s*{_N}{_HS}")),  # a posted article: «đã tiếp nhận 3.718 hồ sơ»
    ("received", "online", re.compile(rf"[Tt]rực tuyến\s*:?\s*{_N}{_HS}")),
    ("received", "online", re.compile(rf"{_N}{_HS} (?:được )?nộp trực tuyến")),
    ("received", "in_person", re.compile(rf"[Tt]rực tiếp\s*:?\s*{_N}{_HS}")),
    ("received", "postal", re.compile(rf"[Bb]ưu chính(?: công ích)?\s*:?\s*{_N}{_HS}")),
    ("received", "carried_over", re.compile(rf"(?:[Tt]ừ kỳ trước|[Kk]ỳ trước chuyển sang)(?: chuyển sang)?\s*:?\s*{_N}{_HS}")),
    ("resolved", "total", re.compile(rf"[Ss]ố hồ sơ đã giải quyết\s*:?\s*{_N}{_HS}")),
    ("resolved", "early", re.compile(rf"trước hạn\s*:?\s*{_N}{_HS}")),
    ("resolved", "on_time", re.compile(rf"(?<!trước hạn, )đúng hạn\s*:?\s*{_N}{_HS}")),
    ("resolved", "late", re.compile(rf"(?<!đang giải quyết )quá hạn\s*:?\s*{_N}{_HS}")),
    ("in_progress", "total", re.compile(rf"[Đđ]ang giải quyết\s*:?\s*{_N}{_HS}")),
    ("", "withdrawn", re.compile(rf"[Hh]ồ sơ (?:rút|trả lại)\s*:?\s*{_N}{_HS}")),
)
_RATE = re.compile(r"[Tt]ỷ lệ (?P<label>hồ sơ giải quyết [^\d,;.]{2,40}?)\s*(?P<v>\d+(?:,\d+)?\s?%)")
# a second rate of the same sentence: «Tỷ lệ hồ sơ giải quyết đúng hạn 100%, quá hạn 0%»
_NEXT_RATE = re.compile(r",\s*(?P<label>[^\d,;.]{2,20}?)\s*(?P<v>\d+(?:,\d+)?\s?%)")
_DOSSIER_LINE = re.compile(r"hồ sơ")

# a count and what it counts
UNITS = ("tin, bài", "tin bài", "người", "xã, thị trấn", "xã, phường", "phút", "cuộc", "hội nghị", "lớp", "lượt",
         "tài liệu", "bản", "buổi", "thủ tục")
# (a figure the document gives as approximate keeps its words: «hơn 500 người» is «hơn 500», never «500»)
_FIGURE = re.compile(rf"(?P<n>(?:(?:khoảng|gần|trên|hơn|dưới)\s+)*(?<![\d.,])(?<!\d/)(?P<d>(?:\d{{1,3}}(?:\.\d{{3}})+|\d+)(?:,\d+)?))\s*(?P<u>%|{'|'.join(re.escape(u) for u in UNITS)})(?![\w])")
_SENTENCE_END = re.compile(r"\.(?!\d)")  # a full stop, not the one inside «2.255»


@dataclass(frozen=True)
class Found:
    path: str
    value: Any
    line: Line
    reason: str | None = None


def dossier(lines: list[Line]) -> tuple[dict[str, Any], list[Found], set[tuple[int, int]]]:
    """The dossier table the lines state, every value with its line, and where each value stands
    (line, offset), so the figures leave those numbers and take the others of the same sentence."""
    stats: dict[str, Any] = {}
    found: list[Found] = []
    used: set[tuple[int, int]] = set()
    for line in lines:
        if not _DOSSIER_LINE.search(line.text):
            continue
        for group, name, pattern in DOSSIER:
            m = pattern.search(line.text)
            target = stats.setdefault(group, {}) if group else stats
            if m is None or name in target:
                continue
            target[name] = m["n"]
            used.add((line.number, m.start("n")))
            path = f"dossier_stats.{group + '.' if group else ''}{name}"
            reason = None
            if name == "in_person":
                reason = "văn bản ghi «trực tiếp»: nếu số này gồm cả hồ sơ qua bưu chính, chuyển sang in_person_or_postal"
            elif group == "resolved" and name == "late" and "đang giải quyết" in line.text:
                reason = "«quá hạn» đứng sau «đang giải quyết»: có thể là hồ sơ đang giải quyết quá hạn (in_progress.overdue)"
            found.append(Found(path, m["n"], line, reason))
        for m in _RATE.finditer(line.text):
            rates = [(m["label"], m)]
            while nxt := _NEXT_RATE.match(line.text, rates[-1][1].end()):
                rates.append(("hồ sơ giải quyết " + nxt["label"], nxt))
            for label, r in rates:
                stats.setdefault("rates", []).append({"label": label[0].upper() + label[1:], "value": r["v"]})
                used.add((line.number, r.start("v")))
                found.append(Found("dossier_stats.rates", r["v"], line))
    return {k: v for k, v in stats.items() if v}, found, used


def figures(lines: list[Line], skip: set[tuple[int, int]]) -> list[tuple[dict[str, Any], Line]]:
    """Every «count + what it counts» the dossier table did not take: label is the clause it stands in."""
    found: list[tuple[dict[str, Any], Line]] = []
    for line in lines:
        for m in _FIGURE.finditer(line.text):
            if (line.number, m.start("d")) in skip:
                continue
            starts = [e.end() for e in _SENTENCE_END.finditer(line.text, 0, m.start())]
            end = _SENTENCE_END.search(line.text, m.end())
            label = line.text[starts[-1] if starts else 0:end.start() if end else len(line.text)].strip().lstrip("-+• ")
            found.append(({"label": label, "value": m["n"], "unit": m["u"]}, line))
    return found
