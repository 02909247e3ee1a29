"""Qt's standard options reach QApplication; the app's own options and sub-commands still work."""

from __future__ import annotations

import pytest

from bonewise import cli
from bonewise.cli import QtOptionError, split_qt_options


@pytest.mark.parametrize(("argv", "qt", "rest"), [
    ([], [], []),
    (["-style", "Fusion"], ["-style", "Fusion"], []),
    (["-style=Fusion", "-reverse"], ["-style", "Fusion", "-reverse"], []),
    (["--style", "Windows", "--reverse"], ["-style", "Windows", "-reverse"], []),
    (["--data-dir", "/tmp/d", "-stylesheet", "big.qss", "-platform", "offscreen"],
     ["-stylesheet", "big.qss", "-platform", "offscreen"], ["--data-dir", "/tmp/d"]),
    (["-reverse", "--data-dir=/tmp/d"], ["-reverse"], ["--data-dir=/tmp/d"]),
    # A folder called like a Qt option is still the folder.
    (["--data-dir", "-reverse"], [], ["--data-dir", "-reverse"]),
    # The sub-command's own options are never taken for Qt's (foods add --name …).
    (["foods", "add", "--name", "Oat drink", "--nutrient", "calcium_mg=120"], [],
     ["foods", "add", "--name", "Oat drink", "--nutrient", "calcium_mg=120"]),
    (["--version"], [], ["--version"]),
    (["-h"], [], ["-h"]),
])
def test_qt_options_are_split_off_before_the_command(argv, qt, rest):
    assert split_qt_options(argv) == (qt, rest)


@pytest.mark.parametrize(("argv", "message"), [
    (["-style"], "-style needs a value"),
    (["-reverse=yes"], "-reverse takes no value"),
])
def test_a_malformed_qt_option_is_one_sentence(argv, message):
    with pytest.raises(QtOptionError, match=message):
        split_qt_options(argv)


def test_qt_options_open_the_window_with_the_app_s_own_options(monkeypatch):
    import bonewise.ui.app as app

    calls = []
    monkeypatch.setattr(app, "run_gui", lambda folder, qt: calls.append((folder, qt)) or 0)
    assert cli.main(["-style", "Fusion", "--data-dir", "/tmp/x y", "-reverse"]) == 0
    assert calls == [("/tmp/x y", ["-style", "Fusion", "-reverse"])]


def test_qt_options_before_a_sub_command_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["-style", "Fusion", "foods", "search", "milk"])
    assert exit_.value.code == 2
    assert "apply to the window only, not to 'foods'" in capsys.readouterr().err


def test_a_missing_value_is_an_error_before_anything_opens(capsys):
    assert cli.main(["-platform"]) == 2
    assert capsys.readouterr().err.strip() == (
        "bonewise: error: Qt's option -platform needs a value, as in -platform VALUE.")


def test_help_names_qt_s_options(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "-style NAME, -reverse" in capsys.readouterr().out.replace("\n", " ")
