"""What plans and reports share: the head's fields, a block as a schema `Section`, texts of lines,
and the review marks for citations whose written form was tidied."""

from __future__ import annotations

import re
from typing import Any

from .blocks import Block
from .body import Body, split
from .citations import citations
from .draft import Draft
from .source import Line, Source


def texts_of(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


def section_of(block: Block) -> dict[str, Any]:
    """A block as the schema's Section: heading as written, paragraphs, items, sub-sections."""
    section: dict[str, Any] = {"heading": block.heading.text} if block.heading else {}
    if block.paragraphs:
        section["paragraphs"] = texts_of(block.paragraphs)
    if block.items:
        section["items"] = texts_of(block.items)
    if block.children:
        section["sections"] = [section_of(child) for child in block.children]
    return section


def head_fields(body: Body, issuer: str, draft: Draft) -> dict[str, Any]:
    """number, symbol, date, place, title, issuer; what the document does not write is blank, and
    the issuer, when the text has no issuing body line, is the unit's name, marked for review."""
    head = body.head
    fields: dict[str, Any] = {"number": head.number, "symbol": head.symbol, "date": head.date, "place": head.place}
    fields["title"] = head.title or ""
    fields["issuer"] = issuer
    anchor = head.where.get("title") or head.where.get("kind") or Line("", "đầu văn bản", 0)
    if head.issuer_lines:
        written = " ".join(line.text for line in head.issuer_lines)
        draft.mark("issuer", f"văn bản ghi «{written}»: ghi theo tên đơn vị trong «Hồ sơ đơn vị» (unit.yml), đối chiếu", head.issuer_lines[0])
    else:
        draft.mark("issuer", "văn bản không ghi cơ quan ban hành ở dòng riêng: lấy tên đơn vị trong «Hồ sơ đơn vị» (unit.yml)", anchor)
    if head.title is None:
        draft.mark("title", "không tìm thấy tên văn bản (dòng sau «KẾ HOẠCH» hoặc «BÁO CÁO»)", anchor)
    elif head.title_from_first_line:
        draft.mark("title", "văn bản không có dòng «KẾ HOẠCH» hay «BÁO CÁO»: tên lấy từ dòng đầu (tiêu đề bài đăng)", anchor)
    if head.number is None and head.symbol is not None:
        draft.mark("number", "văn bản để trống số: điền khi có số chính thức", head.where["number"])
    if head.date is None:
        _lead_date(body, draft)
    elif head.date.count("/") < 2:
        draft.mark("date", f"văn bản để trống ngày ký («{head.where['date'].text}»): ghi «{head.date}»; điền ngày khi có bản ký chính thức",
                   head.where["date"])
    return fields


_LEAD = re.compile(r"^(?P<date>Ngày \d{1,2} tháng \d{1,2} năm \d{4}),? .{0,80}?ban hành (?P<doc>.{0,40}?số \S+?)[,;.]?(?: |$)")


def _lead_date(body: Body, draft: Draft) -> None:
    """A posted page's lead sentence («Ngày 18 tháng 7 năm 2025 UBND xã … đã ban hành Quyết định số
    119/QĐ-UBND …») dates the adopting document, not the one posted: the date stays blank and the
    sentence is put up for review beside `date`."""
    for line in body.preamble[:3]:
        if m := _LEAD.match(line.text):
            draft.mark("date", f"đầu văn bản không ghi ngày; câu đầu ghi «{m['date']}» là ngày ban hành «{m['doc']}»: "
                               "nếu văn bản này cùng ngày, ghi ngày đó", line)
            return


def track_citations(lines: list[Line], path: str, draft: Draft) -> None:
    """Mark every citation whose written form had spaces removed, with the form as written."""
    for line in lines:
        for cited in citations(line.text):
            if cited.written != cited.number:
                draft.mark(path, f"số hiệu viết «{cited.written}» trong văn bản, ghi thành «{cited.number}»", line)


def known_only(cited: list[tuple[str, Line]], known: set[str], path: str, draft: Draft) -> list[str]:
    """The cited numbers the project declares (a plan or report may cite only those), in order of first
    mention; each other one is put up for review with its line, so it is declared or left out knowingly."""
    kept: list[str] = []
    for number, line in cited:
        if number in kept:
            continue
        if number in known:
            kept.append(number)
        elif not any(m.field == path and f"«{number}»" in m.reason for m in draft.marks):
            draft.mark(path, f"văn bản «{number}» được trích nhưng chưa khai báo trong documents.yml: khai báo rồi thêm vào {path}", line)
    return kept


def begin(kind: str, source: Source, issuer: str) -> tuple[Body, dict[str, Any], Draft]:
    """The document cut into parts, and a draft of `kind` holding the head's fields."""
    body = split(source)
    data: dict[str, Any] = {}
    draft = Draft(kind, data, source)
    data.update(head_fields(body, issuer, draft))
    return body, data, draft


def ending(body: Body) -> dict[str, Any]:
    """The closing paragraph, the signer and the recipients, as far as the document gives them."""
    tail = body.tail
    found: dict[str, Any] = {"closing": body.closing.text} if body.closing else {}
    if tail.signer_title:
        found["signer"] = {"title": tail.signer_title, **({"name": tail.signer_name} if tail.signer_name else {})}
    if tail.recipients:
        found["recipients"] = tail.recipients
    return found


def in_order(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """The fields in the schema's order, empty ones left out (a blank number stays, written blank)."""
    return {k: data[k] for k in order if k in data and (data[k] not in ([], "", None) or k == "number")}
