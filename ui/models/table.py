"""A read-only table model over a list of plain rows, its columns declared once as an ordered table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ui.text import _

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a plain value (str/int) the proxy sorts by
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row object itself

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# Highlight colours, shared by the models and the legends that explain them.
EXPIRED_BACKGROUND = QColor("#f8c9c4")
EXPIRING_BACKGROUND = QColor("#ffe7a3")
BELOW_PAR_FOREGROUND = QColor("#b00020")
NEEDS_INPUT_BACKGROUND = QColor("#f8c9c4")
QUARANTINED_BACKGROUND = QColor("#d9cdf0")
QUARANTINED_FOREGROUND = QColor("#3b1a78")


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str  # marked with N_ where the columns are declared; translated when shown
    text: Callable[[Row], str]
    sort: Callable[[Row], Any] | None = None  # defaults to the casefolded text
    align: Qt.AlignmentFlag = LEFT
    tooltip: str = ""


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Rows are replaced as a whole (`set_rows`) after each query; `row_at` gives a view's row back."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    # -- rows -----------------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    # -- hooks for subclasses -------------------------------------------------------------------------------------

    def background(self, row: Row, column: int) -> QColor | None:
        return None

    def foreground(self, row: Row, column: int) -> QColor | None:
        return None

    def tooltip(self, row: Row, column: int) -> str | None:
        return None

    # -- QAbstractTableModel --------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort is not None else column.text(row).casefold()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background(row, index.column())
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self.foreground(row, index.column())
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.columns)):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.header)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(column.tooltip) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        return None
