"""FittingLabel: says as much as fits, from the longest wording down, and never cuts a word.

Text that matters (a week's dates, counts) is given as a few complete wordings,
longest first. The label shows the longest that fits its width and keeps the
first, full one in its tooltip and for screen readers. Its minimum width is that
of the shortest wording, so a layout can shrink it that far and no further.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Slot
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QWidget


def smaller_font(font: QFont, share: float = 0.9) -> QFont:
    """``font`` at ``share`` of its size, never below 6 pt (8 px): for amounts, notes and
    limits beside the main text."""
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(max(font.pointSizeF() * share, 6.0))
    elif font.pixelSize() > 0:
        small.setPixelSize(max(8, round(font.pixelSize() * share)))
    return small


def follow_zoom(widget: QWidget, derive: Callable[[QFont], QFont] = QFont) -> None:
    """Give ``widget`` the font ``derive`` makes of the application font, now and after each
    change of it (View ▸ Zoom). A font set outright (a smaller size) or through a style sheet
    otherwise keeps the size it had when it was set: Qt tells only the widgets that follow."""
    _FontFollower(widget, derive)


class _FontFollower(QObject):
    """A child of the widget, so the connection goes when the widget goes."""

    def __init__(self, widget: QWidget, derive: Callable[[QFont], QFont]):
        super().__init__(widget)
        self._widget, self._derive = widget, derive
        self.apply()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.fontChanged.connect(self.apply)

    @Slot()
    def apply(self) -> None:
        self._widget.setFont(self._derive(QApplication.font(self._widget)))


def text_width(text: str, font: QFont) -> int:
    """The width of ``text`` (plain or simple rich text) in ``font``, in pixels."""
    if "<" not in text:  # plain text (rich text here is a few tags such as <b>)
        return QFontMetrics(font).horizontalAdvance(text)
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setHtml(text)
    return int(doc.idealWidth() + 0.999)


class FittingLabel(QLabel):
    """A label that picks the longest of its ``wordings`` that fits its width."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._wordings: tuple[str, ...] = ()
        self._widths: tuple[int, ...] = ()
        self._font_key = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setWordWrap(False)

    def set_wordings(self, wordings: Sequence[str], *, full: str | None = None) -> None:
        """Longest first; ``full`` (default: the first wording, tags removed) is the tooltip
        and the accessible name."""
        self._wordings = tuple(w for w in wordings if w)
        self._widths = ()
        whole = full if full is not None else _plain(self._wordings[0] if self._wordings else "")
        self.setToolTip(whole)
        self.setAccessibleName(whole)
        self.updateGeometry()
        self._fit()

    def wordings(self) -> tuple[str, ...]:
        return self._wordings

    def _measure(self) -> tuple[int, ...]:
        key = self.font().key()
        if not self._widths or key != self._font_key:
            margin = self.margin() * 2 + self.contentsMargins().left() + self.contentsMargins().right()
            self._widths = tuple(text_width(w, self.font()) + margin + 2 for w in self._wordings)
            self._font_key = key
        return self._widths

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        widths = self._measure()
        return QSize(max(widths, default=0), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        widths = self._measure()
        return QSize(min(widths, default=0), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._widths = ()
            self.updateGeometry()
            self._fit()

    def _fit(self) -> None:
        widths = self._measure()
        chosen = next((w for w, width in zip(self._wordings, widths, strict=True)
                       if width <= self.width()), self._wordings[-1] if self._wordings else "")
        if chosen != self.text():
            super().setText(chosen)


def _plain(text: str) -> str:
    if "<" not in text:  # plain text (rich text here is a few tags such as <b>)
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()
