"""A small bar chart drawn with QPainter (QtCharts is not installed): a report's `Chart`, as its PDF draws it.

One group of bars per label, one bar per series (same colours as the PDF), a value axis with round steps, the
title with its unit (kg or lb as the pantry prints, the currency for money), a legend when there is more than one
series. Horizontal charts (losses by reason) put the labels on the left. Numbers as the desk's language writes them
(1,250.5 / 1250,5); the chart's title and series names come translated with the report (`report_pdf.translated`).
"""

from __future__ import annotations

import math
from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pantry.i18n import ENGLISH
from pantry.measures import GRAMS_PER_UNIT
from pantry.services.reports.rows import Chart
from ui.format import translator
from ui.guide.palette import LARGE_TEXT, is_dark, readable, text_colour
from ui.text import _

SERIES_COLOURS = (QColor(51, 115, 179), QColor(230, 140, 38), QColor(191, 51, 51))
AXIS = QColor("#555555")
GRID = QColor("#e2e2e2")
MARGIN = 8


def blend(first: QColor, second: QColor, share: float) -> QColor:
    """`first` with `share` (0 to 1) of `second` mixed in."""
    a, b = first.toRgb(), second.toRgb()
    return QColor.fromRgbF(*(x + (y - x) * share for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)))


def chart_values(chart: Chart, weight_unit: str) -> list[list[float]]:
    """Each series' values as people read them: kg or lb, money units, counts."""

    def convert(value: int) -> float:
        if chart.kind == "kg":
            return float(Decimal(value) / GRAMS_PER_UNIT[weight_unit])
        if chart.kind == "money":
            return value / 100
        return float(value)

    return [[convert(value) for value in values] for _, values in chart.series]


def axis_steps(low: float, high: float, ticks: int = 5) -> list[float]:
    """Round values from at most `low` to at least `high` (0 always among them): 0, 50, 100, 150..."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 0:
        return [0.0, 1.0]
    raw = (high - low) / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(factor * power for factor in (1, 2, 2.5, 5, 10) if factor * power >= raw)
    start = math.floor(low / step) * step
    values = []
    value = start
    while value < high + step * 0.999:
        values.append(round(value, 10))
        value += step
        if values[-1] >= high:
            break
    return values


def number_text(value: float, decimals: int) -> str:
    """A value with `decimals` decimals, grouped as the desk's language groups thousands."""
    tr = translator()
    if tr.language == ENGLISH:
        return f"{value:,.{decimals}f}"
    return tr.number(Decimal(f"{value:.{decimals}f}"), decimals)


def axis_text(value: float) -> str:
    if abs(value) >= 10 or value == int(value):
        return number_text(value, 0)
    return number_text(value, 1)


