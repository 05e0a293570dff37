"""Load: YAML files read as text with their places, typed by their content type's model."""

from .project import Files, Located, Project, UnitSource, load_project, unit_dirs, validate_document, yaml_files
from .yaml_file import Document, LoadError, load_file, load_text

__all__ = [
    "Document", "Files", "LoadError", "Located", "Project", "UnitSource",
    "load_file", "load_project", "load_text", "unit_dirs", "validate_document", "yaml_files",
]
