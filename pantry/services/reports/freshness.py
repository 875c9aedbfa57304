"""A cheap "has anything changed" stamp for reports: equal stamps mean every report would come out the same.

The window keeps the last reports it built; before showing one again it asks for the stamp and rebuilds only when
the stamp moved. The stamp must move whenever any input of any report changes, and stay put otherwise:

- the ledger tables only grow: a movement, an operation, a donation, a lot event is never edited nor deleted (an undo
  posts new movements; a lot's quarantine, release or use-by override writes a lot event), so their highest id says
  whether they changed, read from the primary key's index in no time however long the ledger is;
- tables that grow but may lose rows (order lines, allocations, counts, codes) add their row count; a pickup order
  also moves through its statuses (the monthly report counts those picked up), so its counts per status too;
- every other table (settings, categories, items, donors, locations, households and their members, agencies, age
  bands, reasons, users) is small and edited in place, so its whole content is hashed. A table this module does not
  know (a newer migration's) is hashed too: a new table can make the stamp slower, never wrong.

Reading never changes the stamp: building a report, listing stock or opening a session leaves it as it was.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from pantry.models import Base

# Tables whose rows are never deleted nor edited (a lot that changes gets a lot event): the highest id says it all.
LEDGER = frozenset(
    {
        "movement",
        "operation",
        "lot",
        "lot_event",
        "donation",
        "audit_entry",  # the audit trail: grows with every master-data change, which the hashed tables see too
    }
)
# Tables that grow and may lose rows: (row count, highest id, counts per status) is their fingerprint.
APPEND_ONLY = frozenset(
    {
        "stock_count",
        "count_line",
        "pickup_order",
        "pickup_order_line",
        "pickup_allocation",
        "product_code",
        "allotment_template_line",
    }
)
# Derived from the movements (a cache of their sums): nothing of its own to add.
DERIVED = frozenset({"balance"})


def _ledger(session: Session, table: Table) -> str:
    return str(session.scalar(select(func.max(table.c.id))) or 0)


def _append_only(session: Session, table: Table) -> str:
    count, highest = session.execute(select(func.count(), func.max(table.c.id)).select_from(table)).one()
    part = f"{int(count or 0)},{int(highest or 0)}"
    if "status" in table.c:
        statuses = session.execute(
            select(table.c.status, func.count()).group_by(table.c.status).order_by(table.c.status)
        )
        part += "".join(f",{status}:{number}" for status, number in statuses)
    return part


def _content(session: Session, table: Table) -> str:
    digest = hashlib.sha256()
    order = list(table.primary_key.columns) or list(table.columns)
    for row in session.execute(select(*table.columns).order_by(*order)):
        digest.update(repr(tuple(row)).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def stamp(session: Session) -> str:
    """A short text that changes whenever anything a report reads changes (see the module docstring)."""
    digest = hashlib.sha256()
    for table in Base.metadata.sorted_tables:
        if table.name in DERIVED:
            continue
        if table.name in LEDGER:
            part = _ledger(session, table)
        elif table.name in APPEND_ONLY:
            part = _append_only(session, table)
        else:
            part = _content(session, table)
        digest.update(f"{table.name}={part};".encode())
    return digest.hexdigest()[:32]
