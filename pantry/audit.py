"""The audit trail: who changed what, when, and the fields before and after.

A flush listener on every SQLAlchemy session writes an `audit_entry` row, in the same transaction, for each master-data
row added, changed or removed (items, codes, categories, donors, locations, households and their members, age bands,
agencies, templates, adjustment reasons, users, settings). The actor is `session.info["user_id"]`, which
`permissions.require` sets; a change made by an internal caller has none. A PIN hash never enters the trail (a PIN
change reads "pin: set"), and the personal details of a forgotten household are written as "(forgotten)".

Stock is not copied here: each operation (a donation, a transfer, a count posted, a pickup ...) already records who and
when, and so do lot events, pickup orders and counts. `entries` unions all of them into one list to read and filter.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, UOWTransaction

from pantry import codes
from pantry.i18n import _
from pantry.models import (
    AdjustmentReason,
    AgeBand,
    Agency,
    AuditEntry,
    Category,
    Donor,
    Household,
    HouseholdMembers,
    Item,
    Location,
    LotEvent,
    Operation,
    PickupOrder,
    ProductCode,
    Setting,
    StockCount,
    Template,
    TemplateLine,
    User,
)

FORGOTTEN = "(forgotten)"
# Bookkeeping columns: the entry's own `at` and user say it better.
_SKIPPED = frozenset({"created_at", "created_by_id", "updated_at", "updated_by_id", "name_key", "phone_key"})
# Household fields `households.forget` removes; the trail forgets them too.
PERSONAL_FIELDS = (
    "first_name",
    "name",
    "phone",
    "postcode",
    "language",
    "proxy",
    "notes",
    "dietary_note",
    "eligibility_basis",
)


def _name(attribute: str) -> Callable[[Any], str]:
    return lambda row: str(getattr(row, attribute))


# model -> (what a person calls it, how to name one row)
_AUDITED: dict[type, tuple[str, Callable[[Any], str]]] = {
    User: ("user", _name("name")),
    Setting: ("setting", _name("key")),
    Category: ("category", _name("name")),
    Item: ("item", _name("sku")),
    ProductCode: ("code", _name("code")),
    Location: ("location", _name("name")),
    Donor: ("donor", _name("name")),
    AgeBand: ("age band", _name("key")),
    Household: ("household", _name("code")),
    HouseholdMembers: ("household members", lambda row: f"{row.household_id}/{row.band_key}"),
    Agency: ("agency", _name("name")),
    Template: ("template", _name("name")),
    TemplateLine: ("template line", lambda row: f"{row.template_id}/{row.position}"),
    AdjustmentReason: ("reason", _name("code")),
}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _shown(row: Any, key: str, value: Any) -> Any:
    if key == "pin_hash":
        return "set" if value else "none"
    if isinstance(row, Household) and row.forgotten_at is not None and key in PERSONAL_FIELDS:
        return FORGOTTEN if value else value
    return _plain(value)


def _columns(row: Any) -> list[str]:
    return [column.key for column in inspect(type(row)).column_attrs if column.key not in _SKIPPED]


def _changes(row: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(row)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in _columns(row):
        if key == "failed_pins":  # counted on every wrong PIN; the lock itself (locked_at) is what the trail shows
            continue
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        key_shown = "pin" if key == "pin_hash" else key
        before[key_shown] = _shown(row, key, old)
        after[key_shown] = _shown(row, key, new)
    return before, after


def _whole(row: Any) -> dict[str, Any]:
    values = {}
    for key in _columns(row):
        if key == "failed_pins":
            continue
        values["pin" if key == "pin_hash" else key] = _shown(row, key, getattr(row, key))
    return values


def _json(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True) if values else ""


def _record(session: Session, _flush_context: UOWTransaction) -> None:
    rows = []
    actor = session.info.get("user_id")
    now = dt.datetime.now(dt.UTC)
    for verb, objects in (("add", session.new), ("change", session.dirty), ("remove", session.deleted)):
        for row in objects:
            audited = _AUDITED.get(type(row))
            if audited is None:
                continue
            kind, naming = audited
            if verb == "add":
                before, after = {}, _whole(row)
            elif verb == "remove":
                before, after = _whole(row), {}
            else:
                before, after = _changes(row)
                if not before and not after:
                    continue
            rows.append(
                {
                    "at": now,
                    "user_id": actor,
                    "action": f"{kind.replace(' ', '_')}.{verb}",
                    "what": f"{kind} {naming(row)}"[:200],
                    "before": _json(before),
                    "after": _json(after),
                }
            )
    if rows:
        session.connection().execute(AuditEntry.__table__.insert(), rows)


event.listen(Session, "after_flush", _record)


def forget_in_trail(session: Session, household_code: str, household_id: int | None = None) -> int:
    """Overwrite a household's personal details in its earlier audit entries; returns how many entries changed.

    Its entries are found by the code it has and any code it had before (newest first, following code changes),
    and its first entry by its id (a household is added under a temporary code that the same flush replaces)."""
    codes = {household_code}
    changed = 0
    query = select(AuditEntry).where(AuditEntry.action.like("household.%")).order_by(AuditEntry.id.desc())
    for entry in session.scalars(query):
        sides = {side: json.loads(getattr(entry, side)) if getattr(entry, side) else {} for side in ("before", "after")}
        named = entry.what.removeprefix("household ")
        if named not in codes and (household_id is None or sides["after"].get("id") != household_id):
            continue
        for side, values in sides.items():
            codes.update(str(value) for key, value in values.items() if key == "code" and value)
            scrubbed = {key: FORGOTTEN if key in PERSONAL_FIELDS and value else value for key, value in values.items()}
            if scrubbed != values:
                setattr(entry, side, _json(scrubbed))
                changed += 1
    return changed


@dataclass(frozen=True)
class Entry:
    """One line of the audit view."""

    at: dt.datetime  # aware UTC
    user: str  # the user's name, or "(system)"
    action: str
    what: str
    before: str = ""
    after: str = ""


def _bounds(start: dt.date | None, end: dt.date | None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Local calendar days to UTC instants: from the start of `start` to the end of `end`."""
    low = dt.datetime.combine(start, dt.time.min).astimezone(dt.UTC) if start else None
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min).astimezone(dt.UTC) if end else None
    return low, high


