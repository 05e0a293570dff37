"""`cchc publish --dest DIR`: the nightly job. Every unit whose inputs changed is built in a worker
process into a new release, checked, then made live by one atomic rename of its `current` pointer.
A unit with bad data keeps its last good release while the others publish; the run then exits 1
and says which unit failed and why. `cchc rollback UNIT --dest DIR` puts the previous release back.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
import time
import zlib
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlparse

from ..content_types import PROCEDURES
from ..fingerprint import shared_digest, unit_digest
from ..load import Project, unit_dirs
from ..pipeline import inspect
from ..problems import CchcError, Problem, Severity, UsageError, print_problems
from ..releases import UnitReleases
from ..render import render_unit
from ..resolve import ResolvedUnit
from ..site import UnitPaths, build_site, quiet_mkdocs, use_commit_time, write_sources

COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


@dataclass
class Outcome:
    slug: str
    status: str  # built, reused, unchanged, failed
    release: str = ""
    pages: int = 0
    seconds: float = 0.0
    reasons: list[str] = field(default_factory=list)


def shard_of(slug: str, count: int) -> int:
    """Which of `count` shards a unit belongs to: stable when units are added or removed."""
    return zlib.crc32(slug.encode()) % count


def parse_shard(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        index = count = 0
    if not 1 <= index <= count:
        raise UsageError(f"--shard «{text}» phải có dạng I/N với 1 ≤ I ≤ N, vd 2/8")
    return index - 1, count


def _blocked_units(project: Project, problems: list[Problem], slugs: list[str], strict: bool) -> dict[str, list[Problem]]:
    """The units that must keep their live release, with the problems that block each."""
    blocked: dict[str, list[Problem]] = defaultdict(list)
    uses: dict[str, list[str]] = defaultdict(list)
    for slug, source in project.units.items():
        listed = source.files.get(PROCEDURES)
        for local in listed.value.procedures if listed else []:
            uses[local.code].append(slug)
    for problem in problems:
        if problem.severity is not Severity.ERROR and not strict:
            continue
        parts = problem.file.split("/")
        if parts[0] == "units" and len(parts) > 1:
            blocked[parts[1]].append(problem)
        elif parts[:2] == ["content", "procedures"]:
            for slug in uses.get(Path(parts[-1]).stem, []):
                blocked[slug].append(problem)
        else:  # shared content every unit depends on
            for slug in slugs:
                blocked[slug].append(problem)
    return {slug: found for slug, found in blocked.items() if slug in slugs}


def _precompress(site: Path) -> None:
    """Write `.gz` beside each text file, for nginx's gzip_static (deterministic: no name, no time)."""
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSED and path.is_file() and path.stat().st_size > 256:
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 6, mtime=0))


