"""What the CMS's YAML writer drops and the project keeps: the comment lines at the top of a file
(line 1 names the file's JSON Schema for VS Code)."""

from __future__ import annotations


def header(text: str) -> str:
    """The leading comment (and blank) lines of a YAML text."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    return "".join(lines)


def keep_header(original: str, written: str) -> str:
    """`written` with the original's leading comments in place of its own."""
    kept = header(original)
    if not kept:
        return written
    body = written[len(header(written)):].lstrip("\n")
    return kept + ("" if kept.endswith("\n") else "\n") + body


def schema_line(path: str) -> str:
    """The first line a new file gets, naming its JSON Schema for VS Code (as `cchc new` writes it):
    `units/x/reports/a.yml` → `# yaml-language-server: $schema=../../../schema/report.schema.json`."""
    from .access import kind_of

    kind = kind_of(path)
    if kind is None:
        return ""
    return f"# yaml-language-server: $schema={'../' * path.count('/')}schema/{kind.name}.schema.json\n"
