"""Exports to a folder that cannot be written, or to a full disk: a clear message, no half file.

Covers the PDF export, the shopping list and the plan bundle, through the command
line. "Not writable" is a path under a regular file, and (where this machine lets
the tests mount) a read-only bind mount; a full disk is a 32 KB tmpfs, or (anywhere)
an ENOSPC injected where the data reaches the disk. An older file of the same name
must survive a failed export unchanged.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_data import fill_store

from bonewise import cli
from bonewise.store.repository import Repository

WEEK = "2026-W49"
OLD = b"an older export the user still has\n"


def exports(out: Path) -> dict[str, list[str]]:
    """Each export command, writing into ``out``."""
    return {
        "week pdf": ["export", "pdf", "--person", "Zoë", "--week", WEEK, "--out", str(out / "zoe.pdf")],
        "shopping list": ["export", "shopping-list", "--person", "Zoë", "--week", WEEK,
                          "--out", str(out / "shopping.pdf")],
        "plan bundle": ["plan", "export", "--person", "Zoë", "--week", WEEK, "--week", "2026-W50",
                        "--week", "2026-W51", str(out / "zoe.json")],
    }  # fmt: skip


KINDS = list(exports(Path(".")))
N_EXPORTS = len(KINDS)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    with Repository.open(folder) as repo:
        fill_store(repo, weeks=3, items=6)
    return folder


def run(capsys, data: Path, args: list[str]) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, out: str, err: str, *words: str, folder: Path | None = None) -> None:
    """One clear line that says ``words`` (outside the name of ``folder``, which the test chose)."""
    assert code == 1 and out == "", (code, out, err)
    assert err.startswith("bonewise: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err
    said = err.replace(str(folder), "<folder>") if folder is not None else err
    for word in words:
        assert word in said, err


DISK_FULL = ("full", "No space left")


def says_disk_full(err: str, folder: Path) -> bool:
    return any(word in err.replace(str(folder), "") for word in DISK_FULL)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "old")


@pytest.mark.parametrize("kind", KINDS)
def test_export_works_here(data, tmp_path, capsys, kind):
    # The control: each export does write its file when nothing is wrong.
    code, _, err = run(capsys, data, exports(tmp_path)[kind])
    assert code == 0, err
    assert len(leftovers(tmp_path)) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_path_under_a_regular_file_is_refused_clearly(data, tmp_path, capsys, kind):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    args = exports(blocker)[kind]
    assert_refused(*run(capsys, data, args), str(blocker))
    assert blocker.read_text() == "a file, not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_folder_is_refused_clearly(data, tmp_path, capsys, kind):
    assert_refused(*run(capsys, data, exports(tmp_path / "no" / "such")[kind]), "no/such")
    assert list(tmp_path.iterdir()) == []


# -- injected faults: work everywhere ------------------------------------------------------------


def enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("kind", KINDS)
def test_disk_full_while_writing_leaves_no_half_file(data, tmp_path, capsys, monkeypatch, kind):
    target = Path(exports(tmp_path)[kind][-1])
    target.write_bytes(OLD)
    real_open = os.open
    opened: list[int] = []

    def tracking_open(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if flags & (os.O_WRONLY | os.O_RDWR) and Path(path).parent == tmp_path:
            opened.append(fd)
        return fd

    real_write = os.write

    def full_disk_write(fd, data):
        if fd in opened:
            enospc()
        return real_write(fd, data)

    # The disk fills up at whichever point the data meets it: a write or the flush to disk.
    monkeypatch.setattr(os, "open", tracking_open)
    monkeypatch.setattr(os, "write", full_disk_write)
    monkeypatch.setattr(os, "fsync", enospc)
    monkeypatch.setattr(os, "replace", enospc)
    code, out, err = run(capsys, data, exports(tmp_path)[kind])
    monkeypatch.undo()
    assert_refused(code, out, err)
    assert says_disk_full(err, tmp_path), err
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == [target.name]


# -- real file systems: a tiny tmpfs and a read-only bind mount ------------------------------------


def _mount(*args: str) -> bool:
    try:
        return subprocess.run(["mount", *args], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.fixture
def mounted(tmp_path):
    """Mount helpers that skip the test where this machine does not allow mounting."""
    if not sys.platform.startswith("linux"):
        pytest.skip("mounts are Linux-only here")
    points: list[Path] = []

    def mount(point: Path, *args: str) -> Path:
        point.mkdir(exist_ok=True)
        if not _mount(*args, str(point)):
            pytest.skip("this machine does not let the tests mount file systems")
        points.append(point)
        return point

    yield mount
    for point in reversed(points):
        subprocess.run(["umount", str(point)], capture_output=True, timeout=10)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_a_really_full_disk_gives_a_clear_message(data, tmp_path, capsys, mounted, kind):
    tiny = mounted(tmp_path / "tiny", "-t", "tmpfs", "-o", "size=32k", "tmpfs")
    target = Path(exports(tiny)[kind][-1])
    target.write_bytes(OLD)
    (tiny / "filler").write_bytes(b"\0" * 16 * 1024)  # what the rest of the disk holds
    code, out, err = run(capsys, data, exports(tiny)[kind])
    assert_refused(code, out, err)
    assert says_disk_full(err, tmp_path), err
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tiny.iterdir()) == sorted(["filler", target.name])


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_folder_gives_a_clear_message(data, tmp_path, capsys, mounted, kind):
    shared = tmp_path / "shared"
    shared.mkdir()
    target = Path(exports(shared)[kind][-1])
    target.write_bytes(OLD)
    mounted(shared, "--bind", str(shared))
    if not _mount("-o", "remount,ro,bind", str(shared)):
        pytest.skip("this machine does not allow a read-only remount")
    code, out, err = run(capsys, data, exports(shared)[kind])
    assert_refused(code, out, err, str(shared))
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in shared.iterdir()) == [target.name]
