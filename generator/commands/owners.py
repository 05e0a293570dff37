"""`cchc owners --changed FILE... --editor NAME`: may this editor change these files? CODEOWNERS-style
rules (`deploy/cms/OWNERS`: a path pattern, then the editors allowed; the last matching line wins):
a unit's editor changes only units/<slug>/, the shared catalogs in content/ only provincial editors."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from ..problems import UsageError, printable
from ..problems.messages import Say

RULES = Path("deploy/cms/OWNERS")


def read_rules(path: Path) -> list[tuple[str, list[str]]]:
    if not path.is_file():
        raise UsageError(Say.NO_OWNER_RULES(path=path))
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *editors = line.split()
            rules.append((pattern, [e.lstrip("@") for e in editors]))
    return rules


def _matches(pattern: str, path: str) -> bool:
    if pattern == "*":
        return True
    if pattern.endswith("/"):
        return path.startswith(pattern)
    return fnmatch.fnmatchcase(path, pattern)


def owners_of(rules: list[tuple[str, list[str]]], path: str) -> list[str]:
    found: list[str] = []
    for pattern, editors in rules:
        if _matches(pattern, path):
            found = editors
    return found


def refusals(rules: list[tuple[str, list[str]]], changed: list[str], editor: str) -> list[str]:
    editor = editor.lstrip("@")
    messages = []
    for path in changed:
        path = path.removeprefix("./")
        allowed = owners_of(rules, path)
        if editor not in allowed:
            who = ", ".join(f"@{e}" for e in allowed) or "không ai"
            messages.append(f"{path}: @{editor} không được sửa tệp này; người được sửa: {who} [not-owner]")
    return messages


def owners(root: Path, changed: list[str], editor: str, rules_path: Path | None = None) -> int:
    rules = read_rules(root / (rules_path or RULES))
    messages = refusals(rules, changed, editor)
    for message in messages:
        print(printable(message))  # file names come from the change set: no control character raw
    if messages:
        print(Say.NOT_OWNER_COUNT(count=len(messages), editor=editor.lstrip("@")))
        return 1
    print(Say.OWNER_OK(editor=editor.lstrip("@"), count=len(changed)))
    return 0
