"""Help ▸ Bonewise Guide (F1): a short guide inside the app, with no network at all.

The text is local HTML. Numbers and symbols that the code decides (gauge
symbols, per-sitting limits, the vitamin D conversion, how many backups are kept)
are read from the modules that decide them, and the shortcut table is read from
the window's own menus each time the guide opens, so none of it can go stale.
Links only jump to anchors inside the guide; anything else is ignored.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QTextBrowser,
    QVBoxLayout,
)

from bonewise import APP_NAME
from bonewise.core.checks import (
    MEAL_CALCIUM_PER_SITTING_MG,
    SITTING_MARK,
    SUPPLEMENT_CALCIUM_PER_SITTING_MG,
)
from bonewise.core.nutrients import IU_PER_UG_VITAMIN_D, NMOL_PER_NG_25OHD
from bonewise.core.status import Status
from bonewise.core.targets import (
    CALCIUM_LIMITS_BY_AGE,
    HEANEY_1990,
    HEANEY_1991,
    IOM_2001,
    IOM_2011,
    KNAPEN_2013,
    SCHURGERS_2007,
)
from bonewise.core.totals import format_number
from bonewise.store.backups import BACKUP_DIR_NAME, KEEP

from bonewise.ui.gauges.style import status_colour

if TYPE_CHECKING:
    from bonewise.ui.mainwindow import MainWindow

SECTIONS = (
    ("planning", "Planning a week"),
    ("adding", "Adding foods"),
    ("amounts", "Amounts and household measures"),
    ("gauges", "The gauges and their symbols"),
    ("sittings", "Calcium per sitting"),
    ("warnings", "Warnings and their sources"),
    ("k2", "Vitamin K2 is an estimate"),
    ("vitamin-d", "Vitamin D: IU and µg"),
    ("printing", "Printing and the shopping list"),
    ("undo", "Undo, and saving"),
    ("data", "Where your data lives"),
    ("keys", "Keyboard shortcuts"),
)

# Keys the week plan handles itself (view.py keyPressEvent and the cell editor):
# they are not menu actions, so they cannot be read from one.
GRID_KEYS = (
    ("Any letter", "Start typing a food into the selected meal"),
    ("Enter", "Open the food editor in the selected meal; in the editor, add what it shows"),
    ("Escape", "Close the food editor without adding anything"),
    ("Up / Down", "Step through the items of a meal, then on to the meal above or below"),
    ("Left / Right", "Go to the day before or after"),
    ("Shift+F10 or the Menu key", "Open the menu for the selected item"),
)


def _plain(text: str) -> str:
    """A menu text without its mnemonic ampersands ("&&" stays a real "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _on_ordinary_keyboards(keys: QKeySequence) -> bool:
    """False for the dedicated keys of some keyboards (F13–F35, "Undo", "Cut", "Find" …),
    which Qt's standard bindings include but nobody needs listed."""
    return keys.count() > 0 and keys[0].key().value < Qt.Key.Key_F13.value  # type: ignore[index]  # QKeySequence has operator[]


def _key_text(action: QAction) -> str:
    keys = [k for k in action.shortcuts() if _on_ordinary_keyboards(k)] or action.shortcuts()
    return " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def _command_text(action: QAction) -> str:
    # Undo and Redo carry the next step in their text ("Undo Add Food"); the table names the command.
    if action.objectName() in ("undo", "redo"):
        return action.objectName().capitalize()
    return _plain(action.text()).rstrip("…").strip()


def shortcut_rows(menubar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has a shortcut, in menu order."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str, seen: set[int]) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu) and id(sub) not in seen:
                seen.add(id(sub))
                walk(sub, f"{title} ▸ {_plain(action.text())}", seen)
            elif action.shortcuts() and not action.isSeparator():
                rows.append((title, _command_text(action), _key_text(action)))

    for top in menubar.actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()), set())
    return rows


