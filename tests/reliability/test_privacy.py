"""Privacy: nothing leaves the machine, and the health data is readable by its owner only.

- A full session of the command line and of the app runs under ``strace``; any
  connect/sendto/sendmsg to an internet address (AF_INET or AF_INET6) fails the test.
- The same command-line session runs in-process with every way to reach the
  network made to raise.
- The store, its -wal/-shm, the backups and the lock file are mode 0600 in a 0700
  folder, whatever the umask.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from session_driver import cli_session

from bonewise import cli
from bonewise.store.instancelock import InstanceLock
from bonewise.store.repository import Repository

DRIVER = Path(__file__).with_name("session_driver.py")
STRACE = shutil.which("strace")
TRACED = "connect,sendto,sendmsg"


def internet_calls(log: Path) -> list[str]:
    """The traced calls that name an internet address (AF_INET6 contains AF_INET)."""
    return [line for line in log.read_text().splitlines() if "AF_INET" in line]


def strace(tmp_path: Path, script: str) -> tuple[subprocess.CompletedProcess, Path]:
    log = tmp_path / "strace.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [STRACE, "-f", "-qq", "-e", f"trace={TRACED}", "-e", "signal=none", "-o", str(log),
         "sh", "-c", script],
        capture_output=True, text=True, timeout=180, env=env,
    )  # fmt: skip
    if "PTRACE" in proc.stderr and "not permitted" in proc.stderr:
        pytest.skip("this machine does not allow strace to trace processes")
    return proc, log


needs_strace = pytest.mark.skipif(
    STRACE is None or not sys.platform.startswith("linux"), reason="needs strace (Linux)"
)


@needs_strace
def test_the_trace_sees_an_internet_socket_when_there_is_one(tmp_path):
    # The control: the detector below would catch a single UDP datagram to localhost.
    code = "import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', 9))"
    proc, log = strace(tmp_path, f"{sys.executable} -c \"{code}\"")
    assert proc.returncode == 0, proc.stderr
    assert any("sendto" in line for line in internet_calls(log))


@pytest.mark.slow
@needs_strace
def test_no_internet_socket_in_a_full_session_of_command_line_and_app(tmp_path):
    data, out = tmp_path / "data", tmp_path / "out"
    out.mkdir()
    py, driver = sys.executable, DRIVER
    proc, log = strace(tmp_path, f"{py} {driver} cli {data} {out} && {py} {driver} gui {data}")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert (out / "zoe.pdf").stat().st_size > 0 and (out / "zoe.json").stat().st_size > 0
    assert "Imported" in proc.stdout  # the session really ran to its end
    assert internet_calls(log) == []


# -- in-process guard ------------------------------------------------------------------------------


class NetworkAttempt(OSError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Make every way to the network raise, and record the attempts."""
    attempts: list[str] = []
    internet = (socket.AF_INET, socket.AF_INET6)

    def refuse(what: str):
        attempts.append(what)
        raise NetworkAttempt(f"network access attempted: {what}")

    def guarded(name: str):
        original = getattr(socket.socket, name)

        def method(self, *args, **kwargs):
            if self.family in internet:
                refuse(f"{name}{args!r}")
            return original(self, *args, **kwargs)

        return method

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, guarded(name))
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
        monkeypatch.setattr(socket, name, lambda *a, _n=name, **k: refuse(f"{_n}{a!r}"))
    return attempts


def test_the_guard_catches_a_network_call(no_network):
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org/", timeout=1)
    assert no_network
    no_network.clear()


def test_no_network_call_in_a_command_line_session(tmp_path, no_network, capsys):
    out = tmp_path / "out"
    out.mkdir()
    for args in cli_session(tmp_path / "data", out):
        code = cli.main(args)
        assert code == 0, (args, capsys.readouterr().err)
    assert no_network == []


# -- file modes --------------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask-022", "umask-000"])
def test_store_logs_backups_and_lock_are_owner_only(tmp_path, capsys, umask):
    data = tmp_path / "new" / "data"  # created by Bonewise itself
    out = tmp_path / "out"
    out.mkdir()
    old = os.umask(umask)
    try:
        for args in cli_session(data, out):
            assert cli.main(args) == 0, capsys.readouterr().err
        with InstanceLock(data), Repository.open(data) as repo:
            repo.set_setting("touched", True)  # the -wal and -shm exist while the store is open
            files = [data / "bonewise.sqlite", data / "bonewise.sqlite-wal",
                     data / "bonewise.sqlite-shm", data / "bonewise.lock",
                     *sorted((data / "backups").iterdir())]  # fmt: skip
            assert len(files) > 4, "expected at least one backup"
            modes = {p.name: oct(mode(p)) for p in files}
    finally:
        os.umask(old)
    assert set(modes.values()) == {oct(0o600)}, modes
    assert oct(mode(data)) == oct(0o700)
    assert oct(mode(data / "backups")) == oct(0o700)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_store_from_an_older_build_is_made_private_when_opened(tmp_path):
    data = tmp_path / "data"
    Repository.open(data).close()
    (data / "bonewise.sqlite").chmod(0o644)
    Repository.open(data).close()
    assert mode(data / "bonewise.sqlite") == 0o600
