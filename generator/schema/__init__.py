"""The one schema: typed models for every YAML file. Validation, the editors' JSON Schema and the
reference page all come from these models; which file each validates is declared in
`generator/content_types.py`. Model docstrings and field descriptions are written in
Vietnamese because editors read them (VS Code hovers, docs/tham-chieu.md)."""

from .documents import CitedDocument, DocumentsFile
from .plan import Plan
from .procedure import FieldsFile, Procedure
from .report import Report
from .unit import HotlinesFile, IndicesFile, ProceduresFile, Unit

__all__ = [
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
