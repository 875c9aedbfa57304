"""The role matrix: every write service (and the report, letter and audit readers) called as every role.

The table below is written from the issue, not copied from pantry.services.permissions, so the two check each other:
a role below the minimal one gets PermissionDenied and the database is unchanged even when the session is committed
after the refusal (the check comes before any write); a role at or above it is not refused. "personal" marks what
only shift leads and admins may do (households' personal details): a treasurer is above a shift lead but not there.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from pantry import audit, i18n
from pantry.db import Database, open_database
from pantry.errors import UserError
from pantry.models import Base, User
from pantry.services import (
    agencies,
    catalog,
    counts,
    handover,
    history,
    households,
    imports,
    intake,
    labels,
    packing,
    permissions,
    pickups,
    signin,
    stock,
    stockcare,
    templates,
    users,
    valuation,
    visits,
)
from pantry.services import reports as report_service
from pantry.services.reports import letters
from pantry.services.reports import settings as report_settings
from pantry.services.reports.period import Period
from tests import helpers
from tests.unit.test_pickups import DAY, TODAY, build_pantry

ROLES = ("volunteer", "shift_lead", "treasurer", "admin")
PERSONAL = "personal"


@dataclass
class Pantry:
    """What the calls need: codes and ids in the template database, and CSV files to import."""

    ids: dict[str, int]
    lot: str  # a beans lot in Main
    household: str
    walk_in_household: str
    planned: str  # a planned order
    planned_id: int
    picked_up: str  # a picked-up order
    count_id: int
    folder: Path


def _build(path: Path, folder: Path) -> Pantry:
    database = open_database(path)
    try:
        with database.session() as session:
            ids = build_pantry(session)
            admin = helpers.admin_id(session)
            templates.save_template(session, "Jam", [templates.LineSpec(ids["JAM"], None, per_household=1)], admin)
            visits.set_visit_limit(session, mode="off")
            code = households.register_household(session, households.HouseholdSpec(name="Ann", size=2), admin)
            walk_in = households.register_household(session, households.HouseholdSpec(name="Cy", size=1), admin)
            other = households.register_household(session, households.HouseholdSpec(name="Bo", size=1), admin)
            planned = pickups.plan(session, DAY, "Jam", admin, household=code.household.code)
            done = pickups.plan(session, TODAY, "Jam", admin, household=other.household.code)
            handover.complete(session, done.code, admin, day=TODAY)
            count_id = counts.start(session, admin, location="Back room")
            lot = next(row.lot for row in stock.stock_by_lot(session) if row.sku == "BB15" and row.location == "Main")
            for name, role in (("Val", "volunteer"), ("Lee", "shift_lead"), ("Tess", "treasurer")):
                session.add(User(name=name, role=role))
    finally:
        database.dispose()
    (folder / "items.csv").write_text("name\nOats\n", encoding="utf-8")
    (folder / "donors.csv").write_text("name\nCorner Shop\n", encoding="utf-8")
    (folder / "locations.csv").write_text("name\nFreezer\n", encoding="utf-8")
    (folder / "households.csv").write_text("name,size\nDee,3\n", encoding="utf-8")
    (folder / "donations.csv").write_text(
        f"date,donor,item,quantity,weight_kg,weight_lb,expires,location,note\n{TODAY},,BB15,2,,,,,\n", encoding="utf-8"
    )
    return Pantry(
        ids,
        lot,
        code.household.code,
        walk_in.household.code,
        planned.code,
        planned.order_id,
        done.code,
        count_id,
        folder,
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Pantry]:
    folder = tmp_path_factory.mktemp("matrix")
    path = folder / "template.sqlite"
    return path, _build(path, folder)


@pytest.fixture
def pantry(template: tuple[Path, Pantry], tmp_path: Path) -> Iterator[tuple[Database, Pantry]]:
    path, facts = template
    copy = tmp_path / "pantry.sqlite"
    shutil.copyfile(path, copy)
    database = open_database(copy)
    yield database, facts
    database.dispose()


Call = Callable[[Any, Pantry, int], object]


def _draft(p: Pantry) -> intake.DonationDraft:
    return intake.DonationDraft(TODAY, [intake.IntakeLine(p.ids["BB15"], quantity=1, location_id=p.ids["main"])])


def _spec(name: str) -> households.HouseholdSpec:
    return households.HouseholdSpec(name=name, size=1, phone="555 0100")


# (name, minimal role or PERSONAL, call)
MATRIX: list[tuple[str, str, Call]] = [
    # volunteers
    ("intake.record_donation", "volunteer", lambda s, p, u: intake.record_donation(s, _draft(p), u)),
    ("catalog.add_code", "volunteer", lambda s, p, u: catalog.add_code(s, p.ids["PB"], "4006381333931", 1, u)),
    ("labels.set_label_offset", "volunteer", lambda s, p, u: labels.set_label_offset(s, "avery5160", 0.5, -0.5, u)),
    ("handover.complete", "volunteer", lambda s, p, u: handover.complete(s, p.planned, u, day=DAY)),
    ("pickups.walk_in", "volunteer", lambda s, p, u: pickups.walk_in(s, p.walk_in_household, "Jam", u, day=DAY)),
    (
        "handover.checkout",
        "volunteer",
        lambda s, p, u: handover.checkout(s, p.walk_in_household, {p.ids["CORN"]: 1}, u, day=TODAY),
    ),
    ("counts.enter", "volunteer", lambda s, p, u: counts.enter(s, p.count_id, [counts.Entry(p.lot, 1, "Main")], u)),
    # shift leads
    ("pickups.plan", "shift_lead", lambda s, p, u: pickups.plan(s, DAY, "Jam", u, household=p.walk_in_household)),
    ("packing.pack", "shift_lead", lambda s, p, u: packing.pack(s, [p.planned_id], u)),
    ("pickups.cancel", "shift_lead", lambda s, p, u: pickups.cancel(s, p.planned, u)),
    ("pickups.no_show", "shift_lead", lambda s, p, u: pickups.no_show(s, p.planned, u, today=DAY)),
    ("pickups.close_day", "shift_lead", lambda s, p, u: pickups.close_day(s, DAY, u, today=DAY)),
    (
        "handover.return_goods",
        "shift_lead",
        lambda s, p, u: handover.return_goods(s, p.picked_up, {p.ids["JAM"]: 1}, u),
    ),
    ("agencies.save_agency", "shift_lead", lambda s, p, u: agencies.save_agency(s, "Shelter", u, people=5)),
    ("stockcare.transfer", "shift_lead", lambda s, p, u: stockcare.transfer(s, p.lot, "Back room", u, quantity=1)),
    ("stockcare.adjust", "shift_lead", lambda s, p, u: stockcare.adjust(s, p.lot, -1, "damaged", u)),
    ("stockcare.recall", "shift_lead", lambda s, p, u: stockcare.recall(s, "BB15", u, quarantine=True)),
    ("counts.start", "shift_lead", lambda s, p, u: counts.start(s, u, location="Main")),
    ("counts.post", "shift_lead", lambda s, p, u: counts.post(s, p.count_id, u)),
    ("counts.cancel", "shift_lead", lambda s, p, u: counts.cancel(s, p.count_id, u)),
    ("history.undo_last", "shift_lead", lambda s, p, u: history.undo_last(s, u)),
    (
        "imports.import_donations",
        "shift_lead",
        lambda s, p, u: imports.import_donations(s, p.folder / "donations.csv", u),
    ),
    ("visits.set_visit_limit", "shift_lead", lambda s, p, u: visits.set_visit_limit(s, "2 per month", "warn", u)),
    # households' personal details: shift leads and admins
    ("households.register_household", PERSONAL, lambda s, p, u: households.register_household(s, _spec("Eve"), u)),
    (
        "households.update_household",
        PERSONAL,
        lambda s, p, u: households.update_household(s, p.household, _spec("Ann"), u),
    ),
    # treasurers
    ("reports.build", "treasurer", lambda s, p, u: report_service.build(s, "valuation", user_id=u)),
    (
        "letters.acknowledgements",
        "treasurer",
        lambda s, p, u: letters.acknowledgements(s, Period(TODAY - dt.timedelta(days=30), TODAY), user_id=u),
    ),
    ("valuation.set_valuation", "treasurer", lambda s, p, u: valuation.set_valuation(s, rate="1.75/lb", user_id=u)),
    (
        "report settings",
        "treasurer",
        lambda s, p, u: report_settings.set_report_settings(s, {"org_address": "1 Main St"}, u),
    ),
    # admins
    ("catalog.save_item", "admin", lambda s, p, u: catalog.save_item(s, catalog.ItemSpec(name="Rice 2 lb"), u)),
    ("catalog.save_location", "admin", lambda s, p, u: catalog.save_location(s, "Freezer", "frozen", u)),
    ("catalog.save_donor", "admin", lambda s, p, u: catalog.save_donor(s, catalog.DonorSpec(name="Corner Shop"), u)),
    ("stockcare.add_reason", "admin", lambda s, p, u: stockcare.add_reason(s, "mice", "Mice", u)),
    (
        "templates.save_template",
        "admin",
        lambda s, p, u: templates.save_template(s, "Kit", [templates.LineSpec(p.ids["PB"], None, 1)], u),
    ),
    ("households.save_age_band", "admin", lambda s, p, u: households.save_age_band(s, "seniors", "", "65+", u)),
    ("imports.import_items", "admin", lambda s, p, u: imports.import_items(s, p.folder / "items.csv", u)),
    ("imports.import_donors", "admin", lambda s, p, u: imports.import_donors(s, p.folder / "donors.csv", u)),
    ("imports.import_locations", "admin", lambda s, p, u: imports.import_locations(s, p.folder / "locations.csv", u)),
    (
        "imports.import_households",
        "admin",
        lambda s, p, u: imports.import_households(s, p.folder / "households.csv", u),
    ),
    ("users.add_user", "admin", lambda s, p, u: users.add_user(s, "Newbie", "volunteer", u)),
    ("users.set_role", "admin", lambda s, p, u: users.set_role(s, "Val", "shift_lead", u)),
    ("users.deactivate", "admin", lambda s, p, u: users.deactivate(s, "Tess", u)),
    ("signin.set_pin", "admin", lambda s, p, u: signin.set_pin(s, "admin", "4711", u)),
    ("signin.unlock", "admin", lambda s, p, u: signin.unlock(s, "Val", u)),
    (
        "signin.set_people_settings",
        "admin",
        lambda s, p, u: signin.set_people_settings(s, {"idle_lock_minutes": 5}, u),
    ),
    ("households.forget", "admin", lambda s, p, u: households.forget(s, p.household, u)),
    ("households.forget_inactive", "admin", lambda s, p, u: households.forget_inactive(s, 1, u, today=DAY)),
    ("audit.entries", "admin", lambda s, p, u: audit.entries(s, user_id=u)),
]


def _allowed(minimal: str, role: str) -> bool:
    if minimal == PERSONAL:
        return role in ("shift_lead", "admin")
    return ROLES.index(role) >= ROLES.index(minimal)


def dump(database: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order."""
    with database.engine.connect() as connection:
        return {
            table.name: sorted(
                (tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table.name}"'))), key=repr
            )
            for table in Base.metadata.sorted_tables
        }


