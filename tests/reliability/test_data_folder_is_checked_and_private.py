"""The data folder: a file or a dangling link in its place is one sentence; an open folder is made
private; checking or repairing a folder that does not exist does not create it."""

from __future__ import annotations

import stat
import sys

import pytest
from reliability_data import run_cli

from bonewise.core.plan import Person
from bonewise.store.repository import Repository

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and links")

COMMANDS = {
    "person list": ["person", "list"],
    "person add": ["person", "add", "Zoë"],
    "repair": ["repair"],
    "repair --check": ["repair", "--check"],
}



def not_a_folder(tmp_path, kind):
    place = tmp_path / "data"
    if kind == "a regular file":
        place.write_text("my notes\n")
    else:
        place.symlink_to(tmp_path / "gone")
    return place


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", ["a regular file", "a link to nothing"])
def test_a_data_folder_that_is_not_a_folder_is_one_sentence(tmp_path, capsys, kind, command):
    place = not_a_folder(tmp_path, kind)
    code, out, err = run_cli(capsys, place, *COMMANDS[command])
    assert code == 1 and out == "" and err.count("\n") == 1, (out, err)
    assert err.startswith("bonewise: error: ") and "internal error" not in err
    assert "not a folder" in err or "does not exist" in err or "is a file" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # nothing was created
    if kind == "a regular file":
        assert place.read_text() == "my notes\n"
    else:
        assert place.is_symlink() and not (tmp_path / "gone").exists()


@pytest.mark.parametrize("kind", ["a regular file", "a link to nothing"])
def test_the_window_says_so_too(qapp, tmp_path, monkeypatch, kind):
    from bonewise.ui import app

    place = not_a_folder(tmp_path, kind)
    errors = []
    monkeypatch.setattr(app, "show_start_error", errors.append)
    assert app.run_gui(place) == 1
    assert len(errors) == 1 and str(place) in errors[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


@pytest.mark.parametrize("mode, tightened", [(0o777, 0o700), (0o755, 0o700), (0o750, 0o700),
                                             (0o555, 0o500)])  # fmt: skip
def test_an_open_data_folder_is_made_private_and_a_read_only_one_stays_read_only(tmp_path, mode, tightened):
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.save_person(Person("Zoë"))
    folder.chmod(mode)
    try:
        with Repository.open(folder) as repo:
            assert [p.name for p in repo.people()] == ["Zoë"]
        assert stat.S_IMODE(folder.stat().st_mode) == tightened
        assert stat.S_IMODE((folder / "bonewise.sqlite").stat().st_mode) == 0o600
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize("args", [["repair"], ["repair", "--check"], ["repair", "--list"]])
def test_repair_on_a_folder_that_does_not_exist_creates_nothing(tmp_path, capsys, args):
    missing = tmp_path / "no" / "such" / "data"
    code, out, err = run_cli(capsys, missing, *args)
    assert code == 0 and err == "" and "nothing to check or repair" in out
    assert list(tmp_path.iterdir()) == []
