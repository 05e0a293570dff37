"""Builds releases, each unit in its own short-lived process, at most `jobs` at a time.

Each build is a fork of the run (which has loaded and checked everything once), so a worker that
crashes or is killed (even with SIGKILL) fails only its own unit: the others go on and go live. When
the run itself is stopped (SIGTERM, SIGINT) it stops every worker and waits for them; a worker whose
run dies without that chance (SIGKILL of the run) is killed by the kernel (PR_SET_PDEATHSIG), so no
orphan keeps building or writing after its run. Whatever a stopped worker leaves (a staging or work
folder) is removed by the run, or by the next one.
"""

from __future__ import annotations

import ctypes
import errno
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import time
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from ..engine import UnitPaths, build_site, quiet_mkdocs, write_sources
from ..problems import CchcError
from ..problems.messages import Say
from ..render import render_unit
from ..render.province import RollupRow
from ..resolve import ResolvedUnit
from .precompress import precompress
from .releases import UnitReleases
from .summary import Outcome

FAULTS = {errno.ENOSPC: "disk-full", errno.EDQUOT: "disk-full", errno.EROFS: "read-only", errno.EACCES: "no-permission"}
FAULT_REASONS = {
    "disk-full": "Hết chỗ trống trên đĩa khi dựng (xem thông báo cuối)",
    "read-only": "Thư mục đăng chỉ cho đọc (xem thông báo cuối)",
    "no-permission": "Không có quyền ghi vào thư mục đăng (xem thông báo cuối)",
}
_GRACE = 5.0  # seconds a stopped worker gets before SIGKILL


class Stopped(Exception):
    """The run was asked to stop (SIGTERM or SIGINT)."""

    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


@dataclass(frozen=True)
class Task:
    unit: ResolvedUnit
    release: str
    host: str
    held_back: dict[str, RollupRow] = field(default_factory=dict)  # a province's held-back members


def fault_of(error: BaseException, dest: Path | None = None) -> str:
    """The destination-wide fault an error shows (disk full, read-only), or ''. With `dest`, only an
    error on a path inside it counts (an unreadable template is not the destination's fault)."""
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, OSError) and current.errno is not None and current.errno in FAULTS:
            paths = [str(p) for p in (current.filename, current.filename2) if p]
            if dest is None or not paths or any(p.startswith(str(dest)) for p in paths):
                return FAULTS[current.errno]
        current = current.__cause__ or current.__context__
    return ""


def build_release(root: Path, dest: Path, task: Task) -> Outcome:
    """Render, build, check and precompress one release; write its manifest last and rename it into
    place. Any failure fails this unit only, and leaves nothing behind."""
    started = time.monotonic()
    unit, release_id = task.unit, task.release
    releases = UnitReleases(dest, unit.slug)
    work = releases.unit_dir / f".work-{os.getpid()}"
    outcome = Outcome(unit.slug, "built", release_id)
    staging = None
    try:
        staging = releases.staging(release_id)
        quiet_mkdocs()
        paths = UnitPaths(root, unit.slug, work=work, out=staging)
        write_sources(unit, render_unit(unit, held_back=task.held_back), paths)
        build_site(paths)
        # links and anchors were checked by the build's own MkDocs events (site/events.py)
        precompress(staging)
        outcome.pages = sum(1 for _ in staging.rglob("*.html"))
        releases.commit(staging, release_id, task.host)
        outcome.reasons = releases.problems(release_id)
    except CchcError as error:
        outcome.reasons, outcome.fault = [str(error)], fault_of(error, dest)
    except Exception as error:  # one unit's crash must not stop the others; it is reported
        outcome.reasons, outcome.fault = [f"{type(error).__name__}: {error}"], fault_of(error, dest)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    if outcome.fault:  # the destination's fault, told once at the end of the run
        outcome.reasons = [FAULT_REASONS[outcome.fault]]
    if outcome.reasons:
        outcome.status = "failed"
        outcome.reasons = [reason[:500] for reason in outcome.reasons[:50]]  # fits a pipe's buffer
    outcome.seconds = round(time.monotonic() - started, 2)
    return outcome


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _child(conn: Connection, parent: int, close_fd: int | None, root: Path, dest: Path, task: Task) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the run decides
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    if os.getppid() != parent:  # the run died before the line above took effect
        os._exit(1)
    if close_fd is not None:
        os.close(close_fd)  # the destination lock belongs to the run, not to its workers
    conn.send(build_release(root, dest, task))
    conn.close()


def _lost(task: Task, process: BaseProcess) -> Outcome:
    code = process.exitcode
    how = Say.WORKER_SIGNAL(name=signal.Signals(-code).name) if code is not None and code < 0 else Say.WORKER_EXIT(code=code)
    return Outcome(task.unit.slug, "failed", task.release, reasons=[Say.WORKER_LOST(how=how)])


def _clean_after(dest: Path, task: Task, pid: int | None) -> None:
    """Remove what a worker that did not finish left: its work and staging folders."""
    if pid is None:
        return
    releases = UnitReleases(dest, task.unit.slug)
    shutil.rmtree(releases.unit_dir / f".work-{pid}", ignore_errors=True)
    shutil.rmtree(releases.releases_dir / f".staging-{task.release}-{pid}", ignore_errors=True)


def run_builds(root: Path, dest: Path, tasks: list[Task], jobs: int, lock_fd: int | None = None,
               halt: Callable[[Outcome], bool] = lambda outcome: False) -> Generator[Outcome, None, None]:
    """Yield one outcome per task, as each finishes. `halt(outcome)` true stops starting new builds
    (the rest are reported as not built, e.g. once the disk is full). If the caller is interrupted
    (`Stopped`, raised by the run's signal handler) or closes the generator, every worker is stopped
    and cleaned up before the exception goes on."""
    context = multiprocessing.get_context("fork")
    waiting = list(tasks)
    running: dict[int, tuple[Task, BaseProcess, Connection]] = {}  # sentinel → …
    halted = False
    try:
        while waiting or running:
            while waiting and len(running) < max(jobs, 1) and not halted:
                task = waiting.pop(0)
                receive, send = context.Pipe(duplex=False)
                process: BaseProcess = context.Process(target=_child, args=(send, os.getpid(), lock_fd, root, dest, task), daemon=True)
                process.start()
                send.close()
                running[process.sentinel] = (task, process, receive)
            if halted and not running:
                break
            ready = multiprocessing.connection.wait(list(running))
            for sentinel in ready:
                assert isinstance(sentinel, int)
                task, process, receive = running.pop(sentinel)
                try:
                    outcome = receive.recv() if receive.poll() else None
                except (EOFError, OSError):  # the worker died before it could answer
                    outcome = None
                process.join()
                receive.close()
                if outcome is None:
                    _clean_after(dest, task, process.pid)
                    outcome = _lost(task, process)
                halted = halted or halt(outcome)
                yield outcome
        for task in waiting:
            yield Outcome(task.unit.slug, "failed", task.release,
                          reasons=[Say.NOT_BUILT_DEST_FAULT()])
    except BaseException:  # Stopped, or the generator closed early: no worker outlives the run
        _stop_all(dest, running.values())
        raise


def _stop_all(dest: Path, workers: Iterable[tuple[Task, BaseProcess, Connection]]) -> None:
    running = list(workers)
    for _, process, _ in running:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + _GRACE
    for _, process, _ in running:
        process.join(max(deadline - time.monotonic(), 0.1))
        if process.is_alive():
            process.kill()
            process.join()
    for task, process, receive in running:
        receive.close()
        _clean_after(dest, task, process.pid)
