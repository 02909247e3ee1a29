"""No export ever writes over Bonewise's data, a database, a device, a pipe or a socket.

Every way of writing a file the user names (the week PDF, the shopping list and
the plan bundle on the command line, and File ▸ Export in the window) is pointed
at each protected target: the store and its logs, a backup, the lock, the window
settings, a set-aside copy, a non-export file in the data folder, another data
folder's store, a copied backup elsewhere, ``/dev/null``, a named pipe, a socket,
and links into the data folder. Each must be refused with one sentence, leave the
target byte-identical (and of the same type) and leave no file behind. The
controls: an export into the data folder itself, over an earlier export, and
through a link to an ordinary file, are written.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_data import fill_store, foods_for, integrity

from bonewise import cli
from bonewise.core.plan import IsoWeek
from bonewise.store import backups
from bonewise.store.repository import Repository

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="devices, pipes and links are POSIX")

WEEK = "2026-W49"


def cli_writers() -> dict[str, Callable[[Path], list[str]]]:
    return {
        "export pdf": lambda out: ["export", "pdf", "--person", "Zoë", "--week", WEEK, "--out", str(out)],
        "export shopping-list": lambda out: ["export", "shopping-list", "--person", "Zoë",
                                             "--week", WEEK, "--out", str(out)],
        "plan export": lambda out: ["plan", "export", "--person", "Zoë", "--week", WEEK, str(out)],
    }  # fmt: skip


WRITERS = [*cli_writers(), "window export"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A data folder with a store in WAL mode (its -wal and -shm present), a backup, the lock."""
    folder = tmp_path_factory.mktemp("data")
    with Repository.open(folder) as repo:
        fill_store(repo)
    backups.take_backup(folder)
    (folder / "bonewise.lock").write_text("1 2026-12-01T10:00:00\n")
    (folder / "ui.ini").write_text("[General]\nzoom_percent=100\n")
    (folder / "notes.txt").write_text("my own notes\n")
    (folder / "bonewise.sqlite.damaged-20261201-1000").write_bytes(b"kept aside")
    (folder / "bonewise.sqlite-journal").write_bytes(b"")
    return folder


@pytest.fixture
def open_store(folder):
    """The store held open by a connection, as a running app holds it: -wal and -shm exist."""
    repo = Repository.open(folder)
    repo.set_setting("open", True)
    yield repo
    repo.close()


def protected(folder: Path, elsewhere: Path) -> dict[str, Path]:
    """Targets no export may write, by what they are."""
    other = elsewhere / "other-data"
    other.mkdir(exist_ok=True)
    if not (other / "bonewise.sqlite").exists():
        shutil.copy(folder / "bonewise.sqlite", other / "bonewise.sqlite")
        shutil.copy(backups.latest_backup(folder).path, elsewhere / "copy of a backup.pdf")
    links = elsewhere / "links"
    links.mkdir(exist_ok=True)
    for name, points_to in (("store.pdf", folder / "bonewise.sqlite"), ("data", folder),
                            ("new.pdf", folder / "backups" / "new.pdf")):  # fmt: skip
        if not (links / name).is_symlink():
            (links / name).symlink_to(points_to)
    pipe = elsewhere / "pipe.pdf"
    if not pipe.exists():
        os.mkfifo(pipe)
    return {
        "the store": folder / "bonewise.sqlite",
        "its change log": folder / "bonewise.sqlite-wal",
        "its shared-memory index": folder / "bonewise.sqlite-shm",
        "its rollback journal": folder / "bonewise.sqlite-journal",
        "a backup": backups.latest_backup(folder).path,
        "a new file in the backups folder": folder / "backups" / "plan.pdf",
        "the lock": folder / "bonewise.lock",
        "the window settings": folder / "ui.ini",
        "a set-aside store": folder / "bonewise.sqlite.damaged-20261201-1000",
        "a file of the user's in the data folder": folder / "notes.txt",
        "another data folder's store": other / "bonewise.sqlite",
        "a copied backup named .pdf": elsewhere / "copy of a backup.pdf",
        "a link to the store": links / "store.pdf",
        "the store through a linked folder": links / "data" / "bonewise.sqlite",
        "a link into the backups folder": links / "new.pdf",
        "/dev/null": Path("/dev/null"),
        "a named pipe": pipe,
        "a socket": elsewhere / "socket.pdf",
    }


TARGETS = [
    "the store", "its change log", "its shared-memory index", "its rollback journal", "a backup",
    "a new file in the backups folder", "the lock", "the window settings", "a set-aside store",
    "a file of the user's in the data folder", "another data folder's store",
    "a copied backup named .pdf", "a link to the store", "the store through a linked folder",
    "a link into the backups folder", "/dev/null", "a named pipe", "a socket",
]  # fmt: skip
HOSTILE_TARGETS = len(TARGETS) * len(WRITERS)  # counted in the README


