"""The unit's navigation: section pages only. Procedures, plans and reports are reached through
their index pages, never one nav entry each (a full nav is written into every page: N² output)."""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import ResolvedUnit


@dataclass(frozen=True)
class NavEntry:
    title: str
    path: str


def nav(unit: ResolvedUnit) -> list[NavEntry]:
    """Section pages only: procedures, plans and reports are reached through their index pages."""
    entries = [NavEntry("Trang chủ", "index.md")]
    if unit.procedures:
        entries.append(NavEntry("Thủ tục hành chính", "thu-tuc/index.md"))
    if unit.plans:
        entries.append(NavEntry("Kế hoạch", "ke-hoach/index.md"))
    if unit.reports:
        entries.append(NavEntry("Báo cáo", "bao-cao/index.md"))
    if unit.indices:
        entries.append(NavEntry("Chỉ số", "chi-so.md"))
    entries.append(NavEntry("Liên hệ, phản ánh", "lien-he.md"))
    return entries
