"""`cchc schema`: rewrites the editors' JSON Schema (schema/) and reference page (docs/tham-chieu.md)
from the models and the content-type registry."""

from __future__ import annotations

from pathlib import Path

from ..cms.jsonschema import write_schemas
from ..cms.reference import reference_markdown
from ..problems.messages import Say


def schema(root: Path) -> None:
    for path in write_schemas(root / "schema"):
        print(Say.WROTE(path=path.relative_to(root)))
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "tham-chieu.md").write_text(reference_markdown(), encoding="utf-8")
    print(Say.WROTE(path="docs/tham-chieu.md"))