def html_table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table for a QTextBrowser; ``rows`` hold HTML (escape plain text first)."""
    # Shades from the palette (a dark theme stays readable); every other row shaded, so
    # the eye keeps to its line across a wide table.
    palette = QApplication.palette()
    shade = palette.color(QPalette.ColorRole.AlternateBase).name()
    heading = palette.color(QPalette.ColorRole.Button).name()
    head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in header)
    body = "".join(
        f"<tr{f' bgcolor={shade}' if i % 2 else ''}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
        for i, row in enumerate(rows)
    )
    return ("<table cellspacing='0' cellpadding='4' width='100%'>"
            f"<tr bgcolor='{heading}'>{head}</tr>{body}</table>")


def _symbol_rows() -> list[tuple[str, str]]:
    return [
        (f"<span style='color:{status_colour(status).name()}; font-size:large'><b>{status.symbol}</b></span>",
         html.escape(status.words.capitalize()))
        for status in Status
    ]


def guide_html(menubar: QMenuBar, data_folder: str | None = None) -> str:
    """The guide as HTML; the shortcut table comes from ``menubar`` as it is now."""
    contents = " · ".join(f"<a href='#{anchor}'>{html.escape(title)}</a>" for anchor, title in SECTIONS)
    folder = (f"<code>{html.escape(data_folder)}</code>" if data_folder
              else "the data folder chosen when Bonewise started")
    ca_meal = format_number(MEAL_CALCIUM_PER_SITTING_MG)
    ca_supplement = format_number(SUPPLEMENT_CALCIUM_PER_SITTING_MG)
    iu = format_number(IU_PER_UG_VITAMIN_D)
    calcium_by_age = ", ".join(f"{g.value:,.0f} mg at {g.ages}" for g in CALCIUM_LIMITS_BY_AGE)
    rows, previous = [], None
    for menu, command, key in shortcut_rows(menubar):
        # The menu's name once, at the first of its rows.
        rows.append(("" if menu == previous else f"<b>{html.escape(menu)}</b>",
                     html.escape(command), f"<b>{html.escape(key)}</b>"))
        previous = menu
    keys = html_table(("Menu", "Command", "Keys"), rows)
    grid_keys = html_table(("Key", "In the week plan"),
                       [(f"<b>{html.escape(k)}</b>", html.escape(v)) for k, v in GRID_KEYS])
    symbols = html_table(("Symbol", "Meaning"), _symbol_rows())

    def section(anchor: str, title: str) -> str:
        return (f"<h2><a name='{anchor}'></a>{html.escape(title)}</h2>{bodies[anchor]}"
                "<p align='right'><small><a href='#top'>↑ Contents</a></small></p>")

    bodies = {
        "planning": """
<p>The week is a table: days across, meals down. The title bar names the person and the week.
Pick another week with the arrows above the week or the <b>Go</b> menu, and another person with
<b>Person</b> in the toolbar. From Friday on, Bonewise opens on next week, the one to plan; days
already past are shaded. Plans for several people can live side by side, each with their own
weight, meals and targets (<b>People ▸ Edit People</b>).</p>
<p>Click a meal to select it. The <b>Nutrients</b> panel on the right shows the selected day, or the
week's average (the buttons at its top). A day can carry a note (<b>Edit ▸ Day Note</b>), and a whole
day can be copied to another.</p>""",
        "adding": """
<p>There are three ways to put a food into a meal:</p>
<ul>
<li><b>Type.</b> Select a meal and start typing, for example <i>milk 1 cup</i> or
<i>sardines 100 g</i>. A list of matching foods opens; the line under the text says what Enter
will add. Press <b>Enter</b> to add it, <b>Escape</b> to stop.</li>
<li><b>Search the food list</b> (<b>View ▸ Foods</b>, or <b>Edit ▸ Find Food</b>). Press
<b>Enter</b> or double-click a food to add one usual serving to the selected meal.</li>
<li><b>Drag</b> a food from the food list onto a meal, or drag an item from one meal to another
(hold Ctrl to copy it instead of moving it).</li>
</ul>
<p>Cut, copy and paste work on items too, and lines of text such as <i>yogurt 1 cup</i> can be
pasted into a meal. <b>Edit ▸ Suggest Foods</b> lists foods that would help with what is low.</p>""",
        "amounts": """
<p>Amounts can be weights (<i>150 g</i>, <i>3 oz</i>, <i>0.5 lb</i>) or the household measures that
come with each food in the USDA data: <i>1 cup</i>, <i>2 slice</i>, <i>1 tablespoon</i>,
<i>1 can (3.75 oz)</i>. Fractions such as <i>½ cup</i> or <i>1/2 cup</i> work too. Without an amount,
one usual serving is added. Each item shows its measure and its weight in grams, which is what
the sums use: value per 100 g × grams ÷ 100.</p>
<p>To change an amount, select the item and press <b>F2</b> (or double-click it).
Supplements are counted in doses: <i>1 tablet</i>, <i>2 softgel</i>.</p>""",
        "gauges": f"""
