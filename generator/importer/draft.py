"""The draft an import writes: YAML the schema accepts, headed by what needs a look.

The marks are YAML comments, so the draft validates as it is and the marks never reach a page:

    # KIỂM TRA: tasks[2].lead: <reason> (dòng 235)
    # CHƯA XẾP: dòng 97: <the text no field took>

`review_marks()` reads them back (the web editor highlights those fields).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..load.marks import MARK as _MARK
from ..load.marks import REVIEW
from ..problems import Problem
from .source import Line, Source

UNPLACED = "CHƯA XẾP"
_UNPLACED = re.compile(rf"^# {UNPLACED}: (?P<where>[^:]+): (?P<text>.*)$")


@dataclass(frozen=True)
class Mark:
    """A field whose value needs a person's look, why, and the place in the document it came from."""

    field: str
    reason: str
    line: Line


@dataclass
class Draft:
    kind: str  # plan, report, procedures, procedure
    data: dict[str, Any]
    source: Source
    marks: list[Mark] = field(default_factory=list)
    unplaced: list[Line] = field(default_factory=list)
    name: str = ""  # the file name without .yml
    problems: list[Problem] = field(default_factory=list)  # what the summary adds (codes not in the catalog)
    changes: list[str] = field(default_factory=list)  # what a newer procedure list changes, one line each
    notes: list[str] = field(default_factory=list)  # comment lines kept in the draft (codes it cannot list)

    def mark(self, path: str, reason: str, line: Line) -> None:
        self.marks.append(Mark(path, reason, line))


def slugify(text: str, words: int = 6) -> str:
    """«Truyền thông nâng cao chỉ số…» → «truyen-thong-nang-cao-chi-so»."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    parts = re.findall(r"[a-z0-9]+", plain)
    return "-".join(parts[:words]) or "van-ban"


SCHEMAS = {"plan": "plan", "report": "report", "procedures": "procedures", "procedure": "procedure"}


def render(draft: Draft, depth: int = 3) -> str:
    """The draft's YAML text: schema line, marks, unplaced lines, then the data."""
    up = "../" * depth
    head = [
        f"# yaml-language-server: $schema={up}schema/{SCHEMAS[draft.kind]}.schema.json",
        f"# Bản nháp do «cchc import» tạo từ «{_one_line(draft.source.name)}»: đọc và sửa các dòng dưới đây trước khi đăng.",
    ]
    if draft.source.ocr:
        head.append("# Văn bản đọc bằng nhận dạng chữ (OCR): mọi giá trị cần đối chiếu với bản gốc.")
    head += [f"# {REVIEW}: {m.field}: {_one_line(m.reason)} ({m.line.where})" for m in draft.marks]
    head += [f"# {UNPLACED}: {line.where}: {_one_line(line.text)}" for line in draft.unplaced]
    head += [f"# {_one_line(note)}" for note in draft.notes]
    body = yaml.dump(draft.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    return "\n".join(head) + "\n" + body


class _Dumper(yaml.SafeDumper):
    """Writes a blank value as nothing after the colon («number:»), as the hand-made files do."""


_Dumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def review_marks(text: str) -> list[tuple[str, str, str]]:
    """(field, reason, place) of every review mark in a draft's text."""
    return [(m["field"], m["reason"], m["where"]) for line in text.splitlines() if (m := _MARK.match(line))]


def without_review(text: str, checked: Callable[[str], bool]) -> str:
    """`text` without the review marks of the fields a person has checked (`checked(field)` true):
    every other line, comment or data, stays byte for byte."""
    return "".join(line for line in text.splitlines(keepends=True)
                   if not ((m := _MARK.match(line.rstrip("\r\n"))) and checked(m["field"])))


def without_unplaced(text: str, place: str) -> str:
    """`text` without the lines no field took that came from `place` of the document (a person
    copied them into a field or found them not needed); every other line stays byte for byte."""
    return "".join(line for line in text.splitlines(keepends=True)
                   if not ((m := _UNPLACED.match(line.rstrip("\r\n"))) and m["where"] == place))


def unplaced_lines(text: str) -> list[tuple[str, str]]:
    """(place, text) of every line of the document no field took, as the draft keeps them."""
    return [(m["where"], m["text"]) for line in text.splitlines() if (m := _UNPLACED.match(line))]
