"""Shared fixtures. Qt runs offscreen so tests need no display."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a Qt fixture as ``gui`` so ``-m "not gui"`` stays fast."""
    qt_fixtures = {"qapp", "qtbot", "qtmodeltester"}
    for item in items:
        if qt_fixtures & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh, private data folder; the environment points the app at it."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("BONEWISE_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session", autouse=True)
def _release_clipboard_before_exit():
    """Hand clipboard items to Qt before Python shuts down (see weekgrid.view.release_clipboard).

    Without it a session that copied items ends with a segfault after all tests passed.
    """
    yield
    qt_gui = sys.modules.get("PySide6.QtGui")
    if qt_gui is not None and qt_gui.QGuiApplication.instance() is not None:
        from bonewise.ui.weekgrid.view import release_clipboard

        release_clipboard()
