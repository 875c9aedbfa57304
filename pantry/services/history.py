"""A lot's history (every movement with who, when and why, and what happened to it besides) and undo.

Undo is a reversing operation, never a deletion: it is allowed for a user's last operation, within a time window,
while nothing later has touched the same lots.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import N_, _
from pantry.measures import format_quantity
from pantry.models import Location, Lot, LotEvent, Movement, Operation, StockCount, User, utcnow
from pantry.services import ledger
from pantry.services.lots import lot_by_code, open_count_warnings, places
from pantry.services.permissions import require
from pantry.services.setup import get_setting

UNDO_WINDOW_MINUTES = 15
# Operations whose records outside the ledger (an order picked up, a visit) would disagree with a plain reversal.
NOT_UNDONE = {
    "pickup": N_("your last change was a pickup; goods that came back are recorded with `pantry pickup return`"),
    "return": N_("your last change was a return to a pickup order; record it again with the right quantities instead"),
}
UNDO_WINDOW_SETTING = "undo_window_minutes"
# An operation's kind as a message names it ("your last intake", "Undid your transfer").
OPERATION_NAMES = {
    "intake": N_("intake"),
    "distribution": N_("distribution"),
    "transfer": N_("transfer"),
    "adjustment": N_("adjustment"),
    "count": N_("count"),
    "pickup": N_("pickup"),
    "return": N_("return"),
    "undo": N_("undo"),
}


def operation_name(kind: str) -> str:
    """An operation's kind in the desk's language ("intake" / "entrada")."""
    known = OPERATION_NAMES.get(kind)
    return _(known) if known else kind


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime  # UTC
    business_date: dt.date | None
    what: str  # intake | distribution | transfer | adjustment | count | undo | quarantine | release | override ...
    location: str
    quantity: str  # signed, in the item's unit; "" for events
    reason: str
    note: str
    user: str


@dataclass(frozen=True)
class LotHistory:
    lot: str
    item: str
    sku: str
    unit: str
    received_on: dt.date
    expires: dt.date | None
    date_kind: str
    quarantined: bool
    on_hand: list[tuple[str, str]]  # (location, quantity)
    lines: list[HistoryLine]


def lot_history(session: Session, lot_code: str) -> LotHistory:
    lot = lot_by_code(session, lot_code)
    item = lot.item
    users = dict(session.execute(select(User.id, User.name)).all())
    movements = session.execute(
        select(Movement, Location.name, Operation.kind, Operation.note)
        .join(Location, Location.id == Movement.location_id)
        .outerjoin(Operation, Operation.id == Movement.operation_id)
        .where(Movement.lot_id == lot.id)
        .order_by(Movement.id)
    )
    lines = [
        HistoryLine(
            movement.created_at,
            movement.business_date,
            "undo" if operation_kind == "undo" else movement.kind,
            location,
            f"{'+' if movement.quantity > 0 else ''}{format_quantity(movement.quantity, item.unit)}",
            movement.reason or "",
            note or "",
            users.get(movement.user_id, ""),
        )
        for movement, location, operation_kind, note in movements
    ]
    for event in session.scalars(select(LotEvent).where(LotEvent.lot_id == lot.id)):
        lines.append(
            HistoryLine(event.created_at, None, event.kind, "", "", "", event.note, users.get(event.user_id, ""))
        )
    lines.sort(key=lambda line: line.at)
    return LotHistory(
        lot.code,
        item.name,
        item.sku,
        item.unit,
        lot.received_on,
        lot.expires_on,
        item.date_kind,
        lot.quarantined,
        [(place.location, format_quantity(place.quantity, item.unit)) for place in places(session, lot.id)],
        lines,
    )


@dataclass(frozen=True)
class Undone:
    message: str
    operation_id: int
    warnings: tuple[str, ...] = ()


def last_operation(session: Session, user_id: int) -> Operation | None:
    """The user's last operation that moved stock and has not been undone (undos themselves are not undone)."""
    undone = select(Operation.reverses_id).where(Operation.reverses_id.is_not(None))
    return session.scalars(
        select(Operation)
        .where(Operation.user_id == user_id, Operation.kind != "undo", Operation.id.not_in(undone))
        .where(select(Movement.id).where(Movement.operation_id == Operation.id).exists())
        .order_by(Operation.id.desc())
        .limit(1)
    ).first()


