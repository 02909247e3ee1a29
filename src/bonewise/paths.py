"""Where Bonewise keeps its files. The one module tests redirect (via --data-dir or the env var)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import platformdirs

from bonewise.core.rules import shown_path
from bonewise.errors import BonewiseError

DATA_DIR_ENV = "BONEWISE_DATA_DIR"
USER_DB_NAME = "bonewise.sqlite"
REFERENCE_DB_NAME = "foods.sqlite"
UI_SETTINGS_NAME = "ui.ini"  # the window's size, zoom and last week (ui/settings.py)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: ``override``, else $BONEWISE_DATA_DIR, else the platform default."""
    chosen = override or os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir("bonewise", False)
    return Path(chosen).expanduser()


def ensure_data_dir(folder: Path) -> Path:
    """Make ``folder`` ready to hold health data: it exists, is a folder, and is private (0700).

    A folder that does not exist is created 0700. An existing one that others may
    read or enter loses their access (0777 becomes 0700; a read-only 0555 becomes
    0500, still read-only), where its owner lets us. A regular file or
    a link to nothing in its place is a BonewiseError with one sentence; nothing
    is created then.
    """
    folder = Path(folder)
    if folder.is_symlink() and not folder.exists():
        raise BonewiseError(
            f"The data folder {shown_path(folder)} is a link to {shown_path(os.readlink(folder))}, "
            "which does not exist; create that folder or choose another with --data-dir."
        )
    if folder.exists() and not folder.is_dir():
        raise BonewiseError(
            f"The data folder {shown_path(folder)} is a file, not a folder; "
            "move it away or choose another folder with --data-dir."
        )
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BonewiseError(
            f"The data folder {shown_path(folder)} cannot be created ({exc.strerror or exc})."
        ) from None
    mode = stat.S_IMODE(folder.stat().st_mode)
    if os.name != "nt" and mode & 0o077:
        try:
            folder.chmod(mode & 0o700)  # others lose access; the owner keeps just what they had
        except PermissionError:
            pass  # not ours to change; the files in it are 0600 all the same
    return folder


def resources_dir() -> Path:
    """The shipped, read-only resources: inside the installed package, or the checkout's resources/."""
    packaged = Path(__file__).with_name("resources")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def reference_db_path() -> Path:
    return resources_dir() / REFERENCE_DB_NAME


def sync_folder(folder: Path) -> None:
    """Flush ``folder``'s entries to disk, so a rename in it survives a power cut."""
    if os.name == "nt":  # Windows cannot open a folder as a file; NTFS logs renames itself
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems (network shares, FUSE) cannot flush a folder; the rename stands.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)
