"""Users and PINs: argon2id hashes, PIN rules, sign-in on once an admin has a PIN, lockout and an admin's unlock."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from pantry.db import Database
from pantry.errors import UserError
from pantry.models import AuditEntry, User
from pantry.services import permissions, signin, users


@pytest.fixture
def people(database: Database) -> dict[str, int]:
    with database.session() as session:
        ids = {"admin": users.acting_user(session).id}
        for name, role in (("Sam", "volunteer"), ("Lee", "shift_lead"), ("Tess", "treasurer")):
            ids[name] = users.add_user(session, name, role, ids["admin"]).id
    return ids


def _user(database: Database, name: str) -> User:
    with database.session() as session:
        return session.scalars(select(User).where(User.name == name)).one()


def test_a_pin_is_stored_as_an_argon2id_hash_and_never_in_the_audit(database: Database, people) -> None:
    with database.session() as session:
        signin.set_pin(session, "Sam", "4711", people["admin"])
    stored = _user(database, "Sam").pin_hash
    assert stored is not None and stored.startswith("$argon2id$") and "4711" not in stored
    assert PasswordHasher().verify(stored, "4711")
    with database.session() as session:
        trail = [f"{entry.before} {entry.after}" for entry in session.scalars(select(AuditEntry))]
        assert any('"pin": "set"' in line for line in trail)
        assert not any("argon2" in line for line in trail)


@pytest.mark.parametrize(
    ("pin", "why"),
    [
        ("0000", "all one digit"),
        ("1234", "a run of digits"),
        ("98765", "a run of digits"),
        ("1212", "too easy"),
        ("2580", "too easy"),
        ("123", "at least 4 digits"),
        ("12a4", "digits only"),
        ("1234567890123", "at most 12 digits"),
    ],
)
def test_trivial_pins_are_refused_with_a_reason(database: Database, people, pin: str, why: str) -> None:
    with database.session() as session, pytest.raises(UserError, match=why):
        signin.set_pin(session, "Sam", pin, people["admin"])
    assert _user(database, "Sam").pin_hash is None


def test_sign_in_is_on_once_an_admin_has_a_pin(database: Database, people) -> None:
    with database.session() as session:
        assert not signin.pins_enabled(session)
        signin.set_pin(session, "Sam", "4711", people["admin"])
        assert not signin.pins_enabled(session)  # a volunteer's PIN does not turn it on
        signin.set_pin(session, "admin", "8395", people["admin"])
        assert signin.pins_enabled(session)


def test_sign_in_counts_wrong_pins_locks_and_an_admin_unlocks(database: Database, people) -> None:
    with database.session() as session:
        signin.set_pin(session, "Sam", "4711", people["admin"])
        signin.set_people_settings(session, {"pin_lockout_after": 3}, people["admin"])
    assert signin.sign_in_with(database.sessions, "sam", "4711") == signin.SignedIn(people["Sam"], "Sam", "volunteer")
    with pytest.raises(UserError, match=r"^sign in: wrong PIN, 2 tries left$"):
        signin.sign_in_with(database.sessions, "Sam", "1111")
    assert _user(database, "Sam").failed_pins == 1  # counted although the sign-in failed
    with pytest.raises(UserError, match=r"^sign in: wrong PIN, 1 try left$"):
        signin.sign_in_with(database.sessions, "Sam", "2222")
    with pytest.raises(UserError, match="Sam is now locked after 3 wrong PINs"):
        signin.sign_in_with(database.sessions, "Sam", "3333")
    with pytest.raises(UserError, match="Sam is locked after 3 wrong PINs; ask an admin to unlock"):
        signin.sign_in_with(database.sessions, "Sam", "4711")  # even the right PIN
    with database.session() as session:
        assert [row.locked for row in users.list_users(session) if row.name == "Sam"] == [True]
        with pytest.raises(permissions.PermissionDenied):
            signin.unlock(session, "Sam", people["Lee"])
    with database.session() as session:
        signin.unlock(session, "Sam", people["admin"])
    assert signin.sign_in_with(database.sessions, "Sam", "4711").role == "volunteer"
    sam = _user(database, "Sam")
    assert (sam.failed_pins, sam.locked_at) == (0, None)


def test_a_right_pin_resets_the_count(database: Database, people) -> None:
    with database.session() as session:
        signin.set_pin(session, "Sam", "4711", people["admin"])
    with pytest.raises(UserError):
        signin.sign_in_with(database.sessions, "Sam", "1111")
    signin.sign_in_with(database.sessions, "Sam", "4711")
    assert _user(database, "Sam").failed_pins == 0


def test_sign_in_in_the_callers_session_raises_wrong_pin_to_be_committed(database: Database, people) -> None:
    with database.session() as session:
        signin.set_pin(session, "Sam", "4711", people["admin"])
    with database.sessions() as session, session.begin(), pytest.raises(signin.WrongPin):
        signin.sign_in(session, "Sam", "9999")
    assert _user(database, "Sam").failed_pins == 1


def test_the_last_admins_lock_lifts_by_itself(database: Database, people) -> None:
    with database.session() as session:
        signin.set_pin(session, "admin", "8395", people["admin"])
    for _ in range(5):
        with pytest.raises(UserError):
            signin.sign_in_with(database.sessions, "admin", "1111")
    with pytest.raises(UserError, match="locked"):
        signin.sign_in_with(database.sessions, "admin", "8395")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=signin.SOLE_ADMIN_LOCK_MINUTES + 1)
    with database.session() as session:
        assert signin.sign_in(session, "admin", "8395", now=later).role == "admin"


def test_no_pin_unknown_and_inactive_users_cannot_sign_in(database: Database, people) -> None:
    with pytest.raises(UserError, match="Sam has no PIN yet"):
        signin.sign_in_with(database.sessions, "Sam", "4711")
    with pytest.raises(UserError, match="no user named 'Nobody'"):
        signin.sign_in_with(database.sessions, "Nobody", "4711")
    with database.session() as session:
        signin.set_pin(session, "Sam", "4711", people["admin"])
        users.deactivate(session, "Sam", people["admin"])
    with pytest.raises(UserError, match="no longer active"):
        signin.sign_in_with(database.sessions, "Sam", "4711")


def test_anyone_sets_their_own_pin_but_only_an_admin_sets_others(database: Database, people) -> None:
    with database.session() as session:
        signin.set_pin(session, "Sam", "4711", people["Sam"])
        with pytest.raises(permissions.PermissionDenied, match="Sam \\(volunteer\\) may not manage users"):
            signin.set_pin(session, "Lee", "4711", people["Sam"])


def test_users_are_added_listed_and_the_last_admin_stays(database: Database, people) -> None:
    with database.session() as session:
        with pytest.raises(UserError, match="already a user named 'Sam'"):
            users.add_user(session, "sam", "admin", people["admin"])
        with pytest.raises(UserError, match="role: 'boss' is not one of"):
            users.add_user(session, "Bo", "boss", people["admin"])
        with pytest.raises(UserError, match="the last active admin"):
            users.deactivate(session, "admin", people["admin"])
        with pytest.raises(UserError, match="the last active admin"):
            users.set_role(session, "admin", "volunteer", people["admin"])
        listed = [(row.name, row.role, row.active, row.has_pin, row.locked) for row in users.list_users(session)]
    assert listed == [
        ("admin", "admin", True, False, False),
        ("Lee", "shift_lead", True, False, False),
        ("Sam", "volunteer", True, False, False),
        ("Tess", "treasurer", True, False, False),
    ]


def test_people_settings_have_ranges(database: Database, people) -> None:
    with database.session() as session:
        assert signin.idle_lock_minutes(session) == 10
        assert signin.set_people_settings(session, {"idle_lock_minutes": 3, "retention_years": 5}, people["admin"]) == {
            "idle_lock_minutes": 3,
            "pin_lockout_after": 5,
            "retention_years": 5,
        }
        with pytest.raises(UserError, match="pin_lockout_after: 1 is out of range"):
            signin.set_people_settings(session, {"pin_lockout_after": 1}, people["admin"])
