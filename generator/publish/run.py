"""The nightly publish, top to bottom, under the destination's lock:

    check the destination → lock it → clear what a dead run left → validate everything once →
    plan (the release each unit needs; the live one is checked against its manifest) → switch the
    units whose release is already there → build the missing releases in workers, switching each
    unit as soon as its release checks, and pruning its old ones → rebuild the serving map from
    what is live → summary.

Nothing live is touched before a release is complete and checked; a unit that fails keeps its live
release; a fault of the destination itself (full, read-only) stops the builds, keeps every live
site, and is told once.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from ..engine import use_commit_time
from ..load import unit_dirs
from ..pipeline import inspect  # the content is validated once, inside the lock
from ..problems import BuildError, UsageError, print_problems
from ..problems.messages import Say
from ..resolve import ResolvedUnit
from ..resolve.blocking import blocked_units, unused_record_errors
from ..resolve.hosts import host_of
from . import serving
from .fingerprint import shared_digest, unit_digest
from .lock import DestinationLock
from .policy import in_shard
from .progress import Progress
from .province import held_back_rows
from .releases import IncompleteRelease, UnitReleases
from .summary import Outcome, print_summary, summary
from .workers import FAULTS, Stopped, Task, fault_of, run_builds

FAULT_MESSAGES = {
    "disk-full": "Hết chỗ trống trên đĩa của thư mục đăng {dest}. Các trang đang đăng giữ nguyên; các bản chưa dựng "
                 "xong đã được xoá. Giải phóng chỗ trống (hoặc giảm --keep) rồi chạy lại",
    "read-only": "Thư mục đăng {dest} chỉ cho đọc (read-only). Các trang đang đăng giữ nguyên. "
                 "Gắn lại thư mục cho phép ghi rồi chạy lại",
    "no-permission": "Không có quyền ghi vào thư mục đăng {dest}. Các trang đang đăng giữ nguyên. "
                     "Chạy bằng tài khoản sở hữu thư mục này rồi chạy lại",
}


class DestinationFault(BuildError):
    """The destination cannot be written (full, read-only, not a folder): one message, exit 3."""

    def __init__(self, kind: str, dest: Path, detail: str = ""):
        self.kind = kind
        text = FAULT_MESSAGES[kind].format(dest=dest) if kind in FAULT_MESSAGES else Say.DEST_NOT_WRITABLE(dest=dest)
        super().__init__(f"{text}. [{kind}]" + (f" ({detail})" if detail else ""))


def open_destination(dest: Path) -> None:
    """Refuse a destination that is not a writable folder, before anything else."""
    if dest.exists() and not dest.is_dir():
        raise UsageError(Say.DEST_IS_A_FILE(dest=dest))
    try:
        dest.mkdir(parents=True, exist_ok=True)
        probe = dest / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        kind = FAULTS.get(error.errno or 0, "")
        raise DestinationFault(kind, dest, error.strerror or "") from error


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGINT raise Stopped in the run, which stops its workers and keeps what is live."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def frozen_once_loaded() -> Iterator[None]:
    """Python's cycle collector off while everything is loaded, and what was loaded frozen after.

    Loading makes a quarter of a million objects that live for the whole run, and next to no
    cycles; the collector would scan them again and again (0.9 s of the 2.4 s a province of 170
    units takes to load). Frozen, they are never scanned again, in the run nor in the builds forked
    from it (whose memory then stays shared)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _plan(root: Path, dest: Path, units: dict[str, ResolvedUnit], slugs: list[str], jobs: int,
          remote: dict[str, str]) -> tuple[list[Outcome], dict[str, str], list[str]]:
    """Units with nothing to do (their release is live and checks, or checks and can be switched
    back to, or is live on the server in `remote`), the release every other unit needs, and notes
    on releases found incomplete or altered."""
    shared = shared_digest(root)
    records: dict[str, bytes] = {}
    wanted = {slug: unit_digest(root, units[slug], shared, records)[:16] for slug in slugs}

    def check(slug: str, sealed: bool) -> tuple[Outcome | None, str]:
        releases, release = UnitReleases(dest, slug), wanted[slug]
        if remote.get(slug) == release:
            return Outcome(slug, "unchanged", release), ""
        if not sealed:
            if not releases.release(release).exists():
                return None, ""
            if found := releases.problems(release):
                return None, Say.REBUILD(problem=IncompleteRelease(slug, release, found))
        return Outcome(slug, "unchanged" if releases.live_id() == release else "reused", release), ""

    # Sealed releases (the nightly case) are checked one after the other: a walk of `lstat`s only
    # slows down in threads (they contend for the GIL); the others are hashed in full, in parallel.
    sealed = [s for s in slugs if remote.get(s) != wanted[s] and UnitReleases(dest, s).sealed(wanted[s])]
    checked = {slug: check(slug, sealed=True) for slug in sealed}
    rest = [s for s in slugs if s not in checked]
    with ThreadPoolExecutor(max(jobs, 1)) as pool:
        checked |= dict(zip(rest, pool.map(lambda slug: check(slug, sealed=False), rest), strict=True))
    checked = {slug: checked[slug] for slug in slugs}
    done = [outcome for outcome, _ in checked.values() if outcome]
    notes = [note for _, note in checked.values() if note]
    return done, {s: wanted[s] for s, (outcome, _) in checked.items() if outcome is None}, notes


