"""The one schema: typed models for every YAML file. Validation, the editors' JSON Schema and the
reference page all come from these models. Model docstrings and field descriptions are written in
Vietnamese because editors read them (VS Code hovers, docs/tham-chieu.md)."""

from pydantic import BaseModel

from .documents import CitedDocument, DocumentsFile, Plan, Report
from .procedure import FieldsFile, Procedure
from .unit import HotlinesFile, IndicesFile, ProceduresFile, Unit

# Every kind of YAML file and its model: the loader, the JSON Schema and the reference page use it.
SCHEMAS: dict[str, type[BaseModel]] = {
    "unit": Unit,
    "hotlines": HotlinesFile,
    "procedures": ProceduresFile,
    "indices": IndicesFile,
    "documents": DocumentsFile,
    "plan": Plan,
    "report": Report,
    "procedure": Procedure,
    "fields": FieldsFile,
}

__all__ = [
    "SCHEMAS",
    "CitedDocument",
    "DocumentsFile",
    "FieldsFile",
    "HotlinesFile",
    "IndicesFile",
    "Plan",
    "Procedure",
    "ProceduresFile",
    "Report",
    "Unit",
]
