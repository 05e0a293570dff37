"""Charts drawn at build time as accessible inline SVG: a title and a description for screen
readers, text labels on every bar, and the same figures in a table right beside it."""

from __future__ import annotations

from html import escape

from ..schema.documents import DossierStats
from .text import number, percent

BAR_COLOURS = {"received": "#1f4e79", "resolved": "#2e6b30", "in_progress": "#7a4b00", "withdrawn": "#5a5a5a"}
ROW, WIDTH, BAR_WIDTH = 44, 340, 220


def _rows(stats: DossierStats) -> list[tuple[str, int, int, str]]:
    """(label, value, base for the percentage, colour key) for each bar."""
    received, resolved = stats.received.total, stats.resolved.total
    return [
        ("Tiếp nhận trực tuyến", stats.received.online, received, "received"),
        ("Tiếp nhận trực tiếp, bưu chính", stats.received.in_person, received, "received"),
        ("Từ kỳ trước chuyển sang", stats.received.carried_over, received, "received"),
        ("Giải quyết trước hạn", stats.resolved.early, resolved, "resolved"),
        ("Giải quyết đúng hạn", stats.resolved.on_time, resolved, "resolved"),
        ("Giải quyết quá hạn", stats.resolved.late, resolved, "resolved"),
        ("Đang giải quyết", stats.in_progress.total, received, "in_progress"),
        ("Rút hoặc trả lại", stats.withdrawn, received, "withdrawn"),
    ]


def dossier_chart(stats: DossierStats, chart_id: str) -> str:
    """One line of HTML (so Markdown keeps it as a raw block): a figure holding the SVG."""
    rows = _rows(stats)
    largest = max([value for _, value, _, _ in rows] + [1])
    height = ROW * len(rows) + 6
    title = f"Tình hình giải quyết hồ sơ: tiếp nhận {number(stats.received.total)} hồ sơ"
    summary = "; ".join(f"{label}: {number(value)} ({percent(value, base)})" for label, value, base, _ in rows)
    parts = [
        f'<figure class="cchc-chart"><svg role="img" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(summary)}.</desc>',
    ]
    for i, (label, value, base, colour) in enumerate(rows):
        y = 4 + i * ROW
        bar = max(round(BAR_WIDTH * value / largest), 2)
        parts.append(
            f'<text x="0" y="{y + 14}" font-size="14" fill="#1a1a1a">{escape(label)}</text>'
            f'<rect x="0" y="{y + 20}" width="{bar}" height="16" fill="{BAR_COLOURS[colour]}"/>'
            f'<text x="{bar + 6}" y="{y + 33}" font-size="14" fill="#1a1a1a">'
            f"{escape(number(value))} ({escape(percent(value, base))})</text>"
        )
    parts.append(f'</svg><figcaption>{escape(title)}. Số liệu chi tiết ở bảng trên.</figcaption></figure>')
    return "".join(parts)
