"""Pickup orders: planning them from a template, finding them by their printed code, no-shows and cancellations,
and the day's list of orders.

Statuses: planned → packed → picked_up, or no_show / cancelled; the last three are final (a picked-up order is
corrected by a return, `handover.return_goods`). Packing is `packing.pack`, picking up `handover.complete`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pantry.codes import make_code, parse_own_code
from pantry.errors import UserError
from pantry.i18n import N_, _, translator
from pantry.models import (
    Agency,
    Household,
    Item,
    Lot,
    OrderAllocation,
    OrderLine,
    PickupOrder,
    Template,
    User,
    utcnow,
)
from pantry.services import agencies, households, packing, templates, visits
from pantry.services.expiry import OVERRIDE_ROLES
from pantry.services.permissions import granted, require, who_is

STATUSES = ("planned", "packed", "picked_up", "no_show", "cancelled")
FINAL = ("picked_up", "no_show", "cancelled")
OPEN = ("planned", "packed")
KINDS = ("order", "walk_in", "choice")
STATUS_NAMES = {
    "planned": N_("planned"),
    "packed": N_("packed"),
    "picked_up": N_("picked up"),
    "no_show": N_("no show"),
    "cancelled": N_("cancelled"),
}
_SLOT = re.compile(r"(\d{1,2}):(\d{2})")
_SYMBOLOGY = re.compile(r"^\][A-Za-z][0-9A-Za-z]")  # ]C0 and the like, which some scanners send first


@dataclass(frozen=True)
class Planned:
    order_id: int
    code: str
    household: str  # household code, or the agency's name
    warnings: tuple[str, ...] = ()


def status_text(status: str) -> str:
    """An order's status in a message, in the desk's language ("picked up" / "recogido")."""
    known = STATUS_NAMES.get(status)
    return _(known) if known else status.replace("_", " ")


def order_code(order_id: int) -> str:
    return make_code("order", order_id)


def parse_slot(text: str) -> str:
    """A time slot as HH:MM ('9:30' → '09:30'); ValueError otherwise."""
    match = _SLOT.fullmatch(text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(_("'{text}' is not a time (use HH:MM, like 09:30)").format(text=text))
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def order_by_code(session: Session, text: str) -> PickupOrder:
    """The order a printed or scanned code names (any case; a scanner's ]C0 prefix is ignored)."""
    cleaned = _SYMBOLOGY.sub("", text.strip())
    parsed = parse_own_code(cleaned)
    if parsed is None or parsed.kind != "order":
        raise UserError(_("order: '{text}' is not an order code").format(text=text.strip()))
    order = session.get(PickupOrder, parsed.number)
    if order is None:
        raise UserError(_("order: no order with code {text}").format(text=parsed.text))
    return order


def who(session: Session, order: PickupOrder) -> str:
    """How lists name the order's recipient: the household code, or the agency's name."""
    if order.household_id is not None:
        household = session.get(Household, order.household_id)
        return household.code if household else "?"
    agency = session.get(Agency, order.agency_id) if order.agency_id else None
    return agency.name if agency else "?"


def override_allowed(session: Session, user_id: int | None, reason: str) -> User:
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or user.role not in OVERRIDE_ROLES:
        if user is None:
            raise UserError(_("override: only a shift lead or an admin may override the visit limit"))
        raise UserError(
            _("override: only a shift lead or an admin may override the visit limit ({who})").format(who=who_is(user))
        )
    if not reason.strip():
        raise UserError(_("override: say why this household may come again"))
    return user


def _new_order(
    session: Session,
    template: Template,
    day: dt.date,
    size: int,
    user_id: int | None,
    *,
    household_id: int | None,
    agency_id: int | None,
    slot: str | None,
    kind: str,
) -> PickupOrder:
    order = PickupOrder(
        household_id=household_id,
        agency_id=agency_id,
        template_id=template.id,
        kind=kind,
        pickup_date=day,
        slot=slot,
        status="planned",
        size=size,
        note="",
        override_reason="",
        created_by_id=user_id,
    )
    order.lines = [
        OrderLine(position=want.position, item_id=want.item_id, category_id=want.category_id, quantity=want.quantity)
        for want in templates.wanted(template, size)
    ]
    return order


def plan_many(
    session: Session,
    day: dt.date,
    template_name: str,
    household_codes: Sequence[str],
    user_id: int | None,
    *,
    slot: str | None = None,
    override_reason: str | None = None,
    kind: str = "order",
    preview: bool = True,
) -> list[Planned]:
    """An order per household for `day` from a template, scaled by each household's size. All or none: every
    household that cannot be planned is named. Warnings: the visit limit (mode warn, or overridden) and, unless
    `preview` is off, what would be short if the orders were packed now."""
    require(session, user_id, "pickup.plan")
    if kind not in KINDS:
        raise ValueError(_("unknown order kind {kind}").format(kind=repr(kind)))
    template = templates.template_named(session, template_name)
    slot_text = None
    if slot:
        try:
            slot_text = parse_slot(slot)
        except ValueError as problem:
            raise UserError(_("slot: {problem}").format(problem=problem)) from None
    limit = visits.visit_limit(session)
    overrider: User | None = None  # asked for only when an override is needed
    problems: list[tuple[int, str]] = []  # (position in the list given, message): reported in that order
    found: list[tuple[int, Household]] = []
    seen: set[int] = set()
    for position, code in enumerate(household_codes):
        try:
            household = households.household_by_code(session, code)
        except UserError as problem:
            problems.append((position, str(problem)))
            continue
        if household.id in seen:
            problems.append((position, _("household: {code} is named twice").format(code=household.code)))
            continue
        seen.add(household.id)
        if not household.active:
            problems.append((position, _("household: {code} is no longer active").format(code=household.code)))
            continue
        found.append((position, household))
    ids = [household.id for _unused, household in found]
    same_day: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        same_day.update(
            session.execute(
                select(PickupOrder.household_id, PickupOrder.id).where(
                    PickupOrder.household_id.in_(ids[start : start + 500]),
                    PickupOrder.pickup_date == day,
                    PickupOrder.template_id == template.id,
                    PickupOrder.status.in_(OPEN),
                )
            ).all()
        )
    over_limit = visits.limit_problems(session, [household for _unused, household in found], day, limit=limit)
    planned: list[tuple[PickupOrder, Household, list[str]]] = []
    for position, household in found:
        if household.id in same_day:
            already = order_code(same_day[household.id])
            problems.append(
                (
                    position,
                    _("household: {code} already has order {order} on {day} ({box})").format(
                        code=household.code, order=already, day=translator().date(day), box=template.name
                    ),
                )
            )
            continue
        warnings: list[str] = []
        problem = over_limit.get(household.id)
        order = _new_order(
            session, template, day, household.size, user_id,
            household_id=household.id, agency_id=None, slot=slot_text, kind=kind,
        )  # fmt: skip
        if problem and limit.mode == "block":
            if override_reason is None:
                problems.append(
                    (position, _("{problem}; a shift lead may override it with a reason").format(problem=problem))
                )
                continue
            overrider = overrider or override_allowed(session, user_id, override_reason)
            order.override_reason = (override_reason or "").strip()
            order.override_by_id = overrider.id
            warnings.append(
                _("{problem}; overridden by {overrider}: {override_reason}").format(
                    problem=problem, overrider=overrider.name, override_reason=order.override_reason
                )
            )
        elif problem:
            warnings.append(problem)
        if not order.lines:
            problems.append(
                (
                    position,
                    _("template: {template} gives nothing to a household of {size}").format(
                        template=template.name, size=household.size
                    ),
                )
            )
            continue
        planned.append((order, household, warnings))
    if problems:
        lines = [message for _unused, message in sorted(problems, key=lambda problem: problem[0])]
        raise UserError(
            lines[0]
            if len(lines) == 1
            else _("{count} household(s) cannot be planned; none was").format(count=len(lines)),
            lines,
        )
    session.add_all([order for order, _unused, _unused in planned])
    session.flush()
    shortages: dict[str, list[str]] = {}
    if preview:
        for shortage in packing.shortage_preview(session, [order for order, _unused, _unused in planned]):
            shortages.setdefault(shortage.order, []).append(shortage.message)
    return [
        Planned(order.id, order_code(order.id), household.code, (*warnings, *shortages.get(order_code(order.id), [])))
        for order, household, warnings in planned
    ]


def plan(
    session: Session,
    day: dt.date,
    template_name: str,
    user_id: int | None,
    *,
    household: str | None = None,
    agency: str | None = None,
    slot: str | None = None,
    override_reason: str | None = None,
    kind: str = "order",
) -> Planned:
    """One order, for a household (by its code) or an agency (by its name)."""
    require(session, user_id, "pickup.plan")
    if (household is None) == (agency is None):
        raise UserError(_("plan: give a household or an agency"))
    if household is not None:
        return plan_many(
            session, day, template_name, [household], user_id, slot=slot, override_reason=override_reason, kind=kind
        )[0]
    return plan_for_agency(session, day, template_name, agency or "", user_id, slot=slot)


def plan_for_agency(
    session: Session,
    day: dt.date,
    template_name: str,
    agency_name: str,
    user_id: int | None,
    *,
    slot: str | None = None,
) -> Planned:
    """A bulk order for a partner agency; per-person quantities scale by the people it serves."""
    require(session, user_id, "pickup.plan")
    template = templates.template_named(session, template_name)
    agency = agencies.agency_named(session, agency_name)
    try:
        slot_text = parse_slot(slot) if slot else None
    except ValueError as problem:
        raise UserError(_("slot: {problem}").format(problem=problem)) from None
    order = _new_order(
        session, template, day, agency.people, user_id,
        household_id=None, agency_id=agency.id, slot=slot_text, kind="order",
    )  # fmt: skip
    if not order.lines:
        raise UserError(
            _("template: {template} gives nothing to {people} people").format(
                template=template.name, people=agency.people
            )
        )
    session.add(order)
    session.flush()
    shortages = tuple(shortage.message for shortage in packing.shortage_preview(session, [order]))
    return Planned(order.id, order_code(order.id), agency.name, shortages)


def walk_in(
    session: Session,
    household_code: str,
    template_name: str,
    user_id: int | None,
    *,
    day: dt.date | None = None,
    override_reason: str | None = None,
) -> tuple[Planned, packing.PackResult]:
    """A household at the door without an order: planned and packed at once, ready to print and hand over."""
    require(session, user_id, "pickup.walk_in")
    with granted(session, "pickup.plan", "pickup.pack"):
        planned = plan_many(
            session,
            day or dt.date.today(),
            template_name,
            [household_code],
            user_id,
            override_reason=override_reason,
            kind="walk_in",
        )[0]
        packed = packing.pack(session, [planned.order_id], user_id)
    return planned, packed


def _close(session: Session, code: str, user_id: int | None, status: str) -> PickupOrder:
    order = order_by_code(session, code)
    label = order_code(order.id)
    if order.status == "picked_up":
        raise UserError(
            (
                _("order: {label} was picked up on {day}; correct it with a return, not by cancelling")
                if status == "cancelled"
                else _("order: {label} was picked up on {day}; correct it with a return, not by a no-show")
            ).format(label=label, day=translator().date(order.picked_up_on))
        )
    if order.status in FINAL:
        raise UserError(_("order: {order} is {status} already").format(order=label, status=status_text(order.status)))
    order.status = status
    order.closed_at = utcnow()
    order.closed_by_id = user_id
    session.flush()
    return order


def close_day(session: Session, day: dt.date, user_id: int | None, *, today: dt.date | None = None) -> list[str]:
    """After a distribution day: every order of that day still planned or packed becomes a no-show, so that what it
    held is free again. Returns the order codes."""
    require(session, user_id, "pickup.close")
    if day > (today or dt.date.today()):
        raise UserError(_("date: {day} is still to come").format(day=translator().date(day)))
    closed = []
    for order in orders_on(session, day, statuses=OPEN):
        _close(session, order_code(order.id), user_id, "no_show")
        closed.append(order_code(order.id))
    return closed


def cancel(session: Session, code: str, user_id: int | None) -> str:
    """Cancel a planned or packed order: what it held goes back to being free; nothing moves in the ledger."""
    require(session, user_id, "pickup.close")
    order = _close(session, code, user_id, "cancelled")
    return _("Order {order} cancelled; nothing was given, stock unchanged.").format(order=order_code(order.id))


def no_show(session: Session, code: str, user_id: int | None, *, today: dt.date | None = None) -> str:
    """The household did not come: nothing is posted, what was packed goes back to the shelves."""
    require(session, user_id, "pickup.close")
    order = order_by_code(session, code)
    if order.pickup_date > (today or dt.date.today()) and order.status in OPEN:
        raise UserError(
            _("order: {order} is for {day}, still to come").format(
                order=order_code(order.id), day=translator().date(order.pickup_date)
            )
        )
    order = _close(session, code, user_id, "no_show")
    packed = session.scalar(select(OrderAllocation.id).where(OrderAllocation.order_id == order.id).limit(1))
    if packed is not None:
        return _(
            "Order {order}: no-show recorded; nothing was given, stock unchanged. Put the packed goods back on the "
            "shelves."
        ).format(order=order_code(order.id))
    return _("Order {order}: no-show recorded; nothing was given, stock unchanged.").format(order=order_code(order.id))


@dataclass(frozen=True)
class OrderRow:
    """One order of a day, as lists and exports show it."""

    order_id: int
    order: str
    date: dt.date
    slot: str
    status: str
    kind: str
    household: str  # household code, or the agency's name
    first_name: str
    size: int
    dietary: tuple[str, ...]
    template: str
    items: int  # pieces: counted items each, a weighed line one
    grams: int
    shortages: int  # lines short


def order_rows(session: Session, orders: Sequence[PickupOrder]) -> list[OrderRow]:
    """Rows for these orders: given for picked-up orders, allocated for packed ones, asked for before packing."""
    ids = [order.id for order in orders]
    household_ids = {order.household_id for order in orders if order.household_id is not None}
    people = {}
    for start in range(0, len(ids), 500):
        chunk = sorted(household_ids)[start : start + 500]
        if chunk:
            for row in session.execute(
                select(Household.id, Household.code, Household.first_name, Household.dietary).where(
                    Household.id.in_(chunk)
                )
            ):
                people[row.id] = row
    agency_names = dict(session.execute(select(Agency.id, Agency.name)).all())
    template_names = dict(session.execute(select(Template.id, Template.name)).all())
    units = {row.id: row for row in session.execute(select(Item.id, Item.unit, Item.unit_weight_g))}
    pieces: dict[int, list[int]] = {order_id: [0, 0] for order_id in ids}
    allocated = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(
                OrderAllocation.order_id,
                OrderAllocation.item_id,
                OrderAllocation.quantity,
                OrderAllocation.given,
                Lot.quantity,
                Lot.grams,
            )
            .join(Lot, Lot.id == OrderAllocation.lot_id)
            .where(OrderAllocation.order_id.in_(chunk))
        )
        status = {order.id: order.status for order in orders}
        for order_id, item_id, quantity, given, lot_quantity, lot_grams in rows:
            allocated.add(order_id)
            amount = (given or 0) if status[order_id] == "picked_up" else quantity
            if amount <= 0:
                continue
            weighed = units[item_id].unit in ("lb", "kg")
            total = pieces[order_id]
            total[0] += 1 if weighed else amount
            total[1] += amount if weighed else (lot_grams * amount // lot_quantity if lot_quantity else 0)
    short_lines: dict[int, int] = {}
    for order in orders:
        for line in order.lines:
            if line.shortage:
                short_lines[order.id] = short_lines.get(order.id, 0) + 1
            if order.id not in allocated and order.status == "planned":
                total = pieces[order.id]
                item = units.get(line.item_id) if line.item_id is not None else None
                weighed = item is not None and item.unit in ("lb", "kg")
                total[0] += 1 if weighed else line.quantity
                if item is not None:
                    total[1] += line.quantity if weighed else line.quantity * (item.unit_weight_g or 0)
    result = []
    for order in orders:
        person = people.get(order.household_id) if order.household_id is not None else None
        result.append(
            OrderRow(
                order.id,
                order_code(order.id),
                order.pickup_date,
                order.slot or "",
                order.status,
                order.kind,
                person.code if person else agency_names.get(order.agency_id or 0, "?"),
                person.first_name if person else "",
                order.size,
                tuple(flag for flag in person.dietary.split(";") if flag) if person else (),
                template_names.get(order.template_id or 0, ""),
                pieces[order.id][0],
                pieces[order.id][1],
                short_lines.get(order.id, 0),
            )
        )
    return result


def orders_on(
    session: Session,
    day: dt.date,
    *,
    slot_from: str | None = None,
    slot_to: str | None = None,
    statuses: Sequence[str] = STATUSES,
) -> list[PickupOrder]:
    """The orders of a day (within a slot range, when given), by slot then order."""
    query = (
        select(PickupOrder)
        .where(PickupOrder.pickup_date == day, PickupOrder.status.in_(statuses))
        .options(selectinload(PickupOrder.lines))
    )
    if slot_from:
        query = query.where(PickupOrder.slot >= parse_slot(slot_from))
    if slot_to:
        query = query.where(PickupOrder.slot <= parse_slot(slot_to))
    orders = list(session.scalars(query))
    return sorted(orders, key=lambda order: (order.slot is None, order.slot or "", order.id))
