"""Tables of the Pickups and Households screens: a day's orders, households found, a household's visits."""

from __future__ import annotations

from PySide6.QtGui import QColor

from pantry.services.pickups import OrderRow
from pantry.services.visits import Visit
from ui import format as fmt
from ui.models.table import RIGHT, Column, RowTableModel
from ui.tasks import HouseholdRow

STATUS_TEXT = {
    "planned": "Planned: not packed yet",
    "packed": "Packed: ready to hand over",
    "picked_up": "Picked up",
    "no_show": "Did not come",
    "cancelled": "Cancelled",
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


def _flags(flags: tuple[str, ...]) -> str:
    return ", ".join(flag.replace("_", " ") for flag in flags)


class OrdersModel(RowTableModel[OrderRow]):
    columns = (
        Column("Slot", lambda row: row.slot or "any time"),
        Column("Order", lambda row: row.order),
        Column("Household", lambda row: row.household if not row.first_name else f"{row.household} {row.first_name}"),
        Column("Status", lambda row: STATUS_TEXT.get(row.status, row.status), sort=lambda row: row.status),
        Column("People", lambda row: str(row.size), sort=lambda row: row.size, align=RIGHT),
        Column("Diet", lambda row: _flags(row.dietary)),
        Column("Box", lambda row: row.template),
        Column("Items", lambda row: str(row.items), sort=lambda row: row.items, align=RIGHT),
        Column("Short", lambda row: str(row.shortages) if row.shortages else "", sort=lambda row: row.shortages,
               align=RIGHT, tooltip="Lines packing could not fill completely"),
    )  # fmt: skip

    def background(self, row: OrderRow, column: int) -> QColor | None:
        return STATUS_BACKGROUND.get(row.status) if column == STATUS else None

    def foreground(self, row: OrderRow, column: int) -> QColor | None:
        return SHORT_FOREGROUND if row.shortages and column == len(self.columns) - 1 else None


class HouseholdsModel(RowTableModel[HouseholdRow]):
    columns = (
        Column("Code", lambda row: row.code),
        Column("First name", lambda row: row.first_name or "(anonymous)"),
        Column("People", lambda row: str(row.size), sort=lambda row: row.size, align=RIGHT),
        Column("Diet", lambda row: _flags(row.dietary)),
        Column("Full name", lambda row: row.name),
        Column("Phone", lambda row: row.phone),
        Column("Postcode", lambda row: row.postcode),
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
        Column("Date", lambda row: fmt.date(row.date), sort=lambda row: row.date.toordinal()),
        Column("Order", lambda row: row.order),
        Column("Box", lambda row: row.template),
        Column("Kind", lambda row: row.kind.replace("_", " ")),
        Column("Items", lambda row: str(row.items), sort=lambda row: row.items, align=RIGHT),
        Column("Weight", lambda row: fmt.weight(row.grams), sort=lambda row: row.grams, align=RIGHT),
    )
