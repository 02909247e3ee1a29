"""FittingLabel: the longest wording that fits, never a cut one; the whole in the tooltip."""

from __future__ import annotations

from bonewise.ui.fitting import FittingLabel, text_width

WORDINGS = ["<b>Week 49, 2026</b> · 30 Nov – 6 Dec 2026 · this week",
            "<b>Week 49</b> · 30 Nov – 6 Dec 2026",
            "<b>30 Nov – 6 Dec</b>"]


def test_the_longest_wording_that_fits_is_shown(qtbot):
    label = FittingLabel()
    qtbot.add_widget(label)
    label.set_wordings(WORDINGS)
    label.show()
    widths = [text_width(w, label.font()) for w in WORDINGS]
    assert widths == sorted(widths, reverse=True)
    assert label.minimumSizeHint().width() >= widths[-1]
    assert label.sizeHint().width() >= widths[0]
    for width, shown in ((widths[0] + 10, 0), (widths[0] - 1, 1), (widths[1] - 1, 2), (5, 2)):
        label.resize(width, label.sizeHint().height())
        assert label.text() == WORDINGS[shown]
    assert label.toolTip() == label.accessibleName() == "Week 49, 2026 · 30 Nov – 6 Dec 2026 · this week"


def test_a_bigger_font_measures_again(qtbot):
    label = FittingLabel()
    qtbot.add_widget(label)
    label.set_wordings(WORDINGS)
    before = label.sizeHint().width()
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.sizeHint().width() > before * 1.6
