"""The columns of `pantry stock`: by item and by lot (a contract that outside tests rely on)."""

from __future__ import annotations

from pantry.documents.tabular import Column
from pantry.measures import format_kg, format_money, format_quantity
from pantry.services.stock import ItemStock, LotStock

BY_ITEM: list[Column[ItemStock]] = [
    Column("sku", "text", lambda row: row.sku),
    Column("item", "text", lambda row: row.item),
    Column("category", "text", lambda row: row.category),
    Column("unit", "text", lambda row: row.unit),
    Column("quantity", "decimal", lambda row: format_quantity(row.quantity, row.unit)),
    Column("weight_kg", "decimal", lambda row: format_kg(row.grams)),
    Column("value", "decimal", lambda row: format_money(row.value_cents)),
]

BY_LOT: list[Column[LotStock]] = [
    Column("lot", "text", lambda row: row.lot),
    Column("sku", "text", lambda row: row.sku),
    Column("item", "text", lambda row: row.item),
    Column("location", "text", lambda row: row.location),
    Column("expires", "date", lambda row: row.expires),
    Column("date_kind", "text", lambda row: row.date_kind),
    Column("quantity", "decimal", lambda row: format_quantity(row.quantity, row.unit)),
    Column("weight_kg", "decimal", lambda row: format_kg(row.grams)),
]
