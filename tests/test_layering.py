"""The core, store and export layers must never import Qt."""

import subprocess
import sys


def test_core_store_export_do_not_import_qt():
    code = (
        "import pkgutil, importlib, sys\n"
        "import bonewise.core, bonewise.store, bonewise.export, bonewise.cli\n"
        "for pkg in (bonewise.core, bonewise.store, bonewise.export):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "import bonewise.cli as cli\n"
        "cli.build_parser()\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt was imported by a non-UI layer: {result.stdout}"


def test_layering_check_would_notice_qt():
    """Guard against a check that cannot fail: importing Qt is visible in sys.modules."""
    code = "import sys, PySide6.QtCore; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