<p>Each gauge fills toward its target; the marks on the bar show the target and, where there
is one, the upper limit. Targets come in three kinds. A <b>minimum</b> (protein, vitamin D,
magnesium, fiber, omega-3, total vitamin K) is met at its lower end and stays met above it: more
is never a warning. A <b>range</b> (calcium) is met between its ends; above it is a note, since more
brings no benefit. A <b>ceiling</b> (sodium, caffeine) is a maximum. Only a day over an upper limit
or a ceiling is a warning. The colour is never the only sign: every state has a symbol and words.</p>
{symbols}
<p><b>Week average</b> is the daily average of the days that have something planned; a day with
nothing planned yet is left out rather than counted as a day of eating nothing.</p>
<p>The calcium upper limit depends on age: {calcium_by_age} a day ({html.escape(IOM_2011.short)}). Bonewise reads it from the year of birth in
<b>People ▸ Edit People</b>; without one, the limit for 51 and over applies.</p>
<p><b>“at least … · N foods unknown”</b> means some foods in the plan have no value for that
nutrient in the food data. Unknown is not counted as zero, so the real amount is probably higher
than the number shown: read it as a lower bound. The status bar says how many items have data
for each nutrient, and the food names missing data are listed under the gauge.</p>""",
        "sittings": f"""
<p>The body takes up a smaller share of calcium when a lot arrives at once. The strip under the
gauges shows the calcium of each meal of the selected day, and each meal in the week shows its
calcium at the bottom right. A meal is flagged ({SITTING_MARK}, a note) from {ca_meal} mg of calcium
({html.escape(HEANEY_1990.short)}), and calcium tablets from {ca_supplement} mg taken in one go
({html.escape(HEANEY_1991.short)}). Spreading calcium over the day's meals helps.</p>""",
        "warnings": """
<p>The list under the gauges holds the shown week's findings, the most serious first: warnings (⚠)
such as a day over an upper limit, natto or vitamin K swings on warfarin, or a vitamin D blood
level to discuss; then what is below target (▽); then notes (ℹ) such as a meal with more calcium
than is absorbed well at once or a main meal low in protein. Findings of one kind are gathered
under a heading with their number; open it to see each one. Every finding ends with its source in
brackets; hover over it, or open the <b>Why</b> tab, for the full reference. Click a finding to
jump to its meal.</p>""",
        "k2": f"""
<p>There are two kinds of vitamin K. <b>K1</b> (phylloquinone) is in leafy greens; the USDA data
measures it. <b>K2</b> (menaquinones, MK-4 to MK-9) is in natto, cheeses, egg yolk, butter and some
meats; the USDA data does not measure it. {APP_NAME} takes K2 values from published studies, so
every K2 figure is an <b>estimate</b>, shown with its source and how well it was checked. Foods
without a study value are <i>unknown</i> for K2. K1 is never counted as K2: the K2 gauge shows K2
alone, and the <b>Vitamin K, total</b> line beside the other supporting nutrients adds the two against
the adequate intake of 90 µg a day ({html.escape(IOM_2001.short)}). Since few foods have a K2 value,
that total is usually a lower bound.</p>
<p>K2 has no official target. The gauge shows the 180 µg of MK-7 a day used in a trial
({html.escape(KNAPEN_2013.short)}) as a reference only. On warfarin, keeping vitamin K steady matters
more than any amount: from about 50 µg a day, MK-7 may interfere ({html.escape(SCHURGERS_2007.short)}),
which is why natto is flagged.</p>""",
        "vitamin-d": f"""
<p>Vitamin D is counted in international units (IU), as the USDA data gives it. Labels and papers
also use micrograms: <b>1 µg = {iu} IU</b>, so 25 µg is 1,000 IU. A vitamin D blood level, 25(OH)D,
is entered in ng/mL; a result in nmol/L is divided by {NMOL_PER_NG_25OHD:g} (so 75 nmol/L is about
30 ng/mL).</p>""",
        "printing": """
<p><b>File ▸ Export PDF</b> saves the week as a PDF with the parts you choose: the week plan, the
nutrient report, a one-page summary for an appointment, and the shopping list. <b>File ▸ Print</b>
prints the same pages. <b>File ▸ Export Shopping List</b> makes one list for the people you choose,
grouped by aisle, with the amounts of everyone's plans added together.</p>""",
        "undo": """
<p>There is no Save button: every change is written to disk the moment you make it, and the
status bar says when. Every change can be undone with <b>Edit ▸ Undo</b> and redone with
<b>Edit ▸ Redo</b>, even after moving to another week. Adding or clearing the example week is one
step too.</p>""",
        "data": f"""
<p>Everything you type (people, plans, your own foods, settings) is kept in one folder:
{folder}. The food data that comes with {APP_NAME} is kept apart and only read, so an update of
it never touches your plans.</p>
<p>The first time {APP_NAME} starts on a day, it copies your data into the
<code>{BACKUP_DIR_NAME}</code> folder inside it, and keeps the last {KEEP} of these copies. If the data cannot be read at start-up,
{APP_NAME} offers to go back to the newest good copy. To keep your own backup, close {APP_NAME}
and copy the whole folder.</p>""",
        "keys": f"""
<p>Menu commands and their keys, as they are set in this window:</p>
{keys}
<p>Keys that the week plan itself understands:</p>
{grid_keys}""",
    }
    intro = f"""
<a name='top'></a><h1>{APP_NAME} guide</h1>
<p>{APP_NAME} helps you plan a week of meals for healthy bones. As you plan, it adds up
calcium, vitamin D, vitamin K2, magnesium and protein, and says when a meal or a day needs
a second look. It is a planning aid, not medical advice: agree your own targets with your
care team.</p>
<p><b>Contents:</b> {contents}</p>
"""
    return intro + "".join(section(anchor, title) for anchor, title in SECTIONS)


