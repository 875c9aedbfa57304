"""Proof that the books hold: the database file is sound, every balance equals the sum of its ledger, and so do the
month summaries the reports read (`ledger_month`, `stock_month`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pantry.models import Balance, Lot, Movement
from pantry.services.ledger import month_sql


@dataclass
class VerifyReport:
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(session: Session) -> VerifyReport:
    report = VerifyReport()
    if session.get_bind().dialect.name == "sqlite":
        result = [row[0] for row in session.connection().exec_driver_sql("PRAGMA integrity_check")]
        if result == ["ok"]:
            report.checks.append("SQLite integrity check: ok")
        else:
            report.problems.extend(f"SQLite integrity: {line}" for line in result)
        broken = list(session.connection().exec_driver_sql("PRAGMA foreign_key_check"))
        if broken:
            report.problems.append(f"SQLite foreign keys: {len(broken)} row(s) point at nothing")
        else:
            report.checks.append("SQLite foreign keys: ok")

    ledger = {
        (row[0], row[1]): (int(row[2]), int(row[3]), int(row[4]))
        for row in session.execute(
            select(
                Movement.lot_id,
                Movement.location_id,
                func.sum(Movement.quantity),
                func.sum(Movement.grams),
                func.sum(Movement.value_cents),
            ).group_by(Movement.lot_id, Movement.location_id)
        )
    }
    balances = {
        (row.lot_id, row.location_id): (row.quantity, row.grams, row.value_cents, row.item_id)
        for row in session.execute(select(Balance.__table__))
    }
    mismatches = 0
    for key in ledger.keys() | balances.keys():
        expected = ledger.get(key, (0, 0, 0))
        cached = balances.get(key)
        held = cached[:3] if cached else (0, 0, 0)
        if expected != held:
            mismatches += 1
            if mismatches <= 20:
                report.problems.append(
                    f"lot {key[0]} at location {key[1]}: ledger says {expected} (qty, g, cents), balance says {held}"
                )
        if expected[0] < 0:
            report.problems.append(f"lot {key[0]} at location {key[1]}: below zero ({expected[0]})")
        if cached is not None and cached[0] == 0:
            report.problems.append(f"lot {key[0]} at location {key[1]}: an empty balance row was kept")
    if mismatches > 20:
        report.problems.append(f"... and {mismatches - 20} more mismatches")
    if mismatches == 0:
        report.checks.append(f"Ledger = balances: ok ({len(balances)} lot balances, {len(ledger)} ledger sums)")
    wrong_item = session.execute(
        select(func.count())
        .select_from(Movement)
        .join(Balance, (Balance.lot_id == Movement.lot_id) & (Balance.location_id == Movement.location_id))
        .where(Balance.item_id != Movement.item_id)
    ).scalar_one()
    if wrong_item:
        report.problems.append(f"{wrong_item} movement(s) disagree with their balance about the item")
    wrong_expiry = session.execute(
        select(func.count())
        .select_from(Balance)
        .join(Lot, Lot.id == Balance.lot_id)
        .where(or_(Balance.expires_on != Lot.expires_on, Balance.expires_on.is_(None) != Lot.expires_on.is_(None)))
    ).scalar_one()
    if wrong_expiry:
        report.problems.append(f"{wrong_expiry} balance(s) disagree with their lot about the expiry date")
    _check_months(session, report)
    return report


_SHOWN = 20


def _differences(session: Session, expected: str, kept: str) -> list[tuple[str, tuple[object, ...]]]:
    """Rows of `expected` (from the movements) and `kept` (a summary) that the other lacks, tagged with their side:
    one statement, each side computed once (a CTE used twice is materialised on SQLite and PostgreSQL)."""
    query = (
        f"WITH expected AS ({expected}), kept AS ({kept}) "
        "SELECT 'movements', * FROM (SELECT * FROM expected EXCEPT SELECT * FROM kept) AS missing "
        "UNION ALL SELECT 'summary', * FROM (SELECT * FROM kept EXCEPT SELECT * FROM expected) AS wrong "
        f"LIMIT {4 * _SHOWN}"
    )
    return [(row[0], tuple(row[1:])) for row in session.connection().exec_driver_sql(query)]


def _describe(
    report: VerifyReport, table: str, rows: list[tuple[str, tuple[object, ...]]], key_width: int, what: str
) -> None:
    by_key: dict[tuple[object, ...], dict[str, tuple[int, ...]]] = {}
    for side, row in rows:
        by_key.setdefault(row[:key_width], {})[side] = tuple(int(value) for value in row[key_width:])  # type: ignore[call-overload]
    for key, sides in list(by_key.items())[:_SHOWN]:
        name = " ".join(str(part) for part in key if part != "")
        report.problems.append(
            f"{table} {name}: movements say {sides.get('movements', 'nothing')}, summary says "
            f"{sides.get('summary', 'nothing')} ({what})"
        )
    if len(by_key) > _SHOWN or len(rows) >= 4 * _SHOWN:
        report.problems.append(f"... and more {table} rows that disagree with the movements")


def _check_months(session: Session, report: VerifyReport) -> None:
    """The month summaries equal the movements: per month, item, kind and reason, and each item's running stock at
    the end of every month it moved in."""
    month = month_sql(session.get_bind().dialect.name, "business_date")
    flows = (
        f"SELECT {month} AS month, item_id, kind, coalesce(reason, '') AS reason, sum(quantity) AS quantity, "
        "sum(grams) AS grams, sum(value_cents) AS value_cents, count(*) AS movements "
        f"FROM movement GROUP BY {month}, item_id, kind, coalesce(reason, '')"
    )
    kept_flows = "SELECT month, item_id, kind, reason, quantity, grams, value_cents, movements FROM ledger_month"
    wrong = _differences(session, flows, kept_flows)
    _describe(report, "ledger_month", wrong, 4, "qty, g, cents, movements")
    running = (
        "SELECT item_id, month, sum(quantity) OVER running, sum(grams) OVER running, sum(value_cents) OVER running "
        f"FROM (SELECT item_id, {month} AS month, sum(quantity) AS quantity, sum(grams) AS grams, "
        f"sum(value_cents) AS value_cents FROM movement GROUP BY item_id, {month}) AS months "
        "WINDOW running AS (PARTITION BY item_id ORDER BY month)"
    )
    kept_stock = "SELECT item_id, month, quantity, grams, value_cents FROM stock_month"
    wrong_stock = _differences(session, running, kept_stock)
    _describe(report, "stock_month", wrong_stock, 2, "stock at the month's end: qty, g, cents")
    if not wrong and not wrong_stock:
        report.checks.append("Ledger = month summaries: ok")