def _is_destination_fault(outcome: Outcome) -> bool:
    """A fault of the destination itself (full, read-only) stops the builds: the next would fail alike."""
    return outcome.fault in FAULT_MESSAGES


def _switch(dest: Path, outcome: Outcome, keep: int) -> None:
    """Make a checked release live (unless it is) and prune; a failure fails this unit only."""
    releases = UnitReleases(dest, outcome.slug)
    try:
        if releases.live_id() != outcome.release:
            releases.switch(outcome.release)
        releases.prune(keep)
    except IncompleteRelease as error:
        outcome.status, outcome.reasons = "failed", [str(error)]
    except OSError as error:
        outcome.status, outcome.fault = "failed", fault_of(error)
        outcome.reasons = [Say.SWITCH_FAILED(error=error.strerror, path=error.filename)]


def publish(root: Path, dest: Path, keep: int = 5, jobs: int | None = None, shard: str | None = None,
            report: Path | None = None, strict: bool = False, wait: float = 0.0,
            remote_state: Path | None = None, today: dt.date | None = None) -> int:
    """`today`: the publication date (plans and reports due later stay off); None publishes all."""
    started = time.monotonic()
    if keep < 1:
        raise UsageError(Say.KEEP_AT_LEAST_ONE())
    use_commit_time(root)
    jobs = jobs or os.cpu_count() or 1
    remote = _read_remote_state(remote_state)
    open_destination(dest)

    with DestinationLock(dest, wait) as lock, stop_on_signals():
        try:
            run = PublishRun(root, dest, keep, jobs, strict, remote, lock.fd, started, today)
            return run.publish(in_shard([p.name for p in unit_dirs(root)], shard), report)
        except Stopped as stop:
            print(Say.STOPPED(signal=signal.Signals(stop.signum).name), file=sys.stderr)
            return 128 + stop.signum


