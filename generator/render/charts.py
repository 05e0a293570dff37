"""The dossier tables of a report and their charts, drawn at build time as accessible inline SVG: a
title and a description for screen readers, text labels on every bar, and the same figures in a
table right beside it. Only the figures the source gives are shown; a stated total is shown as
stated; the only computed values are rates and sums, each labelled with its base."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from ..schema.report import DossierStats, on_time_share, rate_disagreement
from ..schema.types import Quantity
from .text import md, number, rate

BAR_COLOURS = {"received": "#1f4e79", "resolved": "#2e6b30", "in_progress": "#7a4b00", "withdrawn": "#5a5a5a"}
ROW, WIDTH, BAR_WIDTH = 44, 340, 220

LABELS = {
    "received": ("Tổng số hồ sơ tiếp nhận", [
        ("online", "Trực tuyến"), ("in_person", "Trực tiếp"), ("postal", "Qua dịch vụ bưu chính công ích"),
        ("in_person_or_postal", "Trực tiếp hoặc qua dịch vụ bưu chính"), ("new", "Mới tiếp nhận trong kỳ"),
        ("carried_over", "Từ kỳ trước chuyển sang"),
    ]),
    "resolved": ("Đã giải quyết", [
        ("early", "Trước hạn"), ("on_time", "Đúng hạn"), ("early_or_on_time", "Trước hạn và đúng hạn"), ("late", "Quá hạn"),
    ]),
    "in_progress": ("Đang giải quyết", [("within_deadline", "Trong hạn"), ("overdue", "Quá hạn")]),
}


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    group: str
    strong: bool = False
    amount: Quantity | None = None


# Figures reported beside the three groups: (field, label, the group whose colour they take).
EXTRA = (
    ("overdue_total", "Quá hạn (đã giải quyết quá hạn và đang quá hạn)", "in_progress"),
    ("due", "Hồ sơ đến hạn", "resolved"),
    ("withdrawn", "Rút hoặc trả lại", "withdrawn"),
)


def stated(table: DossierStats) -> Iterator[tuple[str, str, str, Quantity, bool]]:
    """(group, measure, label, value, is a total) for each figure the source gives, in the order of
    the official form: the one walk over a table that the page, the chart and the open data share."""
    for group, (title, parts) in LABELS.items():
        figures = getattr(table, group)
        if figures is None:
            continue
        if figures.total is not None:
            yield group, f"{group}.total", title, figures.total, True
        for name, label in parts:
            if (value := getattr(figures, name)) is not None:
                yield group, f"{group}.{name}", label, value, False
    for name, label, group in EXTRA:
        if (value := getattr(table, name)) is not None:
            yield group, name, label, value, True


def dossier_rows(table: DossierStats) -> list[Row]:
    """The rows of one scope's table: only what the source gives, in the order of the official form;
    a group whose total the source leaves out is headed by the sum of its parts, labelled as computed."""
    figures = list(stated(table))
    rows: list[Row] = []
    for group, (title, _) in LABELS.items():
        mine = [f for f in figures if f[1].startswith(group + ".")]
        if mine and not any(is_total for *_, is_total in mine):
            if len(mine) >= 2 and not any(value.approximate for *_, value, _ in mine):
                summed = sum((value.value for *_, value, _ in mine), Decimal(0))
                rows.append(Row(f"{title} (cộng các số dưới, tính từ số liệu)", number(summed), group, True))
            else:
                rows.append(Row(title, "", group, True))
        rows += [Row(label, number(value), group, is_total, value) for _, _, label, value, is_total in mine]
    rows += [Row(label, number(value), group, True, value) for group, measure, label, value, _ in figures if "." not in measure]
    return rows


def dossier_summary(table: DossierStats) -> list[tuple[str, str]]:
    """The same rows as a summary list: each group's total with its parts set under it, so «Quá hạn»
    always reads as part of «Đã giải quyết» or «Đang giải quyết» (label, Markdown value)."""
    entries: list[tuple[str, str, str, list[str]]] = []
    for row in dossier_rows(table):
        if row.strong or not entries or entries[-1][0] != row.group:
            entries.append((row.group, row.label, f"**{md(row.value)}**" if row.value else "", []))
        else:
            entries[-1][3].append(f"- {row.label}: {md(row.value)}")
    # A group the source gives only parts of (no total) is still a list: the leading line break makes
    # the summary list render it as a block, not as the literal text «- Trực tuyến: 108».
    return [(label, "\n\n".join([head, "\n".join(parts)]) if parts else head) for _, label, head, parts in entries]


def computed_rate(table: DossierStats) -> str | None:
    """The on-time share the tool computes, with its base named, or None when the base or the part
    is unknown or not exact (nothing is computed from a rounded «4,52 ngàn»). When the source
    publishes a rate the counts do not give, the line says so, naming the source's."""
    share = on_time_share(table)
    if share is None:
        return None
    part, whole, kind = share
    differs = rate_disagreement(table)
    note = f"; khác tỷ lệ báo cáo công bố {table.rates[differs[0]].value}" if differs else ""
    return f"{rate(part, whole, table.places())} (tính từ số liệu, {kind.label}: {number(whole)}{note})"


def dossier_chart(table: DossierStats, chart_id: str) -> str:
    """One line of HTML (so Markdown keeps it as a raw block): a figure holding the SVG."""
    short = {"received": "Tiếp nhận", "resolved": "Đã giải quyết", "in_progress": "Đang giải quyết", "withdrawn": ""}
    rows = [
        r if r.strong or not short[r.group] else Row(f"{short[r.group]}: {r.label.lower()}", r.value, r.group, r.strong, r.amount)
        for r in dossier_rows(table)
        if r.amount is not None
    ]
    if not rows:
        return ""
    scope = f" ({table.scope})" if table.scope else ""
    bars = [(r.label, r.amount.value if r.amount else Decimal(0), r.value, r.group) for r in rows]
    return bar_chart(f"Tình hình giải quyết hồ sơ{scope}", bars, chart_id, "Số liệu chi tiết ở danh sách trên.")


def bar_chart(title: str, bars: list[tuple[str, Decimal, str, str]], chart_id: str, caption: str) -> str:
    """One line of HTML: a figure holding an SVG of labelled horizontal bars (label, value, the
    value as shown, the colour's group), with a title and a description for screen readers."""
    if not bars:
        return ""
    largest = max([value for _, value, _, _ in bars] + [Decimal(1)])
    height = ROW * len(bars) + 6
    summary = "; ".join(f"{label}: {text}" for label, _, text, _ in bars)
    parts = [
        f'<figure class="cchc-chart"><svg role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(summary)}.</desc>',
    ]
    for i, (label, value, text, group) in enumerate(bars):
        y = 4 + i * ROW
        bar = max(round(BAR_WIDTH * value / largest), 2)
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="14" fill="#1a1a1a">{escape(label)}</text>'
            f'<rect x="0" y="{y + 20}" width="{bar}" height="16" fill="{BAR_COLOURS[group]}"/>'
            f'<text x="{bar + 6}" y="{y + 33}" font-size="14" fill="#1a1a1a">{escape(text)}</text>'
        )
    parts.append(f'</svg><figcaption>{escape(title)}. {escape(caption)}</figcaption></figure>')
    return "".join(parts)
