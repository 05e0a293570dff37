"""One import from start to end: read, recognise, extract, render the draft, summarise. Nothing is
written here: the caller writes `ImportResult.text` to `ImportResult.target` (or prints it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content_types import PLAN, REPORT
from ..problems import Code, Problem, UsageError
from ..problems.messages import Say
from ..schema.types import SLUG_PATTERN
from .draft import Draft, render
from .guard import refusal
from .kind import KINDS, recognise
from .plan import extract_plan
from .procedure import extract_procedure
from .procedures import extract_procedures
from .reading import read_document
from .report import extract_report
from .source import Source
from .summary import summarise


@dataclass(frozen=True)
class ImportResult:
    """The draft's text, where it belongs in the project, and the summary an editor reads."""

    kind: str
    text: str
    target: Path  # relative to the project root
    problems: list[Problem]
    counts: dict[str, int]
    changes: list[str]  # for a procedure list: what it adds, amends, replaces and abolishes


def _unit_name(root: Path, unit: str) -> str:
    if not re.fullmatch(SLUG_PATTERN, unit):  # a name like «../x» would put the draft outside the project
        raise UsageError(Say.BAD_SLUG(what="Mã đơn vị", value=unit))
    path = root / "units" / unit / "unit.yml"
    if not path.is_file():
        raise UsageError(Say.IMPORT_NO_UNIT_FILE(slug=unit))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return str(data.get("name", unit)) if isinstance(data, dict) else unit


def known_documents(root: Path, unit: str) -> set[str]:
    """The document numbers the project declares for the unit (its own and the shared ones)."""
    numbers: set[str] = set()
    for path in (root / "units" / unit / "documents.yml", root / "content" / "documents.yml"):
        if path.is_file():
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            documents = data.get("documents", []) if isinstance(data, dict) else []
            numbers |= {str(d["number"]) for d in documents if isinstance(d, dict) and "number" in d}
    return numbers


def import_document(path: Path, unit: str, kind: str | None = None, root: Path = Path(".")) -> ImportResult:
    """Read `path` and make the draft of a `kind` (recognised when None) for `unit`."""
    issuer = _unit_name(root, unit)
    source = read_document(path)
    found = kind or recognise(source)
    if found is None:
        raise refusal(path, Code.IMPORT_UNKNOWN_KIND, "không nhận ra loại văn bản (không thấy «KẾ HOẠCH», «BÁO CÁO» hay bảng mã thủ tục)")
    if found not in KINDS:
        raise UsageError(Say.IMPORT_UNKNOWN_KIND(kind=found, kinds=", ".join(KINDS)))
    if found == "procedures":
        draft = extract_procedures(source, root, unit)
    elif found == "procedure":
        draft = extract_procedure(source, root)
    else:
        draft = _extract(found, source, issuer, known_documents(root, unit))
    if source.ocr:
        mark_ocr(draft)
    target = _target(draft, unit)
    problems, counts = summarise(draft, str(target), root)
    return ImportResult(found, render(draft, depth=len(target.parts) - 1), target, problems, counts, draft.changes)


def _extract(kind: str, source: Source, issuer: str, known: set[str]) -> Draft:
    if kind == "plan":
        return extract_plan(source, issuer, known)
    if kind == "report":
        return extract_report(source, issuer, known)
    raise refusal(source.path, Code.IMPORT_UNKNOWN_KIND, f"không nhập được loại «{kind}» từ văn bản này")


def _leaves(data: object, path: str) -> list[tuple[str, str]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, f"{path}.{key}" if path else key)]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, f"{path}[{i}]")]
    return [(path, str(data))] if data is not None else []


def mark_ocr(draft: Draft) -> None:
    """Every figure, date, number and code read by OCR, and every body named, put up for review."""
    lines = draft.source.lines
    for path, value in _leaves(draft.data, ""):
        anchor = next((line for line in lines if value[:20] in line.text), lines[0] if lines else None)
        if anchor and (any(c.isdigit() for c in value) or path.endswith((".lead", "issuer", "place"))):
            draft.mark(path, f"đọc bằng nhận dạng chữ (OCR): «{value[:60]}» cần đối chiếu với bản quét", anchor)


def _target(draft: Draft, unit: str) -> Path:
    if draft.kind == "plan":
        return Path(PLAN.file(unit=unit, name=draft.name))
    if draft.kind == "report":
        return Path(REPORT.file(unit=unit, name=draft.name))
    if draft.kind == "procedures":
        return Path("units") / unit / "procedures.yml"
    return Path("content") / "procedures" / f"{draft.name}.yml"
