"""Window and view settings: one typed dataclass, stored through QSettings in the data folder."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from bonewise.core.plan import IsoWeek
from bonewise.paths import UI_SETTINGS_NAME

ZOOM_MIN = 70
ZOOM_MAX = 250
ZOOM_STEP = 10
GAUGE_VIEWS = ("day", "week")
COLOUR_SCHEMES = ("system", "light", "dark")  # ui/theme.py


@dataclass(frozen=True)
class UiSettings:
    """Everything the window remembers between runs.

    To add a setting: add a field here and teach ``_parse`` to read it back.

    The default of each field is what a first run gets; values read back from the
    file that are out of range or of the wrong type fall back to that default.
    """

    geometry: bytes = b""  # QMainWindow.saveGeometry()
    window_state: bytes = b""  # QMainWindow.saveState(): toolbars and docks
    last_person_id: int | None = None
    last_week: IsoWeek | None = None  # None: open on this week
    zoom_percent: int = 100  # app font size relative to the system font
    gauge_view: str = "day"  # "day" (selected day) or "week" (week average)
    colour_scheme: str = "system"  # follow the desktop, or always "light" or "dark"

    def zoomed(self, steps: int) -> UiSettings:
        """A copy with the zoom moved ``steps`` steps (0 resets), clamped to the allowed range."""
        zoom = 100 if steps == 0 else self.zoom_percent + steps * ZOOM_STEP
        return replace(self, zoom_percent=max(ZOOM_MIN, min(ZOOM_MAX, zoom)))


class SettingsStore:
    """Reads and writes :class:`UiSettings` in an INI file (``ui.ini`` in the data folder)."""

    def __init__(self, path: Path):
        self.path = path
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @classmethod
    def in_folder(cls, data_dir: Path) -> SettingsStore:
        return cls(data_dir / UI_SETTINGS_NAME)

    def load(self) -> UiSettings:
        """The stored settings; anything missing or unreadable is the default."""
        default = UiSettings()
        values: dict[str, Any] = {}
        for f in fields(UiSettings):
            raw = self._qs.value(f.name)
            parsed = _INVALID if raw is None else _parse(f.name, raw)
            values[f.name] = getattr(default, f.name) if parsed is _INVALID else parsed
        return UiSettings(**values)

    def save(self, settings: UiSettings) -> None:
        for f in fields(UiSettings):
            value = getattr(settings, f.name)
            if value is None:
                self._qs.remove(f.name)
            elif isinstance(value, bytes):
                self._qs.setValue(f.name, QByteArray(value))
            else:
                self._qs.setValue(f.name, str(value))
        self._qs.sync()


_INVALID = object()


def _parse(name: str, raw: object) -> object:
    """Convert one raw QSettings value to the field's type, or _INVALID."""
    try:
        if name in ("geometry", "window_state"):
            return bytes(raw.data()) if isinstance(raw, QByteArray) else _INVALID
        if name == "last_person_id":
            return int(str(raw))
        if name == "last_week":
            return IsoWeek.parse(str(raw))
        if name == "zoom_percent":
            zoom = int(str(raw))
            return zoom if ZOOM_MIN <= zoom <= ZOOM_MAX else _INVALID
        if name == "gauge_view":
            return str(raw) if str(raw) in GAUGE_VIEWS else _INVALID
        if name == "colour_scheme":
            return str(raw) if str(raw) in COLOUR_SCHEMES else _INVALID
    except (ValueError, TypeError):
        return _INVALID
    return _INVALID
