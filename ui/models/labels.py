"""The items of a label batch: how many labels each gets, one per lot or one per unit (chosen per item)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt

from pantry.measures import format_quantity, is_weighed
from pantry.services.labels import LotLabel
from ui.models.table import RIGHT, Column, Index, RowTableModel
from ui.tasks import LabelLine
from ui.text import N_, _, ngettext

ITEM, LOTS, QUANTITY, PER_UNIT, LABELS = range(5)


@dataclass
class LabelItem:
    sku: str
    item: str
    unit: str
    labels: list[LotLabel] = field(default_factory=list)
    per_unit: bool = False

    @property
    def can_be_per_unit(self) -> bool:
        return not is_weighed(self.unit)

    @property
    def units(self) -> int:
        return sum(label.quantity for label in self.labels)

    @property
    def label_count(self) -> int:
        if self.per_unit and self.can_be_per_unit:
            return sum(max(label.quantity, 1) for label in self.labels)
        return len(self.labels)


def _lots_text(row: LabelItem) -> str:
    codes = list(dict.fromkeys(label.code for label in row.labels))
    if len(codes) <= 3:
        return ", ".join(codes)
    lots = ngettext("{count} lot", "{count} lots", len(codes)).format(count=len(codes))
    return f"{codes[0]} … {codes[-1]} ({lots})"


class LabelItemsModel(RowTableModel[LabelItem]):
    """Rows are items; the "One per unit" column is a checkbox (Space toggles it) for counted items."""

    columns = (
        Column(N_("Item"), lambda r: r.item),
        Column(N_("Lots"), _lots_text),
        Column(N_("Quantity"), lambda r: f"{format_quantity(r.units, r.unit)} {_(r.unit)}", align=RIGHT),
        Column(N_("One label per unit"), lambda r: "" if r.can_be_per_unit else _("by weight: one per lot"),
               tooltip=N_("Tick to print a label for every can or pack of the item (Space)")),
        Column(N_("Labels"), lambda r: str(r.label_count), lambda r: r.label_count, RIGHT),
    )  # fmt: skip

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._order: list[tuple[str, LotLabel]] = []

    def set_lines(self, lines: tuple[LabelLine, ...] | list[LabelLine], per_unit_skus: set[str]) -> None:
        items: dict[str, LabelItem] = {}
        for line in lines:
            row = items.get(line.sku)
            if row is None:
                row = items[line.sku] = LabelItem(line.sku, line.label.item, line.label.unit)
                row.per_unit = line.sku in per_unit_skus and row.can_be_per_unit
            row.labels.append(line.label)
        self._order = [(line.sku, line.label) for line in lines]
        self.set_rows(list(items.values()))

    def chosen_labels(self) -> list[LotLabel]:
        """Every label to print, in the order of the lots: a label once, or once per unit for per-unit items."""
        per_unit = {row.sku for row in self._rows if row.per_unit and row.can_be_per_unit}
        chosen: list[LotLabel] = []
        for sku, label in self._order:
            chosen.extend([label] * (max(label.quantity, 1) if sku in per_unit else 1))
        return chosen

    def label_count(self) -> int:
        return sum(row.label_count for row in self._rows)

    def per_unit_skus(self) -> tuple[set[str], set[str]]:
        """(items now one per unit, items now one per lot), for the desk to remember."""
        on = {row.sku for row in self._rows if row.per_unit}
        return on, {row.sku for row in self._rows if row.can_be_per_unit and not row.per_unit}

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == PER_UNIT and self._rows[index.row()].can_be_per_unit:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == PER_UNIT:
            if not (0 <= index.row() < len(self._rows)):
                return None
            row = self._rows[index.row()]
            if not row.can_be_per_unit:
                return None
            return Qt.CheckState.Checked if row.per_unit else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != PER_UNIT:
            return False
        row = self._rows[index.row()]
        if not row.can_be_per_unit:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        row.per_unit = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(self.index(index.row(), PER_UNIT), self.index(index.row(), LABELS))
        return True

    def toggle(self, row: int) -> None:
        if 0 <= row < len(self._rows) and self._rows[row].can_be_per_unit:
            checked = Qt.CheckState.Unchecked if self._rows[row].per_unit else Qt.CheckState.Checked
            self.setData(self.index(row, PER_UNIT), checked, Qt.ItemDataRole.CheckStateRole)
