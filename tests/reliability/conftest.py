"""Fixtures shared by the reliability tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_data import backed_up_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder whose store holds Zoë (backed up yesterday) and Ann (added since)."""
    return backed_up_folder(tmp_path / "data")
