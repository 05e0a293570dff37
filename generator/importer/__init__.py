"""Import: a stage before load. A document (text, Word, PDF, scan, spreadsheet) becomes a draft
YAML file in the unit's folder, which then goes through the same load → validate path as any file.

The web editor calls `import_document()`; `cchc import` prints its result.
"""

from .run import ImportResult, import_document

__all__ = ["ImportResult", "import_document"]