def _user_id(database: Database, role: str) -> int:
    with database.session() as session:
        return session.scalars(select(User.id).where(User.role == role).order_by(User.id)).first()  # type: ignore[return-value]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "minimal", "call"), MATRIX, ids=[row[0] for row in MATRIX])
def test_every_service_as_every_role(
    pantry: tuple[Database, Pantry], name: str, minimal: str, call: Call, role: str
) -> None:
    database, facts = pantry
    acting = _user_id(database, role)
    if not _allowed(minimal, role):
        before = dump(database)
        # the session is committed after the refusal: a service that wrote before checking would show in the dump
        with database.sessions() as session, session.begin(), pytest.raises(permissions.PermissionDenied) as refused:
            call(session, facts, acting)
        assert dump(database) == before
        assert refused.value.role == role
        return
    with database.session() as session:
        try:
            call(session, facts, acting)
        except permissions.PermissionDenied:  # pragma: no cover - the failure message says who was refused
            pytest.fail(f"{role} was refused {name}")
        except UserError:
            pass  # allowed, but the pantry's state says no (nothing of theirs to undo ...): not a permission problem


def test_the_table_knows_every_action_the_services_ask_for() -> None:
    import re

    asked = set()
    for path in Path(permissions.__file__).parent.rglob("*.py"):
        asked |= set(re.findall(r'require\(session, [a-z_]+, "([a-z_.]+)"\)', path.read_text(encoding="utf-8")))
    assert asked and asked <= set(permissions.ACTIONS)


