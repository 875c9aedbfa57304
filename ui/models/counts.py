"""The lines of a stock count (`counts.CountRow`), with the differences colour-coded."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from pantry.i18n import builtin_label
from pantry.measures import format_quantity
from pantry.services.counts import CountRow, describe_difference
from ui import format as fmt
from ui.guide.palette import row_colours, text_colour
from ui.models.table import RIGHT, Column, RowTableModel
from ui.text import N_, _

LOT, ITEM, LOCATION, EXPIRES, EXPECTED, COUNTED, DIFFERENCE = range(7)

AS_EXPECTED_BACKGROUND = QColor("#c8e6c9")
SHORT_BACKGROUND = QColor("#f8c9c4")
OVER_BACKGROUND = QColor("#bbdefb")
NOT_COUNTED_FOREGROUND = QColor("#6b6b6b")


def _counted(row: CountRow) -> str:
    return "—" if row.counted is None else format_quantity(row.counted, row.unit)


def _difference_sort(row: CountRow) -> int:
    return -(10**12) if row.difference is None else row.difference


COUNT_COLUMNS: tuple[Column[CountRow], ...] = (
    Column(N_("Lot"), lambda r: r.lot),
    Column(N_("Item"), lambda r: r.item),
    Column(N_("Location"), lambda r: builtin_label("location", None, r.location)),
    Column(N_("Expires"), lambda r: fmt.date(r.expires)),
    Column(N_("Expected"), lambda r: format_quantity(r.expected, r.unit), lambda r: r.expected, RIGHT),
    Column(N_("Counted"), _counted, lambda r: -1 if r.counted is None else r.counted, RIGHT),
    Column(N_("Difference"), describe_difference, _difference_sort, RIGHT),
)


def difference_background(row: CountRow) -> QColor | None:
    if row.difference is None:
        return None
    if row.difference == 0:
        return AS_EXPECTED_BACKGROUND
    return SHORT_BACKGROUND if row.difference < 0 else OVER_BACKGROUND


class CountLinesModel(RowTableModel[CountRow]):
    columns = COUNT_COLUMNS

    def row_of_lot(self, code: str) -> int | None:
        wanted = code.strip().upper()
        return next((number for number, row in enumerate(self._rows) if row.lot == wanted), None)

    def background(self, row: CountRow, column: int) -> QColor | None:
        colour = difference_background(row) if column in (COUNTED, DIFFERENCE) else None
        return row_colours(colour, QGuiApplication.palette())[0] if colour is not None else None

    def foreground(self, row: CountRow, column: int) -> QColor | None:
        """Grey for lots not counted yet; on a coloured difference, text that reads on it (light or dark theme)."""
        palette = QGuiApplication.palette()
        if row.counted is None:
            return text_colour(NOT_COUNTED_FOREGROUND, palette, QPalette.ColorRole.Base)
        colour = difference_background(row) if column in (COUNTED, DIFFERENCE) else None
        return row_colours(colour, palette)[1] if colour is not None else None

    def tooltip(self, row: CountRow, column: int) -> str | None:
        text = _("{item}: lot {lot} at {location} — {difference}").format(
            item=row.item,
            lot=row.lot,
            location=builtin_label("location", None, row.location),
            difference=describe_difference(row),
        )
        return f"{text}\n{row.note}" if row.note else text
