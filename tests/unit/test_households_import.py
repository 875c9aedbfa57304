"""`pantry import households FILE.csv` and `pantry households ...` from the shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantry.cli import main
from pantry.codes import make_code, parse_own_code
from pantry.services import households

HEADER = "code,name,adults,children,seniors,postcode,phone,language,dietary,proxy,notes"


def _run(db_path: Path, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main(["--db", str(db_path), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _listed(database) -> dict[str, households.HouseholdDetails]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return {row.code: row for row in households.household_list(session)}


def test_households_are_imported_with_generated_and_given_codes(
    database, db_path: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "households.csv"
    rows = [
        HEADER.replace(",", ";"),
        'card-001;Maria Lopez;2;3;;AB1 2CD;555-1234;Spanish;"no pork; nut allergy";Ana;',
        ";Tom;1;;;;;;;;",
        "ANON-7;;;;2;;;;diabetic;;walks with a cane",
        ";Maria Lopez;1;;;ab1 2cd;;;;;",  # same name and postcode as row 1: a warning
    ]
    file.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))  # BOM, ';' and CRLF
    code, out, err = _run(db_path, capsys, "import", "households", str(file), "--dry-run")
    assert (code, err) == (0, "")
    assert out.startswith("Would import 4 households row(s): 4 new, 0 updated")
    assert _listed(database) == {}

    code, out, err = _run(db_path, capsys, "import", "households", str(file))
    assert (code, err) == (0, "")
    assert out.startswith("Imported 4 households row(s): 4 new, 0 updated")
    assert "row 4: possible duplicate: CARD-001 (Maria) has the same name and postcode" in out
    listed = _listed(database)
    maria = listed["CARD-001"]
    assert (maria.size, maria.members, maria.dietary, maria.proxy) == (
        5,
        (("Children", 3), ("Adults", 2)),
        ("no_pork", "nut_allergy"),
        "Ana",
    )
    assert listed["ANON-7"].first_name == "" and listed["ANON-7"].members == (("Seniors", 2),)
    generated = [code for code in listed if parse_own_code(code)]
    assert len(generated) == 2 and all(parse_own_code(code).kind == "household" for code in generated)

    # the same card code again updates that household; columns the file lacks keep their values
    update = tmp_path / "update.csv"
    update.write_text("code,adults,children\ncard-001,2,4\n", encoding="utf-8")
    code, out, _ = _run(db_path, capsys, "import", "households", str(update))
    assert (code, out.splitlines()[0]) == (0, "Imported 1 households row(s): 0 new, 1 updated")
    again = _listed(database)["CARD-001"]
    assert (again.size, again.name, again.phone, again.dietary) == (6, "Maria Lopez", "555-1234", maria.dietary)


def test_bad_household_rows_are_all_named_and_nothing_is_imported(
    database, db_path: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "bad.csv"
    file.write_text(
        "\n".join(
            [
                HEADER,
                "AB,Ann,1,,,,,,,,",  # code too short
                ",Bo,,,,,,,,,",  # nobody
                ",,1,,,,,,,,",  # no name, no code
                "X1 2,Cy,two,,,,,,,,",  # blank in the code, a word for a count
                f"{make_code('household', 99)},Di,1,,,,,,,,",  # looks generated, but no household has it
                "CARD-9,Ed,1,,,,,,likes soup a lot!,,",  # not a flag
                "card-9,Fa,1,,,,,,,,",  # same code as row 6
                "OK-1,Gi,1,,,,,,,,",
            ]
        ),
        encoding="utf-8",
    )
    code, out, err = _run(db_path, capsys, "import", "households", str(file))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines == [
        "row 1: code: 'AB' must be 3 to 20 characters long (it has 2)",
        "row 2: adults: a household needs at least 1 person (adults + children + seniors is 0)",
        "row 3: name: give a name, or a code for an anonymous household",
        "row 4: code: 'X1 2' may hold letters, digits and punctuation only (no blanks or accents)",
        "row 4: adults: 'two' is not a whole number of people",
        f"row 5: code: {make_code('household', 99)} looks like a code Pantry Desk generates, but no household has "
        "it; leave code empty to get one",
        "row 6: dietary: 'likes soup a lot!' is not a dietary flag (letters, digits and _; free text goes in the note)",
        "row 7: code: CARD-9 is already on row 6",
        "8 problem(s) in 8 row(s); nothing was imported",
    ]
    assert _listed(database) == {}


def test_households_from_the_shell(database, db_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = _run(
        db_path, capsys, "households", "add", "--name", "Maria Lopez", "--adults", "2", "--children", "1",
        "--phone", "555-1234", "--dietary", "halal;nut allergy", "--declared", "2026-11-01", "--basis", "SNAP",
        "--consent",
    )  # fmt: skip
    assert (code, err) == (0, "")
    household = out.strip()
    assert parse_own_code(household).kind == "household"
    code, out, err = _run(db_path, capsys, "households", "add", "--name", "Mo", "--size", "1", "--phone", "5551234")
    assert code == 0 and err == f"warning: possible duplicate: {household} (Maria) has the same phone\n"
    code, out, _ = _run(db_path, capsys, "households", "show", household.lower())
    assert code == 0
    assert "People:       3: 1 Children, 2 Adults" in out and "self-declared 2026-11-01 (SNAP)" in out
    assert "Visits: 0" in out
    code, out, _ = _run(db_path, capsys, "households", "list", "--format", "csv")
    assert out.splitlines()[0] == "code,first_name,size,members,postcode,dietary,registered"
    assert f'{household},Maria,3,"1 Children, 2 Adults",,halal;nut_allergy,' in out
    code, _, err = _run(db_path, capsys, "households", "band", "seniors", "55+")
    assert (code, err) == (1, "ages: 55+ overlaps Adults (18-59)\n")
    assert _run(db_path, capsys, "households", "band", "seniors", "65+", "--label", "Seniors 65+")[0] == 0
    assert _run(db_path, capsys, "households", "band", "adults", "18-64")[0] == 0
    code, out, _ = _run(db_path, capsys, "households", "bands")
    assert "adults    Adults       18-64" in out and "seniors   Seniors 65+  65+" in out
    code, out, _ = _run(db_path, capsys, "households", "agency", "Riverside Shelter", "--people", "40")
    assert out == "Agency added: Riverside Shelter (serves 40)\n"
    assert "Riverside Shelter" in _run(db_path, capsys, "households", "agencies")[1]
    assert _run(db_path, capsys, "households", "add", "--size", "0")[0] == 1


@pytest.mark.parametrize("args", [["households"], ["households", "add", "--adults", "x"], ["import", "households"]])
def test_household_usage_errors_exit_1(db_path: Path, capsys, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(db_path), *args])
    assert exited.value.code == 1
    assert capsys.readouterr().err.startswith("usage: pantry")
