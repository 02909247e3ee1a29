"""The desktop entry and AppStream metadata pass their validators; the icon set is complete."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is not installed (.ci/run installs it)")
    return subprocess.run([tool, *args], capture_output=True, text=True)


def test_desktop_entry_is_valid():
    result = _run("desktop-file-validate", str(LINUX / "org.bonewise.Bonewise.desktop"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()


def test_appstream_metainfo_is_valid():
    result = _run("appstreamcli", "validate", "--no-net", str(LINUX / "org.bonewise.Bonewise.metainfo.xml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_icon_sizes_exist():
    icons = ROOT / "resources" / "icons"
    assert (icons / "bonewise.svg").read_text().lstrip().startswith("<?xml")
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = icons / f"bonewise-{size}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
