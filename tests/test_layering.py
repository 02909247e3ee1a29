"""Layering: core, store and export never import Qt; edits reach the undo stack through one door."""

import ast
import subprocess
import sys
from pathlib import Path


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


# -- one way to make an edit -------------------------------------------------------------

SRC = Path(__file__).resolve().parents[1] / "src" / "bonewise"


def _calls_to(name: str, tree: ast.AST) -> list[int]:
    """Lines that call a method called ``name`` (``anything.name(...)``)."""
    return [
        node.lineno for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == name
    ]


def pushes_outside_the_document(root: Path = SRC) -> list[str]:
    """Every ``….push(…)`` call except PlanDocument's: the undo stack has one door."""
    allowed = root / "ui" / "document.py"
    found = []
    for path in sorted(root.rglob("*.py")):
        if path != allowed:
            found += [f"{path.relative_to(root)}:{line}" for line in _calls_to("push", ast.parse(path.read_text()))]
    return found


def test_only_the_plan_document_pushes_onto_the_undo_stack():
    assert pushes_outside_the_document() == [], "edit through PlanDocument.apply, not undo_stack.push"


def test_the_push_check_would_notice_a_push(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "document.py").write_text("stack.push(command)\n")
    (tmp_path / "ui" / "panel.py").write_text("def f(doc):\n    doc.undo_stack.push(make())\n")
    assert pushes_outside_the_document(tmp_path) == ["ui/panel.py:2"]


def connections_outside_the_store(root: Path = SRC) -> list[str]:
    """Every use of a ``.db`` or ``.conn`` attribute outside ``store/``: the connection stays there."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if (root / "store") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and node.attr in ("db", "conn"):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_database_connection_leaves_the_store():
    assert connections_outside_the_store() == [], "go through Repository (or its custom_foods)"


def test_the_connection_check_would_notice_one(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "repository.py").write_text("self.db.execute('SELECT 1')\n")
    (tmp_path / "cli.py").write_text("foods = FoodStore(path, repo.db)\n")
    assert connections_outside_the_store(tmp_path) == ["cli.py:1"]
