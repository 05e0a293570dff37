"""The editors' JSON Schema, one file per kind of YAML file, generated from the same models that
validate. Every bundled YAML file names its schema in a `yaml-language-server` comment, so VS Code
completes and checks as the editor types."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ..content_types import REGISTRY, Registry

__all__ = ["schema_text", "write_schemas"]


def schema_text(model: type[BaseModel]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path, registry: Registry = REGISTRY) -> list[Path]:
    """One `<content type>.schema.json` per content type."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in registry:
        path = folder / f"{kind.name}.schema.json"
        path.write_text(schema_text(kind.model), encoding="utf-8")
        written.append(path)
    return written
