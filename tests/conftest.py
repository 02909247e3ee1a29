"""Shared fixtures. Qt runs offscreen so tests need no display."""

from __future__ import annotations

import gc
import os
import sys

import pytest

pytest_plugins = ["pytester"]  # tests/test_qt_guard.py runs the guard below on small suites

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


QT_FIXTURES = frozenset({"qapp", "qtbot", "qtmodeltester"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a Qt fixture as ``gui`` so ``-m "not gui"`` stays fast."""
    for item in items:
        if QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


def _running_app_timers() -> list:
    """The QTimers made by Python code (the app's or a test's) that are still running.

    Qt's own timers have no Python wrapper made by us, so ``createdByPython`` leaves them out.
    """
    import shiboken6
    from PySide6.QtCore import QTimer

    return [timer for timer in gc.get_objects()
            if isinstance(timer, QTimer) and shiboken6.isValid(timer)
            and shiboken6.createdByPython(timer) and timer.isActive()]


def _describe_timer(timer) -> str:
    parent = timer.parent()
    owner = type(parent).__name__ if parent is not None else "no parent"
    return f"QTimer({timer.interval()} ms) owned by {owner}"


@pytest.fixture(autouse=True)
def _qt_left_clean(request):
    """Fail a GUI test that leaves a running timer or an open window behind.

    A timer that outlives its test fires in a later one, against stores that fixture
    already closed: the flake of issue 11. Autouse fixtures are torn down last, so this
    runs after the test's widgets and stores are gone, as at the app's shutdown.
    """
    yield
    if not QT_FIXTURES & set(request.fixturenames):
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    problems = []
    # Checked before events run: a timer due now would fire against closed stores.
    for timer in _running_app_timers():
        problems.append(f"a running {_describe_timer(timer)}")
        timer.stop()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    for timer in _running_app_timers():  # started while pending events ran
        problems.append(f"a running {_describe_timer(timer)}")
        timer.stop()
    for window in QApplication.topLevelWidgets():
        if window.isVisible():
            problems.append(f"an open window {type(window).__name__} {window.windowTitle()!r}")
            window.close()
    if problems:
        pytest.fail("the test left behind " + "; ".join(problems)
                    + ": close widgets and stop timers before their stores close", pytrace=False)


@pytest.fixture(autouse=True)
def _planning_time_never_decides_a_plan(monkeypatch):
    """The auto-planner's week time limit cuts a slow week short on a busy machine; in tests
    it is out of reach, so a plan never depends on the load (tests of the limit set their own)."""
    monkeypatch.setattr("bonewise.core.autoplan.problem.WEEK_TIME_LIMIT_S", 600.0)


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
