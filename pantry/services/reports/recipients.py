"""Who received the goods that went out: each distribution movement traced to its pickup order (a household's or an
agency's).

A pickup posts its movements in one operation of kind "pickup" (PickupOrder.operation_id); a return of goods is an
operation of kind "return" whose movements carry the order's code as their reference (pickups and returns cannot be
undone). Distribution movements of other operations (entered before pickup orders existed, or by other tools) lead to
no order: they are counted as "other".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.codes import parse_own_code
from pantry.models import Movement, Operation, PickupOrder
from pantry.services.reports.period import Period

HOUSEHOLD, AGENCY, OTHER = "household", "agency", "other"
RECIPIENTS = (HOUSEHOLD, AGENCY, OTHER)
ORDER_OPERATIONS = ("pickup", "return")
_CHUNK = 500


@dataclass(frozen=True)
class OrderFacts:
    order_id: int
    household_id: int | None
    agency_id: int | None
    picked_up_on: dt.date | None
    size: int  # people the order was for (the household's size then)

    @property
    def recipient(self) -> str:
        return AGENCY if self.agency_id is not None else HOUSEHOLD


def orders(session: Session, order_ids: set[int]) -> dict[int, OrderFacts]:
    ids = sorted(order_ids)
    facts = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(
            PickupOrder.id,
            PickupOrder.household_id,
            PickupOrder.agency_id,
            PickupOrder.picked_up_on,
            PickupOrder.size,
        ).where(PickupOrder.id.in_(ids[start : start + _CHUNK]))
        for row in session.execute(query):
            facts[row[0]] = OrderFacts(*row)
    return facts


def _order_of(operation_id: int | None, reference: str | None, order_of_operation: dict[int, int]) -> int | None:
    if operation_id is not None and operation_id in order_of_operation:
        return order_of_operation[operation_id]
    if reference:
        parsed = parse_own_code(reference)
        if parsed is not None and parsed.kind == "order":
            return parsed.number
    return None


def _orders_of_operations(session: Session, operation_ids: set[int]) -> dict[int, int]:
    ids = sorted(operation_ids)
    found = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(PickupOrder.operation_id, PickupOrder.id).where(
            PickupOrder.operation_id.in_(ids[start : start + _CHUNK])
        )
        for operation_id, order_id in session.execute(query):
            found[operation_id] = order_id
    return found


_SUMS = (func.sum(Movement.quantity), func.sum(Movement.grams), func.sum(Movement.value_cents))


def linked_by_recipient(session: Session, period: Period) -> dict[tuple[int, str], tuple[int, int, int]]:
    """Signed sums (goods out are negative) per (item, household | agency) of the period's distribution movements
    that belong to pickup orders; whatever else went out is the caller's "other"."""
    linked = select(Operation.id).where(Operation.kind.in_(ORDER_OPERATIONS))
    query = (
        select(Movement.item_id, Movement.operation_id, Movement.reference, *_SUMS)
        .where(
            Movement.kind == "distribution",
            Movement.business_date.between(period.start, period.end),
            Movement.operation_id.in_(linked),
        )
        .group_by(Movement.item_id, Movement.operation_id, Movement.reference)
    )
    rows = session.execute(query).all()
    order_of_operation = _orders_of_operations(session, {row[1] for row in rows})
    order_ids = {_order_of(row[1], row[2], order_of_operation) for row in rows} - {None}
    facts = orders(session, order_ids)  # type: ignore[arg-type]
    totals: dict[tuple[int, str], tuple[int, int, int]] = {}
    for item_id, operation_id, reference, quantity, grams, cents in rows:
        order_id = _order_of(operation_id, reference, order_of_operation)
        recipient = facts[order_id].recipient if order_id in facts else OTHER
        now = totals.get((item_id, recipient), (0, 0, 0))
        totals[(item_id, recipient)] = (now[0] + int(quantity), now[1] + int(grams), now[2] + int(cents))
    return totals


@dataclass(frozen=True)
class GivenLine:
    """Distribution movements of one day and item, traced to one order (or to none)."""

    day: dt.date
    item_id: int
    order_id: int | None
    quantity: int  # signed as in the ledger: goods out are negative, returns positive
    grams: int
    cents: int


def given_lines(session: Session, period: Period) -> tuple[list[GivenLine], dict[int, OrderFacts]]:
    """The period's distribution movements by day, item and order, and the orders they trace to."""
    query = (
        select(Movement.business_date, Movement.item_id, Movement.operation_id, Movement.reference, *_SUMS)
        .where(Movement.kind == "distribution", Movement.business_date.between(period.start, period.end))
        .group_by(Movement.business_date, Movement.item_id, Movement.operation_id, Movement.reference)
    )
    rows = session.execute(query).all()
    operation_ids = sorted({row[2] for row in rows if row[2] is not None})
    linked_operations: set[int] = set()
    for start in range(0, len(operation_ids), _CHUNK):
        linked_operations.update(
            session.scalars(
                select(Operation.id).where(
                    Operation.kind.in_(ORDER_OPERATIONS), Operation.id.in_(operation_ids[start : start + _CHUNK])
                )
            )
        )
    order_of_operation = _orders_of_operations(session, linked_operations)
    lines = []
    for day, item_id, operation_id, reference, quantity, grams, cents in rows:
        order_id = _order_of(operation_id, reference, order_of_operation) if operation_id in linked_operations else None
        lines.append(GivenLine(day, item_id, order_id, int(quantity), int(grams), int(cents)))
    facts = orders(session, {line.order_id for line in lines if line.order_id is not None})
    known = [
        line
        if line.order_id is None or line.order_id in facts
        else GivenLine(line.day, line.item_id, None, line.quantity, line.grams, line.cents)
        for line in lines
    ]
    return known, facts