def build_release(root: Path, dest: Path, unit: ResolvedUnit, release_id: str) -> Outcome:
    """In a worker process: render, build, precompress and check one release; rename it into place
    if good."""
    started = time.monotonic()
    releases = UnitReleases(dest, unit.slug)
    staging = releases.staging(release_id)
    work = releases.unit_dir / f".work-{os.getpid()}"
    outcome = Outcome(unit.slug, "built", release_id)
    try:
        quiet_mkdocs()
        paths = UnitPaths(root, unit.slug, work=work, out=staging)
        write_sources(unit, render_unit(unit), paths)
        build_site(paths)
        _precompress(staging)  # links and anchors were checked by the build's own events
        outcome.pages = sum(1 for _ in staging.rglob("*.html"))
        releases.commit(staging, release_id)
    except CchcError as error:
        outcome.reasons = [str(error)]
    except Exception as error:
        outcome.reasons = [f"{type(error).__name__}: {error}"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
    if outcome.reasons:
        outcome.status = "failed"
    outcome.seconds = round(time.monotonic() - started, 2)
    return outcome


class Progress:
    """A live bar on a terminal; one plain line per unit in CI logs."""

    def __init__(self, total: int, stream: TextIO = sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.live = stream.isatty()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        words = {"built": "đã dựng", "reused": "dùng lại bản đã dựng", "unchanged": "không đổi", "failed": "LỖI"}
        if self.live:
            filled = round(30 * self.done / max(self.total, 1))
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {outcome.slug:<30}")
            if self.done == self.total:
                self.stream.write("\n")
        else:
            extra = f" ({outcome.pages} trang, {outcome.seconds} s)" if outcome.status == "built" else ""
            self.stream.write(f"[{self.done}/{self.total}] {outcome.slug}: {words[outcome.status]}{extra}\n")
        self.stream.flush()


def _write_units_map(dest: Path, units: dict[str, ResolvedUnit], slugs: list[str]) -> None:
    """`host slug;` lines for the nginx `map` that serves each unit at its own domain."""
    lines = sorted(f"{urlparse(units[s].unit.site_url).hostname} {s};\n" for s in slugs if s in units)
    temporary = dest / f".units.map-{os.getpid()}"
    temporary.write_text("".join(lines), encoding="utf-8")
    os.replace(temporary, dest / "units.map")


def _plan(root: Path, dest: Path, units: dict[str, ResolvedUnit], slugs: list[str]) -> tuple[list[Outcome], dict[str, str]]:
    """Units whose inputs did not change (nothing to do) and the release id each other unit needs."""
    shared = shared_digest(root)
    done, to_build = [], {}
    for slug in slugs:
        releases = UnitReleases(dest, slug)
        release_id = unit_digest(root, units[slug], shared)[:16]
        if releases.live_id() == release_id:
            done.append(Outcome(slug, "unchanged", release_id))
        elif releases.has(release_id):
            done.append(Outcome(slug, "reused", release_id))
        else:
            to_build[slug] = release_id
    return done, to_build


def _summary(outcomes: list[Outcome], seconds: float) -> dict[str, Any]:
    counts: dict[str, int] = defaultdict(int)
    for outcome in outcomes:
        counts[outcome.status] += 1
    return {
        "built": counts["built"], "reused": counts["reused"], "unchanged": counts["unchanged"],
        "failed": counts["failed"], "pages": sum(o.pages for o in outcomes), "seconds": round(seconds, 2),
        "units": [asdict(o) for o in sorted(outcomes, key=lambda o: o.slug)],
    }


def _print_summary(summary: dict[str, Any]) -> None:
    print(
        f"Xong trong {summary['seconds']} s: {summary['built']} đơn vị dựng mới, {summary['reused']} dùng lại, "
        f"{summary['unchanged']} không đổi, {summary['failed']} lỗi; {summary['pages']} trang mới."
    )
    for unit in summary["units"]:
        if unit["status"] == "built":
            print(f"  {unit['slug']}: {unit['pages']} trang, {unit['seconds']} s")
    for unit in summary["units"]:
        if unit["status"] == "failed":
            print(f"LỖI {unit['slug']}: giữ nguyên bản đang đăng. Lý do:", file=sys.stderr)
            for reason in unit["reasons"][:20]:
                print(f"    {reason}", file=sys.stderr)


def publish(root: Path, dest: Path, keep: int = 5, jobs: int | None = None, shard: str | None = None,
            report: Path | None = None, strict: bool = False) -> int:
    started = time.monotonic()
    use_commit_time(root)
    if keep < 1:
        raise UsageError("--keep phải từ 1 trở lên")
    part = parse_shard(shard)
    slugs = [p.name for p in unit_dirs(root) if part is None or shard_of(p.name, part[1]) == part[0]]
    project, units, problems = inspect(root)
    blocked = _blocked_units(project, problems, slugs, strict)
    print_problems(sorted({p for found in blocked.values() for p in found}))
    outcomes = [Outcome(s, "failed", reasons=[p.format() for p in found]) for s, found in sorted(blocked.items())]
    ready = [s for s in slugs if s not in blocked and s in units]
    done, to_build = _plan(root, dest, units, ready)
    progress = Progress(len(slugs))
    for outcome in outcomes + done:
        progress.update(outcome)
    built = []
    largest_first = sorted(to_build, key=lambda s: (-len(units[s].procedures), s))  # keeps every core busy to the end
    with ProcessPoolExecutor(max_workers=jobs or os.cpu_count()) as pool:
        futures = [pool.submit(build_release, root, dest, units[s], to_build[s]) for s in largest_first]
        for future in as_completed(futures):
            outcome = future.result()
            progress.update(outcome)
            built.append(outcome)
    for outcome in sorted(done + built, key=lambda o: o.slug):
        if outcome.status != "failed":
            releases = UnitReleases(dest, outcome.slug)
            if releases.live_id() != outcome.release:
                releases.switch(outcome.release)
            releases.prune(keep)
    _write_units_map(dest, units, ready)
    summary = _summary(outcomes + done + built, time.monotonic() - started)
    _print_summary(summary)
    if report:
        report.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if summary["failed"] else 0


def rollback(dest: Path, slug: str) -> None:
    releases = UnitReleases(dest, slug)
    if not releases.unit_dir.is_dir():
        raise UsageError(f"Chưa có bản nào của «{slug}» trong {dest}")
    previous = releases.rollback()
    if previous is None:
        raise UsageError(f"«{slug}» không còn bản nào trước bản đang đăng")
    print(f"Đã đưa {slug} về bản {previous}")
