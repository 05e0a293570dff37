"""The editors' JSON Schema, one file per kind of YAML file, generated from the same models that
validate. Every bundled YAML file names its schema in a `yaml-language-server` comment, so VS Code
completes and checks as the editor types."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .schema import SCHEMAS

__all__ = ["SCHEMAS", "schema_text", "write_schemas"]


def schema_text(model: type[BaseModel]) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written
