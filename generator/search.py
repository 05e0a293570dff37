"""The unit's search index: every page a citizen looks for (procedures, plans, reports, sections),
as a compact JSON list that the site's own script folds and searches in the browser.

Measured (README): Material's lunr search neither folds diacritics nor finds "tịch", and Pagefind
1.5.2 folds tones and «Đ» but not a lowercase «đ» ("dat dai" misses "đất đai"). Folding here is
done in the browser on both the index and the query, so «đ»/«d» and every tone match both ways.
"""

from __future__ import annotations

import json

from .catalog import ResolvedUnit
from .nav import nav


def _url(markdown_path: str) -> str:
    """`thu-tuc/1.000593.md` → `thu-tuc/1.000593/`; `index.md` → `` (directory URLs)."""
    stem = markdown_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def entries(unit: ResolvedUnit) -> list[list[str]]:
    """[title, url, what it is] for each page worth finding, sorted for a stable file."""
    found = [[entry.title, _url(entry.path), "Mục"] for entry in nav(unit)]
    for item in unit.procedures:
        meta = f"Thủ tục {item.code} · {item.field_name} · Trực tuyến: {item.record.online_level.label.lower()}"
        found.append([item.record.name, f"thu-tuc/{item.code}/", meta])
    for name, plan in sorted(unit.plans.items()):
        found.append([plan.title, f"ke-hoach/{name}/", f"Kế hoạch {plan.reference}"])
    for name, report in sorted(unit.reports.items()):
        found.append([report.title, f"bao-cao/{name}/", f"Báo cáo {report.period}"])
    return found


def index_json(unit: ResolvedUnit) -> str:
    return json.dumps(entries(unit), ensure_ascii=False, separators=(",", ":")) + "\n"
