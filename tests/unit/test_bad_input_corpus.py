"""The bad-input corpus: broken CSV files for every import, refused row by row, writing nothing.

tests/data/bad_csv/<kind>/ holds small broken files (wrong encoding, missing and extra columns, negative and absurd
numbers, impossible dates, NUL and control characters, duplicate keys in the file and clashes with the database) for
`pantry import items|donors|locations|donations|households`, `pantry template add` and `pantry pickup complete
--given`. Each is run through the `pantry` command: exit status 1, the expected `row N: field: ...` lines on stderr,
nothing on stdout, and every table exactly as it was. The 10 MB single cell is made here, not kept in the repository.
Text that merely looks like a formula is no error: it is stored as given and neutralised on export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy import select

from pantry.cli import main
from pantry.models import Donor, Item
from pantry.services import households, pickups, templates
from tests import helpers

CORPUS = Path(__file__).resolve().parents[1] / "data" / "bad_csv"
COMMANDS = {
    "items": ("import", "items"),
    "donors": ("import", "donors"),
    "locations": ("import", "locations"),
    "donations": ("import", "donations"),
    "households": ("import", "households"),
    "templates": ("template", "add", "Corpus box"),
}
ENCODING = (
    "encoding: byte 0x{byte} in '{text}' is not UTF-8 (saved as Latin-1 or Windows-1252?); save the file as CSV UTF-8"
)
UTF16 = "row 1: encoding: {name} is UTF-16 text, not UTF-8; save the file as CSV UTF-8"
NUL = "contains NUL, which no one types; check the file"

# file → lines that must be on stderr (each one whole)
EXPECTED: dict[str, list[str]] = {
    "items/latin1.csv": ["row 2: " + ENCODING.format(byte="E9", text="CAFE,Caf\ufffd au lait,Drinks")],
    "items/utf16.csv": [UTF16.format(name="utf16.csv")],
    "items/missing_columns.csv": ["header: missing column(s) name"],
    "items/unknown_column.csv": [
        "header: unknown column(s) colour; expected sku,name,category,unit,unit_weight_kg,unit_weight_lb,unit_value,"
        "storage,date_kind,shelf_life_days,par_level,barcodes,tags"
    ],
    "items/extra_cells.csv": ["row 1: cells: 2 cell(s) outside the header's named columns"],
    "items/absurd_numbers.csv": [
        "row 1: unit_weight_kg: '-1' must be a positive number",
        "row 2: unit_value: '1000000000000' is more than $10,000; check the number",
        "row 3: shelf_life_days: 99999999 days is more than 9,999; check the number",
        "row 4: par_level: 99999999999999 units is more than 1,000,000; check the number",
        "row 5: unit_value: '-2' must be a positive number",
        "row 5: shelf_life_days: '-5' is not a whole number of days",
        "row 5: par_level: '-1' is not a whole number of units",
    ],
    "items/duplicate_sku.csv": ["row 2: sku: 'RICE2' is already on row 1"],
    "items/duplicate_barcode.csv": ["row 2: barcodes: 5012345678900 is already on row 1"],
    "items/barcode_in_database.csv": ["row 1: barcodes: 041000123450 already belongs to Black beans 15 oz (BB15)"],
    "items/nul.csv": ["row 1: name: " + NUL],
    "items/control_chars.csv": ["row 1: name: contains ESC, which no one types; check the file"],
    "items/long_name.csv": ["row 1: name: at most 200 characters (this one has 300)"],
    "donors/latin1.csv": ["row 1: " + ENCODING.format(byte="E8", text="St. Agn\ufffds Parish,individual")],
    "donors/utf16.csv": [UTF16.format(name="utf16.csv")],
    "donors/missing_columns.csv": ["header: missing column(s) name"],
    "donors/unknown_column.csv": ["header: unknown column(s) iban; expected name,kind,contact,email,phone,address"],
    "donors/extra_cells.csv": ["row 1: cells: 1 cell(s) outside the header's named columns"],
    "donors/bad_kind.csv": [
        "row 1: kind: 'bank robber' is not one of "
        "individual|business|farm|food_drive|food_bank|government|purchase|anonymous|other",
        "row 2: name: a donor needs a name",
    ],
    "donors/nul.csv": ["row 1: name: " + NUL],
    "donors/long_phone.csv": ["row 1: phone: at most 60 characters (this one has 80)"],
    "locations/latin1.csv": ["row 1: " + ENCODING.format(byte="E0", text="Cave \ufffd vin,dry")],
    "locations/utf16.csv": [UTF16.format(name="utf16.csv")],
    "locations/missing_columns.csv": ["header: missing column(s) name"],
    "locations/unknown_column.csv": ["header: unknown column(s) floor; expected name,storage"],
    "locations/extra_cells.csv": ["row 1: cells: 1 cell(s) outside the header's named columns"],
    "locations/bad_storage.csv": [
        "row 1: storage: 'lukewarm' is not one of dry|chilled|frozen",
        "row 2: name: a location needs a name",
    ],
    "locations/nul.csv": ["row 1: name: " + NUL],
    "donations/latin1.csv": ["row 1: " + ENCODING.format(byte="C9", text="2026-01-05,\ufffdpicerie,BB15,3")],
    "donations/utf16.csv": [UTF16.format(name="utf16.csv")],
    "donations/missing_columns.csv": ["header: missing column(s) date, item"],
    "donations/unknown_column.csv": [
        "header: unknown column(s) price; expected date,donor,item,quantity,weight_kg,weight_lb,expires,location,note"
    ],
    "donations/extra_cells.csv": ["row 1: cells: 1 cell(s) outside the header's named columns"],
    "donations/bad_dates.csv": [
        "row 1: date: '2026-02-30' is not a date (use YYYY-MM-DD)",
        "row 2: date: '31/12/2026' is not a date (use YYYY-MM-DD)",
        "row 3: expires: '31/12/2026' is not a date (use YYYY-MM-DD)",
        "row 4: expires: '2026-13-01' is not a date (use YYYY-MM-DD)",
    ],
    "donations/absurd_numbers.csv": [
        "row 1: quantity: '-5' is not a whole number above zero",
        "row 2: quantity: 1000000000000 is more than 100,000 units; check the number",
        "row 3: quantity: '2.5' is not a whole number above zero",
        "row 4: weight_kg: '-3' must be a positive number",
        "row 5: weight_kg: '99999999' is more than 50 t; check the number",
        "row 6: quantity: '0' is not a whole number above zero",
    ],
    "donations/nul.csv": ["row 1: note: " + NUL],
    "donations/unknown_things.csv": [
        "row 1: item: no item with sku, barcode or name 'NOPE'",
        "row 2: location: no location named 'Attic'",
    ],
    "households/latin1.csv": ["row 1: " + ENCODING.format(byte="EB", text="HH-1,Zo\ufffd,2")],
    "households/utf16.csv": [UTF16.format(name="utf16.csv")],
    "households/unknown_column.csv": [
        "header: unknown column(s) income; expected code,name,adults,children,seniors,postcode,phone,language,"
        "dietary,proxy,notes"
    ],
    "households/extra_cells.csv": ["row 1: cells: 1 cell(s) outside the header's named columns"],
    "households/absurd_numbers.csv": [
        "row 1: adults: '-2' is not a whole number of people",
        "row 2: adults: 1000000000000 people is more than 99; check the number",
        "row 3: adults: a household needs at least 1 person (adults + children + seniors is 0)",
    ],
    "households/duplicate_code.csv": ["row 2: code: HH-1 is already on row 1"],
    "households/generated_code_unknown.csv": [
        "row 1: code: H000Z7P looks like a code Pantry Desk generates, but no household has it; leave code empty to "
        "get one"
    ],
    "households/bad_code.csv": [
        "row 1: code: 'H H' may hold letters, digits and punctuation only (no blanks or accents)",
    ],
    "households/nul.csv": ["row 1: name: " + NUL],
    "templates/latin1.csv": ["row 1: " + ENCODING.format(byte="E9", text="Caf\ufffd,1")],
    "templates/utf16.csv": [UTF16.format(name="utf16.csv")],
    "templates/missing_columns.csv": ["header: missing column(s) item_or_category"],
    "templates/unknown_column.csv": [
        "header: unknown column(s) colour; expected item_or_category,per_household,per_person,band"
    ],
    "templates/extra_cells.csv": ["row 1: cells: 1 cell(s) outside the header's named columns"],
    "templates/absurd_numbers.csv": [
        "row 1: per_household: '-1' is not a whole number of units",
        "row 2: per_household: '99999999999' is not a whole number of units",
        "row 3: band: '5-2': the range ends before it starts",
        "row 4: per_household: '100000' lb is more than any household takes; check the number",
        "row 5: per_household: 20000 is more than 10,000 units; check the number",
    ],
    "templates/nul.csv": ["row 1: item_or_category: " + NUL],
    "given/latin1.csv": ["row 2: " + ENCODING.format(byte="C9", text="CAF\ufffd,1")],
    "given/utf16.csv": [UTF16.format(name="utf16.csv")],
    "given/missing_columns.csv": ["header: missing column(s) quantity"],
    "given/unknown_column.csv": ["header: unknown column(s) note; expected sku,quantity"],
    "given/extra_cells.csv": ["row 1: cells: 1 cell(s) outside the header's named columns"],
    "given/absurd_numbers.csv": [
        "row 1: quantity: '-1' is not a whole number, 0 or more",
        "row 2: quantity: '1000000000000' is not a whole number, 0 or more",
    ],
    "given/duplicate_sku.csv": ["row 2: sku: BB15 is already on row 1"],
    "given/nul.csv": ["row 1: sku: " + NUL],
}


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: equal dumps mean nothing was written."""
    return helpers.every_row(path)


