"""Packing orders: each line is allocated from lots earliest-expiry first (FEFO), across locations; a shortage is
recorded on the line and reported, never hidden.

Nothing moves in the ledger when an order is packed (stock moves when it is picked up), but what packed orders hold
is theirs: two packed orders never get the same units. Lots on hold, use-by lots past their date on the pickup day,
and lots received after that day are never picked (`expiry.pick_order`). A household's dietary flags rule items out
(`diet`): an item line whose item is ruled out is filled with another item of its category that is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from pantry.bulk import insert_rows
from pantry.codes import make_code
from pantry.errors import UserError
from pantry.i18n import _
from pantry.measures import is_weighed
from pantry.models import (
    Category,
    Household,
    Item,
    OrderAllocation,
    OrderLine,
    PickupOrder,
    utcnow,
)
from pantry.services import diet, expiry
from pantry.services.permissions import require
from pantry.services.templates import amount


@dataclass(frozen=True)
class Shortage:
    order: str
    what: str  # item name or "any <category>"
    wanted: str  # with unit
    short: str

    @property
    def message(self) -> str:
        return _("{order}: short of {short} of {item} (wanted {wanted})").format(
            order=self.order, short=self.short, item=self.what, wanted=self.wanted
        )


@dataclass
class PackResult:
    orders: list[str] = field(default_factory=list)
    shortages: list[Shortage] = field(default_factory=list)
    allocations: int = 0

    @property
    def message(self) -> str:
        if self.shortages:
            return _("Packed {orders} order(s): {picks} pick(s); {short} line(s) short.").format(
                orders=len(self.orders), picks=self.allocations, short=len(self.shortages)
            )
        return _("Packed {orders} order(s): {picks} pick(s).").format(orders=len(self.orders), picks=self.allocations)


@dataclass(frozen=True)
class _ItemFacts:
    id: int
    name: str
    unit: str
    category_id: int
    tags: frozenset[str]
    active: bool


@dataclass
class _Catalog:
    items: dict[int, _ItemFacts]
    by_category: dict[int, list[int]]
    categories: dict[int, str]


def _catalog(session: Session) -> _Catalog:
    items = {
        row.id: _ItemFacts(row.id, row.name, row.unit, row.category_id, diet.item_tags(row.tags), row.active)
        for row in session.execute(select(Item.id, Item.name, Item.unit, Item.category_id, Item.tags, Item.active))
    }
    by_category: dict[int, list[int]] = {}
    for item in items.values():
        by_category.setdefault(item.category_id, []).append(item.id)
    categories = dict(session.execute(select(Category.id, Category.name)).all())
    return _Catalog(items, by_category, categories)


class Availability:
    """What may still be allocated, per lot and location: on hand, less what packed orders hold."""

    def __init__(self, session: Session, exclude_order_ids: Iterable[int] = ()) -> None:
        self.session = session
        self._picks: dict[tuple[int, dt.date], list[expiry.Pickable]] = {}
        excluded = list(exclude_order_ids)
        query = (
            select(OrderAllocation.lot_id, OrderAllocation.location_id, func.sum(OrderAllocation.quantity))
            .join(PickupOrder, PickupOrder.id == OrderAllocation.order_id)
            .where(PickupOrder.status == "packed")
            .group_by(OrderAllocation.lot_id, OrderAllocation.location_id)
        )
        if excluded:
            query = query.where(PickupOrder.id.not_in(excluded))
        self.held: dict[tuple[int, int], int] = {
            (lot_id, location_id): int(quantity) for lot_id, location_id, quantity in session.execute(query)
        }
        self.remaining: dict[tuple[int, int], int] = {}

    def prefetch(self, item_ids: Iterable[int], day: dt.date) -> None:
        """Load the pickable lot-places of many items for `day` at once."""
        wanted = sorted({item_id for item_id in item_ids if (item_id, day) not in self._picks})
        if not wanted:
            return
        found = expiry.pick_orders(self.session, wanted, day)
        for item_id in wanted:
            picks = [pick for pick in found.get(item_id, []) if pick.received_on <= day]
            for pick in picks:
                place = (pick.lot_id, pick.location_id)
                if place not in self.remaining:
                    self.remaining[place] = pick.quantity - self.held.get(place, 0)
            self._picks[(item_id, day)] = picks

    def picks(self, item_id: int, day: dt.date) -> list[expiry.Pickable]:
        """The item's lot-places that may be picked on `day` (and were received by then), FEFO; cached, as a day's
        orders ask for the same items."""
        if (item_id, day) not in self._picks:
            self.prefetch([item_id], day)
        return self._picks[(item_id, day)]

    def free(self, item_id: int, day: dt.date) -> int:
        return sum(max(0, self.remaining[(pick.lot_id, pick.location_id)]) for pick in self.picks(item_id, day))


@dataclass(frozen=True)
class _Take:
    line_id: int
    item_id: int
    lot_id: int
    location_id: int
    quantity: int


def _fefo_key(item_id: int, pick: expiry.Pickable) -> tuple[bool, dt.date, dt.date, int, int]:
    return (pick.expires is None, pick.expires or dt.date.max, pick.received_on, pick.lot_id, item_id)


def _candidates(catalog: _Catalog, line: OrderLine, flags: tuple[str, ...]) -> tuple[list[int], str, str]:
    """The items that may fill a line, a note for the sheet (a substitution) and how messages name the line."""
    excluded = diet.excluded_tags(flags)
    if line.item_id is not None:
        item = catalog.items[line.item_id]
        ruled_out = diet.conflict(flags, item.tags)
        if ruled_out is None:
            return [item.id], "", item.name
        others = [
            other
            for other in catalog.by_category.get(item.category_id, [])
            if other != item.id
            and catalog.items[other].active
            and is_weighed(catalog.items[other].unit) == is_weighed(item.unit)
            and not (catalog.items[other].tags & excluded)
        ]
        return others, f"instead of {item.name} ({diet.label(ruled_out)})", item.name
    category = catalog.categories.get(line.category_id or 0, "?")
    members = [
        item_id
        for item_id in catalog.by_category.get(line.category_id or 0, [])
        if catalog.items[item_id].active
        and not is_weighed(catalog.items[item_id].unit)
        and not (catalog.items[item_id].tags & excluded)
    ]
    return members, "", f"any {category}"


def allocate_line(
    availability: Availability, catalog: _Catalog, line: OrderLine, flags: tuple[str, ...], day: dt.date
) -> tuple[list[_Take], int, str, str]:
    """Allocate one line FEFO across its candidate items and their places; returns the takes, the shortage, the
    note and the line's name."""
    items, note, what = _candidates(catalog, line, flags)
    pool = [(item_id, pick) for item_id in items for pick in availability.picks(item_id, day)]
    if len(items) > 1:
        pool.sort(key=lambda entry: _fefo_key(*entry))
    need = line.quantity
    takes = []
    for item_id, pick in pool:
        if need <= 0:
            break
        place = (pick.lot_id, pick.location_id)
        free = availability.remaining[place]
        if free <= 0:
            continue
        amount = min(free, need)
        availability.remaining[place] = free - amount
        need -= amount
        takes.append(_Take(line.id, item_id, pick.lot_id, pick.location_id, amount))
    return takes, need, note, what


