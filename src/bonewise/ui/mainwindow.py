"""The main window: menus, toolbar, person switcher, week navigator, grid, food browser, gauges."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from bonewise import APP_NAME
from bonewise.core import edits
from bonewise.core.plan import IsoWeek
from bonewise.core.record import BoneDrug, dose_reminders
from bonewise.core.rules import check_week
from bonewise.core.weeks import planning_week
from bonewise.errors import BonewiseError

from bonewise.ui.accessibility import FocusFrames
from bonewise.ui.docktitle import side_panel
from bonewise.ui.export_actions import ExportActions
from bonewise.ui.fitting import FittingLabel
from bonewise.ui.foodbrowser.browser import FOOD_MIME, FoodBrowser
from bonewise.ui.gauges.panel import GaugePanel
from bonewise.ui.gauges.presenter import WeekSummaryPresenter, coverage_text
from bonewise.ui.guide import HelpActions
from bonewise.ui.settings import SettingsStore, UiSettings
from bonewise.ui.suggestions import SuggestionActions
from bonewise.ui.theme import DARK, LIGHT, SYSTEM, AlertBanner, Theme
from bonewise.ui.weekgrid.model import ENTRY_MIME
from bonewise.ui.weekgrid.view import WeekGridView
from bonewise.ui.weeknav import CopyWeekDialog, DateDialog, WeekNavigator, week_title

if TYPE_CHECKING:
    from bonewise.core.summary import WeekSummary

    from bonewise.ui.document import PlanDocument, ShownChange

WIDE_ENOUGH_FOR_BROWSER = 1600  # pixels for grid + food browser + gauges side by side
PANEL_CHARS = 48  # a side panel's width, in "x" widths of the current font
PANEL_SHARE = 0.4  # … but never more than this share of the window: the week comes first


class MainWindow(QMainWindow):
    """One window over one data folder. Everything it shows comes from ``document``."""

    def __init__(self, document: PlanDocument, settings_store: SettingsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._settings_store = settings_store
        self.settings: UiSettings = settings_store.load()
        self._base_font = QFont(QApplication.font())
        self._can_paste = (False, False)  # (anything to paste, a copied day or items)
        self.setObjectName("MainWindow")
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)

        self.grid = WeekGridView(document, self)
        # Above the grid, when the shown person has a bone-drug dose due or late.
        self.dose_banner = AlertBanner(self)
        self.dose_banner.setObjectName("DoseBanner")
        self.dose_banner.setAccessibleName("Bone-drug dose reminder")
        self.dose_banner.hide()
        central = QWidget(self)
        central.setObjectName("WeekArea")
        self._week_area = QVBoxLayout(central)
        self._week_area.setContentsMargins(0, 0, 0, 0)
        self._week_area.setSpacing(0)
        self._week_area.addWidget(self.dose_banner)
        self._week_area.addWidget(self.grid, 1)
        self.setCentralWidget(central)
        self.week_nav: WeekNavigator  # the row above all that, made with the Go actions
        self.browser = FoodBrowser(document.foods)
        self.gauges = GaugePanel()
        self.browser_dock = side_panel("Foods", "FoodsDock", self.browser, self,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.gauge_dock = side_panel("Nutrients", "NutrientsDock", self.gauges, self,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        # The shown week's summary, for the gauges, the warnings and the grid's flags.
        self.presenter = WeekSummaryPresenter(document, self.gauges, self.grid.grid_model, self)

        self.actions_by_name: dict[str, QAction] = {}
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_status_bar()
        self._connect()
        self.focus_frames = FocusFrames(self)  # focus always in sight, also on plain lists
        self._apply_zoom()
        self._restore()

    # -- building -------------------------------------------------------------------------

    def _action(self, name: str, text: str, slot: Callable[[], object],
                shortcuts: Sequence[str | QKeySequence | QKeySequence.StandardKey] = (),
                *, tip: str = "", grid_only: bool = False,
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        keys = [QKeySequence(k) for k in shortcuts]
        if keys:
            action.setShortcuts(keys)
        if tip:
            action.setStatusTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        shown = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({shown})" if shown else text.replace("&", ""))
        if grid_only:
            # Edit keys (Delete, Ctrl+C …) belong to the grid; in the food search they edit text.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.grid.addAction(action)
        else:
            self.addAction(action)
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_name[name] = action
        return action

    def _make_actions(self) -> None:
        a, grid, K = self._action, self.grid, QKeySequence.StandardKey
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.undo_action.setObjectName("undo")
        self.redo_action = stack.createRedoAction(self, "&Redo")
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [k for k in QKeySequence.keyBindings(K.Redo) if k not in redo_keys]
        self.redo_action.setShortcuts(redo_keys)
        self.redo_action.setObjectName("redo")
        self.undo_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.redo_action.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        # The toolbar says just "Undo" / "Redo" (the icon text); the Edit menu and the
        # tooltip name the step, however long the food's name.
        self.undo_action.setIconText("Undo")
        self.redo_action.setIconText("Redo")
        stack.undoTextChanged.connect(self._name_undo_steps)
        stack.redoTextChanged.connect(self._name_undo_steps)
        self._name_undo_steps()
        self.addActions([self.undo_action, self.redo_action])
        self.actions_by_name.update(undo=self.undo_action, redo=self.redo_action)

        a("quit", "&Quit", self.close, QKeySequence.keyBindings(K.Quit) or ["Ctrl+Q"])
        a("cut", "Cu&t", grid.cut_selection, QKeySequence.keyBindings(K.Cut), grid_only=True)
        a("copy", "&Copy", grid.copy_selection, QKeySequence.keyBindings(K.Copy), grid_only=True)
        a("paste", "&Paste", grid.paste, QKeySequence.keyBindings(K.Paste), grid_only=True)
        a("delete", "&Delete", grid.delete_selection, ["Del"], grid_only=True,
          tip="Remove the selected item from its meal")
        a("add_food", "&Add Food…", grid.start_adding, ["Ins"], grid_only=True,
          tip="Type a food and an amount into the selected meal")
        a("change_amount", "Change A&mount…", grid.change_amount, ["F2"], grid_only=True,
          tip="Change how much of the selected item")
        a("move_up", "Move Item &Up", lambda: grid.move_current_item(-1), ["Alt+Up"], grid_only=True)
        a("move_down", "Move Item Do&wn", lambda: grid.move_current_item(1), ["Alt+Down"],
          grid_only=True)
        a("copy_day", "Copy D&ay", grid.copy_day, ["Ctrl+Shift+C"], grid_only=True,
          tip="Copy every meal of the selected day")
        a("paste_day", "Paste Da&y", grid.paste_day, ["Ctrl+Shift+V"], grid_only=True,
          tip="Replace the selected day's meals with the copied day")
        a("clear_day", "C&lear Day", grid.clear_day, ["Ctrl+Shift+Del"], grid_only=True,
          tip="Remove every item of the selected day")
        a("day_note", "Day &Note…", grid.edit_note, ["Ctrl+Shift+N"], grid_only=True)
        a("find_food", "&Find Food…", self._find_food, QKeySequence.keyBindings(K.Find),
          tip="Search the food list")
        a("focus_grid", "Go to &Week Plan", self._focus_grid, ["F6"])

        a("zoom_in", "Zoom &In", lambda: self.zoom(1), ["Ctrl+=", "Ctrl++"])
        a("zoom_out", "Zoom &Out", lambda: self.zoom(-1), ["Ctrl+-"])
        a("zoom_reset", "&Actual Size", lambda: self.zoom(0), ["Ctrl+0"])
        self.day_view_action = a("gauge_day", "Nutrients for Selected &Day",
                                 lambda: self.gauges.set_view_mode("day"), ["Ctrl+1"])
        self.week_view_action = a("gauge_week", "Nutrients as &Week Average",
                                  lambda: self.gauges.set_view_mode("week"), ["Ctrl+2"])
        group = QActionGroup(self)
        for action in (self.day_view_action, self.week_view_action):
            action.setCheckable(True)
            group.addAction(action)
        self.day_view_action.setChecked(True)
        # View ▸ Colours: follow the desktop's light or dark scheme (live), or fix one.
        self.colour_actions: dict[str, QAction] = {}
        colours = QActionGroup(self)
        for scheme, text in ((SYSTEM, "Like the &System"), (LIGHT, "&Light"), (DARK, "&Dark")):
            action = a(f"colours_{scheme}", text, partial(self.set_colour_scheme, scheme))
            action.setCheckable(True)
            colours.addAction(action)
            self.colour_actions[scheme] = action

        a("previous_week", "&Previous Week", lambda: self.go_week(-1), ["Alt+Left", "Ctrl+PgUp"],
          icon=QStyle.StandardPixmap.SP_ArrowLeft)
        a("next_week", "&Next Week", lambda: self.go_week(1), ["Alt+Right", "Ctrl+PgDown"],
          icon=QStyle.StandardPixmap.SP_ArrowRight)
        a("this_week", "&This Week", self.go_this_week, ["Alt+Home"])
        a("jump_date", "&Go to Date…", self.jump_to_date, ["Ctrl+G"])
        a("edit_people", "&Edit People…", self.edit_people, ["Ctrl+Shift+P"],
          tip="Add people, set weights, lab values, meals and targets")

    def _name_undo_steps(self, _text: str = "") -> None:
        """Tooltips of Undo and Redo: the whole step ("Undo Add Soymilk, …") and the key."""
        for action in (self.undo_action, self.redo_action):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = action.text().replace("&", "")
            action.setToolTip(f"{text} ({keys})" if keys else text)

    def _make_menus(self) -> None:
        n = self.actions_by_name
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        # Printed documents: Export PDF… (Ctrl+E), Print… (Ctrl+P), Export Shopping List…
        # (ui/export_actions.py, kept apart from the window's own actions).
        self.export_actions = ExportActions(self.document, self)
        file_menu.addActions(self.export_actions.actions())
        file_menu.addSeparator()
        file_menu.addAction(n["quit"])
        edit = bar.addMenu("&Edit")
        edit.addActions([n["undo"], n["redo"]])
        edit.addSeparator()
        edit.addActions([n["cut"], n["copy"], n["paste"], n["delete"]])
        edit.addSeparator()
        edit.addActions([n["add_food"], n["change_amount"], n["move_up"], n["move_down"]])
        edit.addSeparator()
        edit.addActions([n["copy_day"], n["paste_day"]])
        self.copy_day_to_menu = edit.addMenu("Copy Day &To")
        self.copy_day_to_menu.aboutToShow.connect(
            lambda: self._fill_copy_day_to(self.copy_day_to_menu))
        self.copy_week_action = edit.addAction("Copy &Week To…", self.copy_week_to)
        self.copy_week_action.setStatusTip("Copy this whole week to another week or another person")
        edit.addActions([n["clear_day"], n["day_note"]])
        edit.addSeparator()
        edit.addAction(n["find_food"])
        # Suggestions and Auto-plan (ui/suggestions.py, kept apart from the window's own actions).
        self.suggestion_actions = SuggestionActions(self)
        edit.addSeparator()
        edit.addActions(self.suggestion_actions.actions())
        view = bar.addMenu("&View")
        view.addActions([n["zoom_in"], n["zoom_out"], n["zoom_reset"]])
        view.addSeparator()
        view.addActions([self.day_view_action, self.week_view_action])
        view.addSeparator()
        self.colours_menu = view.addMenu("&Colours")
        self.colours_menu.addActions(list(self.colour_actions.values()))
        view.addSeparator()
        self.foods_action = self.browser_dock.toggleViewAction()
        self.foods_action.setText("&Foods")
        self.foods_action.setShortcut(QKeySequence("F9"))
        self.foods_action.setToolTip("Show or hide the food browser (F9)")
        self.foods_action.setObjectName("toggle_foods")
        self.actions_by_name["toggle_foods"] = self.foods_action
        view.addAction(self.foods_action)
        view.addAction(self.gauge_dock.toggleViewAction())
        view.addAction(self.suggestion_actions.dock.toggleViewAction())
        self.view_menu = view
        go = bar.addMenu("&Go")
        go.addActions([n["previous_week"], n["next_week"], n["this_week"], n["jump_date"]])
        go.addSeparator()
        go.addAction(n["focus_grid"])
        people = bar.addMenu("&People")
        people.addAction(n["edit_people"])
        self.switch_menu = people.addMenu("&Switch Person")
        self._person_group = QActionGroup(self)
        help_menu = bar.addMenu("&Help")
        # Bonewise Guide (F1), About Bonewise, About Qt (ui/guide.py, kept apart from the window's own actions).
        self.help_actions = HelpActions(self)
        help_menu.addActions(self.help_actions.actions())
        self.edit_menu = edit

    def _make_toolbar(self) -> None:
        n = self.actions_by_name
        bar = QToolBar("Main toolbar", self)
        bar.setObjectName("MainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(18, 18))
        self.addToolBar(bar)
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        label = QLabel(" Person: ", bar)
        self.person_combo = QComboBox(bar)
        self.person_combo.setAccessibleName("Person")
        self.person_combo.setToolTip("Whose plan is shown")
        # About 14 characters of a name (a long one is shortened; the tooltip has it whole),
        # so a long name never pushes the toolbar wider than the window.
        self.person_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person_combo.setMinimumContentsLength(14)
        label.setBuddy(self.person_combo)
        bar.addWidget(label)
        bar.addWidget(self.person_combo)
        bar.addAction(n["edit_people"])
        bar.addSeparator()
        bar.addAction(self.foods_action)
        self.toolbar = bar
        # The week navigator heads the grid, outside any toolbar's overflow menu.
        self.week_nav = WeekNavigator(n["previous_week"], n["next_week"], n["this_week"],
                                      n["jump_date"], self.centralWidget())
        self._week_area.insertWidget(0, self.week_nav)
        self.view_menu.addAction(bar.toggleViewAction())

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        # Both say less when the window is narrow, never cutting a number (the whole text
        # is in the tooltip), so the status bar never holds the window wider than the screen.
        self.coverage_label = FittingLabel(status)
        self.saved_label = FittingLabel(status)
        self.saved_label.set_wordings(["Changes are saved as you go", "Saved as you go"])
        self.saved_label.setToolTip("Every change is saved the moment you make it.")
        status.addPermanentWidget(self.coverage_label)
        status.addPermanentWidget(self.saved_label)

    def _connect(self) -> None:
        doc = self.document
        doc.shown_changed.connect(self._on_shown_changed)
        doc.plan_changed.connect(self._on_plan_changed)
        doc.people_changed.connect(self._fill_people)
        doc.record_changed.connect(lambda _person_id: self.update_dose_banner())
        doc.saved.connect(self._on_saved)
        doc.error.connect(self.show_problem)
        doc.undo_stack.indexChanged.connect(self._update_actions)
        self.grid.problem.connect(self.show_problem)
        self.grid.current_item_changed.connect(self._on_current_changed)
        self.grid.context_menu_requested.connect(self._grid_context_menu)
        self.browser.food_activated.connect(self._add_from_browser)
        self.browser.foods_changed.connect(self._on_foods_changed)
        self.gauges.finding_activated.connect(self._on_finding)
        self.presenter.summary_changed.connect(self._update_coverage)
        self.presenter.problem.connect(self.show_problem)
        self.gauges.view_mode_changed.connect(self._on_gauge_mode)
        self.person_combo.activated.connect(self._on_person_combo)
        QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard)
        self._on_clipboard()

    def focusNextPrevChild(self, next_: bool) -> bool:
        """Tab and Shift+Tab, stepping over widgets Qt keeps out of sight (the spare tab bar
        of the dock areas sits off the window): the focus never vanishes."""
        moved = super().focusNextPrevChild(next_)
        for _ in range(5):
            widget = QApplication.focusWidget()
            spare = (widget is not None and widget.parentWidget() is self
                     and not self.rect().intersects(widget.geometry()))
            if not moved or not spare:
                break
            moved = super().focusNextPrevChild(next_)
        return moved

    # -- restoring and saving window state -------------------------------------------------------

    def _restore(self) -> None:
        s = self.settings
        if s.geometry:
            self.restoreGeometry(QByteArray(s.geometry))
        else:
            screen = QGuiApplication.primaryScreen().availableGeometry()
            self.resize(min(1400, screen.width()), min(900, screen.height()))
        if s.window_state:
            self.restoreState(QByteArray(s.window_state))
        else:
            self._default_layout()
        self.gauges.set_view_mode(s.gauge_view)
        self.set_colour_scheme(s.colour_scheme, remember=False)
        self._fill_people()
        people = self.document.people()
        ids = [p.id for p in people]
        person_id = s.last_person_id if s.last_person_id in ids else (ids[0] if ids else None)
        if person_id is not None:
            self.document.show(person_id, self.opening_week())
            today = self.document.today()
            shown = self.document.iso_week
            if shown is not None and today in shown.dates():
                self.grid.select_cell(today)
        else:
            self._on_shown_changed()

    def _default_layout(self) -> None:
        """First start: the week and the gauges; the food browser too if the screen is wide.

        Seven readable days, the gauges and the browser need about 1,600 pixels; on a
        smaller screen the browser waits behind View ▸ Foods (F9) or Edit ▸ Find Food,
        and typing in a cell searches the foods anyway.
        """
        width = self._panel_width()
        self.resizeDocks([self.browser_dock, self.gauge_dock], [width, width], Qt.Orientation.Horizontal)
        if self.width() < WIDE_ENOUGH_FOR_BROWSER:
            self.browser_dock.hide()

    def save_settings(self) -> None:
        doc = self.document
        self.settings = dataclasses.replace(
            self.settings,
            geometry=bytes(self.saveGeometry().data()),
            window_state=bytes(self.saveState().data()),
            last_person_id=doc.person.id if doc.person else self.settings.last_person_id,
            last_week=doc.iso_week or self.settings.last_week,
            gauge_view=self.gauges.view_mode(),
        )
        self._settings_store.save(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        QApplication.setFont(self._base_font)  # the zoom belongs to this window
        Theme.of().set_choice(SYSTEM)  # … and so does a fixed light or dark
        # Child widgets get no close event of their own; their pending work (a delayed
        # search, a row refit) must not run after the stores are closed at exit.
        for timer in self.findChildren(QTimer):
            timer.stop()
        # The document outlives the window: its undo stack must stop naming steps to it.
        stack = self.document.undo_stack
        for signal in (stack.undoTextChanged, stack.redoTextChanged):
            try:
                signal.disconnect(self._name_undo_steps)
            except (RuntimeError, TypeError):
                pass  # already gone
        super().closeEvent(event)

    # -- zoom --------------------------------------------------------------------------------

    def set_colour_scheme(self, scheme: str, *, remember: bool = True) -> None:
        """View ▸ Colours: "system" (follow the desktop, live), "light" or "dark"."""
        Theme.of().set_choice(scheme)
        self.colour_actions[scheme].setChecked(True)
        if remember and scheme != self.settings.colour_scheme:
            self.settings = dataclasses.replace(self.settings, colour_scheme=scheme)
            self._settings_store.save(self.settings)

    def _panel_width(self) -> int:
        """A side panel's width for the current text size, leaving the week most of the window."""
        # The application font: the window's own may not have followed a zoom yet.
        wanted = QFontMetrics(QApplication.font()).horizontalAdvance("x") * PANEL_CHARS
        return max(1, min(wanted, round(self.width() * PANEL_SHARE)))

    def zoom(self, steps: int) -> None:
        """Ctrl+= / Ctrl+- / Ctrl+0: scale the app font from the system size, and remember it."""
        before = self.settings.zoom_percent
        self.settings = self.settings.zoomed(steps)
        self._settings_store.save(self.settings)
        self._apply_zoom()
        # The side panels grow and shrink with the text, as far as the window allows.
        docks = [d for d in (self.browser_dock, self.gauge_dock)
                 if d.isVisible() and not d.isFloating()]
        if docks and before != self.settings.zoom_percent:
            cap = round(self.width() * PANEL_SHARE)
            widths = [min(cap, round(d.width() * self.settings.zoom_percent / before)) for d in docks]
            self.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
        self.statusBar().showMessage(f"Zoom {self.settings.zoom_percent} %", 3000)

    def _apply_zoom(self) -> None:
        font = QFont(self._base_font)
        factor = self.settings.zoom_percent / 100
        if self._base_font.pointSizeF() > 0:
            font.setPointSizeF(self._base_font.pointSizeF() * factor)
        else:
            font.setPixelSize(max(6, round(self._base_font.pixelSize() * factor)))
        QApplication.setFont(font)
        self.grid.resizeRowsToContents()
        self.actions_by_name["zoom_out"].setEnabled(self.settings.zoom_percent > 70)
        self.actions_by_name["zoom_in"].setEnabled(self.settings.zoom_percent < 250)

    # -- people and weeks ---------------------------------------------------------------------

    def _fill_people(self) -> None:
        people = self.document.people()
        current = self.document.person.id if self.document.person else None
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        for person in people:
            self.person_combo.addItem(person.name, person.id)
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(current)))
        self.person_combo.setEnabled(bool(people))
        self.person_combo.blockSignals(False)
        self.switch_menu.clear()
        for action in self._person_group.actions():
            self._person_group.removeAction(action)
        for person in people:
            action = self.switch_menu.addAction(person.name)
            action.setCheckable(True)
            action.setChecked(person.id == current)
            action.triggered.connect(lambda _c=False, pid=person.id: self.switch_person(pid))
            self._person_group.addAction(action)
        self.switch_menu.setEnabled(bool(people))

    def _on_person_combo(self, index: int) -> None:
        self.switch_person(self.person_combo.itemData(index))

    def switch_person(self, person_id: int) -> None:
        week = self.document.iso_week or self.opening_week()
        if self.document.person is None or self.document.person.id != person_id:
            self.document.show(person_id, week)

    def go_week(self, step: int) -> None:
        if self.document.iso_week is not None:
            try:  # at the first or last week Bonewise works with, the step goes nowhere
                week = check_week(self.document.iso_week.shifted(step))
            except (BonewiseError, ValueError, OverflowError) as exc:
                self.statusBar().showMessage(str(exc), 5000)
                return
            self.document.show_week(week)

    def opening_week(self) -> IsoWeek:
        """The week she plans next (next week from Friday on), or a later week left open."""
        return planning_week(self.document.today(), self.settings.last_week)

    def go_this_week(self) -> None:
        today = self.document.today()
        self.document.show_week(IsoWeek.of(today))
        self.grid.select_cell(today, self.grid.current_slot_id())

    def jump_to_date(self) -> None:
        start = self.grid.current_date() or self.document.today()
        dialog = DateDialog(start, self)
        if self.grid.ask(dialog):
            self.go_to_date(dialog.date())

    def go_to_date(self, date: dt.date) -> None:
        self.document.show_week(IsoWeek.of(date))
        self.grid.select_cell(date, self.grid.current_slot_id())

    def copy_week_to(self) -> bool:
        """Edit ▸ Copy Week To…: the shown week onto another week or person (one undo step)."""
        doc = self.document
        if doc.person is None or doc.iso_week is None:
            return False
        dialog = CopyWeekDialog([(p.saved_id, p.name) for p in doc.people()], doc.person.saved_id,
                                doc.iso_week.shifted(1).monday(), self)  # fmt: skip
        if not self.grid.ask(dialog):
            return False
        person_id, week = dialog.person_id(), dialog.week()
        target = doc.week_of(person_id, week)
        if edits.is_planned(target) and not self.confirm(
            f"Week {week.week}, {week.year} of {doc.repo.person(person_id).name} already has meals. "
            "Replace them with a copy of this week? (Undo brings them back.)"
        ):
            return False
        try:
            return doc.copy_week_to(person_id, week)
        except BonewiseError as exc:
            self.show_problem(str(exc))
            return False

    def confirm(self, question: str) -> bool:
        """Ask yes or no; tests replace this to answer it."""
        answer = QMessageBox.question(self, APP_NAME, question)
        return answer == QMessageBox.StandardButton.Yes

    def edit_people(self) -> None:
        from bonewise.ui.people import PeopleDialog  # only when asked for: keeps start-up short

        dialog = PeopleDialog(self.document, self)
        self.grid.ask(dialog)
        if self.document.person is None:
            people = self.document.people()
            if people:
                self.document.show(people[0].saved_id, self.opening_week())
        chosen = dialog.chosen_person_id()
        if chosen is not None and self.document.person is not None and chosen != self.document.person.id:
            self.switch_person(chosen)

    def first_run(self) -> None:
        """With nobody in the store yet, the welcome (ui/welcome.py); called once shown."""
        if self.document.people():
            return
        from bonewise.ui.welcome import first_run  # only on a first run: keeps start-up short

        first_run(self)

    # -- reacting to changes ----------------------------------------------------------------------

    def update_dose_banner(self, today: dt.date | None = None) -> None:
        """Say when the shown person's bone-drug dose is due or late (denosumab: also when soon)."""
        person = self.document.person
        today = today or self.document.today()  # the window's clock, as for past days
        reminders = dose_reminders(self.document.record(person.saved_id), today) if person else []
        urgent = [r for r in reminders
                  if r.status in ("due", "overdue") or (r.status == "soon" and r.drug == BoneDrug.DENOSUMAB)]  # fmt: skip
        self.dose_banner.setText(f"⚠ {person.name}: " + " ".join(r.message for r in urgent)
                                 if person is not None and urgent else "")
        self.dose_banner.setVisible(bool(urgent))

    def _on_shown_changed(self) -> None:
        doc = self.document
        self.update_dose_banner()
        if doc.person is None or doc.iso_week is None:
            self.setWindowTitle(APP_NAME)
            self.week_nav.set_week(None, doc.today())
        else:
            self.setWindowTitle(f"{APP_NAME} — {doc.person.name} — {week_title(doc.iso_week)}")
            self.week_nav.set_week(doc.iso_week, doc.today())
            index = self.person_combo.findData(doc.person.id)
            if index >= 0 and index != self.person_combo.currentIndex():
                self.person_combo.setCurrentIndex(index)
            self.person_combo.setToolTip(f"Whose plan is shown: {doc.person.name}")
            for action in self._person_group.actions():
                action.setChecked(action.text() == doc.person.name)
            if self.person_combo.itemText(max(0, index)) != doc.person.name:
                self._fill_people()
        self.grid.resizeRowsToContents()
        self.presenter.refresh(self.grid.current_date())
        self._update_actions()

    def _on_plan_changed(self, change: ShownChange) -> None:
        self.presenter.refresh(self.grid.current_date())
        self._update_actions()

    def _on_current_changed(self) -> None:
        date = self.grid.current_date()
        if date is not None and date != self.presenter.day:
            self.presenter.show_day(date)
        self._update_actions()

    def _on_foods_changed(self, food_id: str) -> None:
        # A custom food changed: every cell naming it may read differently now.
        self.grid.grid_model.reload()
        self.presenter.refresh(self.grid.current_date())

    def _on_saved(self) -> None:
        stamp = self.document.last_saved or dt.datetime.now()
        self.saved_label.set_wordings([f"✓ Saved at {stamp:%H:%M:%S}", "✓ Saved"])
        self.saved_label.setToolTip(f"Saved at {stamp:%H:%M:%S}. Every change is saved the moment "
                                    "you make it.")

    def _update_coverage(self, summary: WeekSummary | None) -> None:
        wordings, tip = coverage_text(summary)
        self.coverage_label.set_wordings(wordings)
        self.coverage_label.setToolTip(tip)

    def _on_finding(self, date: dt.date | None, slot_id: str | None) -> None:
        if date is None:
            return
        if self.document.iso_week != IsoWeek.of(date):
            self.document.show_week(IsoWeek.of(date))
        self.grid.select_cell(date, slot_id)
        self.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_gauge_mode(self, mode: str) -> None:
        (self.day_view_action if mode == "day" else self.week_view_action).setChecked(True)

    def _add_from_browser(self, food_id: str) -> None:
        if self.grid.add_food(food_id):
            self.statusBar().showMessage(
                "Added. Press F2 in the week to change the amount.", 5000)

    def _find_food(self) -> None:
        self.browser_dock.show()
        self.browser_dock.raise_()
        self.browser.focus_search()

    def _focus_grid(self) -> None:
        self.grid.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_actions(self) -> None:
        n, grid = self.actions_by_name, self.grid
        shown = self.document.week is not None
        has_item = grid.current_entry_id() is not None
        has_selection = bool(grid.selected_located())
        for name in ("cut", "copy", "delete"):
            n[name].setEnabled(has_selection)
        n["change_amount"].setEnabled(has_item)
        n["paste"].setEnabled(shown and self._can_paste[0])
        n["paste_day"].setEnabled(shown and self._can_paste[1])
        for name in ("add_food", "copy_day", "clear_day", "day_note", "previous_week",
                     "next_week", "this_week", "jump_date"):
            n[name].setEnabled(shown)
        entries = grid.current_entries()
        position = grid.current_position() if entries else 0
        n["move_up"].setEnabled(has_item and position > 0)
        n["move_down"].setEnabled(has_item and position < len(entries) - 1)
        self.copy_day_to_menu.setEnabled(shown)
        self.copy_week_action.setEnabled(shown)

    def _on_clipboard(self) -> None:
        # Read once per clipboard change: asking the clipboard can mean a round trip
        # to the display server, too slow to do after every edit.
        mime = QGuiApplication.clipboard().mimeData()
        entries = mime is not None and mime.hasFormat(ENTRY_MIME)
        anything = mime is not None and (entries or mime.hasText() or mime.hasFormat(FOOD_MIME))
        self._can_paste = (anything, entries)
        self._update_actions()

    def _fill_copy_day_to(self, menu: QMenu) -> None:
        menu.clear()
        source = self.grid.current_date()
        if self.document.week is None or source is None:
            return
        for date in self.document.week.week.dates():
            action = menu.addAction(f"{date:%A} {date.day} {date:%b}")
            action.setEnabled(date != source)
            action.triggered.connect(lambda _c=False, d=date: self.grid.copy_day_to(d))

    def _grid_context_menu(self, pos: QPoint) -> None:
        n = self.actions_by_name
        self._update_actions()
        menu = QMenu(self)
        menu.addActions([n["add_food"], n["change_amount"]])
        menu.addSeparator()
        menu.addActions([n["cut"], n["copy"], n["paste"], n["delete"]])
        menu.addSeparator()
        menu.addActions([n["move_up"], n["move_down"]])
        menu.addSeparator()
        menu.addActions([n["copy_day"], n["paste_day"]])
        # Its own submenu: the context menu deletes itself, and what it holds, on close.
        copy_to = menu.addMenu("Copy Day &To")
        copy_to.setEnabled(self.copy_day_to_menu.isEnabled())
        copy_to.aboutToShow.connect(lambda: self._fill_copy_day_to(copy_to))
        menu.addActions([n["clear_day"], n["day_note"]])
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(pos)
        self.context_menu = menu

    def show_problem(self, message: str) -> None:
        """Say what went wrong in one sentence, without blocking (status bar and a message box)."""
        self.statusBar().showMessage(f"⚠ {message}", 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.problem_box = box
