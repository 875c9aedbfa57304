"""A list of catalog items (search results) for pick lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt

from pantry.services.catalog import ItemInfo
from ui.models.table import ROW_ROLE, Index
from ui.text import _


def item_label(item: ItemInfo) -> str:
    weighed = f" · {_('by weight ({unit})').format(unit=item.unit)}" if item.unit in ("lb", "kg") else ""
    return f"{item.name}  —  {item.category}{weighed}  ({item.sku})"


class ItemListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[ItemInfo] = []

    def set_items(self, items: list[ItemInfo] | tuple[ItemInfo, ...]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> ItemInfo | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item_label(item)
        if role == ROW_ROLE:
            return item
        return None
