"""The guard in conftest.py fails a GUI test that leaves a running timer or an open window."""

from __future__ import annotations

from pathlib import Path

CONFTEST = Path(__file__).with_name("conftest.py")

LEAKY_TESTS = '''
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

kept = []


def test_clean(qtbot):
    widget = QLineEdit()
    qtbot.add_widget(widget)
    widget.show()
    widget.setText("kale")


def test_leaves_a_timer_running(qtbot):
    widget = QWidget()
    qtbot.add_widget(widget)
    widget.show()
    timer = QTimer(widget)  # closing the widget does not stop it: the flake of issue 11
    timer.setInterval(60)
    timer.start()
    kept.append(widget)  # still referenced, as a fixture's widget is until its teardown


def test_leaves_a_window_open(qtbot):
    window = QWidget()
    window.setWindowTitle("Forgotten")
    window.show()
    kept.append(window)


def test_without_qt_is_not_checked():
    kept.append(object())
'''


def test_the_guard_fails_tests_that_leave_timers_or_windows(pytester):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_leaky=LEAKY_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider",
                                          "-W", "ignore::pytest.PytestUnknownMarkWarning")
    result.assert_outcomes(passed=4, errors=2)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_leaves_a_timer_running*",
        "*a running QTimer(60 ms) owned by QWidget*",
        "*ERROR at teardown of test_leaves_a_window_open*",
        "*an open window QWidget 'Forgotten'*",
    ])
