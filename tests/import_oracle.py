"""Field-by-field agreement of an imported draft with the hand-made YAML of the same document: what
the seed oracle test counts and reports («seed 001: 13/13 tasks, 10/10 lead bodies»)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.schema.types import _partial_date

HEAD = ("number", "symbol", "date", "place", "plan")


@dataclass
class Agreement:
    counts: dict[str, list[int]] = field(default_factory=dict)  # name → [agreeing, total]
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (path, draft, hand)

    def count(self, name: str, path: str, draft: Any, hand: Any, same: bool | None = None) -> None:
        blank = draft in (None, "") and hand in (None, "")  # left blank in both, written or not
        agree = (blank or draft == hand) if same is None else same
        tally = self.counts.setdefault(name, [0, 0])
        tally[0] += agree
        tally[1] += 1
        if not agree:
            self.differences.append((path, _show(draft), _show(hand)))

    def line(self, seed: str) -> str:
        return f"seed {seed}: " + ", ".join(f"{a}/{t} {name}" for name, (a, t) in self.counts.items())


def _show(value: Any) -> str:
    return "" if value is None else str(value)


def _same_date(a: Any, b: Any) -> bool:
    if a in (None, "") or b in (None, ""):
        return a in (None, "") and b in (None, "")
    return _partial_date(str(a)) == _partial_date(str(b))


def _tasks(draft: list[dict[str, Any]], hand: list[dict[str, Any]], agreement: Agreement, path: str) -> None:
    for index, task in enumerate(hand):
        got = draft[index] if index < len(draft) else {}
        where = f"{path}[{index}]"
        agreement.count("tasks", f"{where}.title", got.get("title"), task["title"])
        if "lead" in task or "lead" in got:
            agreement.count("lead bodies", f"{where}.lead", got.get("lead"), task.get("lead"))
        if "partners" in task or "partners" in got:
            agreement.count("partners", f"{where}.partners", got.get("partners"), task.get("partners"))
        if "timeframe" in task or "timeframe" in got:
            agreement.count("time frames", f"{where}.timeframe", got.get("timeframe"), task.get("timeframe"))
        _tasks(got.get("subtasks", []), task.get("subtasks", []), agreement, f"{where}.subtasks")
    for index in range(len(hand), len(draft)):
        agreement.count("tasks", f"{path}[{index}].title", draft[index].get("title"), None)


def _leaves(data: Any, path: str) -> dict[str, str]:
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in _leaves(value, f"{path}.{key}").items()}
    if isinstance(data, list):
        return {k: v for i, value in enumerate(data) for k, v in _leaves(value, f"{path}[{i}]").items()}
    return {path: str(data)}


def compare(draft: dict[str, Any], hand: dict[str, Any]) -> Agreement:
    """Numbers and dates of the head, citations, tasks, dossier figures and other figures."""
    agreement = Agreement()
    for name in HEAD:
        if name in hand or name in draft:
            same = _same_date(draft.get(name), hand.get(name)) if name == "date" else None
            agreement.count("numbers and dates", name, draft.get(name), hand.get(name), same)
    if "period" in hand:
        agreement.count("numbers and dates", "period", draft.get("period"), hand["period"])
    for name in ("implements", "based_on"):
        for number in hand.get(name, []):
            agreement.count("citations", f"{name}: {number}", number if number in draft.get(name, []) else None, number)
        for number in draft.get(name, []):
            if number not in hand.get(name, []):
                agreement.differences.append((f"{name}: {number}", number, ""))
    _tasks(draft.get("tasks", []), hand.get("tasks", []), agreement, "tasks")
    if "timeframe" in hand:
        agreement.count("time frames", "timeframe", draft.get("timeframe"), hand["timeframe"])
    got, want = _leaves(draft.get("dossier_stats", {}), "dossier_stats"), _leaves(hand.get("dossier_stats", {}), "dossier_stats")
    for path in sorted(want.keys() | got.keys()):
        agreement.count("dossier figures", path, got.get(path), want.get(path))
    drafted = [(f["value"], f.get("unit", "")) for f in draft.get("figures", [])]
    for index, figure in enumerate(hand.get("figures", [])):
        unit = figure.get("unit", "")
        found = any(v == figure["value"] and unit.startswith(u) for v, u in drafted)
        agreement.count("figures", f"figures[{index}]: {figure['value']} {unit}", figure["value"] if found else None, figure["value"])
    return agreement
