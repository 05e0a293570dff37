"""Tasks from a table (a Word file's «STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian»):
each row a task; a row numbered «a», «b»… (or whose task starts «a)») a sub-task of the row above."""

from __future__ import annotations

import re
from typing import Any

from .body import Body
from .draft import Draft
from .labels import ordered_task
from .source import Line, Source, Table

_COLUMNS = (
    ("content", ("nội dung chi tiết", "ghi chú")),
    ("lead", ("chủ trì",)),
    ("partners", ("phối hợp",)),
    ("timeframe", ("thời gian", "thời hạn")),
    ("title", ("nhiệm vụ", "nội dung", "tên")),
    ("number", ("stt", "tt")),
)
_SUB = re.compile(r"^(?P<mark>[a-zđ])\)?\s*$")


def _columns(header: list[Line]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = cell.text.lower()
        for name, words in _COLUMNS:
            if name not in found and any(w in text for w in words):
                found[name] = index
                break
    return found


def is_task_table(table: Table) -> bool:
    return bool(table.rows) and {"title", "lead"} <= _columns(table.rows[0]).keys()


def _row_task(row: list[Line], columns: dict[str, int]) -> dict[str, Any]:
    task: dict[str, Any] = {}
    for name in ("title", "lead", "partners", "timeframe", "content"):
        if name in columns and columns[name] < len(row) and (text := row[columns[name]].text):
            value = text if name in ("title", "content") else text.rstrip(".;").strip()
            task[name] = [value] if name == "partners" else value
    return task


def tasks_from_tables(source: Source, body: Body, draft: Draft, start: int = 0) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = []
    for table in source.tables:
        if not is_task_table(table):
            continue
        columns = _columns(table.rows[0])
        body.take(*table.rows[0])
        for row in table.rows[1:]:
            body.take(*row)
            task = _row_task(row, columns)
            if not task.get("title"):
                continue
            mark = row[columns["number"]].text if "number" in columns else ""
            title = task["title"]
            sub = _SUB.match(mark) or re.match(r"^[a-zđ]\)\s", title)
            if sub and tasks:
                if re.match(r"^[a-zđ]\)\s", title):
                    task["title"] = title[3:]
                tasks[-1].setdefault("subtasks", []).append(task)
            else:
                tasks.append(task)
    for index, task in enumerate(tasks):
        if "lead" not in task and "subtasks" not in task:
            draft.mark(f"tasks[{start + index}].lead", "ô «Cơ quan chủ trì» để trống", Line(task["title"], "bảng nhiệm vụ", 0))
    return [ordered_task(task) for task in tasks]