@pytest.fixture
def a_socket(tmp_path):
    path = tmp_path / "socket.pdf"
    if len(str(path)) > 100:
        pytest.skip("the temporary path is too long for a Unix socket")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def snapshot(path: Path) -> tuple:
    """What must not change: the file's type and identity and, for ordinary files, the bytes.

    The store's logs change with the window's own saves (it remembers the export's
    settings), so for them the identity stands for the content: a write through a
    rename would give a new file.
    """
    info = os.lstat(path) if path.is_symlink() else os.stat(path) if path.exists() else None
    if info is None:
        return ("missing",)
    logs = path.name.endswith(("-wal", "-shm"))
    content = path.read_bytes() if stat.S_ISREG(info.st_mode) and not logs else None
    link = os.readlink(path) if path.is_symlink() else None
    return (stat.S_IFMT(info.st_mode), info.st_ino, content, link)


def listing(*folders: Path) -> dict[str, list[str]]:
    return {str(f): sorted(p.name for p in f.iterdir()) for f in folders}


def window_export(folder: Path, target: Path, qtbot, monkeypatch) -> tuple[Path | None, list[str]]:
    """File ▸ Export PDF… in a window on ``folder``, saving to ``target``."""
    from PySide6.QtWidgets import QWidget

    from bonewise.ui import export_actions
    from bonewise.ui.document import PlanDocument
    from bonewise.ui.export_actions import ExportActions, ExportChoice, PageSetup

    errors: list[str] = []
    monkeypatch.setattr(export_actions, "ask_save_path", lambda *args: target)
    monkeypatch.setattr(export_actions, "show_error", lambda parent, title, msg: errors.append(msg))
    repo = Repository.open(folder)
    foods = foods_for(repo)
    doc = PlanDocument(repo, foods)
    window = QWidget()
    qtbot.addWidget(window)
    try:
        doc.show(repo.person_by_name("Zoë").id, IsoWeek.parse(WEEK))
        saved = ExportActions(doc, window).export_pdf(ExportChoice(("plan",), PageSetup(), open_after=False))
    finally:
        doc.deleteLater()
        foods.close()
        repo.close()
    return saved, errors


def export_to(writer: str, folder: Path, target: Path, request) -> tuple[bool, str]:
    """Run ``writer`` towards ``target``: (written, the message shown)."""
    if writer == "window export":
        saved, errors = window_export(folder, target, request.getfixturevalue("qtbot"),
                                      request.getfixturevalue("monkeypatch"))  # fmt: skip
        assert len(errors) == (0 if saved else 1), errors
        return saved is not None, errors[0] if errors else ""
    capsys = request.getfixturevalue("capsys")
    code = cli.main(["--data-dir", str(folder), *cli_writers()[writer](target)])
    out, err = capsys.readouterr()
    if code == 0:
        return True, out
    assert code == 1 and out == "", (code, out, err)
    assert err.startswith("bonewise: error: ") and err.count("\n") == 1, err
    return False, err


@pytest.mark.parametrize("what", TARGETS)
@pytest.mark.parametrize("writer", WRITERS)
def test_a_protected_target_is_refused_and_left_as_it_was(folder, open_store, a_socket, tmp_path,
                                                          request, writer, what):  # fmt: skip
    targets = protected(folder, tmp_path)
    target = targets[what]
    watched = {str(p): snapshot(p) for p in targets.values()} | {
        str(p): snapshot(p) for p in folder.rglob("*") if not p.name.endswith(("-shm", "-wal"))
    }
    before = listing(folder, folder / "backups", tmp_path, tmp_path / "links", tmp_path / "other-data")
    written, message = export_to(writer, folder, target, request)
    assert not written, f"{writer} wrote {what}: {message}"
    assert "internal error" not in message and "Traceback" not in message
    assert len(message) < 600
    after = {p: snapshot(Path(p)) for p in watched}
    assert after == watched
    assert integrity(folder / "bonewise.sqlite") == "ok"
    assert listing(folder, folder / "backups", tmp_path, tmp_path / "links", tmp_path / "other-data") == before


@pytest.mark.parametrize("writer", WRITERS)
def test_an_export_into_the_data_folder_itself_is_written_and_may_be_replaced(folder, tmp_path, request, writer):
    suffix = ".json" if writer == "plan export" else ".pdf"
    target = folder / f"week 49{suffix}"
    for _ in range(2):  # the second time over the first
        written, message = export_to(writer, folder, target, request)
        assert written, message
    assert target.stat().st_size > 0 and snapshot(folder / "bonewise.lock")
    target.unlink()


@pytest.mark.parametrize("writer", WRITERS)
def test_a_link_to_an_ordinary_file_is_written_through_and_stays_a_link(folder, tmp_path, request, writer):
    suffix = ".json" if writer == "plan export" else ".pdf"
    real = tmp_path / f"real{suffix}"
    real.write_bytes(b"an older export")
    link = tmp_path / f"link{suffix}"
    link.symlink_to(real)
    written, message = export_to(writer, folder, link, request)
    assert written, message
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != b"an older export"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([real.name, link.name])
