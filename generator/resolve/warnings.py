"""Checks across documents that real plans and reports need: the same document cited with different
numbers or dates, a unit's name misspelt, plain-http links, report dates outside their period,
blank document numbers and procedures not reviewed for a year. Each is a warning naming every place
involved: it does not block publishing unless the run is `--strict`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..content_types import DOCUMENTS, PROCEDURE
from ..load import Located, Project, UnitSource
from ..problems import Code, Problem, Severity
from ..problems.validation import field_path
from ..schema.documents import Issued
from ..schema.report import DossierStats, Report, rate_disagreement
from ..schema.types import format_date, number

# Between the number and «ngày»: spaces, then at most one comma and more spaces. Written
# `\s*(?:,\s*)?`, never `\s*,?\s*`: with no comma the two runs could split a long run of spaces in
# every way, and a number followed by thousands of spaces and no «ngày» took quadratic time.
# Digits are ASCII only (`[0-9]`), like every pattern of the schema.
_CITATION = re.compile(
    r"(?:số\s+)?(?P<number>(?<![0-9])[0-9]{1,6}[a-z]?(?:-[A-ZĐa-zđ]+)?(?:/(?P<year>[0-9]{4}))?/[A-ZĐ][A-ZĐa-zđ0-9]*(?:-\s?[A-ZĐa-zđ0-9]+)*)"
    r"\s*(?:,\s*)?ngày\s+(?P<date>[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})"
)
_PLACE_NAME = re.compile(r"\b(?:huyện|xã|phường|thị trấn|tỉnh|Huyện|Xã|Phường|Tỉnh)\s+((?:[A-ZĐÂĂÊÔƠƯ][^\s,.;:()]*\s?){1,3})")
_UNIT_PREFIX = re.compile(r"^(Huyện|Xã|Phường|Thị trấn|Tỉnh|Thành phố|Đặc khu)\s+")
STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class Place:
    file: str
    line: int
    column: int
    field: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Citation:
    key: str  # the number without its year part: 93/2021/NQ-HĐND → 93/NQ-HĐND
    number: str
    date: dt.date
    place: Place


def _texts(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in a loaded YAML document, with its path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, loc + (i,))


def _place(located: Located[Any], loc: tuple[str | int, ...]) -> Place:
    line, column = located.doc.mark(loc)
    return Place(located.path, line, column, field_path(loc))


def _warning(place: Place, message: str, code: Code) -> Problem:
    return Problem(place.file, place.line, place.column, place.field, message, code, Severity.WARNING)


def _normal_number(number: str) -> str:
    return re.sub(r"\s+", "", number)


def _key(number: str) -> str:
    return re.sub(r"/[0-9]{4}/", "/", _normal_number(number))


def _date(text: str) -> dt.date | None:
    day, month, year = (int(part) for part in text.split("/"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _citations(located: Located[Any]) -> Iterator[Citation]:
    for loc, text in _texts(located.doc.data):
        for match in _CITATION.finditer(text):
            date = _date(match["date"])
            if date is not None:
                number = _normal_number(match["number"])
                yield Citation(_key(number), number, date, _place(located, loc))


def _registered(project: Project, source: UnitSource | None) -> dict[str, Citation]:
    """Documents declared in documents.yml files, as citations with the place of their record."""
    found: dict[str, Citation] = {}
    files = [project.shared.get(DOCUMENTS)] + ([source.files.get(DOCUMENTS)] if source else [])
    for located in filter(None, files):
        for i, document in enumerate(located.value.documents):
            if document.date is not None:
                place = _place(located, ("documents", i, "date"))
                found[_key(document.number)] = Citation(_key(document.number), document.number, document.date, place)
    return found


def _describe(citation: Citation) -> str:
    return f"«{citation.number}» ngày {format_date(citation.date)}"


def _citation_warnings(project: Project) -> list[Problem]:
    """A citation that differs (number or date) from the document's record, or from the first other
    citation of it: documents of content/documents.yml are compared across all units, every other
    number within its unit only (each unit's UBND numbers its own «11/KH-UBND»)."""
    shared = _registered(project, None)
    problems = []
    by_scope: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    own: dict[str, dict[str, Citation]] = {}
    for slug, source in sorted(project.units.items()):
        own[slug] = _registered(project, source)
        for located in _issued(source):
            for citation in _citations(located):
                scope = "" if citation.key in shared else slug
                by_scope[(scope, citation.key)].append(citation)
    for (scope, key), citations in sorted(by_scope.items()):
        reference = (own[scope] if scope else shared).get(key) or citations[0]
        agreeing = [c.place for c in citations if (c.number, c.date) == (reference.number, reference.date)]
        places = " và ".join(str(p) for p in dict.fromkeys([reference.place, *agreeing[:1]]))
        for citation in citations:
            if (citation.number, citation.date) != (reference.number, reference.date):
                message = (
                    f"Văn bản {_describe(citation)} khác với {_describe(reference)} ở {places}; "
                    "cùng một văn bản phải ghi cùng số hiệu và ngày"
                )
                problems.append(_warning(citation.place, message, Code.CITATION_MISMATCH))
    return problems


def _issued(source: UnitSource) -> list[Located[Issued]]:
    """The unit's plans, reports and any other issued document, in a stable order."""
    return [f for f in source.files.every() if isinstance(f.value, Issued)]


def _place_name(name: str) -> str:
    return _UNIT_PREFIX.sub("", name).strip()


def _unit_name_warnings(source: UnitSource) -> list[Problem]:
    """«Ba Tư» for Ba Tơ, «Trà Bông» for Trà Bồng: names close to the unit's own but not equal."""
    own = _place_name(source.unit.value.short_name)
    words = len(own.split())
    problems = []
    for located in _issued(source):
        for loc, text in _texts(located.doc.data):
            candidates = [text] if loc == ("place",) else [" ".join(m.split()[:words]) for m in _PLACE_NAME.findall(text)]
            for written in candidates:
                written = written.strip()
                if written != own and difflib.SequenceMatcher(None, written, own).ratio() >= 0.75:
                    message = f"Tên đơn vị «{written}» khác với «{own}» trong unit.yml"
                    problems.append(_warning(_place(located, loc), message, Code.UNIT_NAME_MISMATCH))
    return problems


def _located_files(project: Project) -> Iterator[Located[Any]]:
    yield from project.shared.every()
    for source in project.units.values():
        yield from source.files.every()


def _insecure_links(project: Project) -> list[Problem]:
    return [
        _warning(_place(located, loc), f"Đường dẫn «{text}» không dùng https", Code.INSECURE_LINK)
        for located in _located_files(project)
        for loc, text in _texts(located.doc.data)
        if text.startswith("http://") and not _is_source_address(loc)
    ]


_SOURCE_KEYS = frozenset({"source", "sources", "published"})


def _is_source_address(loc: tuple[str | int, ...]) -> bool:
    """The address of a cited source (a procedure's sources, a report's article): government sites are
    often plain http, and the citation must stay as the source is, so no warning."""
    return bool(loc) and loc[-1] == "url" and any(part in _SOURCE_KEYS for part in loc[:-1])


def _report_date_warnings(source: UnitSource) -> list[Problem]:
    problems = []
    for located in _issued(source):
        report = located.value
        if not isinstance(report, Report) or report.date is None or report.period is None:
            continue
        start, end = report.period.start, report.period.end
        if report.date.first_day() > end + dt.timedelta(days=92) or dt.date(report.date.year, report.date.month or 12, 28) < start:
            bounds = f"{format_date(start)}–{format_date(end)}"
            message = f"Ngày báo cáo {report.date} nằm ngoài kỳ báo cáo {report.period} ({bounds})"
            problems.append(_warning(_place(located, ("date",)), message, Code.DATE_OUTSIDE_PERIOD))
    return problems


_GROUP_LABEL = {"received": "tiếp nhận", "resolved": "đã giải quyết", "in_progress": "đang giải quyết"}


def _dossier_tables(source: UnitSource) -> Iterator[tuple[Located[Any], tuple[str | int, ...], DossierStats]]:
    """Every dossier table of every report of the unit, with its report and where it is written."""
    for located in _issued(source):
        if isinstance(located.value, Report):
            for loc, table in located.value.dossier_scopes():
                yield located, loc, table


def _dossier_sum_warnings(source: UnitSource) -> list[Problem]:
    """A stated total that is not the sum of its stated parts: shown as stated, the editor told."""
    problems = []
    for located, loc, table in _dossier_tables(source):
        for where, stated, summed in table.mismatches():
            message = (
                f"Tổng số hồ sơ {_GROUP_LABEL[where[0]]} văn bản ghi {stated} nhưng cộng các số thành phần được "
                f"{number(summed)}; trang vẫn hiện đúng số văn bản ghi, hãy đối chiếu lại với bản gốc"
            )
            problems.append(_warning(_place(located, loc + where), message, Code.DOSSIER_SUM_MISMATCH))
    return problems


def _dossier_excess_warnings(source: UnitSource) -> list[Problem]:
    """Figures that cannot all be true (a part above its total; resolved plus in progress above
    received): shown as stated, the editor told which figures."""
    problems = []
    for located, loc, table in _dossier_tables(source):
        for excess in table.excesses():
            parts = " cộng ".join(f"{label} {number(value)}" for label, value in excess.parts)
            summed = f" là {number(excess.parts_sum)}" if len(excess.parts) > 1 else ""
            label, whole = excess.whole
            message = (
                f"{parts[0].upper()}{parts[1:]}{summed}, nhiều hơn {label} {number(whole)}: không thể cùng đúng; "
                "trang vẫn hiện đúng số văn bản ghi, hãy đối chiếu lại với bản gốc"
            )
            problems.append(_warning(_place(located, loc + excess.where), message, Code.DOSSIER_EXCESS))
    return problems


def _rate_warnings(source: UnitSource) -> list[Problem]:
    """A published on-time rate that the report's own exact counts do not give, even rounded: the
    page shows both, each labelled; the editor is told both."""
    problems = []
    for located, loc, table in _dossier_tables(source):
        if (found := rate_disagreement(table)) is not None:
            index, computed = found
            published = table.rates[index]
            message = (
                f"Tỷ lệ báo cáo công bố «{published.label}» {published.value} khác tỷ lệ tính từ số liệu của chính báo cáo"
                f" {computed}, quá mức làm tròn; trang hiện cả hai, ghi rõ tỷ lệ nào là của báo cáo"
            )
            problems.append(_warning(_place(located, loc + ("rates", index, "value")), message, Code.RATE_MISMATCH))
    return problems


def _blank_numbers(source: UnitSource) -> list[Problem]:
    return [
        _warning(
            _place(located, ("number",)),
            f"Văn bản «{located.value.title[:60]}…» chưa ghi số (…/{located.value.symbol or '…'})",
            Code.BLANK_DOCUMENT_NUMBER,
        )
        for located in _issued(source)
        if located.value.number is None and located.value.published is None  # an article gives no number
    ]


def today() -> dt.date:
    """The reference day for «not reviewed for a year»: the commit's time when it is known."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


def _stale_procedures(project: Project) -> list[Problem]:
    now = today()
    return [
        _warning(
            _place(located, ("last_reviewed",)),
            f"Thủ tục chưa được rà soát từ {format_date(located.value.last_reviewed)} (quá một năm)",
            Code.STALE_PROCEDURE,
        )
        for located in project.shared.all(PROCEDURE).values()
        if now - located.value.last_reviewed > STALE_AFTER
    ]


def warnings(project: Project) -> list[Problem]:
    """Every warning of the project; errors are found by validation and resolution, not here."""
    found = _citation_warnings(project) + _insecure_links(project) + _stale_procedures(project)
    for source in project.units.values():
        found += _unit_name_warnings(source) + _report_date_warnings(source) + _blank_numbers(source) + _dossier_sum_warnings(source)
        found += _dossier_excess_warnings(source) + _rate_warnings(source)
    return sorted(set(found))
