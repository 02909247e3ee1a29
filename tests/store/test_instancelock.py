"""One app per data folder; a lock left by a killed process does not block the next start."""

import os
import signal
import subprocess
import sys

import pytest

from bonewise.store.instancelock import AlreadyRunningError, InstanceLock

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from bonewise.store.instancelock import InstanceLock\n"
    "InstanceLock(Path(sys.argv[1])).acquire()\n"
    "print('locked', flush=True)\n"
    "time.sleep(60)\n"
)


def _holder(data_dir):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_instance_is_refused_with_the_holder_named(tmp_path):
    proc = _holder(tmp_path)
    try:
        with pytest.raises(AlreadyRunningError, match=f"already open.*process {proc.pid}"):
            InstanceLock(tmp_path).acquire()
    finally:
        proc.kill()
        proc.wait()


def test_lock_left_by_a_killed_process_is_recovered(tmp_path):
    proc = _holder(tmp_path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (tmp_path / "bonewise.lock").exists()  # the stale file is still there ...
    with InstanceLock(tmp_path) as lock:  # ... but it no longer blocks anyone
        assert lock.held


def test_release_lets_the_next_instance_in(tmp_path):
    first = InstanceLock(tmp_path)
    first.acquire()
    first.release()
    with InstanceLock(tmp_path) as second:
        assert second.held
    assert oct((tmp_path / "bonewise.lock").stat().st_mode & 0o777) == "0o600"
