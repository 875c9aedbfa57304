"""Sums over the ledger that several reports share: what moved in a period, by day, item, kind and reason; where each
lot lay as of a date; and which column of a roll-forward each movement belongs to.

Every movement falls in exactly one class:
- received: intake (an undone intake counts back out here);
- distributed: goods out (returns of a pickup come back here, reducing what was distributed);
- lost: adjustments and count corrections whose reason is a loss (AdjustmentReason.is_loss);
- transfer: moves between locations (they net to zero quantity for every lot);
- corrected: everything else (non-loss adjustments such as recount or returned, and count corrections).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, func, inspect, literal_column, select, text
from sqlalchemy.orm import Session

from pantry.dates import add_months
from pantry.models import AdjustmentReason, Balance, Lot, Movement
from pantry.services.reports.period import Period, month_key

RECEIVED, DISTRIBUTED, LOST, CORRECTED, TRANSFER = "received", "distributed", "lost", "corrected", "transfer"
CLASSES = (RECEIVED, DISTRIBUTED, LOST, CORRECTED, TRANSFER)
# On SQLite, movements of a date range that covers at least this share of the ledger's days are read in one pass over
# the table when what is summed is not all in an index: a look-up per movement from the date index costs some fifty
# times what reading a row in order costs (1M movements: one pass 0.15 s, 170,000 look-ups 1.2 s).
_FULL_SCAN_SHARE = 0.05


@dataclass(frozen=True)
class Flow:
    """What moved in the period (or in one month of it) for one item, of one kind and reason, signed as in the
    ledger."""

    month: str | None  # 'YYYY-MM' when summed by month
    item_id: int
    kind: str
    reason: str | None
    quantity: int
    grams: int
    cents: int
    movements: int


def loss_reasons(session: Session) -> frozenset[str]:
    return frozenset(session.scalars(select(AdjustmentReason.code).where(AdjustmentReason.is_loss.is_(True))))


def reason_labels(session: Session) -> dict[str, str]:
    return {code: label for code, label in session.execute(select(AdjustmentReason.code, AdjustmentReason.label))}


def classify(kind: str, reason: str | None, losses: frozenset[str]) -> str:
    if kind == "intake":
        return RECEIVED
    if kind == "distribution":
        return DISTRIBUTED
    if kind == "transfer":
        return TRANSFER
    if reason is not None and reason in losses:
        return LOST
    return CORRECTED


def ledger_span(session: Session) -> tuple[dt.date, dt.date] | None:
    # two queries: SQLite answers a lone min() or max() from the index's ends, but not both together
    first = session.scalar(select(func.min(Movement.business_date)))
    last = session.scalar(select(func.max(Movement.business_date)))
    return None if first is None or last is None else (first, last)


def _kind_is_indexed(session: Session) -> bool:
    """True when an index on the movement table holds the date, kind and reason (then it covers the flows)."""
    for index in inspect(session.connection()).get_indexes("movement"):
        names = index.get("column_names") or []
        if names[:1] == ["business_date"] and {"kind", "reason", "quantity"} <= set(names):
            return True
    return False


def _places_indexed(session: Session) -> bool:
    """True when the movement index that starts with the date also holds lot and location (migration 0007): then it
    covers where stock lay as of a date too."""
    for index in inspect(session.connection()).get_indexes("movement"):
        names = index.get("column_names") or []
        if names[:1] == ["business_date"] and {"lot_id", "location_id", "quantity", "grams", "value_cents"} <= set(
            names
        ):
            return True
    return False


def _dates(session: Session, start: dt.date, end: dt.date, span: tuple[dt.date, dt.date]):  # type: ignore[no-untyped-def]
    """`start <= business_date <= end`, written so that SQLite reads the whole table in order (`+business_date`
    serves from no index) when the range covers much of the ledger and no index covers what is summed."""
    first, last = span
    column = Movement.business_date
    if session.get_bind().dialect.name == "sqlite" and not _places_indexed(session):
        covered = (min(end, last) - max(start, first)).days + 1
        if covered >= _FULL_SCAN_SHARE * ((last - first).days + 1):
            column = literal_column("+movement.business_date", Date)
    return column.between(start, end)


def _month_of(dialect: str):  # type: ignore[no-untyped-def]
    if dialect == "sqlite":
        return func.substr(Movement.business_date, 1, 7)
    return func.to_char(Movement.business_date, "YYYY-MM")


@contextmanager
def _sort_threads(session: Session) -> Iterator[None]:
    """Let SQLite sort with a helper thread (`PRAGMA threads`) for one query, when there is a spare core."""
    spare = min(2, (os.cpu_count() or 1) - 1)
    if session.get_bind().dialect.name != "sqlite" or spare < 1:
        yield
        return
    before = int(session.execute(text("PRAGMA threads")).scalar() or 0)
    if before >= spare:
        yield
        return
    session.execute(text(f"PRAGMA threads={spare}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA threads={before}"))


_SUMS = (func.sum(Movement.quantity), func.sum(Movement.grams), func.sum(Movement.value_cents), func.count())


def _movement_flows(session: Session, period: Period, span: tuple[dt.date, dt.date]) -> Sequence[Any]:
    """The movements of `period` summed by month, item, kind and reason, read from the ledger itself."""
    dialect = session.get_bind().dialect.name
    connection = session.connection()
    in_period = Movement.business_date.between(period.start, period.end)
    if dialect == "sqlite" and _kind_is_indexed(session):
        # streamed from the covering index in date order: no sort
        query = (
            select(_month_of(dialect), Movement.item_id, Movement.kind, Movement.reason, *_SUMS)
            .where(in_period)
            .group_by(Movement.business_date, Movement.item_id, Movement.kind, Movement.reason)
        )
        return connection.execute(query).all()
    if dialect == "sqlite":
        in_period = _dates(session, period.start, period.end, span)
    month = _month_of(dialect)
    query = (
        select(month, Movement.item_id, Movement.kind, Movement.reason, *_SUMS)
        .where(in_period)
        .group_by(month, Movement.item_id, Movement.kind, Movement.reason)
    )
    with _sort_threads(session):
        return connection.execute(query).all()


def _plan(period: Period) -> tuple[tuple[str, str] | None, list[tuple[Period, int]]]:
    """How to sum a period: a run of months from the month summary (first and last 'YYYY-MM', or None), and the days
    to read from the movements, each added (+1) or taken away (-1).

    A period's part of its first or last month is read as it is when that is fewer days than the rest of the month;
    otherwise the whole month comes from the summary and the days outside the period are taken away."""
    months: list[dt.date] = []  # the months summed whole
    parts: list[tuple[Period, int]] = []
    first_month = period.start.replace(day=1)
    last_month = period.end.replace(day=1)
    day = first_month
    while day <= last_month:
        month_end = add_months(day, 1) - dt.timedelta(days=1)
        inside = Period(max(day, period.start), min(month_end, period.end))
        if inside.start == day and inside.end == month_end:
            months.append(day)
        elif inside.days * 2 <= (month_end - day).days + 1:
            parts.append((inside, 1))
        else:
            months.append(day)
            if inside.start > day:
                parts.append((Period(day, inside.start - dt.timedelta(days=1)), -1))
            if inside.end < month_end:
                parts.append((Period(inside.end + dt.timedelta(days=1), month_end), -1))
        day = add_months(day, 1)
    if not months:
        return None, parts
    # the months summed whole are one run: only the first and last month of the period can be parts
    return (month_key(months[0]), month_key(months[-1])), parts


FlowKey = tuple[str | None, int, str, str | None]  # month (with by_month), item id, kind, reason


def flow_sums(session: Session, period: Period, *, by_month: bool = False) -> dict[FlowKey, list[int]]:
    """Every movement of the period summed by item, kind and reason (and month, with `by_month`): quantity, grams,
    cents and the number of movements, signed as in the ledger.

    Whole months come from the month summary (`ledger_month`, kept by the ledger with the movements); the days of a
    first or last month the period covers in part from the movements' covering date index (`_plan`)."""
    span = ledger_span(session)
    if span is None or period.end < span[0] or period.start > span[1]:
        return {}
    whole, parts = _plan(period)
    totals: dict[FlowKey, list[int]] = {}
    if whole is not None:
        if by_month:
            query = text(
                "SELECT month, item_id, kind, reason, quantity, grams, value_cents, movements FROM ledger_month "
                "WHERE month BETWEEN :first AND :last"
            )
        else:  # the months added up in the database: one row per item, kind and reason (whole numbers on PostgreSQL)
            query = text(
                "SELECT NULL, item_id, kind, reason, CAST(sum(quantity) AS BIGINT), CAST(sum(grams) AS BIGINT), "
                "CAST(sum(value_cents) AS BIGINT), CAST(sum(movements) AS BIGINT) "
                "FROM ledger_month WHERE month BETWEEN :first AND :last GROUP BY item_id, kind, reason"
            )
        rows = session.connection().execute(query, {"first": whole[0], "last": whole[1]}).all()
        # one row per key, nothing to add up yet ('' is the summary's reason where the movements have none)
        totals = {
            (month, item_id, kind, reason or None): [quantity, grams, cents, count]
            for month, item_id, kind, reason, quantity, grams, cents, count in rows
        }
    get = totals.get
    taken = False  # whether days taken away had any movement
    for part, sign in parts:
        for month, item_id, kind, reason, quantity, grams, cents, count in _movement_flows(session, part, span):
            taken = taken or sign < 0
            key = (month if by_month else None, item_id, kind, reason or None)
            entry = get(key)
            if entry is None:
                if sign == 1:
                    totals[key] = [int(quantity), int(grams), int(cents), int(count)]
                else:
                    totals[key] = [-int(quantity), -int(grams), -int(cents), -int(count)]
            else:
                entry[0] += sign * int(quantity)
                entry[1] += sign * int(grams)
                entry[2] += sign * int(cents)
                entry[3] += sign * int(count)
    if taken:  # days taken away may have left keys with no movement at all
        totals = {key: values for key, values in totals.items() if values[3]}
    return totals


