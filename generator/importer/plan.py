"""A plan (kế hoạch): the documents it implements, its purposes and requirements, its content by
topic, and its tasks, each with its lead body, partners, time frame and sub-tasks."""

from __future__ import annotations

import re
from typing import Any

from .blocks import Block
from .body import Body, finish
from .citations import citations
from .draft import Draft, slugify
from .labels import labelled, ordered_task
from .sections import begin, ending, in_order, known_only, section_of, texts_of, track_citations
from .source import Line, Source
from .table_tasks import tasks_from_tables


def _task(block: Block, body: Body, draft: Draft, path: str) -> dict[str, Any]:
    task: dict[str, Any] = {"title": block.title}
    body.take(block.heading)
    loose: list[Line] = []
    for line in block.order:
        found = labelled(line)
        if found is None:
            loose.append(line)
            continue
        name, value = found
        body.take(line)
        if name == "partners":
            task["partners"] = [value]
        else:
            task[name] = value
    if loose and "content" not in task:
        task["content"] = " ".join(line.text for line in loose)
        body.take(*loose)
        draft.mark(f"{path}.content", "đoạn không có nhãn «Nội dung:», được xếp vào nội dung chi tiết", loose[0])
    subtasks = [_task(child, body, draft, f"{path}.subtasks[{i}]") for i, child in enumerate(block.children)]
    if subtasks:
        task["subtasks"] = subtasks
    if "lead" not in task and not subtasks:
        draft.mark(f"{path}.lead", "không tìm thấy dòng «Cơ quan chủ trì:»", block.heading or block.order[0])
    return ordered_task(task)


def _purposes(part: Block, body: Body, plan: dict[str, Any]) -> None:
    if part.order:  # items right under «I. MỤC ĐÍCH, YÊU CẦU», without «1. Mục đích»
        only_requirements = "yêu cầu" in part.title.lower() and "mục đích" not in part.title.lower()
        key = "requirements" if only_requirements else "purposes"
        plan[key] = plan.get(key, []) + texts_of(part.order)
    for child in part.children:
        key = "requirements" if "yêu cầu" in child.title.lower() else "purposes"
        plan[key] = plan.get(key, []) + texts_of(child.order)
        body.take(child.heading, *child.order)
        for grandchild in child.children:
            plan.setdefault("content", []).append(section_of(grandchild))
            body.take_block(grandchild)


def extract_plan(source: Source, issuer: str, known: set[str]) -> Draft:
    body, plan, draft = begin("plan", source, issuer)
    plan["implements"] = known_only([(c.number, line) for line in body.preamble for c in citations(line.text)], known, "implements", draft)
    track_citations(body.preamble, "implements", draft)
    plan["preamble"] = texts_of(body.preamble)
    body.take(*body.preamble)
    for part in body.parts:
        title = part.title.lower()
        if "mục đích" in title or "yêu cầu" in title:
            _purposes(part, body, plan)
            body.take(part.heading, *part.order)
        elif "nhiệm vụ" in title or "phân công" in title:
            plan["tasks"] = [_task(child, body, draft, f"tasks[{i}]") for i, child in enumerate(part.children)]
            body.take(part.heading)
        elif "kinh phí" in title:
            plan["budget"] = texts_of(part.order) + [c.heading.text for c in part.children if c.heading]
            for child in part.children:
                plan["budget"] += texts_of(child.order)
            body.take_block(part)
        elif "thời gian" in title:
            plan["timeframe"] = " ".join(texts_of(part.order))
            body.take_block(part)
        elif "tổ chức thực hiện" in title:
            plan["organisation"] = _organisation(part)
            body.take_block(part)
        elif "nội dung" in title or "hình thức" in title:
            plan["content"] = plan.get("content", []) + [section_of(child) for child in part.children]
            if part.order:
                plan["content"].insert(0, {"paragraphs": texts_of(part.order)})
            body.take_block(part)
    tables = tasks_from_tables(source, body, draft, start=len(plan.get("tasks", [])))
    if tables:
        plan["tasks"] = plan.get("tasks", []) + tables
    plan.update(ending(body))
    draft.name = f"{_year(plan)}-{slugify(plan.get('title', ''))}"
    draft.data = _in_schema_order(plan)
    return finish(draft, body)


def _organisation(part: Block) -> list[dict[str, Any]]:
    """Numbered headings with lines under them become sections; bare numbered sentences, items."""
    loose = [c.heading.text for c in part.children if c.heading and not c.order and not c.children]
    sections = [section_of(c) for c in part.children if c.order or c.children]
    found: list[dict[str, Any]] = []
    if loose or part.order:
        found.append({k: v for k, v in (("paragraphs", texts_of(part.order)), ("items", loose)) if v})
    return found + sections


def _year(data: dict[str, Any]) -> str:
    date = str(data.get("date") or "")
    if m := re.search(r"\d{4}", date):
        return m[0]
    if m := re.search(r"(?:19|20)\d{2}", str(data.get("title", ""))):
        return m[0]
    return "khong-ro-nam"


PLAN_ORDER = ("number", "symbol", "date", "place", "title", "issuer", "source", "implements", "preamble", "purposes",
              "requirements", "content", "tasks", "timeframe", "budget", "organisation", "closing", "signer", "recipients")


def _in_schema_order(data: dict[str, Any]) -> dict[str, Any]:
    return in_order(data, PLAN_ORDER)
