"""A plan import reads no more than its 20 MB limit, whatever the file says about itself.

``plan import /dev/zero`` grew to 24 GB before the kernel killed it; the limit was
checked against the size the file system reports. Now devices, named pipes, sockets
and folders (directly or through a link) are refused before a byte is read, and an
ordinary file is read to at most one byte past the limit, even when it reports a
size that is not true. Each refusal is one sentence and imports nothing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_data import dump_file, filled_folder, run_cli

from bonewise.store import bundles, userfiles

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="devices, pipes and sockets are POSIX")

LIMIT = bundles.MAX_BYTES


@pytest.fixture
def folder(tmp_path):
    return filled_folder(tmp_path / "data")


def hostile(tmp_path: Path, what: str) -> Path:
    """A path to import that is not an ordinary file, made for the test where needed."""
    if what.startswith("/dev/"):
        return Path(what)
    if what == "a link to /dev/zero":
        (tmp_path / "plan.json").symlink_to("/dev/zero")
        return tmp_path / "plan.json"
    if what == "a named pipe nobody writes to":
        os.mkfifo(tmp_path / "plan.json")
        return tmp_path / "plan.json"
    if what == "a folder":
        (tmp_path / "plan.json").mkdir()
        return tmp_path / "plan.json"
    raise AssertionError(what)


# (A named pipe is tried in a real process below: a read from it, were it tried, would wait forever.)
NOT_FILES = ["/dev/zero", "/dev/urandom", "/dev/null", "a link to /dev/zero", "a folder"]



@pytest.fixture
def reads(monkeypatch):
    """The bytes the import reads, counted where they come off the disk."""
    counted = {"bytes": 0}
    real_read = os.read

    def counting_read(fd, size):
        data = real_read(fd, size)
        counted["bytes"] += len(data)
        return data

    monkeypatch.setattr(userfiles.os, "read", counting_read)
    return counted


@pytest.mark.parametrize("what", NOT_FILES)
def test_what_is_not_an_ordinary_file_is_refused_before_reading(folder, tmp_path, capsys, reads, what):
    before = dump_file(folder / "bonewise.sqlite")
    path = hostile(tmp_path, what)
    code, out, err = run_cli(capsys, folder, "plan", "import", str(path))
    assert code == 1 and out == "" and err.count("\n") == 1, err
    assert "internal error" not in err
    assert any(w in err for w in ("a device", "a folder")), err
    assert reads["bytes"] == 0
    assert dump_file(folder / "bonewise.sqlite") == before


def test_a_named_pipe_does_not_hang_the_real_command(folder, tmp_path):
    pipe = hostile(tmp_path, "a named pipe nobody writes to")
    proc = subprocess.run(
        [sys.executable, "-m", "bonewise", "--data-dir", str(folder), "plan", "import", str(pipe)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1 and "a named pipe" in proc.stderr and proc.stderr.count("\n") == 1


def test_a_socket_is_refused(folder, tmp_path, capsys, reads):
    path = tmp_path / "plan.json"
    if len(str(path)) > 100:
        pytest.skip("the temporary path is too long for a Unix socket")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        code, _, err = run_cli(capsys, folder, "plan", "import", str(path))
    assert code == 1 and "a socket" in err and reads["bytes"] == 0


def test_a_file_larger_than_it_says_is_read_only_to_the_limit(folder, tmp_path, capsys, reads, monkeypatch):
    big = tmp_path / "plan.json"
    with open(big, "wb") as out:
        out.truncate(3 * LIMIT)  # sparse: 60 MB that take no room
    real_stat, real_fstat = os.stat, os.fstat

    def small(result):
        fields = list(result)
        fields[6] = 100  # st_size: the file says it is 100 bytes
        return os.stat_result(fields)

    monkeypatch.setattr(userfiles.os, "stat", lambda *a, **k: small(real_stat(*a, **k)))
    monkeypatch.setattr(userfiles.os, "fstat", lambda fd: small(real_fstat(fd)))
    code, _, err = run_cli(capsys, folder, "plan", "import", str(big))
    assert code == 1 and "larger than 20 MB" in err and err.count("\n") == 1, err
    assert reads["bytes"] == LIMIT + 1


def test_standard_input_is_read_only_to_the_limit(folder, capsys, monkeypatch):
    with open("/dev/zero", "rb") as zero:
        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": zero})())
        code, _, err = run_cli(capsys, folder, "plan", "import", "-")
        assert zero.tell() <= LIMIT + 1
    assert code == 1 and "20 MB" in err


def test_an_ordinary_bundle_at_the_limit_is_still_read(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b" " * LIMIT)
    assert len(bundles.read_bundle_file(path)) == LIMIT
