"""The stock ledger: the only writer of movements, balances and the month summaries.

Every change to the shelves is posted here as signed quantities per lot and location. Weight and value follow the
lot's received totals by `measures.share`, balances change in the same transaction, and nothing may go below zero.
New lots go on the shelves whole through `receive`, set-based (an import of 100,000 rows is a few statements).

Two summaries are kept in the same transaction, so that reports over years of history read a row per item and month
instead of every movement: `ledger_month` (what moved per month, item, kind and reason) and `stock_month` (each
item's stock at the end of every month it moved in; a movement dated in an earlier month moves that month's row and
every later one). `rebuild_months` makes both from the movements in one statement each (migration 0007, the bulk
sample); `pantry verify` compares them with the movements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, or_, select, text, tuple_, update
from sqlalchemy.orm import Session

from pantry.bulk import insert_rows
from pantry.errors import UserError
from pantry.i18n import _
from pantry.measures import format_quantity, share
from pantry.models import Balance, Item, Location, Lot, Movement, Operation, utcnow

MOVEMENT_KINDS = ("intake", "distribution", "transfer", "adjustment", "count")
_CHUNK = 500


@dataclass(frozen=True)
class LotTotals:
    """What the ledger needs to know of a lot: its item and what it held when received."""

    lot_id: int
    item_id: int
    quantity: int
    grams: int
    value_cents: int
    expires_on: dt.date | None


@dataclass(frozen=True)
class Change:
    """A signed change of one lot at one location."""

    lot_id: int
    location_id: int
    quantity: int
    kind: str
    reason: str | None = None
    reference: str | None = None
    business_date: dt.date | None = None  # when None, the date given to post()


@dataclass(frozen=True)
class Posted:
    """What was written: how many movements and the lots they touched."""

    movements: int
    lot_ids: frozenset[int]


_BALANCE_COLUMNS = ("lot_id", "location_id", "item_id", "quantity", "grams", "value_cents", "expires_on")
_MOVEMENT_COLUMNS = (
    "lot_id",
    "item_id",
    "location_id",
    "quantity",
    "grams",
    "value_cents",
    "kind",
    "reason",
    "reference",
    "business_date",
    "created_at",
    "user_id",
    "operation_id",
)


def _chunks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _load_lots(connection: Connection, lot_ids: Sequence[int]) -> dict[int, LotTotals]:
    lots: dict[int, LotTotals] = {}
    for chunk in _chunks(lot_ids):
        query = select(Lot.id, Lot.item_id, Lot.quantity, Lot.grams, Lot.value_cents, Lot.expires_on)
        for row in connection.execute(query.where(Lot.id.in_(chunk))):
            lots[row.id] = LotTotals(row.id, row.item_id, row.quantity, row.grams, row.value_cents, row.expires_on)
    return lots


def _load_balances(connection: Connection, lot_ids: Sequence[int]) -> dict[tuple[int, int], list[int]]:
    balances: dict[tuple[int, int], list[int]] = {}
    for chunk in _chunks(lot_ids):
        query = select(Balance.lot_id, Balance.location_id, Balance.quantity, Balance.grams, Balance.value_cents)
        for row in connection.execute(query.where(Balance.lot_id.in_(chunk))):
            balances[(row.lot_id, row.location_id)] = [row.quantity, row.grams, row.value_cents]
    return balances


# No change to the shelves is this big (a billion units or grams, or $20 million): a typo, or a scanner's digits in
# the quantity field. Refused here, where every change passes, before a number too big for a column is written.
MAX_AMOUNT = 2_000_000_000
RACE_WINDOW = dt.timedelta(minutes=10)  # stock taken this recently by someone else is news to the person asking


def _lock_lots(connection: Connection, lot_ids: Sequence[int]) -> None:
    """Hold the lots about to change until this transaction ends, so that two desks' changes to one lot queue up.

    On PostgreSQL the lots' rows are locked (`SELECT ... FOR NO KEY UPDATE`) in id order, one order for every
    transaction, so two desks never wait for each other in a circle; the balances are read after, and so are what the
    winner left. The lot row is locked rather than its balances because a balance row may not exist yet (a transfer
    to a new place) or be deleted (emptied). NO KEY: rows that merely refer to a lot (a movement, an allocation being
    packed) take a key-share lock on it, which this one lets through, so they cannot deadlock with a ledger post.
    On SQLite every write transaction already holds the database's one write lock from its start (BEGIN IMMEDIATE,
    see `pantry.db`), so nothing is needed here.
    """
    if connection.dialect.name == "sqlite":
        return
    for chunk in _chunks(lot_ids):
        connection.execute(
            select(Lot.id).where(Lot.id.in_(chunk)).order_by(Lot.id).with_for_update(key_share=True)
        ).all()


def _taken_lately_by_others(session: Session, change: Change, operation_id: int | None) -> bool:
    """Whether someone else took from this lot at this place in the last few minutes (committed, or the ledger's
    locks would have kept it out of sight)."""
    query = (
        select(Movement.created_at, Movement.operation_id)
        .where(Movement.lot_id == change.lot_id, Movement.location_id == change.location_id, Movement.quantity < 0)
        .order_by(Movement.id.desc())
        .limit(1)
    )
    latest = session.execute(query).first()
    if latest is None or latest.operation_id == operation_id or latest.created_at is None:
        return False
    return utcnow() - latest.created_at <= RACE_WINDOW


def _refuse_negative(session: Session, change: Change, on_hand: int, operation_id: int | None) -> UserError:
    """Why a change cannot be made, naming the lot, the place and what is there.

    When someone else took from the lot there in the last few minutes, the person asking most likely saw it before
    they did (two desks, one lot): the message says the lot just changed and what is left, so they can pick again.
    """
    lot = session.get(Lot, change.lot_id)
    location = session.get(Location, change.location_id)
    item = session.get(Item, lot.item_id) if lot else None
    unit = item.unit if item else "each"
    wanted = format_quantity(-change.quantity, unit)
    have = format_quantity(on_hand, unit)
    code = lot.code if lot else change.lot_id
    place = location.name if location else change.location_id
    name = item.name if item else "?"
    if _taken_lately_by_others(session, change, operation_id):
        left = have if unit == "each" else f"{have} {unit}"
        return UserError(
            _(
                "that lot just changed: {code} has {left} left at {place} ({name}; {wanted} {unit} asked for, "
                "nothing was saved)"
            ).format(code=code, left=left, place=place, name=name, wanted=wanted, unit=unit)
        )
    return UserError(
        _("Cannot take {wanted} {unit} of {name} (lot {code}) from {place}: only {have} there.").format(
            wanted=wanted, unit=unit, name=name, code=code, place=place, have=have
        )
    )


def _refuse_absurd(session: Session, change: Change, lot: LotTotals) -> UserError:
    item = session.get(Item, lot.item_id)
    unit = item.unit if item else "each"
    name = item.name if item else "?"
    if abs(change.quantity) > MAX_AMOUNT:
        what = f"{format_quantity(abs(change.quantity), unit)} {unit}"
    elif lot.grams > MAX_AMOUNT:
        what = f"{lot.grams // 1000:,} kg"
    else:
        what = f"${lot.value_cents // 100:,}"
    return UserError(
        _("quantity: {what} of {name} at once is more than any pantry handles; check the number").format(
            what=what, name=name
        )
    )


def begin_operation(
    session: Session, kind: str, user_id: int | None, note: str = "", reverses_id: int | None = None
) -> int:
    """Open an operation that movements posted next will belong to; returns its id."""
    operation = Operation(kind=kind, note=note, user_id=user_id, reverses_id=reverses_id)
    session.add(operation)
    session.flush()
    return operation.id


def post(
    session: Session,
    changes: Sequence[Change],
    *,
    business_date: dt.date,
    user_id: int | None,
    operation_id: int | None = None,
) -> Posted:
    """Write `changes` as movements and move the balances with them, refusing any that would go below zero. (New
    lots go on the shelves through `receive`.)

    The movements belong to `operation_id`, or to a new operation of the first change's kind.
    """
    if not changes:
        return Posted(0, frozenset())
    connection = session.connection()
    session.flush()
    known_ids = sorted({change.lot_id for change in changes})
    _lock_lots(connection, known_ids)
    lots = _load_lots(connection, known_ids)
    balances = _load_balances(connection, known_ids)
    before = {key: list(values) for key, values in balances.items()}

    lot_on_hand: dict[int, int] = {}
    for (lot_id, _location), values in balances.items():
        lot_on_hand[lot_id] = lot_on_hand.get(lot_id, 0) + values[0]

    now = utcnow()
    if operation_id is None:
        operation_id = begin_operation(session, changes[0].kind, user_id)
    movement_rows = []
    months = _MonthSums({}, {})
    for change in changes:
        if change.kind not in MOVEMENT_KINDS:
            raise ValueError(f"unknown movement kind {change.kind!r}")
        if change.quantity == 0:
            raise UserError(_("A quantity of zero changes nothing."))
        lot = lots[change.lot_id]
        if max(abs(change.quantity), lot.grams, abs(lot.value_cents)) > MAX_AMOUNT:
            raise _refuse_absurd(session, change, lot)
        key = (change.lot_id, change.location_id)
        here = balances.setdefault(key, [0, 0, 0])
        if here[0] + change.quantity < 0:
            raise _refuse_negative(session, change, here[0], operation_id)
        lot_before = lot_on_hand.get(lot.lot_id, 0)
        lot_after = lot_before + change.quantity
        if here[0] + change.quantity == 0:
            grams, value = -here[1], -here[2]  # emptying a place takes exactly what it held
        elif lot_before == 0 and lot_after == lot.quantity:
            grams, value = lot.grams, lot.value_cents  # the whole lot, as at intake
        else:
            grams = share(lot.grams, lot.quantity, lot_after) - share(lot.grams, lot.quantity, lot_before)
            value = share(lot.value_cents, lot.quantity, lot_after) - share(lot.value_cents, lot.quantity, lot_before)
        here[0] += change.quantity
        here[1] += grams
        here[2] += value
        lot_on_hand[lot.lot_id] = lot_after
        day = change.business_date or business_date
        months.add(lot.item_id, day, change.kind, change.reason, change.quantity, grams, value)
        movement_rows.append(
            (
                change.lot_id,
                lot.item_id,
                change.location_id,
                change.quantity,
                grams,
                value,
                change.kind,
                change.reason,
                change.reference,
                day,
                now,
                user_id,
                operation_id,
            )
        )

    insert_rows(connection, Movement.__table__, _MOVEMENT_COLUMNS, movement_rows)
    _write_balances(connection, lots, before, balances)
    _write_months(connection, months)
    return Posted(len(movement_rows), frozenset(change.lot_id for change in changes))


def receive(session: Session, placed: Sequence[tuple[int, int]], *, operation_id: int) -> int:
    """Put new lots on the shelves whole: each `(lot_id, location_id)` gets one intake movement of everything the lot
    row says it received (quantity, grams, value, dated its received_on, by its creator, referring to its donation as
    'D<id>'), a balance and its share of the month summaries. Returns the number of movements.

    The lots were inserted in this transaction and checked by their maker (quantity above zero, nothing above
    MAX_AMOUNT); a new lot cannot go below zero. So nothing is decided row by row: each run of consecutive lot ids going
    to one place is a handful of INSERT ... SELECT statements over the lot rows, which is what lets an import of
    100,000 rows run near the speed of the database itself.
    """
    runs = _runs(placed)
    if not runs:
        return 0
    connection = session.connection()
    session.flush()
    spans = _spans(runs)
    for first, last in spans:
        refused = connection.execute(
            select(Lot.id)
            .where(
                Lot.id.between(first, last),
                (Lot.quantity <= 0)
                | (Lot.quantity > MAX_AMOUNT)
                | (Lot.grams > MAX_AMOUNT)
                | (Lot.value_cents > MAX_AMOUNT)
                | (Lot.grams < 0)
                | (Lot.value_cents < 0),
            )
            .limit(1)
        ).scalar()
        if refused is not None:
            raise ValueError(f"lot {refused}: a received lot needs a quantity above zero and amounts within MAX_AMOUNT")
    if connection.dialect.name != "sqlite":  # the lots' items locked as `_write_months` locks them, in one statement
        in_spans = or_(*(Lot.id.between(first, last) for first, last in spans))
        items = select(Lot.item_id).where(in_spans).distinct().order_by(Lot.item_id).subquery()
        connection.execute(select(func.pg_advisory_xact_lock(_ITEM_LOCK, items.c.item_id))).all()
    month = month_sql(connection.dialect.name, "received_on")
    now = utcnow()
    connection.exec_driver_sql(
        _driver_sql(connection, _RECEIVE_MOVEMENTS),
        [(location, now, operation_id, first, last) for first, last, location in runs],
    )
    connection.exec_driver_sql(
        _driver_sql(connection, _RECEIVE_BALANCES), [(location, first, last) for first, last, location in runs]
    )
    received = _RECEIVED_MONTHS.format(month=month)
    summaries = (_RECEIVE_FLOWS, _RECEIVE_OPEN_MONTHS, _RECEIVE_ADD_STOCK)
    if len(placed) < _SCRATCH_FROM:  # a scan or a donation: the sums as a WITH in each statement
        for statement in summaries:
            connection.exec_driver_sql(
                _driver_sql(connection, f"WITH received_month AS ({received}) {statement}"), spans
            )
    else:  # an import: summed once into a scratch table (the transaction's own) the three statements read
        connection.exec_driver_sql(
            _driver_sql(connection, f"CREATE TEMPORARY TABLE received_month AS {received}"), spans[0]
        )
        if len(spans) > 1:
            connection.exec_driver_sql(_driver_sql(connection, f"INSERT INTO received_month {received}"), spans[1:])
        for statement in summaries:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql("DROP TABLE received_month")
    return sum(last - first + 1 for first, last, _location in runs)


def _runs(placed: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(first lot id, last lot id, location) for each run of consecutive ids going to one place: only ids given are
    ever in a run, whatever other desks allocated in between."""
    runs: list[tuple[int, int, int]] = []
    for lot_id, location_id in sorted(placed):
        if runs and runs[-1][1] == lot_id - 1 and runs[-1][2] == location_id:
            runs[-1] = (runs[-1][0], lot_id, location_id)
        else:
            runs.append((lot_id, lot_id, location_id))
    return runs


