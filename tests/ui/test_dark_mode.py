"""Dark mode: the window follows the system's colour scheme live; every colour the app paints
itself keeps WCAG AA contrast on light and dark backgrounds; the PDF stays black on white."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from shell_data import MONDAY

from bonewise.core.status import Severity, Status

from bonewise.ui.colours import (
    GRAPHIC_CONTRAST,
    TEXT_CONTRAST,
    contrast_ratio,
    is_dark,
    mix,
    readable_on,
    secondary_text,
)
from bonewise.ui.gauges.gauge import gauge_colours
from bonewise.ui.gauges.style import OKABE_ITO, muted_colour, severity_colour, status_colour
from bonewise.ui.mainwindow import MainWindow
from bonewise.ui.settings import SettingsStore
from bonewise.ui.theme import SYSTEM, AlertBanner, Theme, WarningLabel, dark_palette, light_palette
from bonewise.ui.weekgrid.delegate import PAST_WASH

PALETTES = {"light": light_palette(), "dark": dark_palette()}
WINDOW, BASE = QPalette.ColorRole.Window, QPalette.ColorRole.Base


@pytest.fixture
def system(qapp):
    """Stands in for the desktop: ``system(Qt.ColorScheme.Dark)`` is the user switching."""
    hints = qapp.styleHints()
    yield hints.colorSchemeChanged.emit
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Unknown)
    Theme.of().set_choice(SYSTEM)


@pytest.fixture
def window(qtbot, plan_doc, tmp_path, system):
    win = MainWindow(plan_doc, SettingsStore.in_folder(tmp_path))
    qtbot.add_widget(win)
    win.show()
    qtbot.wait_exposed(win)
    return win


def window_colour(widget) -> QColor:
    return widget.palette().color(WINDOW)


def test_the_window_follows_the_system_scheme_live(window, system, qtbot):
    light = window_colour(window)
    assert contrast_ratio(light, QColor("white")) < 1.5
    system(Qt.ColorScheme.Dark)
    qtbot.wait(10)
    assert contrast_ratio(window_colour(window), QColor("black")) < 1.8
    gauge = window.gauges.gauge("calcium_mg")
    assert window_colour(gauge) == window_colour(window)
    assert window.colour_actions[SYSTEM].isChecked()
    system(Qt.ColorScheme.Light)
    qtbot.wait(10)
    assert window_colour(window) == light


def test_a_chosen_scheme_overrides_the_system_and_is_remembered(window, system, tmp_path, qtbot):
    window.colour_actions["dark"].trigger()
    assert Theme.of().is_dark()
    system(Qt.ColorScheme.Light)  # the desktop switching does not undo her choice
    assert Theme.of().is_dark()
    assert SettingsStore.in_folder(tmp_path).load().colour_scheme == "dark"
    window.colour_actions[SYSTEM].trigger()
    assert not Theme.of().is_dark()
    assert SettingsStore.in_folder(tmp_path).load().colour_scheme == SYSTEM


@pytest.mark.parametrize("scheme", PALETTES)
def test_gauge_colours_keep_aa_contrast(scheme):
    palette = PALETTES[scheme]
    background = palette.color(WINDOW)
    for state in [*Status, None]:  # None: no reading yet
        colours = gauge_colours(status_colour(state), palette)
        assert contrast_ratio(colours.state_text, background) >= TEXT_CONTRAST, state
        assert contrast_ratio(colours.limit_text, background) >= TEXT_CONTRAST
        assert contrast_ratio(colours.text, background) >= TEXT_CONTRAST
        assert contrast_ratio(colours.muted, background) >= TEXT_CONTRAST
        for mark in (colours.bar, colours.band, colours.limit):
            assert contrast_ratio(mark, background) >= GRAPHIC_CONTRAST, state
        # The hue is kept: a state colour is only darkened or lightened, never swapped.
        assert colours.state_text.hueF() == pytest.approx(status_colour(state).hueF(), abs=0.02)


@pytest.mark.parametrize("scheme", PALETTES)
def test_every_palette_colour_made_readable_reaches_aa(scheme):
    palette = PALETTES[scheme]
    for role in (WINDOW, BASE):
        background = palette.color(role)
        for name, value in OKABE_ITO.items():
            assert contrast_ratio(readable_on(QColor(value), background), background) >= TEXT_CONTRAST, name
            assert contrast_ratio(readable_on(QColor(value), background, GRAPHIC_CONTRAST),
                                  background) >= GRAPHIC_CONTRAST, name
    # The grid: amounts and past days are fainter but still read (on a past day's wash too).
    text, base = palette.color(QPalette.ColorRole.Text), palette.color(BASE)
    past = mix(base, text, PAST_WASH)
    for background in (base, past):
        faint = secondary_text(text, background)
        assert TEXT_CONTRAST <= contrast_ratio(faint, background) < contrast_ratio(text, background)
        for severity in Severity:  # the grid's flagged calcium line, on a past day too
            flag = readable_on(severity_colour(severity), background)
            assert contrast_ratio(flag, background) >= TEXT_CONTRAST, (severity, scheme)
    assert contrast_ratio(muted_colour(palette), palette.color(WINDOW)) >= TEXT_CONTRAST


def test_a_problem_reads_on_either_background(qtbot, system):
    label = WarningLabel()
    qtbot.add_widget(label)
    for scheme in (Qt.ColorScheme.Dark, Qt.ColorScheme.Light):
        system(scheme)
        QApplication.processEvents()
        palette = label.palette()
        assert contrast_ratio(palette.color(QPalette.ColorRole.WindowText),
                              palette.color(WINDOW)) >= TEXT_CONTRAST


def test_the_dose_reminder_is_themed_and_readable_in_both_schemes(qtbot, system):
    banner = AlertBanner()
    banner.setText("Denosumab was due on 1 December.")
    qtbot.add_widget(banner)
    backgrounds = {}
    for scheme in (Qt.ColorScheme.Dark, Qt.ColorScheme.Light, Qt.ColorScheme.Dark):
        system(scheme)
        QApplication.processEvents()
        background, words, frame = banner.colours()
        assert contrast_ratio(words, background) >= TEXT_CONTRAST
        assert contrast_ratio(frame, background) >= GRAPHIC_CONTRAST
        assert background.name() in banner.styleSheet()
        backgrounds.setdefault(scheme, set()).add(background.name())
    assert len(backgrounds[Qt.ColorScheme.Dark]) == 1  # dark again is the same tint, not a tint of a tint
    assert is_dark(QColor(next(iter(backgrounds[Qt.ColorScheme.Dark]))))
    assert not is_dark(QColor(next(iter(backgrounds[Qt.ColorScheme.Light]))))


def test_the_pdf_stays_light_in_dark_mode(window, plan_doc):
    import pypdfium2 as pdfium

    from bonewise.export.options import PageSetup

    from bonewise.ui.export_actions import ExportChoice

    plan_doc.add_food(MONDAY, "breakfast", "01079", "1 cup")
    window.colour_actions["dark"].trigger()
    data = window.export_actions._week_pdf(ExportChoice(("plan",), PageSetup()))
    from PySide6.QtGui import QImage

    bitmap = pdfium.PdfDocument(data)[0].render(scale=1, rev_byteorder=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB888).copy()
    assert image.pixelColor(2, 2) == QColor("white")  # white paper
    darkest = min(image.pixelColor(x, y).lightness()
                  for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))
    assert darkest < 100  # and dark print on it


def test_readable_shades_are_the_first_or_last_step_that_passes(qapp):
    """The halving search gives what trying each of the 256 8-bit steps gives."""
    rng = random.Random(5)

    def steps(start: QColor, end: QColor) -> list[QColor]:
        return [QColor.fromRgba(mix(start, end, i / 255).rgba()) for i in range(256)]

    for _ in range(150):
        colour, background = (QColor(rng.randrange(1 << 24) | 0xFF000000) for _ in range(2))
        ratio = rng.choice((TEXT_CONTRAST, GRAPHIC_CONTRAST))
        darker_or_lighter = steps(colour, QColor("white") if is_dark(background) else QColor("black"))
        passing = [c for c in darker_or_lighter if contrast_ratio(c, background) >= ratio]
        expected = passing[0] if passing else darker_or_lighter[-1]
        assert readable_on(colour, background, ratio).rgba() == expected.rgba()
        if contrast_ratio(colour, background) > ratio:
            # Towards the background the channels may move in opposite directions, so the
            # contrast need not fall evenly: the answer is a step that passes next to one that
            # does not (as faint as allowed there), not always the very last that passes.
            fading = [c.rgba() for c in steps(colour, background)]
            faint = secondary_text(colour, background, ratio)
            assert contrast_ratio(faint, background) >= ratio
            at = max(i for i, argb in enumerate(fading) if argb == faint.rgba())  # steps repeat
            assert at == 255 or contrast_ratio(QColor.fromRgba(fading[at + 1]), background) < ratio
