"""Intake: recording donations. Each line becomes a lot with its own code and an intake movement in the ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.bulk import allocate_ids, insert_rows
from pantry.codes import make_codes
from pantry.errors import UserError
from pantry.i18n import _, translator
from pantry.measures import format_quantity, is_weighed
from pantry.models import Donation, Donor, Item, Location, Lot, Movement, utcnow
from pantry.progress import Cancelled, Progress, ShouldCancel, never_cancel, no_progress
from pantry.services import ledger
from pantry.services.permissions import require
from pantry.services.setup import ANONYMOUS, get_setting
from pantry.services.valuation import line_value_cents_with_default, valuation

_BATCH_LINES = 5000  # lot rows written at a time, between progress reports and chances to cancel


@dataclass
class IntakeLine:
    """One line of a donation. Counted items give `quantity` (and optionally the weighed `grams`); items counted by
    weight give `grams`. Empty expiry and location take the item's shelf life and the default intake location."""

    item_id: int
    quantity: int | None = None
    grams: int | None = None
    expires_on: dt.date | None = None
    location_id: int | None = None
    supplier_lot: str | None = None
    label: str = ""  # how messages name this line ("row 7"); "line N" when empty


@dataclass
class DonationDraft:
    received_on: dt.date
    lines: list[IntakeLine]
    donor_id: int | None = None  # None: Anonymous
    note: str = ""
    label: str = ""


@dataclass(frozen=True)
class SavedDonation:
    donation_id: int
    donor_id: int
    received_on: dt.date
    lot_codes: tuple[str, ...]
    grams: int
    value_cents: int


@dataclass(frozen=True)
class _ItemFacts:
    name: str
    unit: str
    unit_weight_g: int | None
    unit_value_cents: int | None
    date_kind: str
    shelf_life_days: int | None


@dataclass
class _Prepared:
    draft: DonationDraft
    donor_id: int
    lots: list[tuple[IntakeLine, int, int, int, dt.date | None, int]] = field(default_factory=list)
    # (line, quantity, grams, value_cents, expires_on, location_id)


def default_location_id(session: Session) -> int:
    """The pantry's default intake location."""
    value = get_setting(session, "default_location_id")
    if value and session.get(Location, int(value)) is not None:
        return int(value)
    first = session.scalar(select(Location.id).order_by(Location.id))
    if first is None:
        raise UserError(_("location: this pantry has no locations"))
    return first


def anonymous_donor_id(session: Session) -> int:
    donor_id = session.scalar(select(Donor.id).where(Donor.name_key == ANONYMOUS.casefold()))
    if donor_id is None:
        raise UserError(_("donor: the Anonymous donor is missing"))
    return donor_id


def default_expiry(received_on: dt.date, date_kind: str, shelf_life_days: int | None) -> dt.date | None:
    """The expiry an intake line gets when nobody typed one: received date plus the item's shelf life."""
    if date_kind == "none" or not shelf_life_days:
        return None
    return received_on + dt.timedelta(days=shelf_life_days)


def last_location_id(session: Session, item_id: int) -> int | None:
    """Where this item was last put away at intake, so the next line can go to the same place."""
    lot_id = session.scalar(select(Lot.id).where(Lot.item_id == item_id).order_by(Lot.id.desc()).limit(1))
    if lot_id is None:
        return None
    return session.scalar(select(Movement.location_id).where(Movement.lot_id == lot_id).order_by(Movement.id).limit(1))


def line_defaults(
    session: Session, item_id: int, date_kind: str, shelf_life_days: int | None, received_on: dt.date
) -> tuple[dt.date | None, int]:
    """What a new intake line is prefilled with: expiry from the shelf life, location where the item was last put
    (else the default intake location)."""
    expires = default_expiry(received_on, date_kind, shelf_life_days)
    return expires, last_location_id(session, item_id) or default_location_id(session)


_ITEM_FACTS = (
    Item.id,
    Item.name,
    Item.unit,
    Item.unit_weight_g,
    Item.unit_value_cents,
    Item.date_kind,
    Item.shelf_life_days,
)


