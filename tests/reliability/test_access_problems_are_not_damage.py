"""A store that cannot be read or written here is not damaged: it is said so, and nothing is moved.

Permissions, a read-only folder and a full disk were taken for damage, and ``repair``
swapped in the last daily backup, dropping that day's edits. Here each of them meets
every way in: checking, the command line (a reading command, a writing one,
``repair`` and ``repair --check``) and the window. Permission cases run as a normal
user (the test process drops to ``nobody`` with ``seteuid`` while the command runs,
so the kernel's own checks apply); where that is impossible the same errors are
injected. A full disk is SQLite's own SQLITE_FULL (a page limit on the connection),
an injected ENOSPC, and, where the machine allows mounting, a real full tmpfs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from reliability_data import (
    backed_up_folder,
    fill_store,
    folder_bytes,
    foods_for,
    integrity,
    run_cli,
)

from bonewise import cli
from bonewise.core.plan import IsoWeek
from bonewise.store import recovery, userdb
from bonewise.store.recovery import State
from bonewise.store.repository import Repository
from bonewise.store.userdb import StoreAccessError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")

ADD = ["plan", "add", "--person", "Zoë", "--date", "2026-12-02", "--meal", "Lunch",
       "--food", "11233", "--grams", "80"]  # fmt: skip

# What a normal user's folder can be like, and the ways in that must say so without moving anything.
ACCESS_CASES = {
    "store unreadable (mode 000)": lambda folder: (folder / "bonewise.sqlite").chmod(0o000),
    "store read-only (mode 444)": lambda folder: (folder / "bonewise.sqlite").chmod(0o444),
    "folder read-only (mode 555)": lambda folder: folder.chmod(0o555),
}
ACCESS_COMMANDS = {
    "person list": ["person", "list"],
    "plan add": ADD,
    "repair": ["repair"],
    "repair --check": ["repair", "--check"],
}


def _nobody() -> pwd.struct_passwd:
    if not hasattr(os, "seteuid") or os.geteuid() != 0:
        pytest.skip("acting as a normal user needs root to drop to one")
    try:
        return pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("there is no 'nobody' user on this machine")


@contextlib.contextmanager
def as_normal_user(who: pwd.struct_passwd):
    """Run the block with the kernel checking permissions as ``who`` (then back to root)."""
    os.setegid(who.pw_gid)
    os.seteuid(who.pw_uid)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def users_folder():
    """A data folder owned by a normal user: Zoë (backed up yesterday) and Ann (added since)."""
    who = _nobody()
    parent = Path(tempfile.mkdtemp(prefix="bonewise-access-"))
    parent.chmod(0o755)  # the normal user must be able to reach it
    folder = backed_up_folder(parent / "data")
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, who.pw_uid, who.pw_gid)
    # Everything a command imports late is imported now, while root can still read it.
    cli.build_parser()
    dt.datetime.strptime("20261201", "%Y%m%d")
    import bonewise.store.salvage  # noqa: F401
    import bonewise.store.userfiles  # noqa: F401

    yield folder, who
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    shutil.rmtree(parent)



def nothing_moved(folder: Path, before: dict[str, bytes]) -> None:
    """The store and every earlier backup are as they were (opening may add today's backup)."""
    after = folder_bytes(folder)
    assert {k: after.get(k) for k in before} == before
    assert all(k.startswith("backups/") or k == "ui.ini" for k in set(after) - set(before)), sorted(after)
    assert not list(folder.glob("*.damaged-*")) and not list(folder.glob("*.restoring*"))


@pytest.mark.parametrize("command", ACCESS_COMMANDS)
@pytest.mark.parametrize("case", ACCESS_CASES)
def test_a_store_out_of_reach_is_named_as_such_and_nothing_moves(users_folder, capsys, case, command):
    folder, who = users_folder
    before = folder_bytes(folder)
    ACCESS_CASES[case](folder)
    with as_normal_user(who):
        health = recovery.diagnose(folder)
        code, out, err = run_cli(capsys, folder, *ACCESS_COMMANDS[command])
    folder.chmod(0o700)
    (folder / "bonewise.sqlite").chmod(0o600)

    reading_works = case == "store read-only (mode 444)"
    assert health.state is (State.OK if reading_works else State.NO_ACCESS), health.problem
    said = out + err
    assert "Traceback" not in said and "internal error" not in said
    assert "damaged" not in said.replace(str(folder), "") and "not a readable" not in said
    assert "bonewise repair" not in said  # not damage: nothing to repair
    if command == "person list" and reading_works:
        assert code == 0 and "Zoë" in out
    else:
        assert code == 1, said
        assert said.count("\n") == 1, said
        assert any(w in said for w in ("permission denied", "read-only", "may not")), said
    nothing_moved(folder, before)
    assert integrity(folder / "bonewise.sqlite") == "ok"


@pytest.mark.parametrize("case", ACCESS_CASES)
def test_the_window_says_so_and_offers_no_repair(qapp, users_folder, monkeypatch, case):
    from bonewise.ui import app
    from bonewise.ui import recovery as dialog

    folder, who = users_folder
    before = folder_bytes(folder)
    ACCESS_CASES[case](folder)
    errors, offered = [], []
    monkeypatch.setattr(app, "show_start_error", errors.append)
    monkeypatch.setattr(dialog.RecoveryDialog, "exec", lambda d: offered.append(d))
    with as_normal_user(who):
        try:
            session = app.open_window(folder)
        except Exception as exc:  # noqa: BLE001  (the test looks at what it is)
            session, failure = None, exc
    folder.chmod(0o700)
    (folder / "bonewise.sqlite").chmod(0o600)
    if session is not None:  # a read-only store opens for reading; its first edit says why not
        session.window.close()
        session.close()
        assert case == "store read-only (mode 444)"
    else:
        assert isinstance(failure, StoreAccessError), failure
        assert "damaged" not in str(failure)
    assert offered == []
    nothing_moved(folder, before)


# -- the same errors injected, on any machine -------------------------------------------------


@pytest.mark.parametrize("code", [errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO])
def test_an_injected_refusal_to_open_is_not_damage(folder, capsys, monkeypatch, code):
    real_open = os.open
    store = str(folder / "bonewise.sqlite")

    def refusing_open(path, flags, *args, **kwargs):
        if os.fspath(path) == store:
            raise OSError(code, os.strerror(code), store)
        return real_open(path, flags, *args, **kwargs)

    before = folder_bytes(folder)
    monkeypatch.setattr(userdb.os, "open", refusing_open)
    assert recovery.diagnose(folder).state is State.NO_ACCESS
    with pytest.raises(StoreAccessError):
        recovery.prepare_repair(folder)
    for args in (["person", "list"], ["repair"], ["repair", "--check"]):
        code_, out, err = run_cli(capsys, folder, *args)
        assert code_ == 1 and "damaged" not in out + err and "internal error" not in err, out + err
    monkeypatch.undo()
    nothing_moved(folder, before)


@pytest.fixture
def page_limited(monkeypatch):
    """Every store connection may not grow: SQLite's own SQLITE_FULL, as on a full disk."""
    real_open = userdb.open_user_db

    def open_full(path=None):
        db = real_open(path)
        (pages,) = db.conn.execute("PRAGMA page_count").fetchone()
        db.conn.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(userdb, "open_user_db", open_full)
    monkeypatch.setattr("bonewise.store.repository.open_user_db", open_full)


def test_plan_add_on_a_full_disk_says_so_and_keeps_every_earlier_add(folder, capsys, page_limited):
    added = 0
    for n in range(400):
        code, out, err = run_cli(capsys, folder, *ADD[:-2], "--grams", str(1000 + n))
        if code != 0:
            break
        added += 1
    else:
        pytest.fail("the store never filled up")
    assert code == 1 and err.count("\n") == 1 and "internal error" not in err, err
    assert "disk holding" in err and "is full" in err and "repair" not in err
    with Repository.open(folder) as repo:
        zoe = repo.person_by_name("Zoë")
        day = repo.week(zoe.id, IsoWeek(2026, 49)).day(dt.date(2026, 12, 2))
        lunch = {e.grams for e in day.entries("lunch") if e.grams >= 1000}
    assert lunch == {1000.0 + n for n in range(added)}
    assert recovery.diagnose(folder).state is State.OK


def test_repair_check_says_fine_only_when_it_can_write(folder, capsys, monkeypatch):
    code, out, _ = run_cli(capsys, folder, "repair", "--check")
    assert code == 0 and "can be read and written" in out

    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(recovery.tempfile, "mkstemp", no_room)
    before = folder_bytes(folder)
    for args in (["repair", "--check"], ["repair"]):
        code, out, err = run_cli(capsys, folder, *args)
        said = (out + err).replace(str(folder), "<folder>")
        assert code == 1 and "is full" in said and "fine" not in said, said
    nothing_moved(folder, before)


def test_a_full_disk_in_the_window_is_a_sentence_and_the_plan_stays_as_saved(qapp, folder, page_limited):
    from bonewise.ui.document import PlanDocument

    repo = Repository.open(folder)
    foods = foods_for(repo)
    doc = PlanDocument(repo, foods)
    errors: list[str] = []
    doc.error.connect(errors.append)
    doc.show(repo.person_by_name("Zoë").id, IsoWeek(2026, 49))
    try:
        for _ in range(400):
            doc.add_food(dt.date(2026, 12, 2), "lunch", "11233", "80 g")
            if errors:
                break
        assert errors and "is full" in errors[0] and "damaged" not in errors[0]
        shown = doc.week
        with Repository.open(folder) as other:
            assert other.week(shown.person_id, shown.week) == shown  # the screen is what is on disk
    finally:
        doc.undo_stack.clear()
        doc.deleteLater()
        foods.close()
        repo.close()


# -- a real full disk, where this machine lets the tests mount --------------------------------


@pytest.mark.slow
def test_a_really_full_disk_is_not_damage(tmp_path, capsys):
    if not sys.platform.startswith("linux"):
        pytest.skip("mounts are Linux-only here")
    point = tmp_path / "tiny"
    point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)],
                             capture_output=True, timeout=10).returncode == 0  # fmt: skip
    if not mounted:
        pytest.skip("this machine does not let the tests mount file systems")
    try:
        folder = point / "data"
        with Repository.open(folder) as repo:
            fill_store(repo)
        filler = point / "filler"
        with contextlib.suppress(OSError), open(filler, "wb") as out:
            while True:
                out.write(b"\0" * 4096)
                out.flush()
        before = folder_bytes(folder)
        results = [run_cli(capsys, folder, *ADD[:-2], "--grams", str(10 + n)) for n in range(20)]
        failed = [r for r in results if r[0] != 0]
        assert failed, "the disk never filled up"
        for code, _out, err in failed:
            assert code == 1 and "internal error" not in err and "damaged" not in err, err
        code, out, err = run_cli(capsys, folder, "repair")
        assert "damaged" not in out + err
        assert not list(folder.glob("*.damaged-*"))
        assert set(before) <= set(folder_bytes(folder))
        filler.unlink()
        assert recovery.diagnose(folder).state is State.OK
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=10)

