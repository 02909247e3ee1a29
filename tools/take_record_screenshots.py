"""Screenshots of the health record: People ▸ Health Record, and the dose reminder above the week.

    .venv/bin/python tools/make_demo_data.py /tmp/demo
    Xvfb :77 -screen 0 1366x768x24 -nolisten tcp &
    DISPLAY=:77 .venv/bin/python tools/take_record_screenshots.py /tmp/demo docs/screenshots

Writes health-record.png (the People dialog on the Health Record tab, a DXA result
being added) and dose-reminder.png (the main window with Zoë's late denosumab dose).
"""

from __future__ import annotations

import sys
from pathlib import Path

from take_first_run_screenshots import settle, shoot  # same folder: the shared timing and grab


def main() -> int:
    data, out = Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QDate

    from bonewise.core.record import Kind

    from bonewise.ui.app import application, open_window
    from bonewise.ui.people import PeopleDialog

    app = application()
    session = open_window(data)
    window = session.window
    window.setGeometry(0, 0, 1366, 768)
    settle(app)
    shoot(app, window, out / "dose-reminder.png")

    dialog = PeopleDialog(window.document, window)
    dialog.tabs.setCurrentWidget(dialog.record_tab)
    tab = dialog.record_tab
    tab.kind.setCurrentIndex(tab.kind.findData(Kind.DXA))
    tab.item.setCurrentText("total hip")
    tab.date.setDate(QDate(2026, 12, 3))
    tab.value.setText("−1.4")
    dialog.resize(980, 700)
    dialog.move(190, 30)
    dialog.show()
    shoot(app, window, out / "health-record.png")
    dialog.reject()
    window.close()
    session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
