"""Stock counts (stocktakes): partial and safe.

A count covers one location (or one category). Starting it notes what the books expect of each lot there; counts are
entered (scanned or keyed, saved and resumed); posting writes `count` movements (reason `recount`) for the counted
lots only, once. Uncounted lots keep their quantity. A lot counted that the books did not expect there is added.
Posting corrects against the books as they are when posting, so goods moved during the count are not counted twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import N_, _
from pantry.measures import format_quantity
from pantry.models import Balance, Category, CountLine, Item, Location, Lot, StockCount, utcnow
from pantry.services import catalog, ledger
from pantry.services.lots import lot_by_code
from pantry.services.permissions import require

STATUS_WORDS = {"open": N_("open"), "posted": N_("posted"), "cancelled": N_("cancelled")}  # a count's status, said

SHOW_EXPECTED = "count_sheet_show_expected"  # setting: "1" prints the expected quantity on count sheets


@dataclass(frozen=True)
class CountRow:
    """One line of a count as sheets and screens show it."""

    line_id: int
    lot: str
    sku: str
    item: str
    unit: str
    location: str
    expires: dt.date | None
    expected: int
    counted: int | None
    note: str

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True)
class CountSummary:
    id: int
    status: str
    scope: str  # "Walk-in cooler" or "category Dairy"
    started_at: dt.datetime
    rows: list[CountRow]

    @property
    def counted(self) -> int:
        return sum(1 for row in self.rows if row.counted is not None)


def start(session: Session, user_id: int | None, *, location: str | None = None, category: str | None = None) -> int:
    """Open a count of a location (or a category, wherever it lies) and note what the books expect. Returns its id."""
    require(session, user_id, "count")
    if bool(location) == bool(category):
        raise UserError(_("count: give a location or a category to count"))
    query = select(Balance.lot_id, Balance.location_id, Balance.quantity)
    count = StockCount(started_by_id=user_id)
    if location:
        place = catalog.location_named(session, location)
        if place is None:
            raise UserError(_("location: no location named '{location}'").format(location=location))
        other = session.scalar(
            select(StockCount.id).where(StockCount.status == "open", StockCount.location_id == place.id)
        )
        if other is not None:
            raise UserError(
                _("location: a count of {place} is open already (count {other}); finish or cancel it first").format(
                    place=place.name, other=other
                )
            )
        count.location_id = place.id
        query = query.where(Balance.location_id == place.id)
    else:
        group = session.scalars(
            select(Category).where(Category.name_key == " ".join(category.split()).casefold())
        ).first()
        if group is None:
            raise UserError(_("category: no category named '{category}'").format(category=category))
        other = session.scalar(
            select(StockCount.id).where(StockCount.status == "open", StockCount.category_id == group.id)
        )
        if other is not None:
            raise UserError(
                _("category: a count of {group} is open already (count {other}); finish or cancel it first").format(
                    group=group.name, other=other
                )
            )
        count.category_id = group.id
        query = query.join(Item, Item.id == Balance.item_id).where(Item.category_id == group.id)
    session.add(count)
    session.flush()
    session.add_all(
        CountLine(count_id=count.id, lot_id=lot_id, location_id=location_id, expected=quantity)
        for lot_id, location_id, quantity in session.execute(query)
    )
    session.flush()
    return count.id


def _open_count(session: Session, count_id: int) -> StockCount:
    count = session.get(StockCount, count_id)
    if count is None:
        raise UserError(_("count: there is no count {count_id}").format(count_id=count_id))
    if count.status != "open":
        raise UserError(
            _("count: count {count_id} is {status} already").format(
                count_id=count_id, status=_(STATUS_WORDS.get(count.status, count.status))
            )
        )
    return count


def summary(session: Session, count_id: int) -> CountSummary:
    count = session.get(StockCount, count_id)
    if count is None:
        raise UserError(_("count: there is no count {count_id}").format(count_id=count_id))
    if count.location_id is not None:
        scope = session.get(Location, count.location_id).name  # type: ignore[union-attr]
    else:
        scope = f"category {session.get(Category, count.category_id).name}"  # type: ignore[union-attr]
    rows = session.execute(
        select(CountLine, Lot.code, Item.sku, Item.name, Item.unit, Location.name, Lot.expires_on)
        .join(Lot, Lot.id == CountLine.lot_id)
        .join(Item, Item.id == Lot.item_id)
        .join(Location, Location.id == CountLine.location_id)
        .where(CountLine.count_id == count_id)
        .order_by(Location.name, Item.name_key, Lot.expires_on, Lot.code)
    )
    return CountSummary(
        count.id,
        count.status,
        scope,
        count.started_at,
        [
            CountRow(line.id, code, sku, name, unit, location, expires, line.expected, line.counted, line.note)
            for line, code, sku, name, unit, location, expires in rows
        ],
    )


@dataclass(frozen=True)
class Entry:
    lot_code: str
    counted: int
    location: str | None = None  # for a category count of a lot that lies in several places
    label: str = ""  # how messages name it ("row 3")


def enter(session: Session, count_id: int, entries: Sequence[Entry], user_id: int | None) -> int:
    """Record counted quantities (all entries or none). A lot the count did not expect is added with a note."""
    require(session, user_id, "count.enter")
    count = _open_count(session, count_id)
    problems: list[str] = []
    resolved = []
    for number, entry in enumerate(entries, start=1):
        where = entry.label or f"entry {number}"
        if entry.counted < 0:
            problems.append(
                _("{where}: counted: cannot be below zero ({counted})").format(where=where, counted=entry.counted)
            )
            continue
        try:
            lot = lot_by_code(session, entry.lot_code)
        except UserError as problem:
            problems.append(f"{where}: {problem}")
            continue
        location_id = count.location_id
        if location_id is not None and entry.location:
            place = catalog.location_named(session, entry.location)
            if place is None or place.id != location_id:
                counted_here = session.get(Location, location_id)
                problems.append(
                    _("{where}: location: this count is of {counted}, not {location}").format(
                        where=where,
                        counted=counted_here.name if counted_here else location_id,
                        location=place.name if place else entry.location,
                    )
                )
                continue
        if location_id is None:
            if lot.item.category_id != count.category_id:
                problems.append(
                    _("{where}: lot: {code} ({item}) is not in this count's category").format(
                        where=where, code=lot.code, item=lot.item.name
                    )
                )
                continue
            lines = session.scalars(
                select(CountLine).where(CountLine.count_id == count_id, CountLine.lot_id == lot.id)
            ).all()
            if entry.location:
                place = catalog.location_named(session, entry.location)
                if place is None:
                    problems.append(
                        _("{where}: location: no location named '{location}'").format(
                            where=where, location=entry.location
                        )
                    )
                    continue
                location_id = place.id
            elif len(lines) == 1:
                location_id = lines[0].location_id
            else:
                problems.append(
                    _("{where}: location: say where lot {code} was counted").format(where=where, code=lot.code)
                )
                continue
        resolved.append((lot, location_id, entry.counted))
    if problems:
        raise UserError(_("{count} problem(s); no count was recorded").format(count=len(problems)), problems)
    now = utcnow()
    for lot, location_id, counted in resolved:
        line = session.scalars(
            select(CountLine).where(
                CountLine.count_id == count_id, CountLine.lot_id == lot.id, CountLine.location_id == location_id
            )
        ).first()
        if line is None:
            line = CountLine(
                count_id=count_id,
                lot_id=lot.id,
                location_id=location_id,
                expected=0,
                note="found during the count: not expected here",
            )
            session.add(line)
        line.counted, line.counted_at, line.counted_by_id = counted, now, user_id
    session.flush()
    return len(resolved)


@dataclass(frozen=True)
class Posted:
    count_id: int
    corrections: int
    message: str


def post(session: Session, count_id: int, user_id: int | None, *, today: dt.date | None = None) -> Posted:
    """Correct the books to the counted quantities of the counted lots, once."""
    require(session, user_id, "count")
    count = _open_count(session, count_id)
    lines = [
        line
        for line in session.scalars(select(CountLine).where(CountLine.count_id == count_id))
        if line.counted is not None
    ]
    if not lines:
        raise UserError(_("count: nothing has been counted in count {count_id} yet").format(count_id=count_id))
    balances = {
        (lot_id, location_id): quantity
        for lot_id, location_id, quantity in session.execute(
            select(Balance.lot_id, Balance.location_id, Balance.quantity).where(
                Balance.lot_id.in_([line.lot_id for line in lines])
            )
        )
    }
    changes = []
    for line in lines:
        difference = line.counted - balances.get((line.lot_id, line.location_id), 0)  # type: ignore[operator]
        if difference:
            changes.append(
                ledger.Change(
                    line.lot_id, line.location_id, difference, "count", reason="recount", reference=f"count {count_id}"
                )
            )
    changes.sort(key=lambda change: change.quantity > 0)
    operation = ledger.begin_operation(session, "count", user_id, f"count {count_id}")
    ledger.post(session, changes, business_date=today or dt.date.today(), user_id=user_id, operation_id=operation)
    count.status, count.posted_at, count.posted_by_id, count.operation_id = "posted", utcnow(), user_id, operation
    session.flush()
    return Posted(
        count_id,
        len(changes),
        _("Count {count} posted: {counted} lot(s) counted, {corrected} corrected, the rest unchanged.").format(
            count=count_id, counted=len(lines), corrected=len(changes)
        ),
    )


def cancel(session: Session, count_id: int, user_id: int | None = None) -> None:
    require(session, user_id, "count")
    _open_count(session, count_id).status = "cancelled"
    session.flush()


def open_counts(session: Session) -> list[CountSummary]:
    return [
        summary(session, count_id)
        for count_id in session.scalars(
            select(StockCount.id).where(StockCount.status == "open").order_by(StockCount.id)
        )
    ]


def describe_difference(row: CountRow) -> str:
    if row.counted is None:
        return _("not counted")
    difference = row.counted - row.expected
    if difference == 0:
        return _("as expected")
    return f"{'+' if difference > 0 else ''}{format_quantity(difference, row.unit)}"
