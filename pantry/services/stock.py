"""Stock on hand, derived from the ledger: now from the balances, as of a past date by taking later movements off."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from pantry.models import Balance, Category, Item, Location, Lot, Movement

EXPIRING_SOON_DAYS = 7
_IDS_AT_ONCE = 10_000  # ids in one IN (...): well under SQLite's 32,766 bound parameters


def expiry_state(expires: dt.date | None, today: dt.date) -> str | None:
    """'expired' (past its date), 'soon' (within EXPIRING_SOON_DAYS) or None."""
    if expires is None:
        return None
    if expires < today:
        return "expired"
    if expires <= today + dt.timedelta(days=EXPIRING_SOON_DAYS):
        return "soon"
    return None


@dataclass(frozen=True)
class ItemStock:
    item_id: int
    sku: str
    item: str
    category: str
    unit: str
    storage: str
    par_level: int | None
    quantity: int  # counting units (grams for weighed items)
    grams: int
    value_cents: int
    earliest_expiry: dt.date | None

    @property
    def below_par(self) -> bool:
        return self.par_level is not None and self.quantity < self.par_level


@dataclass(frozen=True)
class LotStock:
    lot_id: int
    lot: str
    item_id: int
    sku: str
    item: str
    category: str
    unit: str
    storage: str
    location: str
    expires: dt.date | None
    date_kind: str
    quantity: int
    grams: int
    value_cents: int


def _item_totals_now(session: Session) -> tuple[dict[int, tuple[int, int, int]], dict[int, dt.date]]:
    """Quantity, grams and cents per item, and each item's earliest expiry, from the balances' covering index."""
    query = select(
        Balance.item_id,
        func.sum(Balance.quantity),
        func.sum(Balance.grams),
        func.sum(Balance.value_cents),
        func.min(Balance.expires_on),
    ).group_by(Balance.item_id)
    totals, expiries = {}, {}
    for item_id, quantity, grams, value, expiry in session.execute(query):
        totals[item_id] = (int(quantity), int(grams), int(value))
        if expiry is not None:
            expiries[item_id] = expiry
    return totals, expiries


def _sums_per_item(session: Session, *condition: ColumnElement[bool]) -> dict[int, tuple[int, int, int]]:
    query = (
        select(Movement.item_id, func.sum(Movement.quantity), func.sum(Movement.grams), func.sum(Movement.value_cents))
        .where(*condition)
        .group_by(Movement.item_id)
    )
    return {item_id: (int(q), int(g), int(v)) for item_id, q, g, v in session.execute(query)}


def _item_totals_as_of(session: Session, as_of: dt.date) -> dict[int, tuple[int, int, int]]:
    """Stock per item at the end of `as_of`, reading whichever side of the ledger's covered date index is shorter:
    the movements up to that date, or today's balances less the movements after it."""
    # two queries: SQLite answers a lone min() or max() from the index's ends, but not both together
    first = session.scalar(select(func.min(Movement.business_date)))
    last = session.scalar(select(func.max(Movement.business_date)))
    if first is None or as_of < first:
        return {}
    if as_of - first < last - as_of:
        return _sums_per_item(session, Movement.business_date <= as_of)
    totals, _ = _item_totals_now(session)
    for item_id, (quantity, grams, value) in _sums_per_item(session, Movement.business_date > as_of).items():
        now = totals.get(item_id, (0, 0, 0))
        totals[item_id] = (now[0] - quantity, now[1] - grams, now[2] - value)
    return totals


def stock_by_item(session: Session, as_of: dt.date | None = None) -> list[ItemStock]:
    """Every item with stock, by name, as of the end of `as_of` (or now)."""
    if as_of is None:
        totals, expiries = _item_totals_now(session)
    else:
        totals, expiries = _item_totals_as_of(session, as_of), {}
    totals = {item_id: values for item_id, values in totals.items() if values[0] != 0}
    if not totals:
        return []
    query = select(
        Item.id, Item.sku, Item.name, Item.name_key, Category.name, Item.unit, Item.storage, Item.par_level
    ).join(Category, Category.id == Item.category_id)
    ids = sorted(totals)
    found = []  # only the items with stock: a food bank's catalog has far more items than its shelves at any time
    for start in range(0, len(ids), _IDS_AT_ONCE):
        found += session.execute(query.where(Item.id.in_(ids[start : start + _IDS_AT_ONCE]))).all()
    rows = []
    for item_id, sku, name, _key, category, unit, storage, par in sorted(found, key=lambda row: (row[3], row[1])):
        quantity, grams, value = totals[item_id]
        rows.append(
            ItemStock(item_id, sku, name, category, unit, storage, par, quantity, grams, value, expiries.get(item_id))
        )
    return rows


def _lot_query():  # type: ignore[no-untyped-def]
    return (
        select(
            Lot.id,
            Lot.code,
            Item.id,
            Item.sku,
            Item.name,
            Category.name,
            Item.unit,
            Item.storage,
            Location.name,
            Lot.expires_on,
            Item.date_kind,
        )
        .join(Item, Item.id == Lot.item_id)
        .join(Category, Category.id == Item.category_id)
    )


def stock_by_lot(session: Session, as_of: dt.date | None = None) -> list[LotStock]:
    """One row per lot and location with stock, by item then expiry, as of the end of `as_of` (or now)."""
    if as_of is None:
        amounts = select(
            Balance.lot_id, Balance.location_id, Balance.quantity, Balance.grams, Balance.value_cents
        ).subquery()
    else:
        amounts = (
            select(
                Movement.lot_id,
                Movement.location_id,
                func.sum(Movement.quantity).label("quantity"),
                func.sum(Movement.grams).label("grams"),
                func.sum(Movement.value_cents).label("value_cents"),
            )
            .where(Movement.business_date <= as_of)
            .group_by(Movement.lot_id, Movement.location_id)
            .having(func.sum(Movement.quantity) != 0)
            .subquery()
        )
    query = (
        _lot_query()
        .add_columns(amounts.c.quantity, amounts.c.grams, amounts.c.value_cents)
        .join(amounts, amounts.c.lot_id == Lot.id)
        .join(Location, Location.id == amounts.c.location_id)
        .order_by(Item.name_key, Item.sku, Lot.expires_on.is_(None), Lot.expires_on, Lot.id, Location.name)
    )
    return [LotStock(*row) for row in session.execute(query)]


def lots_of_item(session: Session, item_id: int) -> list[LotStock]:
    """The lots of one item on hand now, earliest expiry first."""
    return [row for row in stock_by_lot(session) if row.item_id == item_id]
