"""`cchc owners --editor NAME --target origin/main`: may this editor make this merge request's
changes? CODEOWNERS-style rules (`deploy/cms/OWNERS`: a path pattern, then the editors allowed; the
last matching line wins): a unit's editor changes only units/<slug>/, the shared catalogs in content/
only provincial editors, the rules file only the provincial approver.

With `--target`, the rules are read from the protected target branch (`git show
origin/main:deploy/cms/OWNERS`), never from the change under review, and the changes are
`git diff --name-status -M origin/main...HEAD`: a rename, move or copy is checked under its old path
and its new one, a delete under the path it removes. `--changed FILE…` checks named paths against
the rules in the working tree (a local preview, not a control)."""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

from ..problems import UsageError, printable
from ..problems.messages import Say

RULES = Path("deploy/cms/OWNERS")


def parse_rules(text: str) -> list[tuple[str, list[str]]]:
    rules = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *editors = line.split()
            rules.append((pattern, [e.lstrip("@") for e in editors]))
    return rules


def read_rules(path: Path) -> list[tuple[str, list[str]]]:
    if not path.is_file():
        raise UsageError(Say.NO_OWNER_RULES(path=path))
    return parse_rules(path.read_text(encoding="utf-8"))


def _git(root: Path, *args: str) -> str:
    run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if run.returncode != 0:
        raise UsageError(Say.GIT_FAILED(command=" ".join(args[:2]), error=printable(run.stderr.strip()[-300:])))
    return run.stdout


def rules_on(root: Path, target: str, rules_path: Path) -> list[tuple[str, list[str]]]:
    """The rules as the protected target branch holds them: a change cannot widen its own rights."""
    return parse_rules(_git(root, "show", f"{target}:{rules_path.as_posix()}"))


def changed_paths(root: Path, target: str) -> list[str]:
    """Every path the change touches since it left `target`: both sides of a rename or copy."""
    fields = _git(root, "diff", "--name-status", "-M", "-z", f"{target}...HEAD").split("\0")
    paths: list[str] = []
    at = 0
    while at < len(fields) and fields[at]:
        status = fields[at]
        count = 2 if status[:1] in ("R", "C") else 1
        paths.extend(fields[at + 1: at + 1 + count])
        at += 1 + count
    return list(dict.fromkeys(paths))


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


def owners(root: Path, changed: list[str] | None, editor: str, rules_path: Path | None = None, target: str | None = None) -> int:
    rules_path = rules_path or RULES
    if target is not None:
        rules = rules_on(root, target, rules_path)
        changed = [*changed_paths(root, target), *(changed or [])]
    elif changed:
        rules = read_rules(root / rules_path)
    else:
        raise UsageError(Say.OWNERS_NEED_CHANGES())
    messages = refusals(rules, changed, editor)
    for message in messages:
        print(printable(message))  # file names come from the change set: no control character raw
    if messages:
        print(Say.NOT_OWNER_COUNT(count=len(messages), editor=editor.lstrip("@")))
        return 1
    print(Say.OWNER_OK(editor=editor.lstrip("@"), count=len(changed)))
    return 0
