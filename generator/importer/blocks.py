"""The outline of a document's body: parts numbered «I.», headings «1.» and «a)», items «- » and
paragraphs, each keeping the line it came from.

A line that starts in lower case continues the line before it (a PDF or a web page breaks a
sentence where its column ends); nothing else is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .source import Line

ROMAN = re.compile(r"^(?P<mark>[IVX]+)\.\s+(?P<text>.+)$")
NUMBERED = re.compile(r"^(?P<mark>\d{1,2})\.\s+(?P<text>.+)$")
LETTERED = re.compile(r"^(?P<mark>[a-zđ])\)\s+(?P<text>.+)$")
ITEM = re.compile(r"^[-+•]\s*(?P<text>.+)$")
LEVELS = (ROMAN, NUMBERED, LETTERED)


@dataclass
class Block:
    """A heading with what is under it: paragraphs and items in order, and sub-blocks."""

    heading: Line | None
    level: int  # 0 the whole body, 1 «I.», 2 «1.», 3 «a)»
    paragraphs: list[Line] = field(default_factory=list)
    items: list[Line] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    order: list[Line] = field(default_factory=list)  # paragraphs and items as they come

    @property
    def title(self) -> str:
        """The heading without its mark («1. Mục đích:» → «Mục đích:»)."""
        if self.heading is None:
            return ""
        for pattern in LEVELS:
            if m := pattern.match(self.heading.text):
                return m["text"]
        return self.heading.text

    def all_lines(self) -> list[Line]:
        own = [self.heading] if self.heading else []
        return own + self.order + [line for child in self.children for line in child.all_lines()]


def join_broken(lines: list[Line]) -> list[Line]:
    """Lines that start in lower case joined to the line before."""
    joined: list[Line] = []
    for line in lines:
        first = line.text[:1]
        if joined and (first.islower() and not LETTERED.match(line.text) or _unfinished(joined[-1].text, line.text)):
            previous = joined[-1]
            joined[-1] = Line(f"{previous.text} {line.text}", previous.where, previous.number, (*previous.joined, *line.numbers))
        else:
            joined.append(line)
    return joined


# Words a Vietnamese sentence cannot end on: a numbered line ending so was cut where the document's
# column or page ended («… Chương trình tổng thể CCHC của» / «Chính phủ, của tỉnh…»).
DANGLING = frozenset("của và các cho về với tại theo trong để những là đến từ thuộc hoặc được trên bằng".split())


def _unfinished(previous: str, text: str) -> bool:
    """A line cut in the middle of a sentence, before a plain paragraph: a paragraph ending on a
    lower-case word, or a numbered line ending on a comma or a word no sentence ends on (a numbered
    line ending on any other word is a heading: «1. Mục đích»)."""
    if _level(text) or ITEM.match(text):
        return False
    if _level(previous):
        return previous.endswith(",") or previous.split()[-1] in DANGLING
    return previous[-1:].islower()


def _level(text: str) -> int:
    for depth, pattern in enumerate(LEVELS, start=1):
        if pattern.match(text):
            return depth
    return 0


def outline(lines: list[Line]) -> Block:
    """The body as a tree of blocks under one root."""
    root = Block(None, 0)
    stack = [root]
    for line in join_broken(lines):
        depth = _level(line.text)
        if depth:
            while stack[-1].level >= depth:
                stack.pop()
            block = Block(line, depth)
            stack[-1].children.append(block)
            stack.append(block)
            continue
        current = stack[-1]
        if m := ITEM.match(line.text):
            item = Line(m["text"], line.where, line.number, line.joined)
            current.items.append(item)
            current.order.append(item)
        else:
            current.paragraphs.append(line)
            current.order.append(line)
    return root


def find(blocks: list[Block], *words: str) -> Block | None:
    """The first block whose heading holds one of `words` (case-insensitive)."""
    for block in blocks:
        title = block.title.lower()
        if any(w.lower() in title for w in words):
            return block
    return None
