"""The lines of the donation being scanned: an editable table over plain `DraftLine`s, with scan undo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication

from pantry.dates import parse_expiry
from pantry.i18n import builtin_label
from pantry.measures import grams_from, is_weighed, line_value_cents, parse_decimal
from pantry.services.catalog import ItemInfo, NamedRow
from pantry.services.intake import IntakeLine, default_expiry
from ui import format as fmt
from ui.guide.palette import row_colours
from ui.models.table import NEEDS_INPUT_BACKGROUND, RIGHT, Column, Index, RowTableModel
from ui.tasks import LineStart, ScanData
from ui.text import N_, _

ITEM, QUANTITY, WEIGHT, EXPIRES, LOCATION, SUPPLIER_LOT = range(6)
DATE_KIND_WORDS = {"use_by": N_("use by"), "best_by": N_("best by")}  # translated where shown
DATE_KIND_TITLES = {"best_by": N_("Best by"), "use_by": N_("Use by"), "none": N_("No date")}  # as a choice or a title
EXPIRY_HELP = N_("Type a date: 2026-05-31, 2026-05 (end of month), 0531 (next 31 May), +7d, +2w, +3m or +1y")
EXPIRY_EXAMPLES = N_("2026-05-31, 2026-05 (end of month), 0531 (next 31 May), +7d, +2w, +3m or +1y")


@dataclass(eq=False)
class DraftLine:
    """One line before saving. `grams` is a typed weight (None: from the item's unit weight)."""

    item: ItemInfo
    code: str | None
    quantity: int
    grams: int | None
    expires_on: dt.date | None
    location_id: int
    expiry_typed: bool = False  # typed or read from the barcode: a new received date leaves it alone
    supplier_lot: str | None = None
    date_kind: str | None = None  # what the barcode said the date is (use_by | best_by), when it said
    from_barcode: bool = False  # the line carries data read from a GS1 barcode (it is not merged with others)

    @property
    def weighed(self) -> bool:
        return is_weighed(self.item.unit)

    @property
    def weight_g(self) -> int | None:
        if self.grams is not None:
            return self.grams
        if self.weighed or not self.item.unit_weight_g:
            return None
        return self.quantity * self.item.unit_weight_g

    @property
    def needs_weight(self) -> bool:
        return self.weighed and not self.grams

    @property
    def value_cents(self) -> int:
        amount = (self.grams or 0) if self.weighed else self.quantity
        return line_value_cents(self.item.unit, amount, self.item.unit_value_cents)

    def intake_line(self, label: str) -> IntakeLine:
        return IntakeLine(
            item_id=self.item.id,
            quantity=None if self.weighed else self.quantity,
            grams=self.grams,
            expires_on=self.expires_on,
            location_id=self.location_id,
            supplier_lot=self.supplier_lot or None,
            label=label,
        )


@dataclass(frozen=True)
class _Scan:
    line: DraftLine
    added: int
    created: bool
    before: dict[str, Any] | None = None  # a barcode's data filled into the line: the values it replaced


_DATA_FIELDS = ("expires_on", "expiry_typed", "supplier_lot", "grams", "date_kind", "from_barcode")


def _expires_text(line: DraftLine) -> str:
    if line.expires_on is None:
        return _("no date")
    kind = DATE_KIND_WORDS.get(line.date_kind or "")
    return f"{fmt.date(line.expires_on)} ({_(kind)})" if kind else fmt.date(line.expires_on)


def _weight_text(line: DraftLine) -> str:
    if line.needs_weight:
        return _("enter weight ({unit})").format(unit=line.item.unit)
    return fmt.weight(line.weight_g, line.item.unit if line.weighed else "kg")


class IntakeLinesModel(RowTableModel[DraftLine]):
    """Emits `problem(text)` when a typed value is refused (the old value stays)."""

    problem = Signal(str)
    totals_changed = Signal()

    def __init__(self, parent: QObject | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.received_on = self.today
        self._location_names: dict[int, str] = {}
        self.locations: list[NamedRow] = []
        self._scans: list[_Scan] = []
        self.columns = (
            Column(N_("Item"), lambda r: r.item.name),
            Column(N_("Quantity"), lambda r: _("by weight") if r.weighed else str(r.quantity), align=RIGHT),
            Column(
                N_("Weight"), _weight_text, align=RIGHT, tooltip=N_("Leave as it is, or type the weighed kg (e.g. 2.5)")
            ),
            Column(N_("Expires"), _expires_text, tooltip=EXPIRY_HELP),
            Column(N_("Location"), lambda r: self._location_names.get(r.location_id, "…")),
            Column(
                N_("Supplier lot"),
                lambda r: r.supplier_lot or "",
                tooltip=N_("The lot printed by the maker (GS1 AI 10)"),
            ),
        )
        for signal in (self.modelReset, self.rowsInserted, self.rowsRemoved, self.dataChanged):
            signal.connect(self.totals_changed)

    # -- reference data -------------------------------------------------------------------------------------------

    def set_locations(self, locations: list[NamedRow]) -> None:
        self.locations = list(locations)
        self._location_names = {row.id: builtin_label("location", None, row.name) for row in locations}
        self._changed_column(LOCATION)

    def set_received_on(self, day: dt.date) -> None:
        """A new received date moves the prefilled expiries with it (not the ones a person typed)."""
        self.received_on = day
        for line in self._rows:
            if not line.expiry_typed:
                line.expires_on = default_expiry(day, line.item.date_kind, line.item.shelf_life_days)
        self._changed_column(EXPIRES)

    # -- scanning -------------------------------------------------------------------------------------------------

    def add_scan(self, start: LineStart) -> int:
        """Add what a scan means: more on the same line (same item and code, and the same barcode date and lot),
        else a new line. A scan with a weight in its barcode is always a line of its own. Returns the row."""
        data = start.data
        if not is_weighed(start.item.unit) and data.weight_grams is None:
            for number, line in enumerate(self._rows):
                same_data = (line.supplier_lot, line.expires_on if line.from_barcode else None) == (
                    data.supplier_lot,
                    data.expires,
                )
                if line.item.id == start.item.id and line.code == start.code and not line.weighed and same_data:
                    line.quantity += start.quantity
                    self._scans.append(_Scan(line, start.quantity, created=False))
                    self.dataChanged.emit(self.index(number, QUANTITY), self.index(number, WEIGHT))
                    return number
        line = DraftLine(start.item, start.code, start.quantity, None, start.expires_on, start.location_id)
        self._fill(line, data)
        number = len(self._rows)
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.append(line)
        self.endInsertRows()
        self._scans.append(_Scan(line, start.quantity, created=True))
        return number

    @staticmethod
    def _fill(line: DraftLine, data: ScanData) -> None:
        if data.expires is not None:
            line.expires_on, line.expiry_typed, line.date_kind = data.expires, True, data.date_kind
        if data.supplier_lot is not None:
            line.supplier_lot = data.supplier_lot
        if data.weight_grams is not None:
            line.grams = data.weight_grams
        line.from_barcode = line.from_barcode or bool(data)

    def fill_last(self, data: ScanData) -> int | None:
        """A barcode with only data (a case label's date and lot): it belongs to the last line. Returns its row, or
        None when there is no line yet."""
        if not self._rows:
            return None
        number = len(self._rows) - 1
        line = self._rows[number]
        before = {name: getattr(line, name) for name in _DATA_FIELDS}
        self._fill(line, data)
        self._scans.append(_Scan(line, 0, created=False, before=before))
        self.dataChanged.emit(self.index(number, QUANTITY), self.index(number, SUPPLIER_LOT))
        return number

    def undo_last_scan(self) -> DraftLine | None:
        """Take back the last scan still on the table: its line goes, or the line loses what that scan added (or
        gets back the date and lot it had before a data barcode)."""
        while self._scans:
            scan = self._scans.pop()
            if scan.line not in self._rows:
                continue
            number = self._rows.index(scan.line)
            if scan.before is not None:
                for name, value in scan.before.items():
                    setattr(scan.line, name, value)
                self.dataChanged.emit(self.index(number, QUANTITY), self.index(number, SUPPLIER_LOT))
            elif scan.created or scan.line.quantity <= scan.added:
                self.remove_line(number)
            else:
                scan.line.quantity -= scan.added
                self.dataChanged.emit(self.index(number, QUANTITY), self.index(number, WEIGHT))
            return scan.line
        return None

    def remove_line(self, number: int) -> None:
        if not (0 <= number < len(self._rows)):
            return
        self.beginRemoveRows(QModelIndex(), number, number)
        line = self._rows.pop(number)
        self.endRemoveRows()
        self._scans = [scan for scan in self._scans if scan.line is not line]

    def clear(self) -> None:
        self._scans.clear()
        self.set_rows([])

    # -- totals and saving ----------------------------------------------------------------------------------------

    def total_grams(self) -> int:
        return sum(line.weight_g or 0 for line in self._rows)

    def total_value_cents(self) -> int:
        return sum(line.value_cents for line in self._rows)

    def intake_lines(self) -> list[IntakeLine]:
        return [
            line.intake_line(_("Line {number} ({item})").format(number=n, item=line.item.name))
            for n, line in enumerate(self._rows, start=1)
        ]

    # -- editing --------------------------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        line = self._rows[index.row()]
        editable = index.column() in (WEIGHT, EXPIRES, LOCATION, SUPPLIER_LOT) or (
            index.column() == QUANTITY and not line.weighed
        )
        return flags | Qt.ItemFlag.ItemIsEditable if editable else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and 0 <= index.row() < len(self._rows):
            return self._edit_value(self._rows[index.row()], index.column())
        return super().data(index, role)

    def _edit_value(self, line: DraftLine, column: int) -> Any:
        if column == QUANTITY:
            return line.quantity
        if column == WEIGHT:
            unit = line.item.unit if line.weighed else "kg"
            grams = line.weight_g
            return "" if grams is None else fmt.weight(grams, unit).split()[0]
        if column == EXPIRES:
            return fmt.date(line.expires_on)
        if column == LOCATION:
            return line.location_id
        if column == SUPPLIER_LOT:
            return line.supplier_lot or ""
        return line.item.name

    def background(self, row: DraftLine, column: int) -> QColor | None:
        if column == WEIGHT and row.needs_weight:
            return row_colours(NEEDS_INPUT_BACKGROUND, QGuiApplication.palette())[0]
        return None

    def foreground(self, row: DraftLine, column: int) -> QColor | None:
        if column == WEIGHT and row.needs_weight:  # text that reads on the colour, in a light or a dark theme
            return row_colours(NEEDS_INPUT_BACKGROUND, QGuiApplication.palette())[1]
        return None

    def tooltip(self, row: DraftLine, column: int) -> str | None:
        if column == ITEM:
            return f"{row.item.name} — {row.item.category} ({row.item.sku})"
        if column == WEIGHT and row.needs_weight:
            return _("{item} is counted by weight: type its weight in {unit}").format(
                item=row.item.name, unit=row.item.unit
            )
        return _(self.columns[column].tooltip) or None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (index.flags() & Qt.ItemFlag.ItemIsEditable):
            return False
        line = self._rows[index.row()]
        try:
            changed = self._apply(line, index.column(), value)
        except ValueError as problem:
            self.problem.emit(f"{line.item.name}: {problem}")
            return False
        if changed:
            self.dataChanged.emit(self.index(index.row(), QUANTITY), self.index(index.row(), SUPPLIER_LOT))
        return changed

    def _apply(self, line: DraftLine, column: int, value: Any) -> bool:
        if column == QUANTITY:
            try:
                quantity = int(str(value).strip())
            except ValueError:
                raise ValueError(_("quantity '{value}' is not a whole number").format(value=value)) from None
            if quantity <= 0:
                raise ValueError(_("quantity must be 1 or more"))
            line.quantity = quantity
        elif column == WEIGHT:
            line.grams = self._parse_weight(line, str(value))
        elif column == EXPIRES:
            text = str(value)
            if text.strip():
                line.expires_on = parse_expiry(text, self.today)
                line.expiry_typed = True
            else:  # empty: back to what the item's shelf life gives
                line.expires_on = default_expiry(self.received_on, line.item.date_kind, line.item.shelf_life_days)
                line.expiry_typed = False
            line.date_kind = None  # a typed date is the item's own kind of date
        elif column == LOCATION:
            location_id = int(value)
            if location_id not in self._location_names:
                raise ValueError(_("choose a location from the list"))
            line.location_id = location_id
        elif column == SUPPLIER_LOT:
            line.supplier_lot = " ".join(str(value).split()) or None
        else:
            return False
        return True

    @staticmethod
    def _parse_weight(line: DraftLine, text: str) -> int | None:
        """Grams from '2.5' (in the item's unit: kg, or lb for lb items) or with a unit: '2.5 kg', '5 lb'."""
        cleaned = text.strip().lower()
        unit = line.item.unit if line.weighed else "kg"
        for suffix in ("kg", "lb"):
            if cleaned.endswith(suffix):
                unit, cleaned = suffix, cleaned[: -len(suffix)].strip()
                break
        if not cleaned:
            if line.weighed:
                raise ValueError(_("give the weight in {unit}").format(unit=line.item.unit))
            return None
        grams = grams_from(parse_decimal(cleaned, _("weight")), unit)
        if grams <= 0 and line.weighed:
            raise ValueError(_("the weight must be more than zero"))
        return grams

    def _changed_column(self, column: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))
