"""Stock on hand as tables: by item (`stock.ItemStock`) and by lot (`stock.LotStock`), with a filter proxy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel
from PySide6.QtGui import QColor

from pantry.services.stock import ItemStock, LotStock, expiry_state
from ui import format as fmt
from ui.models.table import (
    BELOW_PAR_FOREGROUND,
    EXPIRED_BACKGROUND,
    EXPIRING_BACKGROUND,
    QUARANTINED_BACKGROUND,
    QUARANTINED_FOREGROUND,
    RIGHT,
    SORT_ROLE,
    Column,
    Row,
    RowTableModel,
)

_NO_DATE = "9999-12-31"  # sorts undated rows last
DATE_KIND_LABELS = {"best_by": "Best by", "use_by": "Use by", "none": "No date"}


def _expiry_background(expires: dt.date | None, today: dt.date) -> QColor | None:
    state = expiry_state(expires, today)
    if state == "expired":
        return EXPIRED_BACKGROUND
    if state == "soon":
        return EXPIRING_BACKGROUND
    return None


def _expiry_tooltip(expires: dt.date | None, today: dt.date) -> str | None:
    state = expiry_state(expires, today)
    if state is None or expires is None:
        return None
    days = (expires - today).days
    if state == "expired":
        return f"Expired {fmt.plural(-days, 'day')} ago" if days < 0 else "Expired"
    return "Expires today" if days == 0 else f"Expires in {fmt.plural(days, 'day')}"


def _par_text(row: ItemStock) -> str:
    return fmt.quantity(row.par_level, row.unit) if row.par_level is not None else ""


ITEM_COLUMNS: tuple[Column[ItemStock], ...] = (
    Column("SKU", lambda r: r.sku),
    Column("Item", lambda r: r.item),
    Column("Category", lambda r: r.category),
    Column("Storage", lambda r: r.storage),
    Column("Quantity", lambda r: fmt.quantity(r.quantity, r.unit), lambda r: r.quantity, RIGHT),
    Column("Weight", lambda r: fmt.weight(r.grams, r.unit), lambda r: r.grams, RIGHT),
    Column("Value", lambda r: fmt.money(r.value_cents), lambda r: r.value_cents, RIGHT),
    Column(
        "Earliest\nexpiry",
        lambda r: fmt.date(r.earliest_expiry),
        lambda r: fmt.date(r.earliest_expiry) or _NO_DATE,
        tooltip="The soonest date of this item's lots on hand",
    ),
    Column("Par", _par_text, lambda r: r.par_level if r.par_level is not None else -1, RIGHT, "Minimum stock wanted"),
)

LOT_COLUMNS: tuple[Column[LotStock], ...] = (
    Column("Lot", lambda r: r.lot),
    Column("SKU", lambda r: r.sku),
    Column("Item", lambda r: r.item),
    Column("Location", lambda r: r.location),
    Column("Expires", lambda r: fmt.date(r.expires), lambda r: fmt.date(r.expires) or _NO_DATE),
    Column("Date kind", lambda r: DATE_KIND_LABELS.get(r.date_kind, r.date_kind)),
    Column("Quantity", lambda r: fmt.quantity(r.quantity, r.unit), lambda r: r.quantity, RIGHT),
    Column("Weight", lambda r: fmt.weight(r.grams, r.unit), lambda r: r.grams, RIGHT),
    Column("Value", lambda r: fmt.money(r.value_cents), lambda r: r.value_cents, RIGHT),
)


RowPredicate = Callable[[Any], bool]


class FilteredRowModel(RowTableModel[Row]):
    """Keeps every row it is given and shows those a predicate accepts, chosen in one pass in Python.

    Filtering here rather than in a QSortFilterProxyModel subclass matters at a food bank's size: Qt asks a Python
    `filterAcceptsRow` once per row, and 20,000 such calls per keystroke cost more than the 50 ms a keystroke has."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all: list[Row] = []
        self.predicate: RowPredicate | None = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        self._all = list(rows)
        self._show()

    def set_predicate(self, predicate: RowPredicate | None) -> None:
        self.predicate = predicate
        self._show()

    def all_rows(self) -> list[Row]:
        return list(self._all)

    def total(self) -> int:
        return len(self._all)

    def _show(self) -> None:
        predicate = self.predicate
        super().set_rows(self._all if predicate is None else [row for row in self._all if predicate(row)])