def _load_item_facts(session: Session, item_ids: set[int]) -> dict[int, _ItemFacts]:
    """The facts of the items named (an import's thousands: the catalogue in one statement, not an IN list each 500)."""
    if len(item_ids) > 2000:
        rows = session.connection().execute(select(*_ITEM_FACTS)).all()
    else:
        ids = sorted(item_ids)
        rows = [
            row
            for start in range(0, len(ids), 500)
            for row in session.execute(select(*_ITEM_FACTS).where(Item.id.in_(ids[start : start + 500])))
        ]
    return {row[0]: _ItemFacts(*row[1:]) for row in rows if row[0] in item_ids}


class _LineNumber(int):
    """'line N' in the desk's language, looked up only when a message names the line (not for every line saved)."""

    def __str__(self) -> str:
        return _("line {number}").format(number=int(self))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _prepare(
    session: Session, drafts: Sequence[DonationDraft], today: dt.date
) -> tuple[list[_Prepared], dict[int, _ItemFacts]]:
    """Check every draft and line, collecting every problem, and work out quantities, weights and values."""
    problems: list[str] = []
    facts = _load_item_facts(session, {line.item_id for draft in drafts for line in draft.lines})
    location_ids = set(session.scalars(select(Location.id)))  # a pantry has a few
    named = {draft.donor_id for draft in drafts if draft.donor_id is not None}  # a desk's one, or an import's many
    donors = select(Donor.id).where(Donor.id.in_(named)) if len(named) <= 500 else select(Donor.id)
    donor_ids = set(session.scalars(donors)) if named else set()
    fallback_location = default_location_id(session)
    rate = valuation(session)
    anonymous = anonymous_donor_id(session)
    prepared = []
    for number, draft in enumerate(drafts, start=1):
        name = draft.label or _("donation {number}").format(number=number)
        if draft.received_on > today:
            problems.append(
                _("{name}: date: {received_on} is in the future").format(
                    name=name, received_on=translator().date(draft.received_on)
                )
            )
        if draft.donor_id is not None and draft.donor_id not in donor_ids:
            problems.append(_("{name}: donor: no donor with id {donor_id}").format(name=name, donor_id=draft.donor_id))
        if not draft.lines:
            problems.append(_("{name}: a donation needs at least one line").format(name=name))
        result = _Prepared(draft, draft.donor_id or anonymous)
        for line_number, line in enumerate(draft.lines, start=1):
            where = line.label or _LineNumber(line_number)
            item = facts.get(line.item_id)
            if item is None:
                problems.append(_("{where}: item: no item with id {item_id}").format(where=where, item_id=line.item_id))
                continue
            if is_weighed(item.unit):
                grams = line.grams if line.grams is not None else line.quantity
                if grams is None or grams <= 0:
                    problems.append(
                        _("{where}: weight: {item} is counted by weight; give a weight above zero").format(
                            where=where, item=item.name
                        )
                    )
                    continue
                quantity = grams
            else:
                if line.quantity is None or line.quantity <= 0:
                    problems.append(
                        _("{where}: quantity: give how many {item} (more than zero)").format(
                            where=where, item=item.name
                        )
                    )
                    continue
                quantity = line.quantity
                if line.grams is not None and line.grams < 0:
                    problems.append(_("{where}: weight: cannot be negative").format(where=where))
                    continue
                grams = line.grams if line.grams is not None else quantity * (item.unit_weight_g or 0)
            expires = line.expires_on or default_expiry(draft.received_on, item.date_kind, item.shelf_life_days)
            if expires is not None and item.date_kind == "use_by" and expires < draft.received_on:
                problems.append(
                    _(
                        "{where}: expires: {item} is use-by and its date {expires} is before the date received "
                        "{received_on}; it cannot be given out"
                    ).format(
                        where=where,
                        item=item.name,
                        expires=translator().date(expires),
                        received_on=translator().date(draft.received_on),
                    )
                )
                continue
            location = line.location_id or fallback_location
            if location not in location_ids:
                problems.append(
                    _("{where}: location: no location with id {location}").format(where=where, location=location)
                )
                continue
            value, _basis = line_value_cents_with_default(item.unit, quantity, grams, item.unit_value_cents, rate)
            if max(quantity, grams, value) > ledger.MAX_AMOUNT:  # before the lot row: PostgreSQL's columns refuse it
                problems.append(
                    _(
                        "{where}: quantity: {quantity} {unit} of {item} at once is more than any pantry handles; "
                        "check the number"
                    ).format(where=where, quantity=format_quantity(quantity, item.unit), unit=item.unit, item=item.name)
                )
                continue
            result.lots.append((line, quantity, grams, value, expires, location))
        prepared.append(result)
    if problems:
        raise UserError(_("{count} problem(s); nothing was saved").format(count=len(problems)), problems)
    return prepared, facts


