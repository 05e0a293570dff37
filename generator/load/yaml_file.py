"""Reads YAML into plain data where every scalar is text, remembering where each value stood.

PyYAML's own loaders turn `0255371234` into an octal integer and `1.000230` into a float, keep the
last of two duplicate keys, and run `!!python/...` tags. This loader resolves nothing: a scalar is a
string until the schema types it, an empty value is None, duplicate keys, tags, anchors and aliases
are refused, and each value's line and column are kept for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.composer import Composer
from yaml.constructor import BaseConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..problems import Code, Problem
from .marks import review_lines

Path_ = tuple[str | int, ...]
Mark = tuple[int, int]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50


@dataclass
class Document:
    """One YAML file: its data (str / None / list / dict only) and where each value stood."""

    path: str
    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)
    key_marks: dict[Path_, Mark] = field(default_factory=dict)
    review: list[tuple[int, str]] = field(default_factory=list)  # an imported draft's marks left: (line, field)

    def mark(self, loc: Path_, *, key: bool = False) -> Mark:
        """The line and column of the value at `loc`, or of its key, or of the nearest parent."""
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc:
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), (1, 1))


# Characters a value may not hold once parsed: control characters other than tab and line feed (CR,
# ESC, NUL…), DEL and the C1 controls, surrogates and Unicode non-characters. The reader refuses them
# written raw in the file; a double-quoted escape (`"\\0"`, `"\\x1b"`, `"\\uFFFE"`) makes them only after
# parsing, so every scalar is checked again as it is composed.
_BAD_IN_VALUE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
_SIMPLE_ESCAPES = {
    "0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n", "v": "\x0b", "f": "\x0c",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _bad_escape(text: str, start: int) -> tuple[int, str, int] | None:
    """In the double-quoted scalar opening at `text[start]`, the first escape that makes a character
    a value may not hold: its offset in `text`, the escape as written and the code point it makes."""
    at = start + 1
    while at < len(text) and text[at] != '"':
        if text[at] != "\\":
            at += 1
            continue
        letter = text[at + 1 : at + 2]
        width = _HEX_ESCAPES.get(letter, 0)
        written = text[at : at + 2 + width]
        try:
            code = int(written[2:], 16) if width else ord(_SIMPLE_ESCAPES[letter])
        except (KeyError, ValueError):  # an escaped line break, or an escape the parser refused
            at += 2
            continue
        if code > 0x10FFFF or _BAD_IN_VALUE.match(chr(code)):
            return at, written, code
        at += len(written)
    return None


def _escape_message(written: str, code: int) -> str:
    if 0xD800 <= code <= 0xDFFF:
        return (f"Mã «{written}» trong ngoặc kép là một nửa cặp ký tự thay thế (surrogate), không phải ký tự; "
                "hãy viết thẳng ký tự cần dùng")
    return f"Mã «{written}» trong ngoặc kép tạo ra ký tự không hợp lệ (U+{code:04X}); hãy xoá mã này"


def _offset(text: str, line: int, column: int) -> int:
    """The index in `text` of a line and column counted from 0."""
    at = 0
    for _ in range(line):
        at = text.index("\n", at) + 1
    return at + column


def _escape_problem(path: str, error: yaml.MarkedYAMLError, source: str) -> Problem | None:
    """libyaml refuses an escape for half a surrogate pair, or an unknown escape, and blames the
    quote: say which escape, where."""
    said, opened, mark = error.problem or "", error.context_mark, error.problem_mark
    if "invalid Unicode character escape" in said and opened is not None:
        found = _bad_escape(source, _offset(source, opened.line, opened.column))
        if found is not None:
            at, written, code = found
            line = source.count("\n", 0, at)
            column = at - (source.rfind("\n", 0, at) + 1)
            return Problem(path, line + 1, column + 1, "", _escape_message(written, code), Code.YAML_BAD_CHARACTER)
    if ("unknown escape character" in said or "hexdecimal" in said or "hexadecimal" in said) and mark is not None:
        at = source.rfind("\\", 0, _offset(source, mark.line, mark.column) + 1)
        line, column = source.count("\n", 0, at), at - (source.rfind("\n", 0, at) + 1)
        written = source[at : at + 2]
        message = (f"Mã «{written}» trong ngoặc kép không có trong YAML; muốn viết dấu «\\» thì ghi «\\\\», "
                   "hoặc đặt giá trị trong nháy đơn")
        return Problem(path, line + 1, column + 1, "", message, Code.YAML_SYNTAX)
    return None


class _Place:
    """A line and column (from 0) where a problem is reported, like PyYAML's marks."""

    def __init__(self, line: int, column: int):
        self.line, self.column = line, column