def undo_last(
    session: Session, user_id: int, *, now: dt.datetime | None = None, today: dt.date | None = None
) -> Undone:
    """Reverse the user's last operation with new movements, when it is recent and nothing later depends on it.

    Undoing a posted count opens the count again; undoing a recalled write-off puts the lot back in quarantine.
    """
    require(session, user_id, "undo")
    operation = last_operation(session, user_id)
    if operation is None:
        raise UserError(_("undo: there is nothing of yours to undo"))
    if operation.kind in NOT_UNDONE:
        raise UserError(_("undo: {why}").format(why=_(NOT_UNDONE[operation.kind])))
    window = int(get_setting(session, UNDO_WINDOW_SETTING, str(UNDO_WINDOW_MINUTES)))
    age = (now or utcnow()) - operation.created_at
    if age > dt.timedelta(minutes=window):
        raise UserError(
            _(
                "undo: your last {kind} was {minutes} minutes ago; undo works for {window} minutes. Correct it "
                "with an adjustment instead."
            ).format(kind=operation_name(operation.kind), minutes=int(age.total_seconds() // 60), window=window)
        )
    movements = list(session.scalars(select(Movement).where(Movement.operation_id == operation.id)))
    lot_ids = {movement.lot_id for movement in movements}
    last_own = max(movement.id for movement in movements)
    later = session.scalar(select(func.count(Movement.id)).where(Movement.lot_id.in_(lot_ids), Movement.id > last_own))
    if later:
        raise UserError(
            _("undo: the lots of your last {kind} have moved since; correct it with an adjustment").format(
                kind=operation_name(operation.kind)
            )
        )
    count = session.scalars(select(StockCount).where(StockCount.operation_id == operation.id)).first()
    if count is not None:
        _refuse_if_counted_again(session, count)
    reverse = ledger.begin_operation(
        session, "undo", user_id, f"undo of {operation.kind} #{operation.id}", operation.id
    )
    changes = [
        ledger.Change(
            m.lot_id,
            m.location_id,
            -m.quantity,
            m.kind,
            reason=m.reason,
            reference=f"undo {operation.id}",
            business_date=m.business_date,
        )
        for m in reversed(movements)
    ]
    # take away first, then give back, so no place goes below zero on the way
    changes.sort(key=lambda change: change.quantity > 0)
    ledger.post(session, changes, business_date=today or dt.date.today(), user_id=user_id, operation_id=reverse)
    lots = list(session.scalars(select(Lot).where(Lot.id.in_(lot_ids)).order_by(Lot.code)))
    recalled = {m.lot_id for m in movements if m.reason == "recalled" and m.quantity < 0}
    for lot in lots:
        if lot.id in recalled and not lot.quarantined and _written_off_by(session, lot.id, operation):
            # the write-off took the lot out of quarantine; taking the write-off back puts it in again
            lot.quarantined = True
            session.add(
                LotEvent(lot_id=lot.id, kind="quarantine", note="undo of a recalled write-off", user_id=user_id)
            )
    codes = ", ".join(lot.code for lot in lots)
    message = _("Undid your {kind} (lots {lots})").format(kind=operation_name(operation.kind), lots=codes)
    if count is not None:
        count.status, count.posted_at, count.posted_by_id, count.operation_id = "open", None, None, None
        message = _("Undid your {kind} (lots {lots}); count {count} is open again").format(
            kind=operation_name(operation.kind), lots=codes, count=count.id
        )
    session.flush()
    warnings: dict[str, None] = {}
    for lot in lots:
        here = sorted({m.location_id for m in movements if m.lot_id == lot.id})
        warnings.update(dict.fromkeys(open_count_warnings(session, here, lot)))
    return Undone(f"{message}.", reverse, tuple(warnings))


def _written_off_by(session: Session, lot_id: int, operation: Operation) -> bool:
    """True when the lot's last event is the write-off that `operation` made (which ended its quarantine)."""
    last = session.scalars(
        select(LotEvent).where(LotEvent.lot_id == lot_id).order_by(LotEvent.id.desc()).limit(1)
    ).first()
    return last is not None and last.kind == "written_off" and last.created_at >= operation.created_at


def _refuse_if_counted_again(session: Session, count: StockCount) -> None:
    """Undoing a posted count opens it again, which can't be while another count of the same place is open."""
    same_scope = (
        StockCount.location_id == count.location_id
        if count.location_id is not None
        else StockCount.category_id == count.category_id
    )
    other = session.scalar(select(StockCount.id).where(StockCount.status == "open", same_scope))
    if other is not None:
        raise UserError(
            _(
                "undo: count {other} has been started since on what count {count} covered; finish or cancel it "
                "first, or correct with an adjustment"
            ).format(other=other, count=count.id)
        )