def flows(session: Session, period: Period, *, by_month: bool = False) -> list[Flow]:
    """Every movement of the period summed by item, kind and reason (and month, with `by_month`), as `flow_sums`."""
    return [Flow(*key, *values) for key, values in flow_sums(session, period, by_month=by_month).items()]


def _place_sums(
    session: Session, *condition, dated_by: dt.date | None = None
) -> Iterator[tuple[int, int, int, int, int]]:  # type: ignore[no-untyped-def]
    """Movements summed per lot and location; with `dated_by`, only lots dated on or before it (the sums are made
    first, then each summed lot's date looked up: a look-up per lot that moved, not per movement)."""
    query = (
        select(
            Movement.lot_id,
            Movement.location_id,
            func.sum(Movement.quantity).label("quantity"),
            func.sum(Movement.grams).label("grams"),
            func.sum(Movement.value_cents).label("cents"),
        )
        .where(*condition)
        .group_by(Movement.lot_id, Movement.location_id)
    )
    if dated_by is not None:
        moved = query.subquery()
        query = select(moved).join(Lot, (Lot.id == moved.c.lot_id) & (Lot.expires_on <= dated_by))
    with _sort_threads(session):
        rows = session.connection().execute(query).all()
    for lot_id, location_id, quantity, grams, cents in rows:
        yield lot_id, location_id, int(quantity), int(grams), int(cents)


