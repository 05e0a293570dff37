"""The labelled lines of a task or a figure: «Cơ quan chủ trì: …», «Thời gian thực hiện: …»."""

from __future__ import annotations

import re
from typing import Any

from .source import Line

# label words → the task's field; a colon follows the label
TASK_LABELS = (
    (re.compile(r"^Cơ quan(?:, đơn vị)? chủ trì(?: thực hiện)?\s*:\s*(?P<v>.+)$", re.IGNORECASE), "lead"),
    (re.compile(r"^(?:Đơn vị|Cơ quan)(?:, đơn vị)? phối hợp(?: thực hiện)?\s*:\s*(?P<v>.+)$", re.IGNORECASE), "partners"),
    (re.compile(r"^Thời gian(?: thực hiện| hoàn thành)?\s*:\s*(?P<v>.+)$", re.IGNORECASE), "timeframe"),
    (re.compile(r"^Nội dung(?: thực hiện)?\s*:\s*(?P<v>.+)$", re.IGNORECASE), "content"),
)


def labelled(line: Line) -> tuple[str, str] | None:
    """(field, value) when the line is a task's labelled line; the value's last full stop dropped
    for names and time frames (the hand-made files keep «Hàng năm», not «Hàng năm.»)."""
    for pattern, name in TASK_LABELS:
        if m := pattern.match(line.text):
            value = m["v"].strip()
            if name != "content":
                value = value.rstrip(".;").strip()
            return name, value
    return None


TASK_ORDER = ("title", "lead", "partners", "timeframe", "content", "subtasks")


def ordered_task(task: dict[str, Any]) -> dict[str, Any]:
    """A task's fields in the schema's order, its sub-tasks too."""
    subtasks = [ordered_task(t) for t in task.get("subtasks", [])]
    return {k: (subtasks if k == "subtasks" else task[k]) for k in TASK_ORDER if k in task}
