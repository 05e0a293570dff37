"""`.gz` copies beside each text file, for nginx's `gzip_static` (deterministic: no name, no time)."""

from __future__ import annotations

import gzip
from pathlib import Path

COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv"}


def precompress(site: Path) -> None:
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSED and path.is_file() and path.stat().st_size > 256:
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 6, mtime=0))
