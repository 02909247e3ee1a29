"""UI settings: one typed dataclass, read back from an INI file in the data folder."""

from __future__ import annotations

from bonewise.core.plan import IsoWeek

from bonewise.ui.settings import ZOOM_MAX, ZOOM_MIN, SettingsStore, UiSettings


def test_a_missing_file_gives_the_defaults(tmp_path):
    assert SettingsStore.in_folder(tmp_path).load() == UiSettings()


def test_round_trip(tmp_path):
    store = SettingsStore.in_folder(tmp_path)
    wanted = UiSettings(geometry=b"\x01\x02\xff", window_state=b"\x00abc", last_person_id=3,
                        last_week=IsoWeek(2026, 49), zoom_percent=130, gauge_view="week")
    store.save(wanted)
    assert SettingsStore.in_folder(tmp_path).load() == wanted
    assert (tmp_path / "ui.ini").is_file()


def test_values_that_are_wrong_fall_back_to_defaults(tmp_path):
    (tmp_path / "ui.ini").write_text(
        "[General]\nzoom_percent=9999\ngauge_view=<script>\nlast_week=2026-W60\n"
        "last_person_id=Zoë\ngeometry=not bytes\n",
        encoding="utf-8",
    )
    assert SettingsStore.in_folder(tmp_path).load() == UiSettings()


def test_zoom_steps_are_clamped_and_zero_resets():
    settings = UiSettings()
    assert settings.zoomed(1).zoom_percent == 110
    assert settings.zoomed(-100).zoom_percent == ZOOM_MIN
    assert settings.zoomed(100).zoom_percent == ZOOM_MAX
    assert settings.zoomed(3).zoomed(0).zoom_percent == 100


def test_none_removes_the_value(tmp_path):
    store = SettingsStore.in_folder(tmp_path)
    store.save(UiSettings(last_person_id=4))
    store.save(UiSettings(last_person_id=None))
    assert store.load().last_person_id is None