def _in(column: Any, low: dt.datetime | None, high: dt.datetime | None) -> list[Any]:
    conditions = [column.is_not(None)]
    if low is not None:
        conditions.append(column >= low)
    if high is not None:
        conditions.append(column < high)
    return conditions


def entries(
    session: Session,
    start: dt.date | None = None,
    end: dt.date | None = None,
    user: str | None = None,
    *,
    user_id: int | None = None,
) -> list[Entry]:
    """Every recorded write between two local dates (inclusive), oldest first, optionally by one user (a name).

    Reading the trail is an admin's (`user_id` is who asks): it holds households' details as they were.
    """
    from pantry.services.permissions import require

    require(session, user_id, "audit")
    names = dict(session.execute(select(User.id, User.name)).all())
    who_id: int | None = None
    if user is not None:
        matches = [key for key, name in names.items() if name.casefold() == user.strip().casefold()]
        if not matches:
            raise_unknown(user)
        who_id = matches[0]
    low, high = _bounds(start, end)
    found: list[tuple[dt.datetime, int | None, str, str, str, str]] = []

    def by(column: Any) -> list[Any]:
        return [column == who_id] if who_id is not None else []

    query = select(AuditEntry).where(*_in(AuditEntry.at, low, high), *by(AuditEntry.user_id))
    found.extend((e.at, e.user_id, e.action, e.what, e.before, e.after) for e in session.scalars(query))
    query = select(Operation).where(*_in(Operation.created_at, low, high), *by(Operation.user_id))
    for operation in session.scalars(query):
        note = f": {operation.note}" if operation.note else ""
        found.append(
            (
                operation.created_at,
                operation.user_id,
                f"stock.{operation.kind}",
                f"operation {operation.id}{note}",
                "",
                "",
            )
        )
    lot_codes = _lot_codes(session, low, high)
    query = select(LotEvent).where(*_in(LotEvent.created_at, low, high), *by(LotEvent.user_id))
    for lot_event in session.scalars(query):
        what = f"lot {lot_codes.get(lot_event.lot_id, lot_event.lot_id)}"
        found.append((lot_event.created_at, lot_event.user_id, f"lot.{lot_event.kind}", what, "", lot_event.note))
    for at_column, by_column, verb in (
        (PickupOrder.created_at, PickupOrder.created_by_id, "plan"),
        (PickupOrder.packed_at, PickupOrder.packed_by_id, "pack"),
        (PickupOrder.closed_at, PickupOrder.closed_by_id, None),
    ):
        query = select(PickupOrder.id, PickupOrder.status, at_column, by_column).where(
            *_in(at_column, low, high), *by(by_column)
        )
        for order_id, status, at, by_id in session.execute(query):
            found.append((at, by_id, f"pickup.{verb or status}", f"order {codes.make_code('order', order_id)}", "", ""))
    for at_column, by_column, verb in (
        (StockCount.started_at, StockCount.started_by_id, "start"),
        (StockCount.posted_at, StockCount.posted_by_id, "post"),
    ):
        query = select(StockCount.id, at_column, by_column).where(*_in(at_column, low, high), *by(by_column))
        for count_id, at, by_id in session.execute(query):
            found.append((at, by_id, f"count.{verb}", f"count {count_id}", "", ""))
    found.sort(key=lambda row: (row[0], row[2]))
    return [
        Entry(at, names.get(by_id, "(system)") if by_id is not None else "(system)", action, what, before, after)
        for at, by_id, action, what, before, after in found
    ]


def raise_unknown(name: str) -> None:
    from pantry.errors import UserError

    raise UserError(_("user: there is no user named '{name}'").format(name=name.strip()))


def _lot_codes(session: Session, low: dt.datetime | None, high: dt.datetime | None) -> dict[int, str]:
    from pantry.models import Lot

    lot_ids = select(LotEvent.lot_id).where(*_in(LotEvent.created_at, low, high))
    return dict(session.execute(select(Lot.id, Lot.code).where(Lot.id.in_(lot_ids))).all())


def actions(entries_: Iterable[Entry]) -> list[str]:
    """The distinct actions in a list of entries, for a filter box."""
    return sorted({entry.action for entry in entries_})
