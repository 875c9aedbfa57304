"""Stock on hand as of a date: by item, category, location and storage, with what expires within 30 days flagged.

Item and category figures are those of `stock.stock_by_item` (the same figures `pantry stock --as-of` prints and a
roll-forward closes on); locations and expiring lots from where each lot lay at the end of that date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import N_, Phrase, _
from pantry.measures import format_in_unit, format_money
from pantry.models import Location, Lot
from pantry.services import stock
from pantry.services.reports import settings
from pantry.services.reports.rows import (
    TOTAL,
    WEIGHT_AND_VALUE,
    Amount,
    Column,
    Grouped,
    ItemFacts,
    Report,
    Section,
    load_items,
    make_report,
    money_value,
    total_of,
    unit_amount,
    weight_value,
)
from pantry.services.reports.sums import item_places_as_of, places_as_of

EXPIRING_DAYS = 30
EXPIRING_TITLE = N_("Expiring ≤30 d")  # EXPIRING_DAYS, written out so the catalogue can hold it
BY = ("item", "category", "location")
_CHUNK = 10_000  # lot ids in one IN (...): well under SQLite's 32,766 bound parameters


@dataclass(frozen=True)
class ItemRow:
    sku: str
    item: str
    category: str
    unit: str
    quantity: int | Decimal  # in the item's unit; the TOTAL row: pieces
    amount: Amount
    expiring: int | Decimal | None  # within EXPIRING_DAYS of the date (past dates included), item's unit
    earliest_expiry: dt.date | None


@dataclass(frozen=True)
class GroupRow:
    name: str
    items: int
    amount: Amount
    expiring: Amount


@dataclass(frozen=True)
class ExpiringRow:
    lot: str
    sku: str
    item: str
    location: str
    expires: dt.date | None
    days_left: int | None
    quantity: int | Decimal | None
    amount: Amount


def _item_columns() -> tuple[Column, ...]:
    return (
        Column("sku", N_("SKU"), "text", lambda r: r.sku, total="none"),
        Column("item", N_("Item"), "text", lambda r: r.item, total="none"),
        Column("category", N_("Category"), "text", lambda r: r.category, total="none"),
        Column("unit", N_("Unit"), "text", lambda r: r.unit, total="none"),
        Column("quantity", N_("Quantity"), "amount", lambda r: r.quantity, total="value"),
        *WEIGHT_AND_VALUE,
        Column("expiring_30d", EXPIRING_TITLE, "amount", lambda r: r.expiring, "none", csv=False),
        Column("earliest_expiry", N_("Earliest expiry"), "date", lambda r: r.earliest_expiry, "none", csv=False),
    )


def _group_columns(key: str, title: str) -> tuple[Column, ...]:
    return (
        Column(key, title, "text", lambda r: r.name, total="none"),
        Column("quantity", N_("Quantity (pieces)"), "qty", lambda r: r.amount.pieces),
        *WEIGHT_AND_VALUE,
        Column("items", N_("Items"), "count", lambda r: r.items, csv=False),
        Column("expiring_kg", EXPIRING_TITLE, "kg", lambda r: r.expiring.grams, csv=False),
    )


EXPIRING_COLUMNS = (
    Column("lot", N_("Lot"), "text", lambda r: r.lot, total="none"),
    Column("sku", N_("SKU"), "text", lambda r: r.sku, total="none"),
    Column("item", N_("Item"), "text", lambda r: r.item, total="none"),
    Column("location", N_("Location"), "text", lambda r: r.location, total="none"),
    Column("expires", N_("Expires"), "date", lambda r: r.expires, total="none"),
    Column("days_left", N_("Days left"), "count", lambda r: r.days_left, total="none"),
    Column("quantity", N_("Quantity"), "amount", lambda r: r.quantity, total="value"),
    *WEIGHT_AND_VALUE,
)


def _lots(session: Session, lot_ids: Iterable[int]) -> dict[int, tuple[str, int, dt.date | None]]:
    """Code, item and expiry of lots."""
    ids = sorted(set(lot_ids))
    facts = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(Lot.id, Lot.code, Lot.item_id, Lot.expires_on).where(Lot.id.in_(ids[start : start + _CHUNK]))
        for lot_id, code, item_id, expires in session.execute(query):
            facts[lot_id] = (code, item_id, expires)
    return facts


def _group_rows(grouped: Grouped, counts: dict[str, set[int]], expiring: Grouped) -> list[GroupRow]:
    return [
        GroupRow(name, len(counts.get(name, ())), grouped.get(name), expiring.get(name))
        for name in sorted(grouped.amounts, key=str.casefold)
    ]


def _group_total(rows: list[GroupRow], items: int) -> GroupRow:
    return GroupRow(TOTAL, items, total_of(r.amount for r in rows), total_of(r.expiring for r in rows))


def stock_report(session: Session, as_of: dt.date, *, by: str = "item", generated_by: str = "") -> Report:
    """Stock on hand at the end of `as_of`; the first section is the one `by` names (the CSV's rows)."""
    if by not in BY:
        raise UserError(_("by: '{by}' is not one of {choices}").format(by=by, choices=", ".join(BY)))
    totals = {item_id: values for item_id, values in stock.item_totals_as_of(session, as_of).items() if values[0]}
    horizon = as_of + dt.timedelta(days=EXPIRING_DAYS)
    dated = places_as_of(session, as_of, expiring_by=horizon)
    places = item_places_as_of(session, as_of) if by == "location" else {}
    lots = _lots(session, {lot_id for lot_id, _unused in dated})
    # only the items on the shelves that day (the figures stock.stock_by_item gives) and those their lots name
    items = load_items(
        session,
        {*totals, *(item_id for _code, item_id, _expires in lots.values()), *(item_id for item_id, _place in places)},
    )
    on_hand = [(item_id, values) for item_id, values in totals.items() if item_id in items]
    on_hand.sort(key=lambda entry: items[entry[0]].sort_key)
    locations = {row[0]: row[1] for row in session.execute(select(Location.id, Location.name))}

    expiring_rows: list[ExpiringRow] = []
    expiring_by_item: dict[int, list[int]] = {}
    earliest_by_item: dict[int, dt.date] = {}
    for (lot_id, location_id), (quantity, grams, cents) in dated.items():
        code, item_id, expires = lots[lot_id]
        item = items[item_id]
        expiring_rows.append(
            ExpiringRow(
                code,
                item.sku,
                item.name,
                locations.get(location_id, "?"),
                expires,
                (expires - as_of).days if expires else None,
                unit_amount(quantity, item.unit),
                Amount.of(item.unit, quantity, grams, cents),
            )
        )
        entry = expiring_by_item.setdefault(item_id, [0, 0, 0])
        entry[0] += quantity
        entry[1] += grams
        entry[2] += cents
        if expires is not None and (item_id not in earliest_by_item or expires < earliest_by_item[item_id]):
            earliest_by_item[item_id] = expires
    expiring_rows.sort(key=lambda r: (r.expires or dt.date.max, r.item.casefold(), r.lot, r.location))

    item_rows = []
    by_category, by_storage, expiring_category, expiring_storage = Grouped(), Grouped(), Grouped(), Grouped()
    category_items: dict[str, set[int]] = {}
    storage_items: dict[str, set[int]] = {}
    for item_id, (quantity, grams, cents) in on_hand:
        item = items[item_id]
        amount = Amount.of(item.unit, quantity, grams, cents)
        soon = expiring_by_item.get(item_id)
        soon_amount = Amount.of(item.unit, *soon) if soon else Amount()
        item_rows.append(
            ItemRow(
                item.sku,
                item.name,
                item.category,
                item.unit,
                unit_amount(quantity, item.unit),
                amount,
                unit_amount(soon[0], item.unit) if soon else None,
                earliest_by_item.get(item_id),
            )
        )
        by_category.add(item.category, amount)
        by_storage.add(item.storage, amount)
        expiring_category.add(item.category, soon_amount)
        expiring_storage.add(item.storage, soon_amount)
        category_items.setdefault(item.category, set()).add(item.id)
        storage_items.setdefault(item.storage, set()).add(item.id)

    total = total_of(r.amount for r in item_rows)
    expiring_total = total_of(r.amount for r in expiring_rows)
    item_section = Section(
        "by_item",
        N_("Stock by item"),
        _item_columns(),
        item_rows,
        ItemRow(TOTAL, "", "", "", total.pieces, total, None, None),
        note=N_(
            "Quantity is in each item's unit (pieces, or lb / kg for items counted by weight); "
            "the TOTAL counts pieces only."
        ),
    )
    category_rows = _group_rows(by_category, category_items, expiring_category)
    category_section = Section(
        "by_category",
        N_("Stock by category"),
        _group_columns("category", N_("Category")),
        category_rows,
        _group_total(category_rows, len(item_rows)),
    )
    storage_rows = _group_rows(by_storage, storage_items, expiring_storage)
    storage_section = Section(
        "by_storage",
        N_("Stock by storage"),
        _group_columns("storage", N_("Storage")),
        storage_rows,
        _group_total(storage_rows, len(item_rows)),
    )
    expiring_section = Section(
        "expiring",
        f"Expiring within {EXPIRING_DAYS} days of {as_of.isoformat()} (or past their date)",
        EXPIRING_COLUMNS,
        expiring_rows,
        ExpiringRow(TOTAL, "", "", "", None, None, expiring_total.pieces, expiring_total),
        note=N_("Days left counts from the report date; a negative number is past its date but still on hand."),
    )
    unit = settings.weight_unit(session)  # the check lines weigh in the unit the tables show
    checks: list[str] = [
        Phrase(
            N_("Stock on hand at the end of {day}: {items} items, {pieces} pieces, {weight} {unit}, value {value}."),
            day=as_of,
            items=len(item_rows),
            pieces=total.pieces,
            weight=weight_value(total.grams, unit),
            unit=unit,
            value=money_value(total.cents),
        ),
    ]
    balanced = True
    sections: list[Section]
    if by == "location":
        location_section, location_total = _location_section(places, lots, items, locations, dated)
        sections = [location_section, category_section, storage_section, expiring_section]
        if location_total != total:
            balanced = False
            checks.append(N_("By location does NOT add up to the stock by item: please run `pantry verify`."))
        else:
            checks.append(N_("By location, by category and by storage add up to the same totals as by item."))
    else:
        sections = [item_section, category_section] if by == "item" else [category_section, item_section]
        sections += [storage_section, expiring_section]
        checks.append("By category and by storage add up to the same totals as by item.")
    if expiring_rows:
        checks.append(
            f"{len(expiring_rows)} lot(s) expire within {EXPIRING_DAYS} days or are past their date: "
            f"{format_in_unit(expiring_total.grams, unit)} {unit}, value {format_money(expiring_total.cents)}."
        )
    return make_report(
        session,
        kind="stock",
        title=N_("Stock on hand"),
        scope=f"as of {as_of.isoformat()}",
        sections=sections,
        generated_by=generated_by,
        checks=checks,
        notes=[
            N_("Weight and value are as fixed on each entry when it was made."),
            N_("Quantity (pieces) counts items counted by the piece; items counted by weight are in weight and value."),
        ],
        balanced=balanced,
    )


def _location_section(
    places: dict[tuple[int, int], tuple[int, int, int]],
    lots: dict[int, tuple[str, int, dt.date | None]],
    items: dict[int, ItemFacts],
    locations: dict[int, str],
    dated: dict[tuple[int, int], tuple[int, int, int]],
) -> tuple[Section, Amount]:
    grouped, expiring = Grouped(), Grouped()
    item_sets: dict[str, set[int]] = {}
    for (item_id, location_id), (quantity, grams, cents) in places.items():
        item = items[item_id]
        name = locations.get(location_id, "?")
        grouped.add(name, Amount.of(item.unit, quantity, grams, cents))
        item_sets.setdefault(name, set()).add(item.id)
    for (lot_id, location_id), (quantity, grams, cents) in dated.items():
        item = items[lots[lot_id][1]]
        expiring.add(locations.get(location_id, "?"), Amount.of(item.unit, quantity, grams, cents))
    rows = _group_rows(grouped, item_sets, expiring)
    all_items = len(set().union(*item_sets.values())) if item_sets else 0
    total = _group_total(rows, all_items)
    section = Section("by_location", N_("Stock by location"), _group_columns("location", N_("Location")), rows, total)
    return section, total.amount
