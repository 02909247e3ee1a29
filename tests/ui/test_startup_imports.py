"""Opening the window must not load the PDF or solver libraries: they cost ~0.2 s each at start-up."""

import subprocess
import sys

HEAVY = ("reportlab", "highspy", "pypdfium2")


def _loaded_after(statement: str) -> list[str]:
    code = (
        f"import sys\n{statement}\n"
        f"print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [name for name in result.stdout.strip().split(",") if name]


def test_main_window_module_does_not_load_pdf_or_solver_libraries():
    assert _loaded_after("import bonewise.ui.mainwindow") == []


def test_command_line_parser_does_not_load_them_either():
    assert _loaded_after("import bonewise.cli as c; c.build_parser()") == []


def test_the_check_notices_a_heavy_import():
    assert _loaded_after("import reportlab.platypus") == ["reportlab"]
