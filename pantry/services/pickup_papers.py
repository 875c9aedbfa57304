"""What goes on the pickup papers, as plain rows: pickup sheets (one per order), agency packing slips, and the
distribution list of a shift with its pull list. The drawing is in pantry.documents.{pickup_sheet,
distribution_list,packing_slip}.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pantry.errors import UserError
from pantry.i18n import _, translator
from pantry.models import (
    Agency,
    Category,
    Household,
    Item,
    Location,
    Lot,
    OrderAllocation,
    OrderLine,
    PickupOrder,
    Template,
)
from pantry.services import diet, households, pickups
from pantry.services.setup import DEFAULT_ORG, get_setting
from pantry.services.templates import amount

DECLARATION = "pickup_sheet_declaration"  # setting: eligibility self-declaration text printed on pickup sheets
_CHUNK = 500


@dataclass(frozen=True)
class SheetPick:
    """Where to pick part of a line: so many of a lot at a location."""

    item: str
    sku: str
    quantity: str  # in the item's unit
    unit: str
    location: str
    lot: str
    expires: dt.date | None
    past_best_by: bool
    use_by: bool
    given: str  # "" until picked up


@dataclass(frozen=True)
class SheetLine:
    what: str  # item name, or "any <category>"
    wanted: str  # in `unit`
    unit: str
    picks: tuple[SheetPick, ...]
    shortage: str  # "" or what packing could not find, in `unit`
    note: str  # a substitution for a diet


@dataclass(frozen=True)
class Recipient:
    code: str  # household code ("" for an agency)
    name: str  # first name, or the agency's name
    size: int
    members: str  # "2 Adults, 3 Children"
    allergies: tuple[str, ...]
    needs: tuple[str, ...]
    dietary_note: str
    proxy: str
    language: str
    contact: str  # agencies
    phone: str
    address: str


@dataclass(frozen=True)
class Sheet:
    order: str
    status: str
    kind: str
    date: dt.date
    slot: str
    template: str
    packed: bool
    agency: bool
    recipient: Recipient
    lines: tuple[SheetLine, ...]
    grams: int
    pantry: str
    declaration: str


def pantry_name(session: Session) -> str:
    return get_setting(session, "org_name") or DEFAULT_ORG


@dataclass(frozen=True)
class _Order:
    """What a sheet needs of an order, read as plain columns (no ORM objects: 500 orders stay quick)."""

    id: int
    household_id: int | None
    agency_id: int | None
    template_id: int | None
    kind: str
    pickup_date: dt.date
    slot: str | None
    status: str
    size: int


def _orders(session: Session, order_ids: Sequence[int]) -> list[_Order]:
    orders: list[_Order] = []
    columns = (
        PickupOrder.id, PickupOrder.household_id, PickupOrder.agency_id, PickupOrder.template_id, PickupOrder.kind,
        PickupOrder.pickup_date, PickupOrder.slot, PickupOrder.status, PickupOrder.size,
    )  # fmt: skip
    for start in range(0, len(order_ids), _CHUNK):
        rows = session.execute(select(*columns).where(PickupOrder.id.in_(order_ids[start : start + _CHUNK])))
        orders += [_Order(*row) for row in rows]
    by_id = {order.id: order for order in orders}
    return [by_id[order_id] for order_id in order_ids if order_id in by_id]


def _recipients(session: Session, household_ids: Iterable[int | None]) -> dict[int, Recipient]:
    ids = sorted({household_id for household_id in household_ids if household_id is not None})
    found: list[Household] = []
    for start in range(0, len(ids), _CHUNK):
        found += session.scalars(
            select(Household)
            .where(Household.id.in_(ids[start : start + _CHUNK]))
            .options(selectinload(Household.members))
        )
    recipients: dict[int, Recipient] = {}
    personal = households.may_see_details(session)
    for details in households.details_of(session, found):
        if not personal:  # a volunteer's printout: who may pick up for them is a personal detail
            details = households.without_personal_details(details)
        allergies, needs = diet.split_flags(details.dietary)
        recipients[details.id] = Recipient(
            details.code,
            details.first_name,
            details.size,
            details.members_text if details.members else "",
            allergies,
            needs,
            details.dietary_note,
            details.proxy,
            details.language,
            "",
            "",
            "",
        )
    return recipients


def sheets(session: Session, order_ids: Sequence[int]) -> list[Sheet]:
    """Pickup sheets (or packing slips, for agencies) of these orders, in the order given."""
    orders = _orders(session, order_ids)
    recipients = _recipients(session, (order.household_id for order in orders))
    agencies = {agency.id: agency for agency in session.scalars(select(Agency))}
    template_names = dict(session.execute(select(Template.id, Template.name)).all())
    items = {
        item_id: (sku, name, unit, date_kind)
        for item_id, sku, name, unit, date_kind in session.execute(
            select(Item.id, Item.sku, Item.name, Item.unit, Item.date_kind)
        )
    }
    categories = dict(session.execute(select(Category.id, Category.name)).all())
    ids = [order.id for order in orders]
    lines_of: dict[int, list[tuple[int, int | None, int | None, int, int, str]]] = {}
    picks: dict[int, list[tuple[int, int, int | None, str, str, dt.date | None, int, int]]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for order_id, *line in session.execute(
            select(
                OrderLine.order_id, OrderLine.id, OrderLine.item_id, OrderLine.category_id, OrderLine.quantity,
                OrderLine.shortage, OrderLine.note,
            )
            .where(OrderLine.order_id.in_(chunk))
            .order_by(OrderLine.order_id, OrderLine.position, OrderLine.id)
        ):  # fmt: skip
            lines_of.setdefault(order_id, []).append(tuple(line))  # type: ignore[arg-type]
        for line_id, *pick in session.execute(
            select(
                OrderAllocation.line_id, OrderAllocation.item_id, OrderAllocation.quantity, OrderAllocation.given,
                Location.name, Lot.code, Lot.expires_on, Lot.quantity, Lot.grams,
            )
            .join(Location, Location.id == OrderAllocation.location_id)
            .join(Lot, Lot.id == OrderAllocation.lot_id)
            .where(OrderAllocation.order_id.in_(chunk))
            .order_by(OrderAllocation.id)
        ):  # fmt: skip
            picks.setdefault(line_id, []).append(tuple(pick))  # type: ignore[arg-type]
    pantry = pantry_name(session)
    declaration = get_setting(session, DECLARATION)
    result = []
    for order in orders:
        lines = []
        grams = 0
        picked_up = order.status == "picked_up"
        for line_id, line_item, line_category, line_quantity, line_shortage, line_note in lines_of.get(order.id, []):
            unit = items[line_item][2] if line_item is not None else "each"
            what = items[line_item][1] if line_item is not None else f"any {categories.get(line_category)}"
            line_picks = []
            for item_id, quantity, given, location, lot, expires, lot_quantity, lot_grams in picks.get(line_id, []):
                sku, name, item_unit, date_kind = items[item_id]
                held = (given or 0) if picked_up else quantity
                weighed = item_unit in ("lb", "kg")
                grams += held if weighed else (lot_grams * held // lot_quantity if lot_quantity else 0)
                line_picks.append(
                    SheetPick(
                        name,
                        sku,
                        amount(quantity, item_unit),
                        item_unit,
                        location,
                        lot,
                        expires,
                        date_kind == "best_by" and expires is not None and expires < order.pickup_date,
                        date_kind == "use_by",
                        amount(given or 0, item_unit) if picked_up else "",
                    )
                )
            lines.append(
                SheetLine(
                    what,
                    amount(line_quantity, unit),
                    unit,
                    tuple(line_picks),
                    amount(line_shortage, unit) if line_shortage else "",
                    line_note,
                )
            )
        if order.household_id is not None:
            recipient = recipients[order.household_id]
        else:
            agency = agencies[order.agency_id or 0]
            recipient = Recipient(
                "", agency.name, order.size, f"{order.size} people", (), (), "", "", "",
                agency.contact, agency.phone, agency.address,
            )  # fmt: skip
        result.append(
            Sheet(
                pickups.order_code(order.id),
                order.status,
                order.kind,
                order.pickup_date,
                order.slot or "",
                template_names.get(order.template_id or 0, "Client choice" if order.kind == "choice" else ""),
                order.status != "planned",
                order.household_id is None,
                recipient,
                tuple(lines),
                grams,
                pantry,
                declaration if order.household_id is not None else "",
            )
        )
    return result


def sheet_order_ids(
    session: Session, day: dt.date | None = None, codes: Sequence[str] = (), *, slot_from: str | None = None,
    slot_to: str | None = None,
) -> list[int]:  # fmt: skip
    """The orders to print: the named ones (in the order named), else the open orders of the day by slot."""
    if codes:
        ids = []
        for code in codes:
            order = pickups.order_by_code(session, code)
            if day is not None and order.pickup_date != day:
                code_text = pickups.order_code(order.id)
                raise UserError(
                    _("order: {order} is for {pickup_date}, not {day}").format(
                        order=code_text, pickup_date=translator().date(order.pickup_date), day=translator().date(day)
                    )
                )
            if order.id not in ids:
                ids.append(order.id)
        return ids
    if day is None:
        raise UserError(_("date: give the day (or the orders) to print"))
    orders = pickups.orders_on(session, day, slot_from=slot_from, slot_to=slot_to, statuses=pickups.OPEN)
    return [order.id for order in orders]


@dataclass(frozen=True)
class ListRow:
    slot: str
    order: str
    household: str  # code, or agency name
    first_name: str
    size: int
    members: str
    allergies: tuple[str, ...]
    needs: tuple[str, ...]
    proxy: str
    status: str
    items: int
    shortages: int


@dataclass(frozen=True)
class PullRow:
    location: str
    item: str
    sku: str
    quantity: str
    unit: str
    lots: str  # "L00001Q ×3, L00002X ×1"


@dataclass(frozen=True)
class DistributionList:
    day: dt.date
    slots: str  # "" or "09:00-12:00"
    pantry: str
    rows: tuple[ListRow, ...]
    pull: tuple[PullRow, ...]
    unpacked: tuple[tuple[str, str], ...]  # (what, quantity) asked for by orders not packed yet


def distribution_list(
    session: Session, day: dt.date, *, slot_from: str | None = None, slot_to: str | None = None
) -> DistributionList:
    """Every order of a shift (cancelled ones left out) and the pull list: per location and item, what the packed
    orders still waiting hold, to bring out of storage before the doors open."""
    try:
        orders = pickups.orders_on(
            session,
            day,
            slot_from=slot_from,
            slot_to=slot_to,
            statuses=("planned", "packed", "picked_up", "no_show"),
        )
    except ValueError as problem:
        raise UserError(_("slot: {problem}").format(problem=problem)) from None
    recipients = _recipients(session, (order.household_id for order in orders))
    rows = []
    for order, summary in zip(orders, pickups.order_rows(session, orders), strict=True):
        recipient = recipients.get(order.household_id or 0)
        rows.append(
            ListRow(
                order.slot or "",
                summary.order,
                summary.household,  # an agency's name
                summary.first_name if recipient else "",
                order.size,
                recipient.members if recipient else f"agency, serves {order.size}",
                recipient.allergies if recipient else (),
                recipient.needs if recipient else (),
                recipient.proxy if recipient else "",
                order.status,
                summary.items,
                summary.shortages,
            )
        )
    waiting = [order.id for order in orders if order.status == "packed"]
    totals: dict[tuple[str, int], list[object]] = {}
    items = {row.id: row for row in session.execute(select(Item.id, Item.sku, Item.name, Item.unit))}
    for start in range(0, len(waiting), _CHUNK):
        query = (
            select(OrderAllocation.item_id, Location.name, Lot.code, OrderAllocation.quantity)
            .join(Location, Location.id == OrderAllocation.location_id)
            .join(Lot, Lot.id == OrderAllocation.lot_id)
            .where(OrderAllocation.order_id.in_(waiting[start : start + _CHUNK]))
            .order_by(Lot.expires_on.is_(None), Lot.expires_on, Lot.received_on, Lot.id)
        )
        for item_id, location, lot, quantity in session.execute(query):
            entry = totals.setdefault((location, item_id), [0, {}])
            entry[0] = int(entry[0]) + quantity  # type: ignore[call-overload]
            lots: dict[str, int] = entry[1]  # type: ignore[assignment]
            lots[lot] = lots.get(lot, 0) + quantity
    pull = []
    for (location, item_id), (quantity, lots) in sorted(
        totals.items(), key=lambda entry: (entry[0][0].casefold(), items[entry[0][1]].name.casefold())
    ):
        item = items[item_id]
        pull.append(
            PullRow(
                location,
                item.name,
                item.sku,
                amount(int(quantity), item.unit),  # type: ignore[call-overload]
                item.unit,
                ", ".join(f"{lot} ×{amount(part, item.unit)}" for lot, part in lots.items()),  # type: ignore[attr-defined]
            )
        )
    unpacked: dict[tuple[str, str], int] = {}
    categories = dict(session.execute(select(Category.id, Category.name)).all())
    for order in orders:
        if order.status == "planned":
            for line in order.lines:
                if line.item_id is not None:
                    key = (items[line.item_id].name, items[line.item_id].unit)
                else:
                    key = (f"any {categories.get(line.category_id)}", "each")
                unpacked[key] = unpacked.get(key, 0) + line.quantity
    slots = f"{slot_from or ''}-{slot_to or ''}" if (slot_from or slot_to) else ""
    return DistributionList(
        day,
        slots,
        pantry_name(session),
        tuple(rows),
        tuple(pull),
        tuple(
            (what, f"{amount(quantity, unit)}{'' if unit == 'each' else ' ' + unit}")
            for (what, unit), quantity in sorted(unpacked.items(), key=lambda entry: entry[0][0].casefold())
        ),
    )
