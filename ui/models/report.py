"""Table models over a report section: its rows, and its TOTAL row on its own (kept in sight under the rows).

The columns, headings and cell texts are the report's own (`pantry.services.reports.rows.Section`), written as the
PDF writes them, in the desk's language: weights in the pantry's unit, money with two decimals, thousands separators
(1,234.500 / 1234,500); the section is expected already translated (`report_pdf.translated`). The raw value of a cell
(grams, cents, counts) is under `RAW_ROLE`, for tests and for anyone checking a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication

from pantry.documents.report_pdf import cell_text, heading_text
from pantry.services.reports.rows import Column, Section
from ui.format import translator
from ui.guide.palette import row_colours
from ui.models.table import LEFT, RIGHT
from ui.text import _

Index = QModelIndex | QPersistentModelIndex

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
NUMERIC = frozenset({"count", "qty", "amount", "kg", "money", "percent"})
TOTAL_BACKGROUND = QColor("#e8eef6")


def align(column: Column) -> Qt.AlignmentFlag:
    return RIGHT if column.kind in NUMERIC else LEFT


class SectionModel(QAbstractTableModel):
    """The rows of one section (`totals=False`), or only its TOTAL row (`totals=True`)."""

    def __init__(self, *, totals: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.totals = totals
        self._columns: tuple[Column, ...] = ()
        self._rows: list[Any] = []
        self._weight_unit = "kg"
        self._currency = ""
        self._tr = translator()

    def set_section(self, section: Section | None, weight_unit: str = "kg", currency: str = "") -> None:
        self.beginResetModel()
        self._weight_unit, self._currency = weight_unit, currency
        self._tr = translator()  # the desk's language, asked once per section, not per cell
        if section is None:
            self._columns, self._rows = (), []
        else:
            self._columns = section.columns
            if self.totals:
                self._rows = [section.total] if section.total is not None else []
            else:
                self._rows = list(section.rows)
        self.endResetModel()

    @property
    def columns(self) -> Sequence[Column]:
        return self._columns

    def raw(self, row: int, key: str) -> Any:
        """The raw value of a cell, by the column's CSV key."""
        for column in self._columns:
            if column.key == key:
                return column.get(self._rows[row])
        raise KeyError(key)

    def text(self, row: int, key: str) -> str:
        for number, column in enumerate(self._columns):
            if column.key == key:
                return str(self.data(self.index(row, number)))
        raise KeyError(key)

    # -- QAbstractTableModel --------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(column, column.get(row), self._weight_unit, self._tr)
        if role == RAW_ROLE:
            return column.get(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return align(column)
        if self.totals and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if self.totals and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(row_colours(TOTAL_BACKGROUND, QGuiApplication.palette())[0])
        if self.totals and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(row_colours(TOTAL_BACKGROUND, QGuiApplication.palette())[1])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self._columns)):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return heading_text(column, self._weight_unit, self._currency)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return align(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("CSV column: {key}").format(key=column.key)
        return None
