"""Stock on hand, derived from the ledger: now from the balances; as of a past date from the month summary (each item's
stock at the end of a month, `stock_month`) and the movements of part of a month."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from pantry.dates import add_months
from pantry.models import Balance, Category, Item, Location, Lot, Movement
from pantry.services.ledger import month_of

EXPIRING_SOON_DAYS = 7


def expiry_state(expires: dt.date | None, today: dt.date) -> str | None:
    """'expired' (past its date), 'soon' (within EXPIRING_SOON_DAYS) or None."""
    if expires is None:
        return None
    if expires < today:
        return "expired"
    if expires <= today + dt.timedelta(days=EXPIRING_SOON_DAYS):
        return "soon"
    return None


class ItemStock(NamedTuple):
    """One item's stock (a named tuple: a food bank's list has tens of thousands of them, made in one go)."""

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


class LotStock(NamedTuple):
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


# Each item's stock at the end of the latest month it moved in up to :month: one seek per item into stock_month
# (SQLite takes CROSS JOIN as "in this order"; without it, it reads every stock_month row and seeks the item). Items
# whose shelves were empty then are left out in the database: most of a food bank's catalogue, most months.
_MONTH_END = (
    "SELECT s.item_id, s.quantity, s.grams, s.value_cents FROM item {join} stock_month AS s ON s.item_id = item.id "
    "AND s.month = (SELECT max(month) FROM stock_month WHERE item_id = item.id AND month <= :month) "
    "WHERE s.quantity != 0 OR s.grams != 0 OR s.value_cents != 0"
)
# Stock by item now, with the items' names, in name order: one statement over the balances' covering index.
_NOW = text(
    "SELECT item.id, item.sku, item.name, category.name, item.unit, item.storage, item.par_level, "
    "b.quantity, b.grams, b.value_cents, b.expires_on "
    "FROM (SELECT item_id, sum(quantity) AS quantity, sum(grams) AS grams, sum(value_cents) AS value_cents, "
    "min(expires_on) AS expires_on FROM balance GROUP BY item_id HAVING sum(quantity) != 0) AS b "
    "JOIN item ON item.id = b.item_id JOIN category ON category.id = item.category_id "
    "ORDER BY item.name_key, item.sku"
)


def _sums_per_item(session: Session, first: dt.date, last: dt.date) -> dict[int, tuple[int, int, int]]:
    """The movements dated `first` to `last` summed per item (from the covering date index)."""
    if last < first:
        return {}
    query = (
        select(Movement.item_id, func.sum(Movement.quantity), func.sum(Movement.grams), func.sum(Movement.value_cents))
        .where(Movement.business_date.between(first, last))
        .group_by(Movement.item_id)
    )
    return {item_id: (int(q), int(g), int(v)) for item_id, q, g, v in session.connection().execute(query).all()}


def month_end_stock(session: Session, month: str) -> dict[int, tuple[int, int, int]]:
    """Stock per item at the end of `month` ('YYYY-MM'), from the month summary; items with none are left out."""
    join = "CROSS JOIN" if session.get_bind().dialect.name == "sqlite" else "JOIN"
    rows = session.connection().execute(text(_MONTH_END.format(join=join)), {"month": month}).all()
    return {item_id: (int(q), int(g), int(v)) for item_id, q, g, v in rows}


def item_totals_now(session: Session) -> dict[int, tuple[int, int, int]]:
    """Stock per item now: the balances summed per item (from their covering index), items with stock only."""
    query = (
        select(Balance.item_id, func.sum(Balance.quantity), func.sum(Balance.grams), func.sum(Balance.value_cents))
        .group_by(Balance.item_id)
        .having(func.sum(Balance.quantity) != 0)
    )
    return {item_id: (int(q), int(g), int(v)) for item_id, q, g, v in session.connection().execute(query).all()}


def item_totals_as_of(session: Session, as_of: dt.date) -> dict[int, tuple[int, int, int]]:
    """Stock per item at the end of `as_of`, items with none may be left out.

    On or after the ledger's last day that is the balances (`item_totals_now`); before it, the stock at the end of a
    month from the month summary, and the movements between that month's end and the date (forward from the end of
    the month before, or back from the end of the date's own month, whichever is fewer days)."""
    last = session.scalar(select(func.max(Movement.business_date)))
    if last is None or as_of >= last:
        return item_totals_now(session)  # nothing moved after `as_of`: its stock is what the shelves hold now
    first = as_of.replace(day=1)
    last = add_months(first, 1) - dt.timedelta(days=1)
    if (as_of - first).days < (last - as_of).days:
        totals = month_end_stock(session, month_of(first - dt.timedelta(days=1)))
        sign, moved = 1, _sums_per_item(session, first, as_of)
    else:
        totals = month_end_stock(session, month_of(first))
        sign, moved = -1, _sums_per_item(session, as_of + dt.timedelta(days=1), last)
    for item_id, (quantity, grams, value) in moved.items():
        now = totals.get(item_id, (0, 0, 0))
        totals[item_id] = (now[0] + sign * quantity, now[1] + sign * grams, now[2] + sign * value)
    return totals


def stock_by_item(session: Session, as_of: dt.date | None = None) -> list[ItemStock]:
    """Every item with stock, by name, as of the end of `as_of` (or now)."""
    if as_of is None:
        result = session.connection().execute(_NOW).all()
        return [
            ItemStock(item_id, sku, name, category, unit, storage, par, int(q), int(g), int(v), _date(expires))
            for item_id, sku, name, category, unit, storage, par, q, g, v, expires in result
        ]
    totals = item_totals_as_of(session, as_of)
    if not totals:
        return []
    query = (
        select(Item.id, Item.sku, Item.name, Category.name, Item.unit, Item.storage, Item.par_level)
        .join(Category, Category.id == Item.category_id)
        .order_by(Item.name_key, Item.sku)
    )
    rows = []
    get = totals.get
    for item_id, sku, name, category, unit, storage, par in session.connection().execute(query).all():
        values = get(item_id)
        if values is None or values[0] == 0:
            continue  # a food bank's catalog has far more items than its shelves at any time
        rows.append(ItemStock(item_id, sku, name, category, unit, storage, par, *values, None))
    return rows


def _date(value: object) -> dt.date | None:
    """A date from a textual SELECT (SQLite gives 'YYYY-MM-DD' text where no column type says it is a date)."""
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value))


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
