"""CCHC site generator: YAML content for each unit → Markdown → one MkDocs + Material site per unit."""

__version__ = "0.1.0"
