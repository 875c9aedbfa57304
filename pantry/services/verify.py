"""Proof that the books hold: the database file is sound and every balance equals the sum of its ledger."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from pantry.models import Balance, Lot, Movement


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
    return report