def test_a_refusal_names_the_user_their_role_and_who_to_ask(pantry: tuple[Database, Pantry]) -> None:
    database, facts = pantry
    with database.session() as session:
        val = session.scalars(select(User).where(User.name == "Val")).one()
        with pytest.raises(
            permissions.PermissionDenied, match=r"^Val \(volunteer\) may not transfer stock: ask a shift lead$"
        ):
            stockcare.transfer(session, facts.lot, "Back room", val.id)
        tess = session.scalars(select(User).where(User.name == "Tess")).one()
        with pytest.raises(
            permissions.PermissionDenied, match=r"^Tess \(treasurer\) may not register or change households"
        ):
            households.register_household(session, _spec("Eve"), tess.id)
        with pytest.raises(permissions.PermissionDenied, match=r"may not manage users: ask an admin$"):
            users.add_user(session, "X", "admin", tess.id)


def test_a_role_reads_the_same_in_a_refusal_and_in_the_window(pantry: tuple[Database, Pantry]) -> None:
    """One wording per role (permissions.ROLE_WORDS): the refusals say it, and so do the window's People table and
    title (the window says `role_word` too)."""
    assert [permissions.role_word(role) for role in ROLES] == ["volunteer", "shift lead", "treasurer", "admin"]
    assert permissions.role_word("night_porter") == "night porter"  # a role this version does not know
    database, _facts = pantry
    with database.session() as session:
        lee = session.scalars(select(User).where(User.name == "Lee")).one()
        with pytest.raises(
            permissions.PermissionDenied, match=r"^Lee \(shift lead\) may not manage users: ask an admin$"
        ):
            users.add_user(session, "X", "admin", lee.id)
        with i18n.desk("es"):
            assert [permissions.role_word(role) for role in ROLES] == [
                "voluntario",
                "jefe de turno",
                "tesorero",
                "administrador",
            ]
            with pytest.raises(permissions.PermissionDenied, match=r"^Lee \(jefe de turno\) no puede"):
                users.add_user(session, "X", "admin", lee.id)


