"""The data folder's lock: one window per folder, and one writer at a time, with a lock the operating
system drops when its holder dies.

An advisory ``flock``/``LockFileEx`` lock is held on ``bonewise.lock``: by the window
for its whole life, by a command while it writes, by ``repair`` while it works. The
kernel releases it when the process ends however it ends, so a lock left by a crash
never blocks anyone. The file says who holds it (``pid start-time holder``), so the
next one knows what to do:

* a window holds it: another window is refused at once (switch to that one), and a
  command is told to make its change in the window, which would otherwise save
  its own copy of the days over it;
* a command holds it: the next one (command, repair or window) waits its turn, for
  at most ``WAIT_SECONDS``, since a command's change takes a moment.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bonewise.core.rules import shown_path
from bonewise.errors import BonewiseError
from bonewise.paths import ensure_data_dir
from bonewise.store.userdb import StoreAccessError

LOCK_NAME = "bonewise.lock"
WAIT_SECONDS = 5.0  # how long a writer waits for a command that holds the folder
_POLL_SECONDS = 0.05


class Holder(StrEnum):
    WINDOW = "window"
    COMMAND = "command"  # a command-line change, an import, a repair


class AlreadyRunningError(BonewiseError):
    """A Bonewise window has this data folder open."""


class FolderBusyError(BonewiseError):
    """A command kept the data folder longer than a writer waits."""


@dataclass(frozen=True)
class LockInfo:
    """What the lock file says about its holder; ``holder`` None: not said (yet, or by an older
    Bonewise, which only windows and commands that said nothing wrote)."""

    pid: int | None
    started: str
    holder: Holder | None

    def is_window(self) -> bool:
        """True when a window holds the lock: it says so (or is an older Bonewise that says
        nothing) and is alive. A line left by a window that crashed names a dead process:
        the holder then is whoever took the lock since and has not written its line yet."""
        return self.pid is not None and self.holder in (Holder.WINDOW, None) and _alive(self.pid)

    def who(self) -> str:
        """" (process 123, started 2026-12-01T10:00:00)", or "" when the file says nothing."""
        return f" (process {self.pid}, started {self.started})" if self.pid is not None else ""


class InstanceLock:
    """Hold the data folder's lock as ``holder``; a context manager, or acquire()/release()."""

    def __init__(self, data_dir: Path, holder: Holder = Holder.WINDOW):
        self.path = Path(data_dir) / LOCK_NAME
        self.holder = Holder(holder)
        self._fd: int | None = None

    def acquire(self, wait: float | None = None) -> None:
        """Take the lock, waiting up to ``wait`` seconds (default WAIT_SECONDS) while a command holds it.

        Raises AlreadyRunningError at once when a window holds it, FolderBusyError
        when a command still holds it after the wait, StoreAccessError when the
        folder cannot be written.
        """
        ensure_data_dir(self.path.parent)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreAccessError(
                f"Bonewise may not write in its data folder {shown_path(self.path.parent)} "
                f"({_why(exc)}), which it must to make a change; nothing was changed."
            ) from None
        try:
            self._take(fd, time.monotonic() + (WAIT_SECONDS if wait is None else wait))
            _say_holder(fd, self.holder)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def _take(self, fd: int, deadline: float) -> None:
        while not _try_lock(fd):
            info = read_lock(fd)
            if info.is_window():
                raise AlreadyRunningError(
                    f"Bonewise is already open on {shown_path(self.path.parent)}{info.who()}. "
                    "Switch to that window, or close it first."
                )
            if time.monotonic() >= deadline:
                raise FolderBusyError(
                    f"Another bonewise command{info.who()} is still changing "
                    f"{shown_path(self.path.parent)}; try again when it has finished."
                )
            time.sleep(_POLL_SECONDS)

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)  # no line naming a holder that has gone
            except OSError:
                pass
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


def read_lock(fd: int) -> LockInfo:
    """What the open lock file ``fd`` says about its holder."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        words = os.read(fd, 200).decode("utf-8", "replace").split()
        pid = int(words[0])
    except (OSError, ValueError, IndexError):
        return LockInfo(None, "", None)  # empty: its holder has not written it yet
    started = words[1] if len(words) > 1 else ""
    holder = words[2] if len(words) > 2 and words[2] in {h.value for h in Holder} else None
    return LockInfo(pid, started, None if holder is None else Holder(holder))


def _say_holder(fd: int, holder: Holder) -> None:
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        started = dt.datetime.now().isoformat(timespec="seconds")
        os.write(fd, f"{os.getpid()} {started} {holder.value}\n".encode())
    except OSError:
        pass  # a full disk: the lock holds all the same; a waiting command just waits its turn


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - no signal 0 there; trust the line
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _why(exc: OSError) -> str:
    if exc.errno == errno.EROFS:
        return "it is on a read-only disk"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    _LOCKED_BYTE = 1 << 30  # far past the holder's line, which stays readable

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, _LOCKED_BYTE, os.SEEK_SET)
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