def _spans(runs: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The runs' ids as ranges whatever their places: what the month summaries and checks go over."""
    spans: list[tuple[int, int]] = []
    for first, last, _location in runs:
        if spans and spans[-1][1] == first - 1:
            spans[-1] = (spans[-1][0], last)
        else:
            spans.append((first, last))
    return spans


_RECEIVED_COLUMNS = "lot_id, item_id, location_id, quantity, grams, value_cents"
_RECEIVE_MOVEMENTS = (
    f"INSERT INTO movement ({_RECEIVED_COLUMNS}, kind, reason, reference, business_date, created_at, user_id, "
    "operation_id) "
    "SELECT id, item_id, ?, quantity, grams, value_cents, 'intake', NULL, 'D' || donation_id, received_on, ?, "
    "created_by_id, ? FROM lot WHERE id BETWEEN ? AND ? ORDER BY id"
)
_RECEIVE_BALANCES = (
    f"INSERT INTO balance ({_RECEIVED_COLUMNS}, expires_on) "
    "SELECT id, item_id, ?, quantity, grams, value_cents, expires_on FROM lot WHERE id BETWEEN ? AND ?"
)
# What came in per item and month, over one span of lot ids: a scratch table's rows or a WITH in each statement. With
# several spans an item and month may appear more than once: every reader sums.
_RECEIVED_MONTHS = (
    "SELECT item_id, {month} AS month, sum(quantity) AS quantity, sum(grams) AS grams, "
    "sum(value_cents) AS value_cents, count(*) AS movements FROM lot WHERE id BETWEEN ? AND ? GROUP BY item_id, {month}"
)
# From this many lots, summing them once into a scratch table beats summing them in each of three statements (and
# creating and dropping a table is more than a scan's whole save on PostgreSQL).
_SCRATCH_FROM = 1000
_RECEIVE_FLOWS = (
    "INSERT INTO ledger_month (month, item_id, kind, reason, quantity, grams, value_cents, movements) "
    "SELECT month, item_id, 'intake', '', sum(quantity), sum(grams), sum(value_cents), sum(movements) "
    "FROM received_month GROUP BY month, item_id "
    "ON CONFLICT (month, item_id, kind, reason) DO UPDATE SET "
    "quantity = ledger_month.quantity + excluded.quantity, grams = ledger_month.grams + excluded.grams, "
    "value_cents = ledger_month.value_cents + excluded.value_cents, "
    "movements = ledger_month.movements + excluded.movements"
)
# As _OPEN_MONTH, for every (item, month) the lots fall in at once.
_RECEIVE_OPEN_MONTHS = (
    "INSERT INTO stock_month (item_id, month, quantity, grams, value_cents) "
    "SELECT added.item_id, added.month, coalesce(previous.quantity, 0), coalesce(previous.grams, 0), "
    "coalesce(previous.value_cents, 0) "
    "FROM (SELECT DISTINCT item_id, month FROM received_month) AS added "
    "LEFT JOIN stock_month AS previous ON previous.item_id = added.item_id AND previous.month = "
    "(SELECT max(month) FROM stock_month AS earlier "
    "WHERE earlier.item_id = added.item_id AND earlier.month < added.month) "
    "WHERE 1 = 1 ON CONFLICT (item_id, month) DO NOTHING"
)
# What came in moves its item's row of the month it was received in and every later one.
_RECEIVE_ADD_STOCK = (
    "UPDATE stock_month SET quantity = stock_month.quantity + added.quantity, "
    "grams = stock_month.grams + added.grams, value_cents = stock_month.value_cents + added.value_cents "
    "FROM (SELECT held.item_id, held.month, sum(received.quantity) AS quantity, sum(received.grams) AS grams, "
    "sum(received.value_cents) AS value_cents FROM received_month AS received JOIN stock_month AS held "
    "ON held.item_id = received.item_id AND held.month >= received.month GROUP BY held.item_id, held.month) AS added "
    "WHERE stock_month.item_id = added.item_id AND stock_month.month = added.month"
)


def _write_balances(
    connection: Connection,
    lots: dict[int, LotTotals],
    before: dict[tuple[int, int], list[int]],
    after: dict[tuple[int, int], list[int]],
) -> None:
    inserts = []
    emptied = []
    for key, values in after.items():
        old = before.get(key)
        if old == values:
            continue
        if values[0] == 0:
            if old is not None:
                emptied.append(key)
        elif old is None:
            lot = lots[key[0]]
            inserts.append((key[0], key[1], lot.item_id, *values, lot.expires_on))
        else:
            connection.execute(
                update(Balance)
                .where(Balance.lot_id == key[0], Balance.location_id == key[1])
                .values(quantity=values[0], grams=values[1], value_cents=values[2])
            )
    for start in range(0, len(emptied), _CHUNK):
        connection.execute(
            delete(Balance).where(tuple_(Balance.lot_id, Balance.location_id).in_(emptied[start : start + _CHUNK]))
        )
    insert_rows(connection, Balance.__table__, _BALANCE_COLUMNS, inserts)


# --- the month summaries --------------------------------------------------------------------------------------------


def month_of(day: dt.date) -> str:
    """'YYYY-MM': the month a business date falls in, as the summaries key it."""
    return day.isoformat()[:7]


# Written with the driver's own placeholders (qmark; psycopg's %s swapped in by `_driver_sql`) and run with
# executemany on plain tuples: a bulk import posts tens of thousands of these, and SQLAlchemy's text() with a dict per
# row costs several times the statement itself.
_ADD_FLOW = (
    "INSERT INTO ledger_month (month, item_id, kind, reason, quantity, grams, value_cents, movements) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (month, item_id, kind, reason) DO UPDATE SET "
    "quantity = ledger_month.quantity + excluded.quantity, grams = ledger_month.grams + excluded.grams, "
    "value_cents = ledger_month.value_cents + excluded.value_cents, "
    "movements = ledger_month.movements + excluded.movements"
)
# A month an item had not moved in yet starts from its stock at the end of the latest month before (the WHERE tells
# SQLite's parser that ON CONFLICT is not a join's ON). Parameters: item, month, item, month.
_OPEN_MONTH = (
    "INSERT INTO stock_month (item_id, month, quantity, grams, value_cents) "
    "SELECT ?, ?, coalesce(sum(quantity), 0), coalesce(sum(grams), 0), coalesce(sum(value_cents), 0) "
    "FROM (SELECT quantity, grams, value_cents FROM stock_month WHERE item_id = ? AND month < ? "
    "ORDER BY month DESC LIMIT 1) AS previous WHERE 1 = 1 "
    "ON CONFLICT (item_id, month) DO NOTHING"
)
_ADD_STOCK = (
    "UPDATE stock_month SET quantity = quantity + ?, grams = grams + ?, "
    "value_cents = value_cents + ? WHERE item_id = ? AND month >= ?"
)


def _driver_sql(connection: Connection, statement: str) -> str:
    return statement if connection.dialect.paramstyle == "qmark" else statement.replace("?", "%s")


_ITEM_LOCK = 7007  # pg_advisory_xact_lock's first key: "an item's stock_month rows"
_LOCK_ITEMS = text(
    "SELECT pg_advisory_xact_lock(:key, item_id) FROM (SELECT unnest(CAST(:items AS integer[])) AS item_id "
    "ORDER BY 1) AS items"
)


def _lock_items(connection: Connection, items: list[int]) -> None:
    connection.execute(_LOCK_ITEMS, {"key": _ITEM_LOCK, "items": items}).all()


@dataclass
class _MonthSums:
    """What a post adds to the month summaries: per (month, item, kind, reason) and per (item, month)."""

    flows: dict[tuple[str, int, str, str], list[int]]
    stock: dict[tuple[int, str], list[int]]

    def add(
        self, item_id: int, day: dt.date, kind: str, reason: str | None, quantity: int, grams: int, value: int
    ) -> None:
        month = month_of(day)
        flow = self.flows.setdefault((month, item_id, kind, reason or ""), [0, 0, 0, 0])
        flow[0] += quantity
        flow[1] += grams
        flow[2] += value
        flow[3] += 1
        held = self.stock.setdefault((item_id, month), [0, 0, 0])
        held[0] += quantity
        held[1] += grams
        held[2] += value


def _write_months(connection: Connection, sums: _MonthSums) -> None:
    """Add a post's sums to the month summaries: three statements, each run once per row it touches."""
    flows, stock = sums.flows, sums.stock
    if connection.dialect.name != "sqlite":
        # Two desks posting to one item (different lots): the second waits, so a month row one of them opens always
        # starts from what the other left. Item order, as the lots' locks: no circle.
        _lock_items(connection, sorted({item_id for item_id, _month in stock}))
    if not flows:
        return
    connection.exec_driver_sql(
        _driver_sql(connection, _ADD_FLOW),
        [(m, i, k, r, q, g, v, n) for (m, i, k, r), (q, g, v, n) in flows.items()],
    )
    connection.exec_driver_sql(_driver_sql(connection, _OPEN_MONTH), [(i, m, i, m) for i, m in sorted(stock)])
    changes = [(q, g, v, i, m) for (i, m), (q, g, v) in sorted(stock.items()) if q or g or v]
    if changes:  # a transfer within an item changes no item's stock
        connection.exec_driver_sql(_driver_sql(connection, _ADD_STOCK), changes)


def month_sql(dialect: str, column: str) -> str:
    """SQL for the 'YYYY-MM' of a date column (SQLite keeps dates as ISO text)."""
    return f"substr({column}, 1, 7)" if dialect == "sqlite" else f"to_char({column}, 'YYYY-MM')"


def rebuild_months(connection: Connection) -> None:
    """Make both month summaries from the movements: one INSERT ... SELECT ... GROUP BY each (used by migration 0007
    on an existing database and by the bulk sample, which writes movements without `post`)."""
    month = month_sql(connection.dialect.name, "business_date")
    connection.exec_driver_sql("DELETE FROM ledger_month")
    connection.exec_driver_sql("DELETE FROM stock_month")
    connection.exec_driver_sql(
        "INSERT INTO ledger_month (month, item_id, kind, reason, quantity, grams, value_cents, movements) "
        f"SELECT {month}, item_id, kind, coalesce(reason, ''), sum(quantity), sum(grams), sum(value_cents), count(*) "
        f"FROM movement GROUP BY {month}, item_id, kind, coalesce(reason, '')"
    )
    connection.exec_driver_sql(
        "INSERT INTO stock_month (item_id, month, quantity, grams, value_cents) "
        "SELECT item_id, month, sum(quantity) OVER running, sum(grams) OVER running, sum(value_cents) OVER running "
        "FROM (SELECT item_id, month, sum(quantity) AS quantity, sum(grams) AS grams, sum(value_cents) AS value_cents "
        "FROM ledger_month GROUP BY item_id, month) AS months "
        "WINDOW running AS (PARTITION BY item_id ORDER BY month)"
    )