class ItemStockModel(FilteredRowModel[ItemStock]):
    columns = ITEM_COLUMNS

    def __init__(self, parent: QObject | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()

    def background(self, row: ItemStock, column: int) -> QColor | None:
        return _expiry_background(row.earliest_expiry, self.today)

    def foreground(self, row: ItemStock, column: int) -> QColor | None:
        return BELOW_PAR_FOREGROUND if row.below_par else None

    def tooltip(self, row: ItemStock, column: int) -> str | None:
        notes = [f"{row.item} ({row.category})", _expiry_tooltip(row.earliest_expiry, self.today)]
        if row.below_par:
            notes.append(f"Below par: {_par_text(row)} wanted, {fmt.quantity(row.quantity, row.unit)} on hand")
        return "\n".join(note for note in notes if note)


QUARANTINE_TEXT = "ON HOLD"


class LotStockModel(FilteredRowModel[LotStock]):
    """Lots where they lie; quarantined lots (a recall) are marked in every cell and say so in the Status column."""

    def __init__(self, parent: QObject | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.quarantined: frozenset[int] = frozenset()
        self.columns = (
            *LOT_COLUMNS,
            Column("Status", self._status, tooltip="On hold: quarantined for a recall, not given out"),
        )

    def set_stock(self, rows: list[LotStock], quarantined: frozenset[int]) -> None:
        self.quarantined = quarantined
        self.set_rows(rows)

    def is_quarantined(self, row: LotStock) -> bool:
        return row.lot_id in self.quarantined

    def _status(self, row: LotStock) -> str:
        if self.is_quarantined(row):
            return QUARANTINE_TEXT
        state = expiry_state(row.expires, self.today)
        return {"expired": "expired", "soon": "expires soon"}.get(state or "", "")

    def background(self, row: LotStock, column: int) -> QColor | None:
        if self.is_quarantined(row):
            return QUARANTINED_BACKGROUND
        return _expiry_background(row.expires, self.today)

    def foreground(self, row: LotStock, column: int) -> QColor | None:
        return QUARANTINED_FOREGROUND if self.is_quarantined(row) else None

    def tooltip(self, row: LotStock, column: int) -> str | None:
        notes = [f"{row.item}: lot {row.lot} in {row.location}", _expiry_tooltip(row.expires, self.today)]
        if self.is_quarantined(row):
            notes.append("On hold for a recall: it is not given out. Release it (Ctrl+R) when the recall is over.")
        return "\n".join(note for note in notes if note)


class RowFilterProxy(QSortFilterProxyModel):
    """Sorts a FilteredRowModel's rows by SORT_ROLE (once a header is clicked; the core's order until then) and hands
    filtering to that model, so that Qt never calls into Python once per row to ask whether it is shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def _model(self) -> FilteredRowModel[Any]:
        model = self.sourceModel()
        assert isinstance(model, FilteredRowModel), "RowFilterProxy filters through a FilteredRowModel"
        return model

    @property
    def predicate(self) -> RowPredicate | None:
        return self._model().predicate

    def set_predicate(self, predicate: RowPredicate | None) -> None:
        self._model().set_predicate(predicate)

    def filter_next_rows_with(self, predicate: RowPredicate | None) -> None:
        """The predicate for the rows the model is about to be given (without filtering the ones it has now)."""
        self._model().predicate = predicate

    def visible_rows(self) -> list[Any]:
        model = self._model()
        if self.sortColumn() < 0:
            return model.rows()
        return [model.row_at(self.mapToSource(self.index(row, 0)).row()) for row in range(self.rowCount())]
