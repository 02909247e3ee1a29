"""Start-up: the window over a data folder; clear messages (no traceback) when it cannot start."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtWidgets import QWidget

from bonewise import cli

from bonewise.ui import app


@pytest.fixture
def start_errors(monkeypatch):
    shown = []
    monkeypatch.setattr(app, "show_start_error", shown.append)
    return shown


def test_opens_the_window_on_a_fresh_folder(qtbot, data_dir):
    session = app.open_window(data_dir)
    try:
        qtbot.add_widget(session.window)
        assert session.window.isVisible()
        assert session.window.windowTitle() == "Bonewise"  # nobody yet: first_run asks
        assert (data_dir / "bonewise.sqlite").is_file()
        assert session.foods.search("milk", 1)
    finally:
        session.window.close()
        session.close()


def test_a_damaged_user_store_gives_a_message_and_is_left_alone(qapp, data_dir, start_errors,
                                                                 monkeypatch):
    from bonewise.ui import recovery

    # The recovery dialog explains (tests/reliability/test_recovery_dialog.py); the user quits.
    shown = []
    monkeypatch.setattr(recovery.RecoveryDialog, "exec", lambda dialog: shown.append(dialog.health))
    db = data_dir / "bonewise.sqlite"
    garbage = b"this is not a database \x00\xff" * 100
    db.write_bytes(garbage)
    assert cli.main(["--data-dir", str(data_dir)]) == 1
    assert len(shown) == 1 and "not a readable Bonewise database" in shown[0].problem
    assert start_errors == []
    assert db.read_bytes() == garbage


def test_a_newer_user_store_is_refused_untouched(qapp, data_dir, start_errors):
    from bonewise.store.userdb import open_user_db, user_db_path

    path = user_db_path(data_dir)
    db = open_user_db(path)
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('bonewise', 'm999_from_the_future', '2030-01-01')")
    db.conn.close()
    for suffix in ("-wal", "-shm"):
        (data_dir / f"bonewise.sqlite{suffix}").unlink(missing_ok=True)
    before = path.read_bytes()
    assert app.run_gui(data_dir) == 1
    assert "newer version of Bonewise" in start_errors[0]
    assert path.read_bytes() == before


def test_a_second_window_on_the_same_folder_is_refused(qtbot, data_dir, start_errors):
    session = app.open_window(data_dir)
    try:
        qtbot.add_widget(session.window)
        assert app.run_gui(data_dir) == 1
        assert "already open" in start_errors[0]
    finally:
        session.window.close()
        session.close()


def test_the_qt_binding_keeps_none_alive(qapp):
    """PySide6 6.12.0 dropped a reference to None on each void call (Python 3.11), which
    aborts the app after a few thousand calls; pyproject.toml excludes it."""
    widget = QWidget()
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.update()
    assert sys.getrefcount(None) > before - 100


def test_a_foreign_sqlite_file_is_offered_recovery_and_left_alone(qapp, data_dir, start_errors,
                                                                  monkeypatch):
    from bonewise.ui import recovery

    shown = []
    monkeypatch.setattr(recovery.RecoveryDialog, "exec", lambda dialog: shown.append(dialog.health))
    conn = sqlite3.connect(data_dir / "bonewise.sqlite")
    conn.execute("CREATE TABLE people (x)")
    conn.commit()
    conn.close()
    before = (data_dir / "bonewise.sqlite").read_bytes()
    assert app.run_gui(data_dir) == 1
    assert len(shown) == 1 and "not a Bonewise database" in shown[0].problem
    assert (data_dir / "bonewise.sqlite").read_bytes() == before


def test_opening_a_window_loads_the_core_and_stores_before_qt(data_dir):
    """PySide6 reads the source of each module imported after it; ui.app loads the
    Qt-free modules first. A new core or store module used by the window belongs in
    ui.app's list of roots, or this fails (it names the module)."""
    import os
    import subprocess

    code = (
        "import sys, datetime\n"
        "from bonewise.ui.app import application, open_window\n"
        "application()\n"
        f"session = open_window({str(data_dir)!r}, today=lambda: datetime.date(2026, 12, 2))\n"
        "loaded = list(sys.modules)\n"
        "after_qt = loaded[loaded.index('PySide6'):]\n"
        "print(' '.join(m for m in after_qt if m.startswith('bonewise.') and not m.startswith('bonewise.ui')))\n"
        "print(' '.join(m for m in after_qt if m.startswith(('numpy', 'highspy', 'reportlab'))))\n"
        "session.window.close()\n"
        "session.close()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    core_after_qt, heavy = out.stdout.split("\n")[:2]
    assert core_after_qt == "", f"loaded after Qt: {core_after_qt}"
    assert heavy == "", f"the window does not need {heavy} to start"


def test_the_window_starts_without_loading_the_sub_commands():
    import subprocess

    code = (
        "import sys\n"
        "import bonewise.ui.app as app\n"
        "app.run_gui = lambda folder, qt: print('window', folder, *qt) or 0\n"
        "from bonewise import cli\n"
        "for argv in ([], ['--data-dir', '/tmp/x y'], ['--data-dir=/tmp/z', '-style', 'Fusion']):\n"
        "    cli.main(argv)\n"
        "print(sorted(m for m in sys.modules if m.startswith('bonewise.cli.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["window None", "window /tmp/x y",
                                       "window /tmp/z -style Fusion", "[]"]


def test_a_real_process_opens_the_window_and_quits_when_asked(data_dir):
    """What packaging/build_bundle.sh checks on the built bundle, here on the source tree."""
    import os
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{app.QUIT_AFTER_START_ENV: "1"})
    done = subprocess.run([sys.executable, "-m", "bonewise", "--data-dir", str(data_dir)],
                          env=env, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Bonewise window ready"
    assert (data_dir / "bonewise.sqlite").is_file()


def test_qt_s_own_options_reach_the_application(data_dir):
    """`bonewise -style Fusion -reverse --data-dir DIR`: Qt's style and right-to-left layout."""
    import os
    import subprocess

    code = (
        "import sys\n"
        "import bonewise.ui.app as app\n"
        "def ready(qapp):\n"
        "    print(qapp.style().name(), qapp.layoutDirection().name, qapp.arguments()[1:])\n"
        "    qapp.quit()\n"
        "app._report_ready_and_quit = ready\n"
        "from bonewise import cli\n"
        "sys.exit(cli.main(['-style', 'Fusion', '--data-dir', sys.argv[1], '-reverse']))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{app.QUIT_AFTER_START_ENV: "1"})
    done = subprocess.run([sys.executable, "-c", code, str(data_dir)], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "fusion RightToLeft []"


def test_quitting_after_copying_items_exits_cleanly(data_dir):
    """Clipboard data made in Python used to crash the process at exit (status 139)."""
    import os
    import subprocess

    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from bonewise.ui import app\n"
        "from bonewise.core.plan import IsoWeek, Person\n"
        "qapp = app.application()\n"
        "session = app.open_window(sys.argv[1])\n"
        "doc = session.window.document\n"
        "doc.show(session.repo.save_person(Person('Zoë')).id, IsoWeek(2026, 49))\n"
        "def copy_and_quit():\n"
        "    grid = session.window.grid\n"
        "    doc.add_food(doc.iso_week.monday(), 'breakfast', '01079', '1 cup')\n"
        "    grid.setCurrentIndex(grid.model().index(0, 0))\n"
        "    print('copied', grid.copy_selection(), flush=True)\n"
        "    qapp.quit()\n"
        "QTimer.singleShot(0, copy_and_quit)\n"
        "qapp.exec()\n"
        "from bonewise.ui.weekgrid.view import release_clipboard\n"
        "release_clipboard()\n"
        "session.close()\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code, str(data_dir)], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.stdout.strip() == "copied True", done.stderr
    assert done.returncode == 0, done.stderr