def record_donations(
    session: Session,
    drafts: Sequence[DonationDraft],
    user_id: int | None,
    *,
    today: dt.date | None = None,
    progress: Progress = no_progress,
    should_cancel: ShouldCancel = never_cancel,
) -> list[SavedDonation]:
    """Record many donations in the caller's transaction: all of them or, on any problem, none."""
    require(session, user_id, "intake")
    prepared, facts = _prepare(session, drafts, today or dt.date.today())
    connection = session.connection()
    session.flush()
    total_lines = sum(len(p.lots) for p in prepared)
    donation_ids = allocate_ids(connection, Donation.__table__, len(prepared))
    new_lot_ids = allocate_ids(connection, Lot.__table__, total_lines)
    lots = iter(zip(new_lot_ids, make_codes("lot", new_lot_ids), strict=True))
    now = utcnow()
    insert_rows(
        connection,
        Donation.__table__,
        ("id", "donor_id", "received_on", "note", "created_at", "created_by_id"),
        [
            (did, p.donor_id, p.draft.received_on, p.draft.note, now, user_id)
            for did, p in zip(donation_ids, prepared, strict=True)
        ],
    )
    saved: list[SavedDonation] = []
    lot_rows: list[tuple[object, ...]] = []
    placed: list[tuple[int, int]] = []
    # The shelves take the lots in one go at the end (set-based: one pass over the month summaries per import, not
    # per batch), which is about as long again as writing the lots: the progress counts both.
    done, steps = 0, 2 * total_lines
    operation_id = ledger.begin_operation(session, "intake", user_id)
    progress(0, steps)
    for donation_id, item in zip(donation_ids, prepared, strict=True):
        codes = []
        for line, quantity, grams, value, expires, location in item.lots:
            lot_id, code = next(lots)
            codes.append(code)
            item_facts = facts[line.item_id]
            lot_rows.append(
                (
                    lot_id,
                    code,
                    line.item_id,
                    donation_id,
                    quantity,
                    grams,
                    value,
                    item_facts.unit_value_cents,
                    item_facts.unit_weight_g,
                    expires,
                    line.supplier_lot,
                    item.draft.received_on,
                    now,
                    user_id,
                )
            )
            placed.append((lot_id, location))
        saved.append(
            SavedDonation(
                donation_id,
                item.donor_id,
                item.draft.received_on,
                tuple(codes),
                sum(entry[2] for entry in item.lots),
                sum(entry[3] for entry in item.lots),
            )
        )
        if len(lot_rows) >= _BATCH_LINES:
            done += _write_lots(session, lot_rows)
            progress(done, steps)
            if should_cancel():
                raise Cancelled
    done += _write_lots(session, lot_rows)
    progress(done, steps)
    ledger.receive(session, placed, operation_id=operation_id)
    progress(steps, steps)
    return saved


_LOT_COLUMNS = (
    "id",
    "code",
    "item_id",
    "donation_id",
    "quantity",
    "grams",
    "value_cents",
    "unit_value_cents",
    "unit_weight_g",
    "expires_on",
    "supplier_lot",
    "received_on",
    "created_at",
    "created_by_id",
)


def _write_lots(session: Session, lot_rows: list[tuple[object, ...]]) -> int:
    count = len(lot_rows)
    insert_rows(session.connection(), Lot.__table__, _LOT_COLUMNS, lot_rows)
    lot_rows.clear()
    return count


def record_donation(
    session: Session, draft: DonationDraft, user_id: int | None, *, today: dt.date | None = None
) -> SavedDonation:
    """Record one donation with all its lines in the caller's transaction."""
    require(session, user_id, "intake")
    return record_donations(session, [draft], user_id, today=today)[0]
