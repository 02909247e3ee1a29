"""The guarded writer for files the user names: atomic, one sentence per problem, no half files."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from bonewise.errors import BonewiseError
from bonewise.store import userfiles
from bonewise.store.userfiles import check_output_path, write_user_file


def write(data: bytes, path: Path, data_dir: Path | None = None) -> Path:
    return write_user_file(data, path, data_dir=data_dir, suffix=".pdf")


def test_replaces_atomically_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    assert write(b"%PDF-new", target) == target
    assert target.read_bytes() == b"%PDF-new"
    assert os.listdir(tmp_path) == ["plan.pdf"]


def test_the_folder_is_flushed_after_the_rename(tmp_path, monkeypatch):
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append("folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "file")
        return real_fsync(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell a folder's descriptor from a file's")
    monkeypatch.setattr(userfiles.os, "fsync", fsync)
    write(b"%PDF", tmp_path / "plan.pdf")
    assert synced == ["file", "folder"]


def test_a_file_system_that_cannot_flush_a_folder_still_writes(tmp_path, monkeypatch):
    real_fsync = os.fsync

    def fsync(fd):
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fsync(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell a folder's descriptor from a file's")
    monkeypatch.setattr(userfiles.os, "fsync", fsync)
    assert write(b"%PDF", tmp_path / "plan.pdf").read_bytes() == b"%PDF"


def test_an_unwritable_folder_is_a_clear_error(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root ignores permissions: simulate the refusal
            def refuse(*args, **kwargs):
                raise PermissionError(errno.EACCES, "Permission denied")

            monkeypatch.setattr(userfiles.tempfile, "mkstemp", refuse)
        with pytest.raises(BonewiseError, match="permission denied"):
            write(b"%PDF", locked / "plan.pdf")
    finally:
        locked.chmod(0o700)
    assert not (locked / "plan.pdf").exists()


def test_a_full_disk_keeps_the_old_file_and_leaves_no_half_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(userfiles.os, "fsync", full)
    with pytest.raises(BonewiseError, match="disk is full"):
        write(b"%PDF-new", target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["plan.pdf"]


def test_a_missing_folder_or_a_folder_as_target_is_a_clear_error(tmp_path):
    with pytest.raises(BonewiseError, match="does not exist"):
        write(b"%PDF", tmp_path / "nope" / "plan.pdf")
    with pytest.raises(BonewiseError, match="is a folder"):
        write(b"%PDF", tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(BonewiseError, match="notes.txt is a file, not a folder"):
        write(b"%PDF", tmp_path / "notes.txt" / "plan.pdf")


def test_a_name_too_long_for_the_disk_is_one_sentence(tmp_path):
    with pytest.raises(BonewiseError, match="too long for this disk") as caught:
        write(b"%PDF", tmp_path / ("p" * 300 + ".pdf"))
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 400
    assert os.listdir(tmp_path) == []


def test_a_name_just_within_the_limit_is_written(tmp_path):
    # The temporary name beside it must not be what breaks the limit.
    target = tmp_path / ("p" * 251 + ".pdf")
    assert write(b"%PDF", target).read_bytes() == b"%PDF"


def test_control_characters_in_a_path_do_not_break_the_message(tmp_path):
    with pytest.raises(BonewiseError) as caught:
        write(b"%PDF", tmp_path / "no\nsuch\x1b[31m" / "plan.pdf")
    assert "\n" not in str(caught.value) and "\x1b" not in str(caught.value)


def test_checking_changes_nothing(tmp_path):
    target = tmp_path / "plan.pdf"
    assert check_output_path(target, data_dir=None, suffix=".pdf") == target
    assert os.listdir(tmp_path) == []
