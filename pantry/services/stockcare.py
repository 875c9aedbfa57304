"""Keeping the shelves true: transfers, adjustments with a reason, quarantine for recalls, and release.

Each operation is one ledger operation with its movements; a lot's history shows who did what and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pantry.codes import lot_id_from_code
from pantry.errors import UserError
from pantry.i18n import _, translator
from pantry.measures import format_quantity
from pantry.models import AdjustmentReason, Balance, Item, Lot, LotEvent, User
from pantry.services import catalog, ledger
from pantry.services.lots import describe, lot_by_code, open_count_warnings, place_of, places
from pantry.services.permissions import PermissionDenied, allowed, require, who_is


@dataclass(frozen=True)
class Done:
    """What an operation did, in words for the person, with any warnings."""

    message: str
    operation_id: int | None = None
    warnings: tuple[str, ...] = ()


def transfer(
    session: Session,
    lot_code: str,
    to_location: str,
    user_id: int | None,
    *,
    quantity: int | None = None,
    from_location: str | None = None,
    today: dt.date | None = None,
) -> Done:
    """Move all (or `quantity`) of a lot from where it lies to another location (another site is the same)."""
    require(session, user_id, "stock.transfer")
    lot = lot_by_code(session, lot_code)
    source = place_of(session, lot, from_location)
    target = catalog.location_named(session, to_location)
    if target is None:
        raise UserError(_("to: no location named '{location}'").format(location=to_location))
    if target.id == source.location_id:
        raise UserError(_("to: lot {code} is already at {target}").format(code=lot.code, target=target.name))
    if quantity is None and source.quantity == 0:
        raise UserError(
            _("location: lot {code} has nothing at {location}").format(code=lot.code, location=source.location)
        )
    amount = source.quantity if quantity is None else quantity
    if amount <= 0:
        raise UserError(_("qty: give a quantity above zero to move (not {amount})").format(amount=amount))
    operation = ledger.begin_operation(session, "transfer", user_id, f"{source.location} → {target.name}")
    ledger.post(
        session,
        [
            ledger.Change(lot.id, source.location_id, -amount, "transfer", reference=f"to {target.name}"),
            ledger.Change(lot.id, target.id, amount, "transfer", reference=f"from {source.location}"),
        ],
        business_date=today or dt.date.today(),
        user_id=user_id,
        operation_id=operation,
    )
    warnings = open_count_warnings(session, [source.location_id, target.id], lot)
    moved = _("Moved {what} from {source} to {target}.").format(
        what=describe(lot, amount), source=source.location, target=target.name
    )
    return Done(moved, operation, warnings)


_CODE_LENGTH = AdjustmentReason.__table__.c.code.type.length
_LABEL_LENGTH = AdjustmentReason.__table__.c.label.type.length


def reasons(session: Session, *, active_only: bool = True) -> list[AdjustmentReason]:
    query = select(AdjustmentReason).order_by(AdjustmentReason.builtin.desc(), AdjustmentReason.label)
    if active_only:
        query = query.where(AdjustmentReason.active.is_(True))
    return list(session.scalars(query))


def add_reason(
    session: Session, code: str, label: str, user_id: int | None, *, is_loss: bool = True, needs_note: bool = False
) -> None:
    """A pantry's own adjustment reason (an admin's job)."""
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.active or not allowed(user.role, "catalog"):
        who = who_is(user)
        raise PermissionDenied(
            _("reason: only an admin may add a reason ({who})").format(who=who),
            user=user.name if user else "",
            role=user.role if user else "",
            action="catalog",
        )
    clean = code.strip().lower().replace(" ", "_")
    if not clean or not clean.replace("_", "").isalnum():
        raise UserError(_("reason: '{code}' must be letters, digits and _").format(code=code))
    if len(clean) > _CODE_LENGTH:
        raise UserError(
            _("reason: a code has at most {limit} characters (this one has {count})").format(
                limit=_CODE_LENGTH, count=len(clean)
            )
        )
    if len(label.strip()) > _LABEL_LENGTH:
        raise UserError(
            _("label: a label has at most {limit} characters (this one has {count})").format(
                limit=_LABEL_LENGTH, count=len(label.strip())
            )
        )
    if session.get(AdjustmentReason, clean) is not None:
        raise UserError(_("reason: '{code}' exists already").format(code=clean))
    session.add(AdjustmentReason(code=clean, label=label.strip() or clean, is_loss=is_loss, needs_note=needs_note))
    session.flush()


def adjust(
    session: Session,
    lot_code: str,
    quantity: int,
    reason: str,
    user_id: int | None,
    *,
    note: str = "",
    location: str | None = None,
    today: dt.date | None = None,
) -> Done:
    """Change a lot's quantity with a reason (negative removes). Losses are never counted as distributed, and only
    take stock away."""
    require(session, user_id, "stock.adjust")
    if quantity == 0:
        raise UserError(_("qty: a quantity of zero changes nothing"))
    why = session.get(AdjustmentReason, reason.strip().lower())
    if why is None or not why.active:
        known = ", ".join(row.code for row in reasons(session))
        raise UserError(_("reason: '{reason}' is not a reason we know ({known})").format(reason=reason, known=known))
    if why.needs_note and not note.strip():
        raise UserError(_("note: reason '{code}' needs a note saying what happened").format(code=why.code))
    if why.is_loss and quantity > 0:
        raise UserError(
            _("qty: '{code}' is a loss and can only take stock away (-{quantity}, not {quantity})").format(
                code=why.code, quantity=quantity
            )
        )
    lot = lot_by_code(session, lot_code)
    place = place_of(session, lot, location)
    operation = ledger.begin_operation(session, "adjustment", user_id, note.strip())
    ledger.post(
        session,
        [
            ledger.Change(
                lot.id, place.location_id, quantity, "adjustment", reason=why.code, reference=note[:64] or None
            )
        ],
        business_date=today or dt.date.today(),
        user_id=user_id,
        operation_id=operation,
    )
    if lot.quarantined and why.code == "recalled" and not places(session, lot.id):
        lot.quarantined = False
        session.add(LotEvent(lot_id=lot.id, kind="written_off", note="recalled stock written off", user_id=user_id))
    verb = "Added" if quantity > 0 else "Removed"
    return Done(
        f"{verb} {describe(lot, abs(quantity))} at {place.location} ({why.label.lower()}).",
        operation,
        open_count_warnings(session, [place.location_id], lot),
    )


@dataclass(frozen=True)
class RecalledLot:
    lot: str
    sku: str
    item: str
    supplier_lot: str | None
    received_on: dt.date
    expires: dt.date | None
    location: str
    quantity: str  # formatted in the item's unit
    quarantined: bool


@dataclass(frozen=True)
class RecallPickup:
    order: str
    household: str
    date: dt.date
    lot: str
    quantity: str


@dataclass
class RecallResult:
    lots: list[RecalledLot] = field(default_factory=list)
    pickups: list[RecallPickup] = field(default_factory=list)
    quarantined: int = 0


def recall(
    session: Session,
    sku: str,
    user_id: int | None,
    *,
    lot_text: str | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    quarantine: bool = False,
) -> RecallResult:
    """Every lot of an item still on hand that a recall names (our lot code or the supplier's lot, and/or a range of
    received dates), the pickups that received such lots, and optionally quarantine of the lots on hand."""
    require(session, user_id, "stock.recall")
    item = (
        session.scalars(select(Item).where(Item.sku == sku.strip())).first()
        or session.scalars(select(Item).where(func.upper(Item.sku) == sku.strip().upper())).first()
    )
    if item is None:
        raise UserError(_("item: no item with sku '{sku}'").format(sku=sku.strip()))
    if received_from and received_to and received_from > received_to:
        raise UserError(
            _("received-from: the range starts ({received_from}) after it ends ({received_to})").format(
                received_from=translator().date(received_from), received_to=translator().date(received_to)
            )
        )
    query = select(Lot).where(Lot.item_id == item.id)
    if lot_text:
        text = lot_text.strip()
        ours = lot_id_from_code(text)
        other = session.get(Lot, ours) if ours else None
        if other is not None and other.item_id != item.id:
            # a recall that silently finds nothing would be read as "none of it here"
            raise UserError(
                _("lot: {code} is a lot of {item}, not of {item2} ({sku})").format(
                    code=other.code, item=other.item.name, item2=item.name, sku=item.sku
                )
            )
        query = query.where(or_(Lot.code == text.upper(), func.lower(Lot.supplier_lot) == text.lower()))
    if received_from:
        query = query.where(Lot.received_on >= received_from)
    if received_to:
        query = query.where(Lot.received_on <= received_to)
    matched = list(session.scalars(query.order_by(Lot.received_on, Lot.id)))
    result = RecallResult()
    for lot in matched:
        here = places(session, lot.id)
        if quarantine and here and not lot.quarantined:
            lot.quarantined = True
            session.add(LotEvent(lot_id=lot.id, kind="quarantine", note=f"recall of {item.sku}", user_id=user_id))
            result.quarantined += 1
        for place in here:
            result.lots.append(
                RecalledLot(
                    lot.code,
                    item.sku,
                    item.name,
                    lot.supplier_lot,
                    lot.received_on,
                    lot.expires_on,
                    place.location,
                    format_quantity(place.quantity, item.unit),
                    lot.quarantined,
                )
            )
    result.pickups = pickups_that_received(session, [lot.id for lot in matched])
    session.flush()
    return result


def pickups_that_received(session: Session, lot_ids: list[int]) -> list[RecallPickup]:
    """Pickups that gave out any of these lots (what is still with the household: given less returns), by date."""
    from pantry.codes import make_code
    from pantry.models import Agency, Household, OrderAllocation, PickupOrder

    if not lot_ids:
        return []
    rows = session.execute(
        select(
            PickupOrder.id,
            Household.code,
            Agency.name,
            PickupOrder.picked_up_on,
            Lot.code,
            Item.unit,
            func.sum(OrderAllocation.given),
        )
        .join(PickupOrder, PickupOrder.id == OrderAllocation.order_id)
        .join(Lot, Lot.id == OrderAllocation.lot_id)
        .join(Item, Item.id == Lot.item_id)
        .outerjoin(Household, Household.id == PickupOrder.household_id)
        .outerjoin(Agency, Agency.id == PickupOrder.agency_id)
        .where(OrderAllocation.lot_id.in_(lot_ids), PickupOrder.status == "picked_up", OrderAllocation.given > 0)
        .group_by(PickupOrder.id, Household.code, Agency.name, PickupOrder.picked_up_on, Lot.code, Item.unit)
        .order_by(PickupOrder.picked_up_on, PickupOrder.id, Lot.code)
    )
    return [
        RecallPickup(
            make_code("order", order_id), household or agency or "", day, lot, format_quantity(int(given), unit)
        )
        for order_id, household, agency, day, lot, unit, given in rows
    ]


def release(session: Session, lot_code: str, user_id: int | None, note: str = "") -> Done:
    """Take a lot out of quarantine, back into stock."""
    require(session, user_id, "stock.recall")
    lot = lot_by_code(session, lot_code)
    if not lot.quarantined:
        raise UserError(_("lot: {code} is not in quarantine").format(code=lot.code))
    lot.quarantined = False
    session.add(LotEvent(lot_id=lot.id, kind="release", note=note, user_id=user_id))
    session.flush()
    on_hand = sum(place.quantity for place in places(session, lot.id))
    return Done(_("Released {what} from quarantine: back in stock.").format(what=describe(lot, on_hand)))


def quarantined_lot_ids(session: Session) -> set[int]:
    return set(session.scalars(select(Lot.id).join(Balance, Balance.lot_id == Lot.id).where(Lot.quarantined)))
