"""A plan's or a report's text cut into its parts: head, opening paragraphs, numbered parts, closing
paragraph and tail; and the record of which lines a field took, so nothing is dropped unseen."""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import ROMAN, Block, outline
from .draft import Draft
from .header import Head, Tail, read_head, read_tail
from .source import Line, Source

_CLOSING = ("Trên đây là", "Trên đây")


@dataclass
class Body:
    head: Head
    tail: Tail
    preamble: list[Line]
    parts: list[Block]  # the «I.», «II.» parts (or, without them, the numbered headings)
    closing: Line | None
    used: set[int] = field(default_factory=set)

    def take(self, *lines: Line | None) -> None:
        """Record that a field took these lines."""
        for line in lines:
            if line is not None:
                self.used.update(line.numbers)

    def take_block(self, block: Block) -> None:
        self.take(*block.all_lines())


def _closing_at(lines: list[Line]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text
        if text.startswith(_CLOSING) or text.rstrip().endswith("kính báo cáo./."):
            return index
    return None


def split(source: Source) -> Body:
    lines = source.lines
    head = read_head(lines)
    tail = read_tail(lines)
    middle = lines[head.body_start:tail.start]
    at = _closing_at(middle)
    closing = middle[at] if at is not None else None
    middle = middle[:at] if at is not None else middle  # lines after the closing stay unplaced, so they are listed
    first_part = next((i for i, line in enumerate(middle) if ROMAN.match(line.text)), len(middle))
    root = outline(middle[first_part:])
    body = Body(head, tail, middle[:first_part], root.children, closing)
    body.take(*head.where.values(), *head.issuer_lines, *head.motto, closing, *lines[tail.start:])
    return body


def unplaced(body: Body, source: Source) -> list[Line]:
    """Every line of the document no field took."""
    return [line for line in source.lines if line.number not in body.used]


def finish(draft: Draft, body: Body) -> Draft:
    draft.unplaced = unplaced(body, draft.source)
    return draft
