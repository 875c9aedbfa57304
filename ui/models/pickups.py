"""Tables of the Pickups and Households screens: a day's orders, households found, a household's visits."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from pantry.i18n import diet_label
from pantry.services.pickups import OrderRow
from pantry.services.visits import Visit
from ui import format as fmt
from ui.guide.palette import row_colours, text_colour
from ui.models.table import RIGHT, Column, RowTableModel
from ui.tasks import HouseholdRow
from ui.text import N_, _, translator

STATUS_TEXT = {
    "planned": N_("Planned: not packed yet"),
    "packed": N_("Packed: ready to hand over"),
    "picked_up": N_("Picked up"),
    "no_show": N_("Did not come"),
    "cancelled": N_("Cancelled"),
}
STATUS_BACKGROUND = {
    "planned": QColor("#ffe7a3"),
    "packed": QColor("#d7ecff"),
    "picked_up": QColor("#d4edda"),
    "no_show": QColor("#e0e0e0"),
    "cancelled": QColor("#e0e0e0"),
}
SHORT_FOREGROUND = QColor("#b00020")
STATUS = 3
KIND_TEXT = {"order": N_("order"), "walk_in": N_("walk-in"), "choice": N_("choice")}  # a visit's kind


def _flags(flags: tuple[str, ...]) -> str:
    """Diet flags in the desk's language (the core's catalogue names them)."""
    return ", ".join(diet_label(flag, translator()) for flag in flags)


class OrdersModel(RowTableModel[OrderRow]):
    columns = (
        Column(N_("Slot"), lambda row: row.slot or _("any time")),
        Column(N_("Order"), lambda row: row.order),
        Column(N_("Household"), lambda row: f"{row.household} {row.first_name}" if row.first_name else row.household),
        Column(N_("Status"), lambda row: _(STATUS_TEXT.get(row.status, row.status)), sort=lambda row: row.status),
        Column(N_("People"), lambda row: str(row.size), sort=lambda row: row.size, align=RIGHT),
        Column(N_("Diet"), lambda row: _flags(row.dietary)),
        Column(N_("Box"), lambda row: row.template),
        Column(N_("Items"), lambda row: str(row.items), sort=lambda row: row.items, align=RIGHT),
        Column(N_("Short"), lambda row: str(row.shortages) if row.shortages else "", sort=lambda row: row.shortages,
               align=RIGHT, tooltip=N_("Lines packing could not fill completely")),
    )  # fmt: skip

    def background(self, row: OrderRow, column: int) -> QColor | None:
        colour = STATUS_BACKGROUND.get(row.status) if column == STATUS else None
        return row_colours(colour, QGuiApplication.palette())[0] if colour is not None else None

    def foreground(self, row: OrderRow, column: int) -> QColor | None:
        """Text that reads on the status colour, and red shortages, in a light or a dark theme."""
        palette = QGuiApplication.palette()
        if column == STATUS and row.status in STATUS_BACKGROUND:
            return row_colours(STATUS_BACKGROUND[row.status], palette)[1]
        if row.shortages and column == len(self.columns) - 1:
            return text_colour(SHORT_FOREGROUND, palette, QPalette.ColorRole.Base)
        return None


class HouseholdsModel(RowTableModel[HouseholdRow]):
    columns = (
        Column(N_("Code"), lambda row: row.code),
        Column(N_("First name"), lambda row: row.first_name or _("(anonymous)")),
        Column(N_("People"), lambda row: str(row.size), sort=lambda row: row.size, align=RIGHT),
        Column(N_("Diet"), lambda row: _flags(row.dietary)),
        Column(N_("Full name"), lambda row: row.name),
        Column(N_("Phone"), lambda row: row.phone),
        Column(N_("Postcode"), lambda row: row.postcode),
    )

    def set_personal(self, personal: bool) -> None:
        """Volunteers' lists have no personal columns at all."""
        count = 7 if personal else 4
        if count != len(self.columns):
            self.beginResetModel()
            self.columns = HouseholdsModel.columns[:count]
            self.endResetModel()


class VisitsModel(RowTableModel[Visit]):
    columns = (
        Column(N_("Date"), lambda row: fmt.date(row.date), sort=lambda row: row.date.toordinal()),
        Column(N_("Order"), lambda row: row.order),
        Column(N_("Box"), lambda row: row.template),
        Column(N_("Kind"), lambda row: _(KIND_TEXT[row.kind]) if row.kind in KIND_TEXT else row.kind.replace("_", " ")),
        Column(N_("Items"), lambda row: str(row.items), sort=lambda row: row.items, align=RIGHT),
        Column(N_("Weight"), lambda row: fmt.weight(row.grams), sort=lambda row: row.grams, align=RIGHT),
    )
