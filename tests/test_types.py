"""Types are part of the suite: `mypy src` stays clean ([tool.mypy] in pyproject.toml).

Run with the tests so that a change which breaks a typed seam is seen before it lands,
not only by CI.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_type_errors():
    result = subprocess.run([sys.executable, "-m", "mypy", "src"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
