"""Export tests read PDFs back with poppler's pdftotext; fail loudly if it is missing."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(autouse=True)
def _needs_poppler():
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.fail("pdftotext and pdfinfo (poppler-utils) are needed to check PDF contents")