def _load(session: Session, order_ids: Sequence[int]) -> list[PickupOrder]:
    orders: list[PickupOrder] = []
    for start in range(0, len(order_ids), 500):
        orders += session.scalars(
            select(PickupOrder)
            .where(PickupOrder.id.in_(order_ids[start : start + 500]))
            .options(selectinload(PickupOrder.lines))
        )
    return sorted(orders, key=lambda order: (order.pickup_date, order.slot or "", order.id))


def _flags(session: Session, orders: list[PickupOrder]) -> dict[int, tuple[str, ...]]:
    ids = sorted({order.household_id for order in orders if order.household_id is not None})
    flags: dict[int, tuple[str, ...]] = {}
    for start in range(0, len(ids), 500):
        for household_id, dietary in session.execute(
            select(Household.id, Household.dietary).where(Household.id.in_(ids[start : start + 500]))
        ):
            flags[household_id] = tuple(flag for flag in dietary.split(";") if flag)
    return flags


def _order_flags(order: PickupOrder, flags: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """The dietary flags packing honours: the household's (a client-choice order holds what they chose)."""
    return () if order.kind == "choice" else flags.get(order.household_id or 0, ())


def _prefetch(
    availability: Availability, catalog: _Catalog, orders: Sequence[PickupOrder], flags: dict[int, tuple[str, ...]]
) -> None:
    """Load, per day, the lots of every item the orders' lines may be filled with, in a few queries."""
    per_day: dict[dt.date, set[int]] = {}
    for order in orders:
        household_flags = _order_flags(order, flags)
        for line in order.lines:
            items, _unused, _unused = _candidates(catalog, line, household_flags)
            per_day.setdefault(order.pickup_date, set()).update(items)
    for day, items in per_day.items():
        availability.prefetch(items, day)


def pack(session: Session, order_ids: Sequence[int], user_id: int | None) -> PackResult:
    """Allocate the lines of planned orders (or re-allocate packed ones) and mark them packed."""
    require(session, user_id, "pickup.pack")
    orders = _load(session, order_ids)
    missing = set(order_ids) - {order.id for order in orders}
    if missing:
        raise UserError(_("order: no order with id {order_id}").format(order_id=min(missing)))
    for order in orders:
        if order.status not in ("planned", "packed"):
            from pantry.services.pickups import status_text  # pickups imports packing

            raise UserError(
                _("order: {order} is {status}; only planned or packed orders can be packed").format(
                    order=make_code("order", order.id), status=status_text(order.status)
                )
            )
    ids = [order.id for order in orders]
    for start in range(0, len(ids), 500):
        session.execute(delete(OrderAllocation).where(OrderAllocation.order_id.in_(ids[start : start + 500])))
    catalog = _catalog(session)
    availability = Availability(session, ids)
    flags = _flags(session, orders)
    _prefetch(availability, catalog, orders, flags)
    result = PackResult()
    rows = []
    now = utcnow()
    for order in orders:
        code = make_code("order", order.id)
        household_flags = _order_flags(order, flags)
        for line in order.lines:
            takes, short, note, what = allocate_line(availability, catalog, line, household_flags, order.pickup_date)
            line.shortage = short
            line.note = note
            rows += [(order.id, t.line_id, t.item_id, t.lot_id, t.location_id, t.quantity) for t in takes]
            if short:
                unit = catalog.items[line.item_id].unit if line.item_id is not None else "each"
                result.shortages.append(Shortage(code, what, amount(line.quantity, unit), amount(short, unit)))
        order.status = "packed"
        order.packed_at = now
        order.packed_by_id = user_id
        result.orders.append(code)
    session.flush()
    insert_rows(
        session.connection(),
        OrderAllocation.__table__,
        ("order_id", "line_id", "item_id", "lot_id", "location_id", "quantity"),
        rows,
    )
    result.allocations = len(rows)
    return result


def shortage_preview(session: Session, orders: Sequence[PickupOrder]) -> list[Shortage]:
    """What would be short if these orders were packed now, in this order, after what packed orders hold and what
    the other planned orders of the same days ask for (their item lines): the warning given when planning."""
    if not orders:
        return []
    catalog = _catalog(session)
    ids = [order.id for order in orders]
    availability = Availability(session, ids)
    flags = _flags(session, list(orders))
    _prefetch(availability, catalog, orders, flags)
    days = sorted({order.pickup_date for order in orders})
    for day in days:
        demand = session.execute(
            select(OrderLine.item_id, func.sum(OrderLine.quantity))
            .join(PickupOrder, PickupOrder.id == OrderLine.order_id)
            .where(
                PickupOrder.status == "planned",
                PickupOrder.pickup_date == day,
                OrderLine.item_id.is_not(None),
            )
            .group_by(OrderLine.item_id)
        )
        own = {}
        for order in orders:
            if order.pickup_date == day:
                for line in order.lines:
                    if line.item_id is not None:
                        own[line.item_id] = own.get(line.item_id, 0) + line.quantity
        demand = demand.all()
        availability.prefetch([item_id for item_id, _unused in demand], day)
        for item_id, quantity in demand:
            need = int(quantity) - own.get(item_id, 0)
            for pick in availability.picks(item_id, day):  # the other orders take theirs first, FEFO
                if need <= 0:
                    break
                place = (pick.lot_id, pick.location_id)
                take = min(max(0, availability.remaining[place]), need)
                availability.remaining[place] -= take
                need -= take
    shortages = []
    for order in orders:
        code = make_code("order", order.id)
        for line in order.lines:
            household_flags = _order_flags(order, flags)
            _unused, short, _unused, what = allocate_line(
                availability, catalog, line, household_flags, order.pickup_date
            )
            if short:
                unit = catalog.items[line.item_id].unit if line.item_id is not None else "each"
                shortages.append(Shortage(code, what, amount(line.quantity, unit), amount(short, unit)))
    return shortages