class _StrictLoadError(Exception):
    def __init__(self, mark: Any, message: str, code: Code):
        self.mark = mark
        self.message = message
        self.code: Code = code


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _StrictComposer(Composer, BaseConstructor, BaseResolver):
    """A composer that refuses tags, anchors, aliases and duplicate keys, and resolves nothing.
    The events come from a parser mixed in below: libyaml's (C) when present, else PyYAML's."""

    def _start(self, text: str) -> None:
        self._text = text
        self._line_starts: list[int] | None = None
        Composer.__init__(self)
        BaseConstructor.__init__(self)
        BaseResolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()  # type: ignore[attr-defined]  # from the parser mixed in
        if isinstance(event, AliasEvent):
            raise _StrictLoadError(
                event.start_mark,
                "Không dùng bí danh YAML (*tên); hãy viết đầy đủ giá trị",
                Code.YAML_ALIAS,
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise _StrictLoadError(
                    event.start_mark,
                    "Không dùng neo YAML (&tên); hãy viết đầy đủ giá trị",
                    Code.YAML_ANCHOR,
                )
            if event.tag not in (None, "!"):
                raise _StrictLoadError(
                    event.start_mark,
                    f"Không chấp nhận thẻ YAML «{_short_tag(event.tag)}»; hãy xoá thẻ và chỉ ghi giá trị",
                    Code.YAML_TAG,
                )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _StrictLoadError(
                event.start_mark, f"Dữ liệu lồng nhau quá {MAX_DEPTH} cấp", Code.YAML_TOO_DEEP
            )
        try:
            node: Node | None = super().compose_node(parent, index)
            assert node is not None
            return node
        finally:
            self._depth -= 1

    def compose_scalar_node(self, anchor: Any) -> ScalarNode:
        node = super().compose_scalar_node(anchor)
        if (bad := _BAD_IN_VALUE.search(node.value)) is not None:
            raise self._bad_character(node, ord(bad.group()))
        return node

    def _bad_character(self, node: ScalarNode, code: int) -> _StrictLoadError:
        """The error for a value holding a character it may not: at the escape that made it."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self._text)]
        start = self._line_starts[node.start_mark.line] + node.start_mark.column
        found = _bad_escape(self._text, start) if self._text[start : start + 1] == '"' else None
        if found is None:
            message = f"Có ký tự không hợp lệ (U+{code:04X}) trong giá trị; hãy xoá ký tự này"
            return _StrictLoadError(node.start_mark, message, Code.YAML_BAD_CHARACTER)
        at, written, code = found
        line = self._text.count("\n", 0, at)
        place = _Place(line, at - self._line_starts[line])
        return _StrictLoadError(place, _escape_message(written, code), Code.YAML_BAD_CHARACTER)

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        node = super().compose_mapping_node(anchor)
        seen: set[str] = set()
        for key, _ in node.value:
            if not isinstance(key, ScalarNode):
                raise _StrictLoadError(key.start_mark, "Khoá phải là chữ", Code.YAML_COMPLEX_KEY)
            if key.value in seen:
                raise _StrictLoadError(
                    key.start_mark,
                    f"Khoá «{key.value}» bị lặp lại trong cùng một khối",
                    Code.DUPLICATE_KEY,
                )
            seen.add(key.value)
        return node


class _PythonLoader(_StrictComposer, Reader, Scanner, Parser):
    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        self._start(stream)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _CLoader(_StrictComposer, CParser):
        """libyaml parses (about five times faster); the composer above stays in Python."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            self._start(stream)

    _Loader: type = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _Loader = _PythonLoader


def _to_data(node: Node, loc: Path_, doc: Document) -> Any:
    doc.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        if not node.style and node.value in ("", "~"):  # plain empty: PyYAML says None, libyaml ""
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_to_data(item, loc + (i,), doc) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key, value in node.value:
        doc.key_marks[loc + (key.value,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
        result[key.value] = _to_data(value, loc + (key.value,), doc)
    return result


_YAML_PROBLEMS: list[tuple[str, str, Code]] = [
    ("'\\t'", "Có ký tự Tab trong phần thụt lề; YAML chỉ dùng dấu cách", Code.YAML_TAB),
    ("quoted scalar", "Dấu ngoặc kép hoặc nháy đơn chưa được đóng", Code.YAML_UNCLOSED_QUOTE),
    (
        "mapping values are not allowed",
        "Dấu hai chấm đặt sai chỗ; nếu giá trị có dấu «: », hãy đặt cả giá trị trong ngoặc kép",
        Code.YAML_SYNTAX,
    ),
    (
        "expected <block end>",
        "Thụt lề không khớp với dòng trên; các mục cùng cấp phải thẳng cột",
        Code.YAML_INDENTATION,
    ),
    ("did not find expected key", "Thụt lề không khớp với dòng trên; các mục cùng cấp phải thẳng cột", Code.YAML_INDENTATION),
    ("expected '-' indicator", "Thụt lề không khớp với dòng trên; các mục cùng cấp phải thẳng cột", Code.YAML_INDENTATION),
    ("expected ',' or ']'", "Danh sách trong ngoặc vuông «[ ]» chưa đóng ngoặc hoặc thiếu dấu phẩy", Code.YAML_SYNTAX),
    ("expected ',' or '}'", "Khối trong ngoặc nhọn «{ }» chưa đóng ngoặc hoặc thiếu dấu phẩy", Code.YAML_SYNTAX),
    ("could not find expected ':'", "Thiếu dấu hai chấm sau tên trường", Code.YAML_SYNTAX),
]


def _unbalanced_quote(text: str, last_line: int) -> tuple[int, int] | None:
    """The first line (up to `last_line`) with an odd number of double quotes: a quote left open
    there makes PyYAML report a confusing error further down."""
    for number, line in enumerate(text.splitlines()[: last_line + 1], start=1):
        content = line.split(" #")[0].replace('\\"', "")
        if content.lstrip().startswith("#"):
            continue
        if content.count('"') % 2:
            return number, content.index('"') + 1
    return None


def _char_at(source: str, line: int, column: int) -> str:
    lines = source.splitlines()
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


def _yaml_problem(path: str, error: yaml.MarkedYAMLError, source: str) -> Problem:
    if (escape := _escape_problem(path, error, source)) is not None:
        return escape
    mark = error.problem_mark or error.context_mark
    said = f"{error.context or ''} {error.problem or ''}"
    message, code = next(
        ((m, c) for needle, m, c in _YAML_PROBLEMS if needle in said), (f"Lỗi cú pháp YAML ({error.problem})", Code.YAML_SYNTAX)
    )
    if mark is not None and _char_at(source, mark.line, mark.column) == "\t":
        message, code = "Có ký tự Tab trong phần thụt lề; YAML chỉ dùng dấu cách", Code.YAML_TAB
    if code == Code.YAML_UNCLOSED_QUOTE and error.context_mark:
        mark = error.context_mark  # where the quote was opened, not the end of the file
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if code != Code.YAML_TAB and (quote := _unbalanced_quote(source, line - 1)):
        (line, column), message, code = quote, "Dấu ngoặc kép hoặc nháy đơn chưa được đóng", Code.YAML_UNCLOSED_QUOTE
    return Problem(path, line, column, "", message, code)


def load_text(text: str, path: str) -> Document:
    """Parse YAML text; raises `LoadError` with one Problem when the text is not acceptable."""
    doc = Document(path=path, data=None)
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except _StrictLoadError as error:
        line, column = error.mark.line + 1, error.mark.column + 1
        raise LoadError(Problem(path, line, column, "", error.message, error.code)) from None
    except yaml.MarkedYAMLError as error:
        raise LoadError(_yaml_problem(path, error, text)) from None
    except yaml.reader.ReaderError as error:  # a control character, often pasted from Word or a PDF
        at = text.find(chr(error.character))  # libyaml counts bytes, not characters: find it again
        at = at if at >= 0 else 0
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        message = f"Có ký tự điều khiển không hợp lệ (U+{error.character:04X}), thường do dán từ Word hoặc PDF"
        raise LoadError(Problem(path, line, column, "", message, Code.YAML_BAD_CHARACTER)) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is not None:
        doc.data = _to_data(node, (), doc)
    doc.review = review_lines(text)
    return doc


class LoadError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format())


def load_file(file: Path, display_path: str) -> Document:
    """Read one YAML file as UTF-8 text and parse it; every failure is a `LoadError`."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise LoadError(
            Problem(display_path, 1, 1, "", f"Không đọc được tệp ({error.strerror})", Code.FILE_UNREADABLE)
        ) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(
            Problem(
                display_path, 1, 1, "",
                f"Tệp quá lớn ({len(raw)} byte, tối đa {MAX_FILE_BYTES})", Code.FILE_TOO_LARGE,
            )
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise LoadError(
            Problem(display_path, line, 1, "", "Tệp không phải mã UTF-8; hãy lưu lại với mã UTF-8", Code.NOT_UTF8)
        ) from None
    return load_text(text, display_path)
