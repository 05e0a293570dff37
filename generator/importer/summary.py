"""The summary an editor reads after an import, in the same problem format as `cchc validate`: each
mark and each unplaced line as a warning that names the document, its line and the draft's field;
and the counts of what was recognised."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..problems import Code, Problem, Severity
from .draft import Draft


def _tasks(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for task in tasks for t in (task, *_tasks(task.get("subtasks", [])))]


def counts(draft: Draft) -> dict[str, int]:
    data = draft.data
    tasks = _tasks(data.get("tasks", []))
    stats = data.get("dossier_stats", {})
    dossier = sum(len(v) if isinstance(v, dict | list) else 1 for v in stats.values())
    cited = len(data.get("implements", [])) + len(data.get("based_on", [])) + (1 if data.get("plan") else 0)
    return {
        "tasks": len(tasks),
        "leads": sum(1 for t in tasks if t.get("lead")),
        "figures": len(data.get("figures", [])) + dossier,
        "citations": cited,
        "procedures": len(data.get("procedures", [])) + len(draft.notes) if draft.kind == "procedures" else 0,
        "review": len(draft.marks),
        "unplaced": len(draft.unplaced),
    }


def count_line(found: dict[str, int]) -> str:
    """«Nhận ra: 13 nhiệm vụ (10 có cơ quan chủ trì), 0 số liệu, 1 số hiệu văn bản; 5 chỗ cần kiểm tra, 0 dòng chưa xếp.»
    (a procedure list: «Nhận ra: 3 mã thủ tục; …»)"""
    if found["procedures"]:
        parts = [f"{found['procedures']} mã thủ tục"]
    else:
        parts = [f"{found['tasks']} nhiệm vụ ({found['leads']} có cơ quan chủ trì)", f"{found['figures']} số liệu",
                 f"{found['citations']} số hiệu văn bản"]
    return f"Nhận ra: {', '.join(parts)}; {found['review']} chỗ cần kiểm tra, {found['unplaced']} dòng chưa xếp."


def summarise(draft: Draft, target: str, root: Path) -> tuple[list[Problem], dict[str, int]]:
    """Every mark and unplaced line as a warning at its place in the source document."""
    name = draft.source.name
    problems = [
        Problem(name, m.line.number, 1, m.field, f"cần kiểm tra: {m.reason}", Code.IMPORT_REVIEW, Severity.WARNING)
        for m in draft.marks
    ]
    problems += [
        Problem(name, line.number, 1, "", f"chưa xếp vào trường nào, giữ trong bản nháp: «{_short(line.text)}»",
                Code.IMPORT_UNPLACED, Severity.WARNING)
        for line in draft.unplaced
    ]
    if draft.source.ocr:
        problems.append(Problem(name, 1, 1, "", "văn bản đọc bằng nhận dạng chữ (OCR): mọi giá trị cần đối chiếu với bản quét",
                                Code.IMPORT_OCR, Severity.WARNING))
    problems += draft.problems
    return problems, counts(draft)


def _short(text: str, size: int = 80) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