class BarChart(QWidget):
    """Shows one `Chart` (or a quiet line saying there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.weight_unit = "kg"
        self.currency = ""
        self.empty_text = _("No chart for this table.")
        self.setAccessibleName(_("Chart"))
        self.setMinimumSize(260, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self._take_colours()

    def sizeHint(self) -> QSize:
        return QSize(420, 300)

    def set_chart(self, chart: Chart | None, weight_unit: str = "kg", currency: str = "") -> None:
        self.chart, self.weight_unit, self.currency = chart, weight_unit, currency
        self.setToolTip(self.describe())
        self.update()

    @property
    def title(self) -> str:
        if self.chart is None:
            return ""
        unit = {"kg": self.weight_unit, "money": self.currency}.get(self.chart.kind)
        return f"{self.chart.title} ({unit})" if unit else self.chart.title

    def describe(self) -> str:
        """The chart in words (its tooltip): every label with every series' value."""
        if self.chart is None:
            return ""
        values = chart_values(self.chart, self.weight_unit)
        decimals = {"kg": 3, "money": 2}.get(self.chart.kind, 0)
        lines = [self.title]
        for number, label in enumerate(self.chart.labels):
            parts = [
                f"{name} {number_text(series[number], decimals)}"
                for (name, _), series in zip(self.chart.series, values, strict=True)
            ]
            lines.append(f"{label}: {', '.join(parts)}")
        return "\n".join(lines)

    # -- drawing --------------------------------------------------------------------------------------------------

    def _take_colours(self) -> None:
        """The chart's colours from the palette in force: the Base of a table behind it, its Text for words, the axis
        grey and the series made readable on that Base (a light or a dark theme), the grid a faint mix of the two."""
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        self._ink = palette.color(QPalette.ColorRole.Text)
        self._axis = text_colour(AXIS, palette, QPalette.ColorRole.Base)
        self._grid = GRID if not is_dark(palette) else blend(base, self._ink, 0.18)
        self._series = tuple(readable(colour, base, LARGE_TEXT) for colour in SERIES_COLOURS)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            self._take_colours()
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Base))
            area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
            if self.chart is None or not self.chart.labels or not self.chart.series:
                painter.setPen(self._axis)
                painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
                return
            area = self._title_and_legend(painter, area)
            if self.chart.horizontal:
                self._horizontal(painter, area)
            else:
                self._vertical(painter, area)
        finally:
            painter.end()

    def _title_and_legend(self, painter: QPainter, area: QRectF) -> QRectF:
        assert self.chart is not None
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(self._ink)
        line = QFontMetrics(bold).height()
        painter.drawText(QRectF(area.left(), area.top(), area.width(), line), Qt.AlignmentFlag.AlignLeft, self.title)
        top = area.top() + line + 4
        painter.setFont(self.font())
        if len(self.chart.series) > 1:
            metrics = QFontMetrics(self.font())
            x = area.left()
            for number, (name, _) in enumerate(self.chart.series):
                colour = self._series[number % len(self._series)]
                painter.fillRect(QRectF(x, top + 3, 10, 10), colour)
                painter.setPen(self._ink)
                painter.drawText(QPointF(x + 14, top + metrics.ascent()), name)
                x += 14 + metrics.horizontalAdvance(name) + 16
            top += metrics.height() + 4
        return QRectF(area.left(), top, area.width(), area.bottom() - top)

    def _vertical(self, painter: QPainter, area: QRectF) -> None:
        assert self.chart is not None
        values = chart_values(self.chart, self.weight_unit)
        flat = [value for series in values for value in series]
        steps = axis_steps(min(flat, default=0.0), max(flat, default=0.0))
        low, high = steps[0], steps[-1]
        metrics = QFontMetrics(self.font())
        left = area.left() + max(metrics.horizontalAdvance(axis_text(step)) for step in steps) + 6
        label_height = metrics.height() + 4
        plot = QRectF(left, area.top() + metrics.height() / 2, area.right() - left, area.height() - label_height)
        if plot.height() <= 10 or plot.width() <= 10:
            return

        def y_of(value: float) -> float:
            return plot.bottom() - (value - low) / (high - low) * plot.height()

        for step in steps:
            y = y_of(step)
            painter.setPen(QPen(self._axis if step == 0 else self._grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self._axis)
            painter.drawText(
                QRectF(area.left(), y - metrics.height() / 2, left - area.left() - 4, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                axis_text(step),
            )
        groups = len(self.chart.labels)
        group_width = plot.width() / groups
        bar_width = max(1.0, group_width * 0.8 / len(values))
        every = max(1, math.ceil(groups * (metrics.horizontalAdvance("2026-09") + 8) / plot.width()))
        for number, label in enumerate(self.chart.labels):
            x = plot.left() + number * group_width + group_width * 0.1
            for index, series in enumerate(values):
                top, bottom = sorted((y_of(series[number]), y_of(0.0)))
                colour = self._series[index % len(self._series)]
                painter.fillRect(QRectF(x + index * bar_width, top, bar_width - 1, bottom - top), colour)
            if number % every == 0:
                painter.setPen(self._axis)
                text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(group_width * every))
                painter.drawText(
                    QRectF(plot.left() + number * group_width, plot.bottom() + 2, group_width, label_height),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextDontClip,
                    text,
                )

    def _horizontal(self, painter: QPainter, area: QRectF) -> None:
        assert self.chart is not None
        values = chart_values(self.chart, self.weight_unit)
        flat = [value for series in values for value in series]
        steps = axis_steps(min(flat, default=0.0), max(flat, default=0.0), ticks=4)
        low, high = steps[0], steps[-1]
        metrics = QFontMetrics(self.font())
        widest = max(metrics.horizontalAdvance(label) for label in self.chart.labels)
        label_width = min(area.width() * 0.4, widest + 16)
        plot = QRectF(
            area.left() + label_width,
            area.top(),
            area.width() - label_width - metrics.horizontalAdvance(axis_text(high)) / 2,
            area.height() - metrics.height() - 4,
        )
        if plot.height() <= 10 or plot.width() <= 10:
            return

        def x_of(value: float) -> float:
            return plot.left() + (value - low) / (high - low) * plot.width()

        for step in steps:
            x = x_of(step)
            painter.setPen(QPen(self._axis if step == 0 else self._grid, 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(self._axis)
            text = axis_text(step)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QPointF(x - width / 2, plot.bottom() + metrics.ascent() + 2), text)
        groups = len(self.chart.labels)
        group_height = plot.height() / groups
        bar_height = max(1.0, min(28.0, group_height * 0.75 / len(values)))
        for number, label in enumerate(self.chart.labels):
            middle = plot.top() + (number + 0.5) * group_height
            first = middle - bar_height * len(values) / 2
            for index, series in enumerate(values):
                left, right = sorted((x_of(series[number]), x_of(0.0)))
                colour = self._series[index % len(self._series)]
                painter.fillRect(QRectF(left, first + index * bar_height, right - left, bar_height - 1), colour)
            painter.setPen(self._ink)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width - 6))
            painter.drawText(
                QRectF(area.left(), middle - metrics.height() / 2, label_width - 6, metrics.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
