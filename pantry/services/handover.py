"""Handing goods over: completing a pickup (all, or what was actually given), client-choice checkout, and returns.

Picking up posts the order's distribution movements in one operation, dated the day the goods went out; what was
packed but not given simply stays in stock (nothing moved when it was packed). Use-by food past its date on that day
goes out only with a recorded override (`expiry.override_use_by`), and lots on hold never go out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.documents.csv_in import read_rows
from pantry.errors import UserError
from pantry.i18n import _, translator
from pantry.measures import format_quantity, grams_from, is_weighed, parse_decimal
from pantry.models import Item, Lot, LotEvent, OrderAllocation, OrderLine, PickupOrder, utcnow
from pantry.services import households, ledger, packing, pickups, visits
from pantry.services.expiry import use_by_blocked
from pantry.services.permissions import granted, require
from pantry.services.pickups import FINAL, order_by_code, order_code, override_allowed, who

QUANTITY_COLUMNS = ("sku", "quantity")
_WHOLE = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class GivenLine:
    sku: str
    item: str
    unit: str
    packed: int
    given: int


@dataclass(frozen=True)
class Completed:
    order: str
    recipient: str
    day: dt.date
    lines: tuple[GivenLine, ...]
    operation_id: int | None
    warnings: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        given = [line for line in self.lines if line.given]
        pieces = sum(1 if is_weighed(line.unit) else line.given for line in given)
        text = _("Order {order} picked up by {recipient} on {day}: {pieces} piece(s) of {items} item(s) given").format(
            order=self.order, recipient=self.recipient, day=translator().date(self.day), pieces=pieces, items=len(given)
        )
        kept = [line for line in self.lines if line.given < line.packed]
        if kept:
            back = ", ".join(f"{format_quantity(line.packed - line.given, line.unit)} {line.item}" for line in kept)
            return _("{given}; not given, stays in stock: {back}.").format(given=text, back=back)
        return text + "."


def read_quantities(session: Session, path: Path) -> dict[int, int]:
    """`sku,quantity` rows as item id → counting units (a weighed item's quantity is in its unit, lb or kg)."""
    problems: list[str] = []
    wanted: dict[int, int] = {}
    first_row: dict[int, int] = {}
    for row in read_rows(path, QUANTITY_COLUMNS, QUANTITY_COLUMNS):
        where = _("row {number}").format(number=row.number)
        if row.extra_cells:
            problems.append(
                _("{where}: cells: {extra_cells} cell(s) outside the header's named columns").format(
                    where=where, extra_cells=row.extra_cells
                )
            )
        sku, text = row.get("sku"), row.get("quantity")
        item = session.scalars(select(Item).where(Item.sku == sku)).first() if sku else None
        if item is None:
            problems.append(
                _("{where}: sku: no item with sku '{sku}'").format(where=where, sku=sku)
                if sku
                else _("{where}: sku: give the item's sku").format(where=where)
            )
            continue
        try:
            if is_weighed(item.unit):
                quantity = grams_from(parse_decimal(text, "quantity"), item.unit)
            elif _WHOLE.fullmatch(text):
                quantity = int(text)
            else:
                raise ValueError(_("'{text}' is not a whole number, 0 or more").format(text=text))
        except ValueError as problem:
            problems.append(
                _("{where}: quantity: {problem}").format(where=where, problem=str(problem).removeprefix("quantity "))
            )
            continue
        if item.id in first_row:
            problems.append(
                _("{where}: sku: {sku} is already on row {first_row}").format(
                    where=where, sku=sku, first_row=first_row[item.id]
                )
            )
            continue
        first_row[item.id] = row.number
        wanted[item.id] = quantity
    if problems:
        raise UserError(
            _("{count} problem(s) in {path}; nothing was recorded").format(count=len(problems), path=path.name),
            problems,
        )
    return wanted


def _allocations(session: Session, order_id: int) -> list[OrderAllocation]:
    return list(
        session.scalars(
            select(OrderAllocation).where(OrderAllocation.order_id == order_id).order_by(OrderAllocation.id)
        )
    )


def packed_items(session: Session, code: str) -> dict[int, int]:
    """What a packed order holds, item id → counting units (what `complete` gives when told nothing else)."""
    order = order_by_code(session, code)
    packed: dict[int, int] = {}
    for allocation in _allocations(session, order.id):
        packed[allocation.item_id] = packed.get(allocation.item_id, 0) + allocation.quantity
    return packed


def _check_lots(session: Session, giving: list[tuple[OrderAllocation, int]], day: dt.date) -> None:
    problems = []
    lot_ids = {allocation.lot_id for allocation, amount in giving if amount}
    lots = {lot.id: lot for lot in session.scalars(select(Lot).where(Lot.id.in_(lot_ids)))} if lot_ids else {}
    overridden = set(
        session.scalars(select(LotEvent.lot_id).where(LotEvent.lot_id.in_(lot_ids), LotEvent.kind == "override"))
    )
    for lot_id in sorted(lot_ids):
        lot = lots[lot_id]
        item = lot.item
        if lot.quarantined:
            problems.append(
                _(
                    "lot {code}: {item} is on hold (recall); take it out of the bag and record what was given "
                    "without it"
                ).format(code=lot.code, item=item.name)
            )
        elif use_by_blocked(item.date_kind, lot.expires_on, day) and lot_id not in overridden:
            problems.append(
                _(
                    "lot {code}: {item} is use-by {expires_on} and may not go out on {day} (a shift lead may "
                    "override); take it out of the bag and record what was given without it"
                ).format(
                    code=lot.code,
                    item=item.name,
                    expires_on=translator().date(lot.expires_on),
                    day=translator().date(day),
                )
            )
    if problems:
        raise UserError(
            problems[0] if len(problems) == 1 else _("{count} lots may not go out").format(count=len(problems)),
            problems,
        )


def _spread(
    allocations: list[OrderAllocation], given: Mapping[int, int] | None, code: str, session: Session
) -> list[tuple[OrderAllocation, int]]:
    """How much of each allocation was given: all, or each item's given quantity over its allocations FEFO."""
    if given is None:
        return [(allocation, allocation.quantity) for allocation in allocations]
    packed: dict[int, int] = {}
    for allocation in allocations:
        packed[allocation.item_id] = packed.get(allocation.item_id, 0) + allocation.quantity
    problems = []
    for item_id, quantity in given.items():
        item = session.get(Item, item_id)
        name = f"{item.name} ({item.sku})" if item else str(item_id)
        unit = item.unit if item else "each"
        if item_id not in packed:
            if quantity:
                problems.append(
                    _("{name}: not packed in order {code}; record it with its own order").format(name=name, code=code)
                )
        elif quantity > packed[item_id]:
            problems.append(
                _("{name}: {given} given, but only {packed} packed in order {code}").format(
                    name=name,
                    given=format_quantity(quantity, unit),
                    packed=format_quantity(packed[item_id], unit),
                    code=code,
                )
            )
    if problems:
        raise UserError(
            problems[0] if len(problems) == 1 else _("{count} problems; nothing was given").format(count=len(problems)),
            problems,
        )
    left = {item_id: given.get(item_id, 0) for item_id in packed}
    result = []
    for allocation in allocations:
        amount = min(allocation.quantity, left[allocation.item_id])
        left[allocation.item_id] -= amount
        result.append((allocation, amount))
    return result


def complete(
    session: Session,
    code: str,
    user_id: int | None,
    *,
    given: Mapping[int, int] | None = None,
    day: dt.date | None = None,
) -> Completed:
    """The order was picked up: everything packed (or, with `given`, item id → what was actually given). A planned
    order is packed first. The distribution movements are one operation, referenced by the order code."""
    require(session, user_id, "pickup.complete")
    day = day or dt.date.today()
    order = order_by_code(session, code)
    session.refresh(order, with_for_update=True)  # two desks scanning one sheet: the second waits, then sees it done
    label = order_code(order.id)
    if order.status == "picked_up":
        raise UserError(
            _("order: {label} was picked up on {picked_up_on} already").format(
                label=label, picked_up_on=translator().date(order.picked_up_on)
            )
        )
    if order.status in FINAL:
        raise UserError(
            _("order: {order} is {status}; it cannot be picked up").format(
                order=label, status=pickups.status_text(order.status)
            )
        )
    warnings: tuple[str, ...] = ()
    if order.status == "planned":
        with granted(session, "pickup.pack"):
            packed = packing.pack(session, [order.id], user_id)
        warnings = tuple(shortage.message for shortage in packed.shortages)
    allocations = _allocations(session, order.id)
    giving = _spread(allocations, given, label, session)
    _check_lots(session, giving, day)
    changes = [
        ledger.Change(allocation.lot_id, allocation.location_id, -amount, "distribution", reference=label)
        for allocation, amount in giving
        if amount
    ]
    operation_id = None
    if changes:
        operation_id = ledger.begin_operation(session, "pickup", user_id, f"pickup {label} ({who(session, order)})")
        ledger.post(session, changes, business_date=day, user_id=user_id, operation_id=operation_id)
    for allocation, amount in giving:
        allocation.given = amount
    order.status = "picked_up"
    order.picked_up_on = day
    order.closed_at = utcnow()
    order.closed_by_id = user_id
    order.operation_id = operation_id
    session.flush()
    return Completed(label, who(session, order), day, _given_lines(session, giving), operation_id, warnings)


def _given_lines(session: Session, giving: list[tuple[OrderAllocation, int]]) -> tuple[GivenLine, ...]:
    per_item: dict[int, list[int]] = {}
    for allocation, amount in giving:
        entry = per_item.setdefault(allocation.item_id, [0, 0])
        entry[0] += allocation.quantity
        entry[1] += amount
    items = {item.id: item for item in session.scalars(select(Item).where(Item.id.in_(list(per_item))))}
    return tuple(
        GivenLine(items[item_id].sku, items[item_id].name, items[item_id].unit, packed, given)
        for item_id, (packed, given) in per_item.items()
    )


def return_goods(
    session: Session, code: str, returned: Mapping[int, int], user_id: int | None, *, day: dt.date | None = None
) -> str:
    """Goods of a picked-up order brought back: they go back to the places they came from (latest-expiring first)
    as distribution movements with reason "returned", so what counts as distributed goes down by as much."""
    require(session, user_id, "pickup.return")
    order = order_by_code(session, code)
    label = order_code(order.id)
    if order.status != "picked_up":
        raise UserError(
            _("order: {order} is {status}; only picked-up orders take returns").format(
                order=label, status=pickups.status_text(order.status)
            )
        )
    allocations = [allocation for allocation in _allocations(session, order.id) if allocation.given]
    given: dict[int, int] = {}
    for allocation in allocations:
        given[allocation.item_id] = given.get(allocation.item_id, 0) + (allocation.given or 0)
    problems = []
    for item_id, quantity in returned.items():
        item = session.get(Item, item_id)
        if quantity > given.get(item_id, 0):
            have = format_quantity(given.get(item_id, 0), item.unit if item else "each")
            problems.append(
                _("{item}: {returned} returned, but order {label} gave {have}").format(
                    item=item.name if item else item_id,
                    returned=format_quantity(quantity, item.unit if item else "each"),
                    label=label,
                    have=have,
                )
            )
    if problems:
        raise UserError(
            problems[0] if len(problems) == 1 else _("{count} problems; nothing returned").format(count=len(problems)),
            problems,
        )
    changes = []
    left = dict(returned)
    for allocation in reversed(allocations):
        amount = min(allocation.given or 0, left.get(allocation.item_id, 0))
        if amount:
            left[allocation.item_id] -= amount
            allocation.given = (allocation.given or 0) - amount
            changes.append(
                ledger.Change(
                    allocation.lot_id,
                    allocation.location_id,
                    amount,
                    "distribution",
                    reason="returned",
                    reference=label,
                )
            )
    if not changes:
        raise UserError(_("return: nothing to return (all quantities are 0)"))
    operation_id = ledger.begin_operation(session, "return", user_id, f"return to order {label}")
    ledger.post(session, changes, business_date=day or dt.date.today(), user_id=user_id, operation_id=operation_id)
    session.flush()
    pieces = sum(change.quantity for change in changes)
    return _("Returned to stock from order {order}: {lines} line(s), {pieces} unit(s).").format(
        order=label, lines=len(changes), pieces=pieces
    )


def checkout(
    session: Session,
    household_code: str,
    taken: Mapping[int, int],
    user_id: int | None,
    *,
    day: dt.date | None = None,
    override_reason: str | None = None,
) -> Completed:
    """A client-choice visit: the household picked at the shelves; what it took is recorded at checkout (FEFO lots,
    as the shelves are stocked) and given in one step."""
    require(session, user_id, "pickup.complete")
    day = day or dt.date.today()
    household = households.household_by_code(session, household_code)
    wanted = {item_id: quantity for item_id, quantity in taken.items() if quantity > 0}
    if not wanted:
        raise UserError(_("checkout: nothing was taken"))
    warnings: list[str] = []
    limit = visits.visit_limit(session)
    problem = visits.limit_problem(session, household.id, day, limit=limit)
    order = PickupOrder(
        household_id=household.id,
        kind="choice",
        pickup_date=day,
        status="planned",
        size=household.size,
        note="",
        override_reason="",
        created_by_id=user_id,
    )
    if problem and limit.mode == "block":
        if override_reason is None:
            raise UserError(_("{problem}; a shift lead may override it with a reason").format(problem=problem))
        user = override_allowed(session, user_id, override_reason)
        order.override_reason, order.override_by_id = override_reason.strip(), user.id
        warnings.append(
            _("{problem}; overridden by {user}: {override_reason}").format(
                problem=problem, user=user.name, override_reason=order.override_reason
            )
        )
    elif problem:
        warnings.append(problem)
    order.lines = [
        OrderLine(position=position, item_id=item_id, quantity=quantity)
        for position, (item_id, quantity) in enumerate(wanted.items(), start=1)
    ]
    session.add(order)
    session.flush()
    with granted(session, "pickup.pack"):
        packed = packing.pack(session, [order.id], user_id)
    if packed.shortages:
        raise UserError(
            _("checkout: the books hold less than was taken; count the shelf or adjust first"),
            [
                _("{item}: {wanted} taken, short by {short} on the books").format(
                    item=shortage.what, wanted=shortage.wanted, short=shortage.short
                )
                for shortage in packed.shortages
            ],
        )
    completed = complete(session, order_code(order.id), user_id, day=day)
    return Completed(completed.order, completed.recipient, day, completed.lines, completed.operation_id, (*warnings,))
