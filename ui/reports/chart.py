"""A horizontal bar chart drawn with QPainter (no QtCharts in the bundle): a label, a bar and its value per row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLocale, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QStyle, QWidget

from ui.shared.labels import fill

BAR_COLOUR = QColor("#1f5f99")  # dark blue: readable on a washed-out old screen, and in greyscale
MASKED_COLOUR = QColor("#8f9aa6")  # hatched, lighter: a range up to 5, not a count
TEXT_COLOUR = QColor("#1a1a1a")
GRID_COLOUR = QColor("#c9ced4")
MARGIN = 8
GAP = 8  # between a label and its bar, a bar and its value
LABEL_SHARE = 0.42  # the labels take at most this share of the width; longer ones are cut with "…"


@dataclass(frozen=True)
class Bar:
    """One row: what it counts (`label`) and how many; `masked` rows show "< N" rather than their number."""

    label: str
    value: int
    masked: bool = False


class BarChart(QWidget):
    """Rows top to bottom in the order given; in a right-to-left window the labels are on the right and bars grow
    leftwards. Values under `mask_below` (and above 0) are shown as "< mask_below", their bar a hatched stub of that
    length, so neither the number nor the bar tells how few families a place has."""

    def __init__(self, parent: QWidget | None = None, object_name: str = "barChart", mask_below: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.mask_below = mask_below
        self.bars: list[Bar] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader reaches it and reads its description

    # --- what it shows ----------------------------------------------------------------------------------------------

    def set_bars(self, rows: Sequence[tuple[str, int]]) -> None:
        """Show these (label, value) rows, in this order."""
        self.bars = [
            Bar(label, value, masked=0 < value < self.mask_below) for label, value in rows if value is not None
        ]
        self._describe()
        self.updateGeometry()
        self.update()

    def set_empty_text(self, text: str) -> None:
        """What the chart says when it has no row (e.g. "No family served")."""
        self.empty_text = text
        self.update()

    def value_text(self, bar: Bar) -> str:
        """The number drawn at the end of a bar: "< 5" for a masked one."""
        if bar.masked:
            return fill(self.tr("< %1"), self.mask_below)
        return QLocale().toString(bar.value)

    def texts(self) -> list[tuple[str, str]]:
        """(label, value as drawn) per row: what a person reads on the chart."""
        return [(bar.label, self.value_text(bar)) for bar in self.bars]

    def _describe(self) -> None:
        rows = "\n".join(f"{label}: {value}" for label, value in self.texts())
        self.setAccessibleDescription(rows or self.empty_text)

    # --- size -------------------------------------------------------------------------------------------------------

    def row_height(self) -> int:
        return max(QFontMetrics(self.font()).height() + 12, 26)

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        rows = max(len(self.bars), 1)
        return QSize(480, 2 * MARGIN + rows * self.row_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return QSize(260, self.sizeHint().height())

    # --- drawing ----------------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 — Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setLayoutDirection(self.layoutDirection())
        if not self.bars:
            painter.setPen(TEXT_COLOUR)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
            return
        self.paint_rows(painter, self.rect())
        painter.end()

    def paint_rows(self, painter: QPainter, area: QRect) -> None:
        """Lay the rows out left to right in `area`, then mirror each rectangle in a right-to-left window."""
        metrics = QFontMetrics(self.font())
        bold = QFont(self.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        direction = self.layoutDirection()
        rtl = direction == Qt.LayoutDirection.RightToLeft
        inner = area.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        label_width = min(max(metrics.horizontalAdvance(b.label) for b in self.bars), int(inner.width() * LABEL_SHARE))
        value_width = max(bold_metrics.horizontalAdvance(self.value_text(b)) for b in self.bars)
        bars_left = inner.left() + label_width + GAP
        bars_width = max(inner.width() - label_width - value_width - 2 * GAP, 10)
        biggest = max(max(b.value for b in self.bars), self.mask_below, 1)
        height = self.row_height()
        bar_height = max(int(height * 0.62), 12)
        near, far = Qt.AlignmentFlag.AlignRight, Qt.AlignmentFlag.AlignLeft  # toward the bars, away from them
        if rtl:
            near, far = far, near

        def visual(rect: QRect) -> QRect:
            return QStyle.visualRect(direction, area, rect)

        # The axis the bars start from.
        painter.setPen(QPen(GRID_COLOUR, 1))
        axis = visual(QRect(bars_left, inner.top(), 1, len(self.bars) * height))
        painter.drawLine(axis.topLeft(), axis.bottomLeft())
        for row, bar in enumerate(self.bars):
            top = inner.top() + row * height
            label_rect = QRect(inner.left(), top, label_width, height)
            painter.setFont(self.font())
            painter.setPen(TEXT_COLOUR)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(visual(label_rect), near | Qt.AlignmentFlag.AlignVCenter, label)
            shown = self.mask_below if bar.masked else bar.value
            length = max(round(bars_width * shown / biggest), 3 if bar.value else 0)
            bar_rect = QRect(bars_left, top + (height - bar_height) // 2, length, bar_height)
            painter.setPen(Qt.PenStyle.NoPen)
            if bar.masked:
                painter.setBrush(QBrush(MASKED_COLOUR, Qt.BrushStyle.BDiagPattern))
                painter.setPen(QPen(MASKED_COLOUR, 1))
            else:
                painter.setBrush(BAR_COLOUR)
            painter.setBrushOrigin(visual(bar_rect).topLeft())  # every hatched bar alike, whatever its row
            painter.drawRect(visual(bar_rect))
            value_rect = QRect(bar_rect.right() + GAP, top, value_width + GAP, height)
            painter.setFont(bold)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(visual(value_rect), far | Qt.AlignmentFlag.AlignVCenter, self.value_text(bar))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.LayoutDirectionChange, QEvent.Type.FontChange):
            self._describe()
            self.updateGeometry()
            self.update()
        super().changeEvent(event)
