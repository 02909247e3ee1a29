"""The bar legend explains every mark a gauge draws, the hatched supplements part included."""

from __future__ import annotations

import inspect

from bonewise.ui.gauges import gauge as gauge_module
from bonewise.ui.gauges import legend as legend_module
from bonewise.ui.gauges.legend import BarLegend

MARKS = {name for name, thing in vars(gauge_module).items()
         if name.startswith("paint_") and inspect.isfunction(thing)}


def test_every_mark_of_a_bar_has_an_entry(qtbot, monkeypatch):
    drawn = set()
    for name in MARKS:
        original = getattr(legend_module, name, None)
        if original is None:
            continue

        def record(*args, _name=name, _original=original, **kwargs):
            drawn.add(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(legend_module, name, record)
    legend = BarLegend()
    qtbot.add_widget(legend)
    legend.resize(600, legend.heightForWidth(600))
    legend.grab()
    assert MARKS == drawn  # a new kind of mark on the bars needs its entry here
    assert "from supplements (hatched)" in legend.entries()
    assert "supplements" in legend.accessibleDescription()


def test_entries_wrap_and_are_never_cut(qtbot):
    legend = BarLegend()
    qtbot.add_widget(legend)
    font = legend.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # 200 % text
    legend.setFont(font)
    narrow = legend.minimumSizeHint().width()
    for width in (narrow, narrow + 37, 900):
        boxes = legend.entry_boxes(width)
        assert [" ".join(lines) for _box, _part, lines in boxes] == list(legend.entries())
        assert all(box.left() >= 0 and box.right() <= width for box, _part, _lines in boxes)
        assert legend.heightForWidth(width) >= max(box.bottom() for box, _part, _lines in boxes)
