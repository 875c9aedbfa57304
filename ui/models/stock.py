"""Stock on hand as tables: by item (`stock.ItemStock`) and by lot (`stock.LotStock`), filtered and sorted in Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from pantry.i18n import builtin_label
from pantry.services.stock import ItemStock, LotStock, expiry_state
from ui import format as fmt
from ui.guide.palette import readable as palette_readable
from ui.guide.palette import row_colours, text_colour
from ui.models.table import (
    BELOW_PAR_FOREGROUND,
    EXPIRED_BACKGROUND,
    EXPIRING_BACKGROUND,
    QUARANTINED_BACKGROUND,
    QUARANTINED_FOREGROUND,
    RIGHT,
    Column,
    Index,
    Row,
    RowTableModel,
)
from ui.text import N_, _, ngettext

_NO_DATE = "9999-12-31"  # sorts undated rows last
STORAGE_WORDS = {"dry": N_("dry"), "chilled": N_("chilled"), "frozen": N_("frozen")}  # translated where shown
DATE_KIND_LABELS = {"best_by": N_("Best by"), "use_by": N_("Use by"), "none": N_("No date")}  # translated where shown


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
        if days < 0:
            return ngettext("Expired {days} day ago", "Expired {days} days ago", -days).format(days=-days)
        return _("Expired")
    if days == 0:
        return _("Expires today")
    return ngettext("Expires in {days} day", "Expires in {days} days", days).format(days=days)


def _location(name: str) -> str:
    """A location's name as shown: the built-in "Main" in the desk's language until the pantry renames it."""
    return builtin_label("location", None, name)


def _par_text(row: ItemStock) -> str:
    return fmt.quantity(row.par_level, row.unit) if row.par_level is not None else ""


ITEM_COLUMNS: tuple[Column[ItemStock], ...] = (
    Column(N_("SKU"), lambda r: r.sku),
    Column(N_("Item"), lambda r: r.item),
    Column(N_("Category"), lambda r: r.category),
    Column(N_("Storage"), lambda r: _(STORAGE_WORDS.get(r.storage, r.storage))),
    Column(N_("Quantity"), lambda r: fmt.quantity(r.quantity, r.unit), lambda r: r.quantity, RIGHT),
    Column(N_("Weight"), lambda r: fmt.weight(r.grams, r.unit), lambda r: r.grams, RIGHT),
    Column(N_("Value"), lambda r: fmt.money(r.value_cents), lambda r: r.value_cents, RIGHT),
    Column(
        N_("Earliest\nexpiry"),
        lambda r: fmt.date(r.earliest_expiry),
        lambda r: fmt.date(r.earliest_expiry) or _NO_DATE,
        tooltip=N_("The soonest date of this item's lots on hand"),
    ),
    Column(
        N_("Par"),
        _par_text,
        lambda r: r.par_level if r.par_level is not None else -1,
        RIGHT,
        N_("Minimum stock wanted"),
    ),
)

LOT_COLUMNS: tuple[Column[LotStock], ...] = (
    Column(N_("Lot"), lambda r: r.lot),
    Column(N_("SKU"), lambda r: r.sku),
    Column(N_("Item"), lambda r: r.item),
    Column(N_("Location"), lambda r: _location(r.location)),
    Column(N_("Expires"), lambda r: fmt.date(r.expires), lambda r: fmt.date(r.expires) or _NO_DATE),
    Column(N_("Date kind"), lambda r: _(DATE_KIND_LABELS.get(r.date_kind, r.date_kind))),
    Column(N_("Quantity"), lambda r: fmt.quantity(r.quantity, r.unit), lambda r: r.quantity, RIGHT),
    Column(N_("Weight"), lambda r: fmt.weight(r.grams, r.unit), lambda r: r.grams, RIGHT),
    Column(N_("Value"), lambda r: fmt.money(r.value_cents), lambda r: r.value_cents, RIGHT),
)


RowPredicate = Callable[[Any], bool]


def readable(background: QColor | None, foreground: QColor | None) -> tuple[QColor | None, QColor | None]:
    """A row's colours as they read in the theme in force (ui.guide.palette): a highlight keeps its pastel with dark
    text in a light theme and becomes a deep shade with light text in a dark one; coloured text (below par, on hold)
    is made to read on what it is drawn on."""
    palette = QGuiApplication.palette()
    if background is not None:
        background, text = row_colours(background, palette)
        return background, text if foreground is None else palette_readable(foreground, background)
    if foreground is not None:
        return None, text_colour(foreground, palette, QPalette.ColorRole.Base)
    return None, None


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
# Roles a cell is asked for on every paint that these tables never answer: answered first, without work.
_UNANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.CheckStateRole,
        Qt.ItemDataRole.SizeHintRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.WhatsThisRole,
        Qt.ItemDataRole.EditRole,
    )
)


class FilteredRowModel(RowTableModel[Row]):
    """Keeps every row it is given and shows those a predicate accepts, in the order of the column chosen to sort by
    (the core's order until a header is clicked). Both are done here, in Python, over a plain list.

    At a food bank's size a QSortFilterProxyModel in front of a Python model costs seconds: Qt calls into Python once
    per row per keystroke to filter, and twice per comparison to sort (20,000 lots by date: 8 s, and again after every
    keystroke while sorted). Here a sort is one `list.sort` with a key per row, the filter one list comprehension
    over rows already in order, and a cell's text is formatted once per load, not on every paint. Colours are per row
    (`background` / `foreground` are asked with column 0)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._given: list[Row] = []  # in the core's order
        self._all: list[Row] = []  # in the chosen order
        self.predicate: RowPredicate | None = None
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._texts: dict[int, tuple[str, ...]] = {}  # id(row) -> its cells' texts (rows are replaced whole)
        self._colours: dict[int, tuple[QBrush | None, QBrush | None]] = {}
        self._brushes: dict[int, QBrush] = {}

    def set_rows(self, rows: Sequence[Row]) -> None:
        self._given = list(rows)
        self._texts.clear()
        self._colours.clear()
        self._all = self._sorted(self._given)
        self._show()

    def set_predicate(self, predicate: RowPredicate | None) -> None:
        self.predicate = predicate
        self._show()

    def filter_next_rows_with(self, predicate: RowPredicate | None) -> None:
        """The predicate for the rows the model is about to be given (without filtering the ones it has now)."""
        self.predicate = predicate

    def all_rows(self) -> list[Row]:
        return list(self._given)

    def visible_rows(self) -> list[Row]:
        """The rows shown, in the order shown."""
        return list(self._rows)

    def total(self) -> int:
        return len(self._given)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header clicked (or -1: the core's order again)."""
        self.sort_column = column if 0 <= column < len(self.columns) else -1
        self.sort_order = order
        self.layoutAboutToBeChanged.emit()
        self._all = self._sorted(self._given)
        self._rows = self._accepted()
        self.layoutChanged.emit()

    def _sorted(self, rows: list[Row]) -> list[Row]:
        if self.sort_column < 0:
            return rows
        column = self.columns[self.sort_column]
        key = column.sort if column.sort is not None else lambda row: column.text(row).casefold()
        return sorted(rows, key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def _accepted(self) -> list[Row]:
        predicate = self.predicate
        return self._all if predicate is None else [row for row in self._all if predicate(row)]

    def _show(self) -> None:
        self.beginResetModel()
        self._rows = self._accepted()
        self.endResetModel()

    def cell_texts(self, row: Row) -> tuple[str, ...]:
        texts = self._texts.get(id(row))
        if texts is None:
            texts = self._texts[id(row)] = tuple(column.text(row) for column in self.columns)
        return texts

    def _brush(self, colour: QColor | None) -> QBrush | None:
        if colour is None:
            return None
        brush = self._brushes.get(colour.rgba())
        if brush is None:
            brush = self._brushes[colour.rgba()] = QBrush(colour)
        return brush

    def _row_colours(self, row: Row) -> tuple[QBrush | None, QBrush | None]:
        colours = self._colours.get(id(row))
        if colours is None:
            background, foreground = readable(self.background(row, 0), self.foreground(row, 0))
            colours = self._colours[id(row)] = (self._brush(background), self._brush(foreground))
        return colours

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role in _UNANSWERED:
            return None
        number, rows = index.row(), self._rows
        if not 0 <= number < len(rows) or not index.isValid():
            return None
        row = rows[number]
        if role == _DISPLAY:
            return self.cell_texts(row)[index.column()]
        if role == _ALIGNMENT:
            return self.columns[index.column()].align
        if role == _BACKGROUND:
            return self._row_colours(row)[0]
        if role == _FOREGROUND:
            return self._row_colours(row)[1]
        return super().data(index, role)


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
            notes.append(
                _("Below par: {wanted} wanted, {on_hand} on hand").format(
                    wanted=_par_text(row), on_hand=fmt.quantity(row.quantity, row.unit)
                )
            )
        return "\n".join(note for note in notes if note)


QUARANTINE_TEXT = N_("ON HOLD")  # translated where shown


class LotStockModel(FilteredRowModel[LotStock]):
    """Lots where they lie; quarantined lots (a recall) are marked in every cell and say so in the Status column."""

    def __init__(self, parent: QObject | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.quarantined: frozenset[int] = frozenset()
        self.columns = (
            *LOT_COLUMNS,
            Column(N_("Status"), self._status, tooltip=N_("On hold: quarantined for a recall, not given out")),
        )

    def set_stock(self, rows: list[LotStock], quarantined: frozenset[int]) -> None:
        self.quarantined = quarantined
        self.set_rows(rows)

    def is_quarantined(self, row: LotStock) -> bool:
        return row.lot_id in self.quarantined

    def _status(self, row: LotStock) -> str:
        if self.is_quarantined(row):
            return _(QUARANTINE_TEXT)
        state = expiry_state(row.expires, self.today)
        return {"expired": _("expired"), "soon": _("expires soon")}.get(state or "", "")

    def background(self, row: LotStock, column: int) -> QColor | None:
        if self.is_quarantined(row):
            return QUARANTINED_BACKGROUND
        return _expiry_background(row.expires, self.today)

    def foreground(self, row: LotStock, column: int) -> QColor | None:
        return QUARANTINED_FOREGROUND if self.is_quarantined(row) else None

    def tooltip(self, row: LotStock, column: int) -> str | None:
        notes = [
            _("{item}: lot {lot} in {location}").format(item=row.item, lot=row.lot, location=_location(row.location)),
            _expiry_tooltip(row.expires, self.today),
        ]
        if self.is_quarantined(row):
            notes.append(_("On hold for a recall: it is not given out. Release it (Ctrl+R) when the recall is over."))
        return "\n".join(note for note in notes if note)
