"""One run at a time on a destination: an exclusive `flock` on DEST/.lock, held for the whole run.

A second run waits up to `--wait` seconds, then stops with a message and exit code 2 without
touching anything. The kernel drops the lock when the holder dies, however it dies, so a killed run
never leaves the destination locked.

Taking the lock needs no new byte on the disk, so `rollback` works when the disk is full: the lock
is the `flock`, not the file's content. The holder's pid is only a courtesy to a waiting run,
written over the same few bytes each time (never truncated, so the file keeps its block) and
skipped when even those cannot be written.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..problems import UsageError
from ..problems.messages import Say

NAME = ".lock"


class DestinationBusy(UsageError):
    """Another run holds the destination."""


class DestinationLock:
    def __init__(self, dest: Path, wait: float = 0.0):
        self.path, self.wait = dest / NAME, wait
        self.fd: int | None = None

    def __enter__(self) -> DestinationLock:
        if not self.path.parent.is_dir():  # rollback and activate: nothing was ever published there
            raise UsageError(Say.NO_DESTINATION(dest=self.path.parent))
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        deadline = time.monotonic() + max(self.wait, 0.0)
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _holder(self.fd)
                    os.close(self.fd)
                    self.fd = None
                    raise DestinationBusy(Say.DEST_BUSY(folder=self.path.parent, holder=holder, wait=f"{self.wait:g}")) from None
                time.sleep(0.2)
        _note(self.fd, str(os.getpid()))
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            _note(self.fd, "")  # the pid shown to a waiting run is never a stale one
            os.close(self.fd)  # closing the last descriptor releases the lock
            self.fd = None


PID_WIDTH = 10  # wider than any Linux pid (at most 4194304): every note has the same length


def _note(fd: int, pid: str) -> None:
    """Write `pid` over the lock file's first bytes (best effort: a full disk may refuse even these)."""
    try:
        os.pwrite(fd, f"{pid:<{PID_WIDTH}}\n".encode(), 0)
    except OSError:
        pass


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except OSError:
        return ""
    return Say.DEST_BUSY_HOLDER(pid=pid) if pid.isdigit() else ""
