"""People on PostgreSQL: migration 0006, the role check, wrong PINs counted and locked, the audit trail, forgetting."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from pantry import audit
from pantry.db import Database, open_database
from pantry.errors import UserError
from pantry.services import households, permissions, signin, stockcare, users
from tests import helpers
from tests.integration.fresh_database import fresh_postgres_database
from tests.unit.test_pickups import build_pantry


@pytest.fixture
def on_postgres(postgres_url: str) -> Iterator[Database]:
    """A database of its own on the test server (the other PostgreSQL tests use theirs)."""
    database = open_database(fresh_postgres_database(postgres_url, "pantry_people"))
    yield database
    database.dispose()


def test_people_on_postgresql(on_postgres: Database) -> None:
    database = on_postgres
    with database.session() as session:
        build_pantry(session)
        admin = helpers.admin_id(session)
        sam = users.add_user(session, "Sam", "volunteer", admin).id
        lee = users.add_user(session, "Lee", "shift_lead", admin).id
        signin.set_pin(session, "Sam", "4711", admin)
        signin.set_pin(session, "admin", "8395", admin)
        code = households.register_household(
            session, households.HouseholdSpec(name="Ann", size=2, phone="555 0100"), lee
        ).household.code
        lot = session.execute(text("SELECT code FROM lot ORDER BY id LIMIT 1")).scalar_one()
    with database.session() as session:
        assert signin.pins_enabled(session)
        with pytest.raises(permissions.PermissionDenied, match="Sam \\(volunteer\\) may not adjust stock"):
            stockcare.adjust(session, lot, -1, "damaged", sam)
    for _ in range(5):
        with pytest.raises(UserError, match="wrong PIN"):
            signin.sign_in_with(database.sessions, "Sam", "1111")
    with pytest.raises(UserError, match="Sam is locked"):
        signin.sign_in_with(database.sessions, "Sam", "4711")
    with database.session() as session:
        signin.unlock(session, "Sam", admin)
    assert signin.sign_in_with(database.sessions, "Sam", "4711").name == "Sam"
    with database.session() as session:
        households.update_household(session, code, households.HouseholdSpec(name="Ann", size=3, phone="555 0199"), lee)
    with database.session() as session:
        edit = [entry for entry in audit.entries(session, user="Lee") if entry.action == "household.change"][-1]
        assert json.loads(edit.after) == {"phone": "555 0199", "size": 3}
        assert any(
            entry.action == "stock.intake"
            for entry in audit.entries(session, start=dt.date.today() - dt.timedelta(days=1))
        )
        households.forget(session, code, admin)
    with database.engine.connect() as connection:
        trail = " ".join(
            f"{row[0]} {row[1]}" for row in connection.execute(text("SELECT before, after FROM audit_entry"))
        )
    assert "555 0100" not in trail and "555 0199" not in trail and "argon2" not in trail