def places_as_of(
    session: Session, as_of: dt.date, *, expiring_by: dt.date | None = None
) -> dict[tuple[int, int], tuple[int, int, int]]:
    """Quantity, grams and cents per (lot, location) with stock at the end of `as_of`; with `expiring_by`, only lots
    dated on or before it. Reads the shorter side of the ledger: the movements up to that date, or today's balances
    less the movements after it (summed per lot and place from the covering date index)."""
    span = ledger_span(session)
    if span is None or as_of < span[0]:
        return {}
    first, last = span
    totals: dict[tuple[int, int], tuple[int, int, int]] = {}
    if as_of - first < last - as_of:
        condition = [_dates(session, first, as_of, span)]
        if expiring_by is not None:
            dated = select(Lot.id).where(Lot.expires_on <= expiring_by)
            condition.append(Movement.lot_id.in_(dated))
        for lot_id, location_id, quantity, grams, cents in _place_sums(session, *condition):
            totals[(lot_id, location_id)] = (quantity, grams, cents)
        return {key: values for key, values in totals.items() if values[0] != 0}
    balances = select(Balance.lot_id, Balance.location_id, Balance.quantity, Balance.grams, Balance.value_cents)
    if expiring_by is not None:
        balances = balances.where(Balance.expires_on <= expiring_by)
    for lot_id, location_id, quantity, grams, cents in session.connection().execute(balances).all():
        totals[(lot_id, location_id)] = (quantity, grams, cents)
    if as_of < last:
        after = _dates(session, as_of + dt.timedelta(days=1), last, span)
        for lot_id, location_id, quantity, grams, cents in _place_sums(session, after, dated_by=expiring_by):
            now = totals.get((lot_id, location_id), (0, 0, 0))
            totals[(lot_id, location_id)] = (now[0] - quantity, now[1] - grams, now[2] - cents)
    return {key: values for key, values in totals.items() if values[0] != 0}


