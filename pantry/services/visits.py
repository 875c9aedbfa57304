"""Visits and how often a household may come: a visit is a picked-up order (household, date).

The pantry's rule is N visits per period (day, week, month or rolling 30 days), and what happens when a household
would go over it: warn (default), block (a shift lead or admin may override with a reason, which is recorded on the
order) or off. Orders still planned or packed count too, so that a household is not planned twice in a month.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.codes import make_code
from pantry.errors import UserError
from pantry.i18n import _, translator
from pantry.models import Household, Item, Lot, OrderAllocation, PickupOrder, Template
from pantry.services.permissions import require
from pantry.services.setup import get_setting, set_setting

VISIT_LIMIT = "visit_limit"  # setting: "1 per month"
VISIT_LIMIT_MODE = "visit_limit_mode"  # setting: warn | block | off
DEFAULT_LIMIT = "1 per month"
PERIODS = ("day", "week", "month", "30days")
MODES = ("warn", "block", "off")
COUNTED = ("planned", "packed", "picked_up")  # orders that take up a visit
_LIMIT = re.compile(r"(\d{1,3})\s*(?:per|/|a)\s*(day|week|month|30\s*days|rolling\s*30\s*days)")


@dataclass(frozen=True)
class VisitLimit:
    count: int
    period: str  # day | week | month | 30days
    mode: str  # warn | block | off

    @property
    def text(self) -> str:
        period = "rolling 30 days" if self.period == "30days" else self.period
        return f"{self.count} per {period}"


def parse_limit(text: str) -> tuple[int, str]:
    """'1 per month', '2 per week', '1 per 30 days' → (count, period); ValueError otherwise."""
    match = _LIMIT.fullmatch(" ".join(text.strip().lower().split()))
    if not match or int(match.group(1)) < 1:
        raise ValueError(
            _("'{text}' is not a visit limit (like 1 per month, 2 per week, 1 per 30 days, 1 per day)").format(
                text=text
            )
        )
    period = match.group(2)
    return int(match.group(1)), "30days" if "30" in period else period


def visit_limit(session: Session) -> VisitLimit:
    count, period = parse_limit(get_setting(session, VISIT_LIMIT, DEFAULT_LIMIT) or DEFAULT_LIMIT)
    mode = get_setting(session, VISIT_LIMIT_MODE, "warn")
    return VisitLimit(count, period, mode if mode in MODES else "warn")


def set_visit_limit(
    session: Session, text: str | None = None, mode: str | None = None, user_id: int | None = None
) -> VisitLimit:
    require(session, user_id, "visits.rules")
    if text is not None:
        try:
            count, period = parse_limit(text)
        except ValueError as problem:
            raise UserError(_("visit-limit: {problem}").format(problem=problem)) from None
        set_setting(session, VISIT_LIMIT, f"{count} per {'30 days' if period == '30days' else period}")
    if mode is not None:
        if mode not in MODES:
            raise UserError(_("mode: '{mode}' is not one of {modes}").format(mode=mode, modes="|".join(MODES)))
        set_setting(session, VISIT_LIMIT_MODE, mode)
    session.flush()
    return visit_limit(session)


def period_around(day: dt.date, period: str) -> tuple[dt.date, dt.date]:
    """The first and last day that count together with `day`: its day, ISO week (Mon-Sun), calendar month, or the
    29 days either side (rolling 30 days: two visits less than 30 days apart are in one window)."""
    if period == "day":
        return day, day
    if period == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if period == "month":
        start = day.replace(day=1)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(days=1)
    return day - dt.timedelta(days=29), day + dt.timedelta(days=29)


def _effective_date(order: PickupOrder) -> dt.date:
    return order.picked_up_on or order.pickup_date


def limit_problems(
    session: Session,
    households: Sequence[Household],
    day: dt.date,
    *,
    exclude_order_id: int | None = None,
    limit: VisitLimit | None = None,
) -> dict[int, str]:
    """What breaks the visit limit, per household id, if these households come on `day` (none: they may)."""
    from pantry.services.pickups import status_text  # pickups imports this module

    limit = limit or visit_limit(session)
    if limit.mode == "off" or not households:
        return {}
    start, end = period_around(day, limit.period)
    by_id = {household.id: household for household in households}
    ids = sorted(by_id)
    others: dict[int, list[PickupOrder]] = {}
    for chunk_start in range(0, len(ids), 500):
        query = (
            select(PickupOrder)
            .where(
                PickupOrder.household_id.in_(ids[chunk_start : chunk_start + 500]),
                PickupOrder.status.in_(COUNTED),
                func.coalesce(PickupOrder.picked_up_on, PickupOrder.pickup_date).between(start, end),
            )
            .order_by(PickupOrder.pickup_date, PickupOrder.id)
        )
        if exclude_order_id is not None:
            query = query.where(PickupOrder.id != exclude_order_id)
        for order in session.scalars(query):
            others.setdefault(order.household_id or 0, []).append(order)
    problems = {}
    for household_id, orders in others.items():
        if len(orders) < limit.count:
            continue
        seen = ", ".join(
            _("{order} on {day} ({status})").format(
                order=make_code("order", order.id),
                day=translator().date(_effective_date(order)),
                status=status_text(order.status),
            )
            for order in orders[:3]
        )
        problems[household_id] = _(
            "visit limit: {code} has {count} visit(s) within the limit of {limit} ({seen})"
        ).format(code=by_id[household_id].code, count=len(orders), limit=limit.text, seen=seen)
    return problems


def limit_problem(
    session: Session,
    household_id: int,
    day: dt.date,
    *,
    exclude_order_id: int | None = None,
    limit: VisitLimit | None = None,
) -> str | None:
    """What breaks the visit limit if this household comes on `day`, or None when it may."""
    household = session.get(Household, household_id)
    if household is None:
        return None
    found = limit_problems(session, [household], day, exclude_order_id=exclude_order_id, limit=limit)
    return found.get(household_id)


@dataclass(frozen=True)
class Visit:
    order: str
    date: dt.date
    template: str
    kind: str
    items: int
    grams: int


def visits_of(session: Session, household_id: int) -> list[Visit]:
    """A household's visits (picked-up orders), newest first, with what it was given."""
    orders = session.execute(
        select(PickupOrder.id, PickupOrder.picked_up_on, PickupOrder.kind, Template.name)
        .outerjoin(Template, Template.id == PickupOrder.template_id)
        .where(PickupOrder.household_id == household_id, PickupOrder.status == "picked_up")
        .order_by(PickupOrder.picked_up_on.desc(), PickupOrder.id.desc())
    ).all()
    given = given_per_order(session, [row[0] for row in orders])
    return [
        Visit(make_code("order", order_id), day, template or "", kind, *given.get(order_id, (0, 0)))
        for order_id, day, kind, template in orders
    ]


