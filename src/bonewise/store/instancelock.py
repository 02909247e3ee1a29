"""One running app per data folder, with a lock the operating system drops if the app dies.

An advisory ``flock``/``LockFileEx`` lock is held on ``bonewise.lock`` for the app's
lifetime. The kernel releases it when the process ends however it ends, so a lock
left by a crash never blocks the next start; the file's content (pid, start time) only
helps the message.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from pathlib import Path

from bonewise.core.rules import shown_path
from bonewise.errors import BonewiseError
from bonewise.paths import ensure_data_dir
from bonewise.store.userdb import StoreAccessError

LOCK_NAME = "bonewise.lock"


class AlreadyRunningError(BonewiseError):
    """Another Bonewise window has this data folder open."""


class InstanceLock:
    """Hold the data folder's lock; use as a context manager or call acquire()/release()."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        ensure_data_dir(self.path.parent)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreAccessError(
                f"Bonewise may not write in its data folder {shown_path(self.path.parent)} "
                f"({_why(exc)}), which it must to make a change; nothing was changed."
            ) from None
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise AlreadyRunningError(
                f"Bonewise is already open on {self.path.parent}{holder}. "
                "Switch to that window, or close it first."
            )
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {dt.datetime.now().isoformat(timespec='seconds')}\n".encode())
        except OSError:
            pass  # a full disk: the lock holds all the same; only the message loses its detail
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _why(exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        return "it is on a read-only disk"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid, started = os.read(fd, 200).decode("utf-8", "replace").split()[:2]
        return f" (process {int(pid)}, started {started})"
    except (OSError, ValueError):
        return ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