def _run(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _build(path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Beans (with a barcode), milk, produce by weight, a household and a packed order: (database file, order)."""
    from tests.unit.migrated import open_copy

    database = open_copy(tmp_path_factory, path)
    with database.session() as session:
        uid = helpers.admin_id(session)
        beans = helpers.beans(session)
        helpers.milk(session)
        helpers.produce(session)
        helpers.donate(session, helpers.intake.IntakeLine(beans.id, quantity=10))
        templates.save_template(session, "Beans", [templates.LineSpec(beans.id, None, per_household=2)], uid)
        code = households.register(session, "Ann", 2, uid).code
        planned, _ = pickups.walk_in(session, code, "Beans", uid, day=dt.date.today())
    database.dispose()
    return path, planned.code


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One pantry for every refused file: each test proves it wrote nothing, so the next finds it unchanged."""
    return _build(tmp_path_factory.mktemp("corpus") / "pantry.sqlite", tmp_path_factory)


@pytest.fixture
def pantry(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A pantry of its own, for a test that writes."""
    return _build(tmp_path / "pantry.sqlite", tmp_path_factory)


def _command(kind: str, order: str, path: Path) -> list[str]:
    if kind == "given":
        return ["pickup", "complete", order, "--given", str(path)]
    return [*COMMANDS[kind], str(path)]


def test_the_corpus_is_complete() -> None:
    """Every file has its expectations, and every kind has each sort of breakage."""
    files = {str(path.relative_to(CORPUS)) for path in CORPUS.rglob("*.csv")}
    assert files == set(EXPECTED)
    for kind in (*COMMANDS, "given"):
        for case in ("latin1", "utf16", "unknown_column", "extra_cells", "nul"):
            assert f"{kind}/{case}.csv" in files


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_file_is_refused_row_by_row_and_writes_nothing(
    shared: tuple[Path, str], capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path, order = shared
    before = _dump(path)
    code, out, err = _run(path, capsys, *_command(name.split("/")[0], order, CORPUS / name))
    assert (code, out) == (1, ""), err
    lines = err.splitlines()
    for expected in EXPECTED[name]:
        assert expected in lines, f"{expected!r} not in {lines}"
    assert _dump(path) == before


@pytest.mark.parametrize(
    ("kind", "header"), [("items", "sku,name"), ("donors", "name,kind"), ("given", "sku,quantity")]
)
def test_a_ten_megabyte_cell_is_a_row_message(
    shared: tuple[Path, str], capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, header: str
) -> None:
    path, order = shared
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write(f"{header}\nBB15,1\n")
        out.write("X" * 10_000_000 + ",1\n")
    before = _dump(path)
    code, _out, err = _run(path, capsys, *_command(kind, order, big))
    assert code == 1
    assert err == "row 2: cells: a cell longer than 131,072 characters; is this the right file?\n"
    assert _dump(path) == before


def test_a_cell_a_little_too_long_for_anyone_is_named(
    shared: tuple[Path, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, _ = shared
    file = tmp_path / "long.csv"
    file.write_text("name,kind\nGrocer,retail\n" + "G" * 120_000 + ",retail\n", encoding="utf-8")
    code, _out, err = _run(path, capsys, "import", "donors", str(file))
    assert code == 1
    assert "row 2: name: a cell of 120,000 characters (at most 100,000); is this the right file?" in err.splitlines()


FORMULAS = ("=SUM(A1)", "+1", "@x", "-2+3", '=HYPERLINK("http://example.com","x")')


def test_text_that_looks_like_a_formula_is_stored_as_given_and_neutralised_on_export(
    pantry: tuple[Path, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, _ = pantry
    items = tmp_path / "formulas.csv"
    rows = "".join(f'F{number},"{name.replace(chr(34), chr(34) * 2)}"\n' for number, name in enumerate(FORMULAS))
    items.write_text("sku,name\n" + rows, encoding="utf-8")
    code, _out, err = _run(path, capsys, "import", "items", str(items))
    assert (code, err) == (0, "")
    donors = tmp_path / "donors.csv"
    donors.write_text('name,contact\n"=SUM(A1)",+1\n', encoding="utf-8")
    assert _run(path, capsys, "import", "donors", str(donors))[0] == 0

    from pantry.db import open_database

    database = open_database(path)
    try:
        with database.session() as session:
            stored = dict(session.execute(select(Item.sku, Item.name).where(Item.sku.like("F%"))).all())
            donor = session.scalars(select(Donor).where(Donor.name == "=SUM(A1)")).one()
            assert donor.contact == "+1"
    finally:
        database.dispose()
    assert stored == {f"F{number}": name for number, name in enumerate(FORMULAS)}

    donations = tmp_path / "donations.csv"
    donations.write_text(
        "date,item,quantity\n" + "".join(f"{dt.date.today()},F{n},2\n" for n in range(len(FORMULAS))), encoding="utf-8"
    )
    assert _run(path, capsys, "import", "donations", str(donations))[0] == 0
    code, out, _ = _run(path, capsys, "stock", "--format", "csv")
    assert code == 0
    cells = {cell for row in csv.reader(io.StringIO(out)) for cell in row}
    for name in FORMULAS:
        assert "'" + name in cells, f"{name!r} is not in the export, neutralised"
        assert name not in cells, f"{name!r} is in the export as a formula"
