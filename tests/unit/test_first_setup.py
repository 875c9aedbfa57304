"""A new pantry set up in one go (pantry.services.first_setup): all of it written, or no file at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantry.db import open_database
from pantry.errors import UserError
from pantry.services import first_setup, signin, users, valuation
from pantry.services.reports import settings as report_settings

NEW = first_setup.NewPantry(
    name="  Eastside   Food Shelf ",
    address="12 Main St\nSpringfield",
    tax_id="12-3456789",
    weight_unit="kg",
    currency="cad",
    admin="Rosa Díaz",
    pin="4821",
)


def test_creates_the_pantry_with_its_settings_and_admin(tmp_path: Path) -> None:
    path = first_setup.create(tmp_path / "pantry.sqlite", NEW)

    assert path == tmp_path / "pantry.sqlite"
    assert sorted(file.name for file in tmp_path.iterdir()) == ["pantry.sqlite"]
    database = open_database(path)
    try:
        with database.session() as session:
            org = report_settings.organisation(session)
            assert (org.name, org.address) == ("Eastside Food Shelf", "12 Main St\nSpringfield")
            assert org.tax_id == "12-3456789"
            assert report_settings.weight_unit(session) == "kg"
            assert valuation.valuation(session).currency == "CAD"
            assert [(user.name, user.role, user.has_pin) for user in users.list_users(session)] == [
                ("Rosa Díaz", "admin", True)
            ]
            assert signin.pins_enabled(session)
            assert signin.sign_in(session, "Rosa Díaz", "4821").name == "Rosa Díaz"
    finally:
        database.dispose()


def test_without_a_pin_sign_in_stays_off(tmp_path: Path) -> None:
    path = first_setup.create(tmp_path / "pantry.sqlite", first_setup.NewPantry(name="Food Shelf", admin="Sam"))

    database = open_database(path)
    try:
        with database.session() as session:
            assert not signin.pins_enabled(session)
            assert users.acting_user(session).name == "Sam"
            assert report_settings.weight_unit(session) == "lb"
    finally:
        database.dispose()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"pin": "12"}, "PIN:"),
        ({"pin": "1111"}, "PIN:"),
        ({"name": "   "}, "pantry name:"),
        ({"currency": "dollars"}, "currency:"),
        ({"admin": ""}, "admin name:"),
        ({"weight_unit": "oz"}, "weight unit:"),
    ],
)
def test_bad_input_names_the_field_and_writes_no_file(tmp_path: Path, change: dict[str, str], field: str) -> None:
    fields = {**NEW.__dict__, **change}
    with pytest.raises(UserError, match=f"^{field}"):
        first_setup.create(tmp_path / "pantry.sqlite", first_setup.NewPantry(**fields))

    assert list(tmp_path.iterdir()) == []


def test_a_failure_after_the_file_was_started_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise UserError("currency: refused")

    monkeypatch.setattr(valuation, "set_valuation", refuse)
    with pytest.raises(UserError, match="refused"):
        first_setup.create(tmp_path / "pantry.sqlite", NEW)

    assert list(tmp_path.iterdir()) == []


def test_an_existing_database_is_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "pantry.sqlite"
    open_database(path, org_name="Already here").dispose()

    with pytest.raises(UserError, match="already a database"):
        first_setup.create(path, NEW)

    database = open_database(path)
    try:
        with database.session() as session:
            assert report_settings.organisation(session).name == "Already here"
    finally:
        database.dispose()


def test_only_a_new_pantrys_admin_can_be_renamed(database: object) -> None:
    with database.session() as session:  # type: ignore[attr-defined]
        admin = users.acting_user(session)
        users.add_user(session, "Lee", "volunteer", admin.id)
        with pytest.raises(UserError, match=r"^admin name: only a new pantry"):
            first_setup.name_first_admin(session, "Rosa")
