"""The host each unit is served at (from `site_url`), checked before it becomes an nginx `map` key.

A host must be a real DNS name written in lower case (at least two labels, letters, digits and
hyphens, no IP address), never one of the words nginx's `map` block gives a meaning to, and unique
across units: otherwise one unit's typo makes the whole nginx configuration invalid, or lets one
unit take another's domain.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..load import Project
from ..problems import Code, Problem

NGINX_MAP_WORDS = frozenset({"default", "hostnames", "include", "volatile"})
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_URL_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]*)")


def host_of(site_url: str) -> str:
    """The host part of a URL, exactly as written (not lower-cased: that is checked)."""
    found = _URL_HOST.match(site_url)
    return found.group(1) if found else ""


def host_error(host: str) -> str | None:
    """Why `host` cannot be a unit's domain in the serving map, in Vietnamese; None when it can."""
    if host in NGINX_MAP_WORDS:
        return f"«{host}» là từ khoá của nginx, không dùng làm tên miền được"
    if host != host.lower():
        return f"Tên miền «{host}» phải viết chữ thường: «{host.lower()}»"
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"«{host}» không phải tên miền hợp lệ (vd xa-son-thuong.quangngai.gov.vn)"
    if labels[-1].isdigit():
        return f"«{host}» là địa chỉ IP; mỗi đơn vị cần một tên miền"
    return None


def host_problems(project: Project) -> list[Problem]:
    """Every unit's host checked, and each host claimed by two units reported in both files."""
    problems: list[Problem] = []
    claims: dict[str, list[Any]] = defaultdict(list)
    for _slug, source in sorted(project.units.items()):
        host = host_of(source.unit.value.site_url)
        if message := host_error(host):
            problems.append(source.unit.problem(("site_url",), message, Code.INVALID_HOST))
        else:
            claims[host].append(source.unit)
    for host, units in claims.items():
        for unit in units if len(units) > 1 else []:
            others = ", ".join(other.path for other in units if other is not unit)
            problems.append(unit.problem(
                ("site_url",), f"Tên miền «{host}» đã dùng cho đơn vị khác: {others}; mỗi đơn vị một tên miền",
                Code.DUPLICATE_HOST))
    return problems