@dataclass
class PublishRun:
    """One run once it holds the destination (see the module's docstring): its settings, and the
    outcome of every unit and the notes as it goes."""

    root: Path
    dest: Path
    keep: int
    jobs: int
    strict: bool
    remote: dict[str, str]
    lock_fd: int | None
    started: float
    today: dt.date | None = None  # the publication day (scheduled plans and reports); None: today in Vietnam
    outcomes: list[Outcome] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)  # units held back by an error: the province keeps their last rows
    notes: list[str] = field(default_factory=list)

    def publish(self, slugs: list[str], report: Path | None) -> int:
        self.clear_leftovers()
        units, ready = self.validate(slugs)
        done, to_build, notes = _plan(self.root, self.dest, units, ready, self.jobs, self.remote)
        self.notes += notes
        progress = Progress(len(slugs))
        for outcome in self.outcomes + done:
            if outcome in done and self.remote.get(outcome.slug) != outcome.release:
                _switch(self.dest, outcome, self.keep)  # a reused release goes live; pruning first frees room for builds
            progress.update(outcome)
        self.outcomes += done
        self.build(units, to_build, progress)
        return self.finish(report)

    def clear_leftovers(self) -> None:
        """Staging and work folders, temporary pointers a dead run left (never another run's: the lock is held)."""
        try:
            for unit_dir in (p for p in self.dest.iterdir() if p.is_dir() and not p.name.startswith(".")):
                UnitReleases(self.dest, unit_dir.name).clean()
        except OSError as error:
            raise DestinationFault(fault_of(error), self.dest, error.strerror or "") from error

    def validate(self, slugs: list[str]) -> tuple[dict[str, ResolvedUnit], list[str]]:
        """Everything validated once; a unit with an error is failed here and keeps its live release."""
        with frozen_once_loaded():
            project, units, problems = inspect(self.root, today=self.today)
        blocked = blocked_units(project, problems, slugs, self.strict)
        self.blocked = set(blocked)
        print_problems(sorted({p for found in blocked.values() for p in found}))
        if unused := unused_record_errors(project, problems):
            print_problems(unused)
            print(Say.UNUSED_RECORD_ERRORS(count=len(unused)), file=sys.stderr)
        self.outcomes += [Outcome(s, "failed", reasons=[p.format() for p in found]) for s, found in sorted(blocked.items())]
        return units, [s for s in slugs if s not in blocked and s in units]

    def build(self, units: dict[str, ResolvedUnit], to_build: dict[str, str], progress: Progress) -> None:
        """The missing releases, largest unit first (every core busy to the end); each unit goes live
        as soon as its release checks."""
        tasks = [Task(units[s], to_build[s], host_of(units[s].unit.site_url), held_back_rows(self.dest, units[s], self.blocked))
                 for s in sorted(to_build, key=lambda s: (-len(units[s].procedures), s))]
        with closing(run_builds(self.root, self.dest, tasks, self.jobs, self.lock_fd, halt=_is_destination_fault)) as results:
            for outcome in results:
                if outcome.status != "failed":
                    _switch(self.dest, outcome, self.keep)
                progress.update(outcome)
                self.outcomes.append(outcome)

    def finish(self, report: Path | None) -> int:
        """The serving map rebuilt from what is live, the summary, and the exit code."""
        faults = sorted({o.fault for o in self.outcomes if o.fault in FAULT_MESSAGES})
        try:
            self.notes += serving.rebuild(self.dest)
        except OSError as error:
            faults = sorted({*faults, fault_of(error) or "disk-full"})
            self.notes.append(Say.MAP_NOT_WRITTEN(map=serving.MAP, error=error.strerror))
        result = summary(self.outcomes, time.monotonic() - self.started, self.notes)
        print_summary(result)
        if report:
            report.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        for fault in faults:
            print(Say.DEST_FAULT(fault=DestinationFault(fault, self.dest)), file=sys.stderr)
        return 3 if faults else (1 if result["failed"] else 0)


def _read_remote_state(path: Path | None) -> dict[str, str]:
    """`state.json` of the web server (units and their live release): what need not be built here."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(slug): str(entry["release"]) for slug, entry in data.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UsageError(Say.BAD_REMOTE_STATE(path=path, error=error)) from error


def rollback(dest: Path, slug: str, wait: float = 0.0) -> str:
    with DestinationLock(dest, wait):
        releases = UnitReleases(dest, slug)
        if not releases.unit_dir.is_dir():
            raise UsageError(Say.NO_RELEASE(slug=slug, dest=dest))
        previous = releases.rollback()
        if previous is None:
            raise UsageError(Say.NO_EARLIER_RELEASE(slug=slug))
        serving.rebuild(dest)
        return previous