class GuideDialog(QDialog):
    """The guide in a window of its own, beside the plan (not modal)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("GuideDialog")
        self.setWindowTitle(f"{APP_NAME} Guide")
        self.resize(760, 680)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(f"{APP_NAME} guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # we follow anchors ourselves; nothing is ever fetched
        self.browser.anchorClicked.connect(self.follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the guide, so the shortcut table matches the window's menus right now."""
        repo = getattr(self._window.document, "repo", None)
        folder = getattr(repo, "data_dir", None)
        self.browser.setHtml(guide_html(self._window.menuBar(), str(folder) if folder else None))

    def follow(self, url: QUrl) -> None:
        """Jump to an anchor of the guide; any other link does nothing (no network, no browser)."""
        if url.hasFragment() and not url.scheme() and not url.path():
            self.browser.scrollToAnchor(url.fragment())

    def show_section(self, anchor: str | None = None) -> None:
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self.browser.setFocus(Qt.FocusReason.ShortcutFocusReason)


class HelpActions(QObject):
    """The Help menu: Bonewise Guide (F1), About Bonewise, About Qt. The whole window hook."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.guide: GuideDialog | None = None
        self.about: QDialog | None = None
        self.guide_action = self._action("guide", f"{APP_NAME} &Guide", self.show_guide,
                                         "Read how to plan, what the gauges mean, and the keys")
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents) or [QKeySequence("F1")]
        self.guide_action.setShortcuts(keys)
        self.about_action = self._action("about", f"&About {APP_NAME}", self.show_about,
                                         "Version, data sources and licences")
        self.about_qt_action = self._action("about_qt", "About &Qt", lambda: QApplication.aboutQt(),
                                            "The Qt toolkit Bonewise is built with")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _action(self, name: str, text: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        names = getattr(self.window, "actions_by_name", None)
        if names is not None:
            names[name] = action
        return action

    def actions(self) -> list[QAction]:
        return [self.guide_action, self.about_action, self.about_qt_action]

    def show_guide(self, anchor: str | None = None) -> GuideDialog:
        """Open the guide beside the window (or bring it forward), its shortcut table fresh."""
        if self.guide is None:
            self.guide = GuideDialog(self.window)
        self.guide.show_section(anchor)
        return self.guide

    def show_about(self) -> QDialog:
        from bonewise.ui.about import AboutDialog  # only when asked for

        if self.about is None:
            self.about = AboutDialog(self.window, getattr(self.window.document, "foods", None))
        self.about.show()
        self.about.raise_()
        self.about.activateWindow()
        return self.about