def item_places_as_of(session: Session, as_of: dt.date) -> dict[tuple[int, int], tuple[int, int, int]]:
    """Quantity, grams and cents per (item, location) with stock at the end of `as_of` (the shorter side of the
    ledger, as `places_as_of`, but summed per item and location in the database)."""
    span = ledger_span(session)
    if span is None or as_of < span[0]:
        return {}
    first, last = span
    sums = (func.sum(Movement.quantity), func.sum(Movement.grams), func.sum(Movement.value_cents))
    per = (Movement.item_id, Movement.location_id)
    totals: dict[tuple[int, int], tuple[int, int, int]] = {}
    if as_of - first < last - as_of:
        query = select(*per, *sums).where(_dates(session, first, as_of, span)).group_by(*per)
        with _sort_threads(session):
            for item_id, location_id, quantity, grams, cents in session.connection().execute(query).all():
                totals[(item_id, location_id)] = (int(quantity), int(grams), int(cents))
    else:
        balances = select(
            Balance.item_id,
            Balance.location_id,
            func.sum(Balance.quantity),
            func.sum(Balance.grams),
            func.sum(Balance.value_cents),
        ).group_by(Balance.item_id, Balance.location_id)
        for item_id, location_id, quantity, grams, cents in session.connection().execute(balances):
            totals[(item_id, location_id)] = (int(quantity), int(grams), int(cents))
        if as_of < last:
            later = select(*per, *sums).where(_dates(session, as_of + dt.timedelta(days=1), last, span)).group_by(*per)
            with _sort_threads(session):
                rows = session.connection().execute(later).all()
            for item_id, location_id, quantity, grams, cents in rows:
                now = totals.get((item_id, location_id), (0, 0, 0))
                totals[(item_id, location_id)] = (now[0] - int(quantity), now[1] - int(grams), now[2] - int(cents))
    return {key: values for key, values in totals.items() if values[0] != 0}


# Where goods came from, by the donor's kind (catalog.DONOR_KINDS): our own purchases, government programmes (TEFAP,
# CSFP, county programmes), and everything else given to us (people, businesses, farms, food drives, food banks).
DONATED, PURCHASED, GOVERNMENT, UNATTRIBUTED = "donated", "purchased", "government", "unattributed"
SOURCES = (DONATED, PURCHASED, GOVERNMENT)
SOURCE_OF_DONOR_KIND = {"purchase": PURCHASED, "government": GOVERNMENT}


def source_of(donor_kind: str) -> str:
    return SOURCE_OF_DONOR_KIND.get(donor_kind, DONATED)


def receipts_by_donor_kind(session: Session, period: Period) -> dict[tuple[int, str], tuple[int, int, int]]:
    """What came in during the period per (item, donor kind): the lots of the period's donations as received, less
    intakes undone since (an undo is dated like the intake it takes back).

    An intake movement carries exactly its lot's received quantity, grams and cents (ledger.post), so the lots give
    the same sums as the movements without a look-up per movement; callers compare the result with the ledger."""
    from pantry.models import Donation, Donor, Operation

    totals: dict[tuple[int, str], tuple[int, int, int]] = {}

    def add(item_id: int, kind: str, quantity: int, grams: int, cents: int) -> None:
        now = totals.get((item_id, kind), (0, 0, 0))
        totals[(item_id, kind)] = (now[0] + int(quantity), now[1] + int(grams), now[2] + int(cents))

    lots = (
        select(Lot.item_id, Donor.kind, func.sum(Lot.quantity), func.sum(Lot.grams), func.sum(Lot.value_cents))
        .join(Donation, Donation.id == Lot.donation_id)
        .join(Donor, Donor.id == Donation.donor_id)
        .where(Donation.received_on.between(period.start, period.end))
        .group_by(Lot.item_id, Donor.kind)
    )
    connection = session.connection()
    for row in connection.execute(lots).all():
        add(*row)
    undone = (
        select(
            Movement.item_id,
            Donor.kind,
            func.sum(Movement.quantity),
            func.sum(Movement.grams),
            func.sum(Movement.value_cents),
        )
        .join(Lot, Lot.id == Movement.lot_id)
        .join(Donation, Donation.id == Lot.donation_id)
        .join(Donor, Donor.id == Donation.donor_id)
        .where(
            # the undos first (few), then their movements: not a look-up of its operation per movement of the period
            Movement.operation_id.in_(select(Operation.id).where(Operation.kind == "undo")),
            Movement.kind == "intake",
            Movement.business_date.between(period.start, period.end),
        )
        .group_by(Movement.item_id, Donor.kind)
    )
    for row in connection.execute(undone).all():
        add(*row)
    return totals
