"""Render: one resolved unit becomes Markdown pages (Jinja2 templates and components in
`templates/`), its search index, its feed and robots.txt."""

from .pages import Page, environment, pages, render_unit

__all__ = ["Page", "environment", "pages", "render_unit"]
