"""Renders one resolved unit into Markdown pages (path → text), with Jinja2 and strict undefined.

Nothing here touches the disk: `site.py` writes what this returns.
"""

from __future__ import annotations

from typing import Any

import jinja2

from . import charts, feeds, markdown_text
from .catalog import ResolvedUnit
from . import search
from .errors import BuildError
from .schema.documents import Area


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown: text is escaped by the `md` filter instead
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        md=markdown_text.md,
        vndate=markdown_text.vndate,
        number=markdown_text.number,
        tel=markdown_text.tel,
        front_matter=markdown_text.front_matter_title,
    )
    env.globals.update(percent=markdown_text.percent, dossier_chart=charts.dossier_chart)
    return env


def procedure_path(code: str) -> str:
    return f"thu-tuc/{code}.md"


def plan_path(name: str) -> str:
    return f"ke-hoach/{name}.md"


def report_path(name: str) -> str:
    return f"bao-cao/{name}.md"


def _results_by_area(report: Any) -> list[tuple[Area, list[Any]]]:
    order = list(Area)
    groups: dict[Area, list[Any]] = {}
    for result in report.results:
        groups.setdefault(result.area, []).append(result)
    return sorted(groups.items(), key=lambda item: order.index(item[0]))


def _pages(unit: ResolvedUnit) -> list[tuple[str, str, dict[str, Any]]]:
    """(destination, template, context) for every page of the unit."""
    pages: list[tuple[str, str, dict[str, Any]]] = [
        ("index.md", "home.md.j2", {}),
        ("lien-he.md", "contacts.md.j2", {}),
    ]
    if unit.procedures:
        pages.append(("thu-tuc/index.md", "procedure_index.md.j2", {}))
        pages += [(procedure_path(p.code), "procedure.md.j2", {"item": p}) for p in unit.procedures]
    if unit.plans:
        pages.append(("ke-hoach/index.md", "plan_index.md.j2", {}))
        pages += [(plan_path(name), "plan.md.j2", {"plan": plan}) for name, plan in unit.plans.items()]
    if unit.reports:
        pages.append(("bao-cao/index.md", "report_index.md.j2", {}))
        pages += [
            (report_path(name), "report.md.j2", {"report": report, "areas": _results_by_area(report)})
            for name, report in unit.reports.items()
        ]
    if unit.indices:
        pages.append(("chi-so.md", "indices.md.j2", {}))
    return pages


def render_unit(unit: ResolvedUnit, env: jinja2.Environment | None = None) -> dict[str, str]:
    """Every Markdown page of one unit, and its search index, keyed by path inside its docs folder."""
    env = env or environment()
    shared = {
        "u": unit,
        "unit": unit.unit,
        "procedure_path": procedure_path,
        "plan_path": plan_path,
        "report_path": report_path,
        "last_updated": feeds.last_updated(unit),
    }
    rendered = {"search.json": search.index_json(unit), "feed.xml": feeds.atom(unit), "robots.txt": feeds.robots(unit)}
    for dest, template, context in _pages(unit):
        depth = dest.count("/")
        try:
            rendered[dest] = env.get_template(template).render(**shared, **context, root="../" * depth)
        except jinja2.TemplateError as error:
            raise BuildError(f"Mẫu {template} lỗi khi tạo {unit.slug}/{dest}: {error}") from error
    return rendered
