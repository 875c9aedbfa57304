"""`ledger.receive` on PostgreSQL: the same movements, balances and month summaries as on SQLite, by both its ways."""

from __future__ import annotations

from pantry.db import open_database
from pantry.services import ledger
from tests.integration.fresh_database import fresh_postgres_database
from tests.unit.test_ledger_receive import SCRATCH_OR_WITH, check_receive


@SCRATCH_OR_WITH
def test_receive_on_postgresql(postgres_url: str, monkeypatch, scratch_from) -> None:
    monkeypatch.setattr(ledger, "_SCRATCH_FROM", scratch_from)
    database = open_database(fresh_postgres_database(postgres_url, "pantry_receive"))
    try:
        check_receive(database)
    finally:
        database.dispose()