def test_personal_details_come_from_the_same_table() -> None:
    assert [role for role in ROLES if users.sees_personal_details(role)] == ["shift_lead", "admin"]
    assert permissions.actions_for("volunteer") < permissions.actions_for("shift_lead")
    assert "stock.transfer" in permissions.actions_for("treasurer")  # a treasurer has a shift lead's other rights
    assert "household.details" not in permissions.actions_for("treasurer")
    assert permissions.actions_for("admin") == frozenset(permissions.ACTIONS)


def test_internal_callers_pass_and_a_bound_session_checks_its_user(pantry: tuple[Database, Pantry]) -> None:
    database, facts = pantry
    with database.session() as session:
        assert permissions.require(session, None, "users") is None  # sample generator, migrations, tests
    val = _user_id(database, "volunteer")
    permissions.bind_user(database.sessions, val)
    with database.session() as session, pytest.raises(permissions.PermissionDenied, match="Val"):
        valuation.set_valuation(session, rate="2/lb")  # no user passed: the signed-in one is checked
    permissions.bind_user(database.sessions, None, sign_in_required=True)
    with database.session() as session, pytest.raises(UserError, match="sign in: PINs are on"):
        stockcare.adjust(session, facts.lot, -1, "damaged", None)
    with database.session() as session:
        assert stock.stock_by_item(session)  # reading stock needs nobody
    permissions.bind_user(database.sessions, None)
    with database.session() as session:
        stockcare.adjust(session, facts.lot, -1, "damaged", None)
