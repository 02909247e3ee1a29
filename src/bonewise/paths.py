"""Where Bonewise keeps its files. The one module tests redirect (via --data-dir or the env var)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "BONEWISE_DATA_DIR"
USER_DB_NAME = "bonewise.sqlite"
REFERENCE_DB_NAME = "foods.sqlite"
UI_SETTINGS_NAME = "ui.ini"  # the window's size, zoom and last week (ui/settings.py)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data folder: ``override``, else $BONEWISE_DATA_DIR, else the platform default."""
    chosen = override or os.environ.get(DATA_DIR_ENV) or platformdirs.user_data_dir("bonewise", False)
    return Path(chosen).expanduser()


def resources_dir() -> Path:
    """The shipped, read-only resources: inside the installed package, or the checkout's resources/."""
    packaged = Path(__file__).with_name("resources")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def reference_db_path() -> Path:
    return resources_dir() / REFERENCE_DB_NAME