def given_per_order(session: Session, order_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(pieces, grams) given per picked-up order: a counted item is a piece each, a weighed line one piece."""
    result: dict[int, tuple[int, int]] = {}
    for start in range(0, len(order_ids), 500):
        chunk = order_ids[start : start + 500]
        rows = session.execute(
            select(OrderAllocation.order_id, OrderAllocation.given, Item.unit, Lot.quantity, Lot.grams)
            .join(Item, Item.id == OrderAllocation.item_id)
            .join(Lot, Lot.id == OrderAllocation.lot_id)
            .where(OrderAllocation.order_id.in_(chunk), OrderAllocation.given > 0)
        )
        for order_id, given, unit, lot_quantity, lot_grams in rows:
            pieces, grams = result.get(order_id, (0, 0))
            weighed = unit in ("lb", "kg")
            result[order_id] = (
                pieces + (1 if weighed else given),
                grams + (given if weighed else (lot_grams * given // lot_quantity if lot_quantity else 0)),
            )
    return result


def visit_counts(session: Session, start: dt.date, end: dt.date) -> dict[int, int]:
    """Visits per household between two dates (inclusive)."""
    rows = session.execute(
        select(PickupOrder.household_id, func.count(PickupOrder.id))
        .where(
            PickupOrder.status == "picked_up",
            PickupOrder.household_id.is_not(None),
            PickupOrder.picked_up_on.between(start, end),
        )
        .group_by(PickupOrder.household_id)
    )
    return {household_id: count for household_id, count in rows}
