"""The head every plan and report shares: number and symbol, place and date, kind and title, the
signer and the recipients; dates are copied from the words the document writes («ngày 22 tháng 4
năm 2024» is 22/4/2024; a blank day stays blank: «ngày   tháng 8 năm 2022» is 8/2022)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .source import Line

_NUMBER = re.compile(r"^Số\s*:?\s*(\d*)\s*/\s*(\S+?)\s*$")
_PLACE_DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s*(?P<year>\d{4})")
KIND_WORDS = {"KẾ HOẠCH": "plan", "BÁO CÁO": "report"}
_PART_HEADING = re.compile(r"^[IVX]+\.\s")


def kind_in_line(text: str) -> str | None:
    """The kind a head line names: «KẾ HOẠCH» alone, or a portal's one-line title in capitals that
    begins with it («KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025»)."""
    upper = text.upper()
    if upper in KIND_WORDS:
        return KIND_WORDS[upper]
    starts = [kind for word, kind in KIND_WORDS.items() if upper.startswith(word + " ")]
    return starts[0] if starts and text.isupper() else None


@dataclass
class Head:
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    place: str | None = None
    title: str | None = None
    kind: str | None = None
    where: dict[str, Line] = field(default_factory=dict)
    body_start: int = 0  # index of the first line after the title
    issuer_lines: list[Line] = field(default_factory=list)  # «ỦY BAN NHÂN DÂN», «XÃ SƠN THƯỢNG» above the number
    motto: list[Line] = field(default_factory=list)  # «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM», «Độc lập - Tự do - Hạnh phúc»
    title_from_first_line: bool = False  # no kind line: a posted article's headline is the title


def date_in_words(day: str, month: str, year: str) -> str:
    """The document's date in the schema's notation, its digits as written («04» stays «04»)."""
    if day and month:
        return f"{day}/{month}/{year}"
    return f"{month}/{year}" if month else year


def read_head(lines: list[Line]) -> Head:
    """The head of the document, from its first lines (up to the title)."""
    head = Head()
    for index, line in enumerate(lines[:12]):
        if (m := _NUMBER.match(line.text)) and head.symbol is None:
            head.number, head.symbol = m[1] or None, m[2].rstrip(".")
            head.where["number"] = head.where["symbol"] = line
        elif (m := _PLACE_DATE.match(line.text)) and head.date is None:
            head.place = m["place"].strip()
            head.date = date_in_words(m["day"], m["month"], m["year"])
            head.where["place"] = head.where["date"] = line
        elif _is_motto(line.text):
            head.motto.append(line)
        elif kind := kind_in_line(line.text):
            head.kind = kind
            head.where["kind"] = line
            at = index if line.text.upper() not in KIND_WORDS else index + 1
            if at < len(lines):
                head.title, head.where["title"], head.body_start = lines[at].text, lines[at], at + 1
            break
        elif line.text.isupper() and not _PART_HEADING.match(line.text):
            head.issuer_lines.append(line)
    if head.kind is None and lines and _is_headline(lines[0].text):
        head.title, head.where["title"], head.body_start = lines[0].text, lines[0], 1
        head.title_from_first_line = True
    return head


def _is_headline(text: str) -> bool:
    """A first line that can be a posted article's headline: not a heading, a number or a capital line."""
    return not (text.isupper() or _PART_HEADING.match(text) or re.match(r"^(\d+\.|[a-zđ]\)|-|\+|Số\b)", text))


def _is_motto(text: str) -> bool:
    upper = text.upper()
    return "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in upper or "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA" in upper or upper.startswith("ĐỘC LẬP - TỰ DO")


@dataclass
class Tail:
    """What follows the body: «Nơi nhận», then the signer's title and name."""

    recipients: list[str] = field(default_factory=list)
    signer_title: str | None = None
    signer_name: str | None = None
    start: int = 0  # index of «Nơi nhận»; the body ends there
    where: dict[str, Line] = field(default_factory=dict)


_TITLE_WORDS = ("TM.", "KT.", "CHỦ TỊCH", "PHÓ", "GIÁM ĐỐC", "Q.", "TL.", "TUQ.")


def read_tail(lines: list[Line]) -> Tail:
    """The recipients and the signer, from «Nơi nhận» to the end."""
    tail = Tail(start=len(lines))
    for index, line in enumerate(lines):
        if line.text.lstrip("*- ").startswith(("Nơi nhận", "Noi nhận")):
            tail.start = index
            break
    titles: list[str] = []
    for line in lines[tail.start + 1:]:
        text = line.text
        if text.startswith("- ") or text.startswith("+ "):
            tail.recipients.append(text[2:].rstrip(";.,").strip())
            tail.where.setdefault("recipients", line)
        elif text.isupper() and any(w in text for w in _TITLE_WORDS) or (titles and text.isupper() and len(text) < 40
                                                                         and not tail.signer_name and _is_title(text)):
            titles.append(text.replace("**", "").strip())
            tail.where.setdefault("signer", line)
        elif titles and not tail.signer_name and not text.startswith("(") and len(text.split()) <= 6:
            tail.signer_name = text
    if titles:
        tail.signer_title = " – ".join(titles)
    return tail


def _is_title(text: str) -> bool:
    return any(w in text for w in ("CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG", "PHÓ"))
