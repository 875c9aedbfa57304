"""The core's messages in the desk's language: a refusal (bad input, a permission) is said in Spanish on a Spanish
desk and still names the field or the row; on an English desk it reads exactly as before. Built-in rows the pantry
has not renamed (the adjustment reasons, Main, Anonymous, the age bands) read in the desk's language too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pantry import barcodes, i18n
from pantry.db import Database
from pantry.errors import UserError
from pantry.services import catalog, handover, intake, permissions, setup, users

TODAY = dt.date(2026, 11, 28)


def _refusals(database: Database, tmp_path: Path) -> dict[str, list[str]]:
    """Each refusal's lines, said in whatever language the desk speaks now."""
    said: dict[str, list[str]] = {}

    def refused(name: str, call, kind: type[UserError] = UserError) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(kind) as problem:
            call()
        said[name] = list(problem.value.problems)

    with database.session() as session:
        beans, _new = catalog.save_item(session, catalog.ItemSpec(name="Black beans", sku="BB15"), None)
        milk, _new = catalog.save_item(session, catalog.ItemSpec(name="Milk", sku="MILK", date_kind="use_by"), None)
        session.flush()
        zero = intake.DonationDraft(TODAY, [intake.IntakeLine(beans.id, quantity=0)])
        refused("zero quantity", lambda: intake.record_donation(session, zero, None, today=TODAY))
        old = intake.IntakeLine(milk.id, quantity=2, expires_on=TODAY - dt.timedelta(days=3))
        past = intake.DonationDraft(TODAY, [old])
        refused("past expiry", lambda: intake.record_donation(session, past, None, today=TODAY))
        refused("malformed barcode", lambda: barcodes.parse_scan("4006381333932"))
        given = tmp_path / "given.csv"
        given.write_text("sku,quantity\nNOPE,1\nBB15,lots\n", encoding="utf-8")
        refused("bad CSV row", lambda: handover.read_quantities(session, given))
        sam = users.add_user(session, "Sam", "volunteer", None)
        refused("permission", lambda: users.add_user(session, "Lee", "volunteer", sam.id), permissions.PermissionDenied)
        session.rollback()
    return said


ENGLISH = {
    "zero quantity": ["line 1: quantity: give how many Black beans (more than zero)"],
    "past expiry": [
        "line 1: expires: Milk is use-by and its date 2026-11-25 is before the date received 2026-11-28; "
        "it cannot be given out"
    ],
    "malformed barcode": ["'4006381333932' has a wrong check digit (expected 1)"],
    "bad CSV row": [
        "row 1: sku: no item with sku 'NOPE'",
        "row 2: quantity: 'lots' is not a whole number, 0 or more",
    ],
    "permission": ["Sam (volunteer) may not manage users: ask an admin"],
}
SPANISH = {
    "zero quantity": ["línea 1: cantidad: indique cuántos Black beans (más de cero)"],
    "past expiry": [
        "línea 1: vence: Milk tiene fecha de caducidad y su fecha 25/11/2026 es anterior a la de recepción "
        "28/11/2026; no se puede entregar"
    ],
    "malformed barcode": ["'4006381333932' tiene un dígito de control incorrecto (se esperaba 1)"],
    "bad CSV row": [
        "fila 1: sku: no hay ningún artículo con el sku 'NOPE'",
        "fila 2: cantidad: 'lots' no es un número entero igual o mayor que 0",
    ],
    "permission": ["Sam (voluntario) no puede administrar usuarios: pídaselo a un administrador"],
}


def test_an_english_desk_says_the_refusals_as_before(database: Database, tmp_path: Path) -> None:
    assert _refusals(database, tmp_path) == ENGLISH


def test_a_spanish_desk_says_the_refusals_in_spanish_naming_the_field_and_the_row(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANTRY_LANG", "es")
    assert _refusals(database, tmp_path) == SPANISH
    with i18n.desk("en"):  # the process's choice wins over PANTRY_LANG, as `pantry --lang en` does
        assert _refusals(database, tmp_path) == ENGLISH


def test_the_cli_says_a_refusal_in_its_language(database: Database, db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from pantry.cli import main

    assert main(["--db", str(db_path), "--lang", "es", "undo"]) == 1
    assert capsys.readouterr().err.strip() == "deshacer: no hay nada suyo que deshacer"
    assert main(["--db", str(db_path), "undo"]) == 1
    assert capsys.readouterr().err.strip() == "undo: there is nothing of yours to undo"


def test_built_in_rows_read_in_the_desks_language_until_the_pantry_renames_them(database: Database) -> None:
    es, en = i18n.translator("es"), i18n.translator("en")
    assert i18n.builtin_label("reason", "spoiled", "Spoiled", es) == "Echado a perder"
    assert i18n.builtin_label("reason", "spoiled", "Spoiled", en) == "Spoiled"
    assert i18n.builtin_label("reason", "spoiled", "Gone off", es) == "Gone off"  # the pantry's own words
    assert i18n.builtin_label("reason", "mice", "Mice", es) == "Mice"  # the pantry's own reason
    assert i18n.builtin_label("location", "main", setup.MAIN_LOCATION, es) == "Principal"
    assert i18n.builtin_label("location", None, "Main", es) == "Principal"  # matched by the label alone
    assert i18n.builtin_label("location", None, "Walk-in cooler", es) == "Walk-in cooler"
    assert i18n.builtin_label("donor", "anonymous", setup.ANONYMOUS, es) == "Anónimo"
    assert i18n.builtin_label("band", "children", "Children", es) == "Niños"
    assert i18n.builtin_label("band", "children", "Kids", es) == "Kids"
    assert i18n.builtin_label("diet", "nut_allergy", "nut_allergy", es) == "alergia a frutos secos"
    with i18n.desk("es"):  # no translator given: the desk's
        assert i18n.builtin_label("reason", "expired", "Expired") == "Vencido"
    with database.session() as session:  # every reason a new database is given has its Spanish label
        from pantry.services import stockcare

        for reason in stockcare.reasons(session):
            assert reason.builtin and i18n.builtin_label("reason", reason.code, reason.label, es) != reason.label


def test_a_form_finds_the_field_a_household_refusal_names_in_either_language(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pantry.services import households

    def refusal() -> str:
        with database.session() as session, pytest.raises(UserError) as problem:
            households.register_household(session, households.HouseholdSpec(first_name="Ann", size=0), None)
        return problem.value.problems[0]

    english = refusal()
    assert english == "size: a household has at least 1 person (got 0)"
    assert households.problem_field(english) == ("size", "a household has at least 1 person (got 0)")
    monkeypatch.setenv("PANTRY_LANG", "es")
    spanish = refusal()
    assert spanish == "tamaño: un hogar tiene al menos 1 persona (se indicó 0)"
    assert households.problem_field(spanish) == ("size", "un hogar tiene al menos 1 persona (se indicó 0)")
    assert households.problem_field("children: -1 es menor que cero") == ("children", "-1 es menor que cero")
    assert households.problem_field("2 problemas") is None
