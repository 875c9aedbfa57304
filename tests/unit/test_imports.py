"""`pantry import items|donors|locations|donations FILE.csv`: every row or none, every bad row named.

Driven in-process through `pantry.cli.main` against real SQLite files; the database is read back with SQLAlchemy
(for what was stored) and with plain sqlite3 (to prove a refused import changed nothing at all).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.cli import main
from pantry.db import open_database
from pantry.models import Category, Donation, Donor, Item, Location, Lot, Movement, ProductCode, User
from pantry.services import catalog
from tests import helpers

ITEM_HEADER = (
    "sku,name,category,unit,unit_weight_kg,unit_weight_lb,unit_value,storage,date_kind,shelf_life_days,par_level,"
    "barcodes,tags"
)
DONATION_HEADER = "date,donor,item,quantity,weight_kg,weight_lb,expires,location,note"

UPC = "012345678905"  # UPC-A, as stored
UPC_AS_EAN13 = "0012345678905"  # the same code as a scanner set to EAN-13 sends it
CASE_CODE = "10012345678902"  # GTIN-14 of a case of 24
MILK_UPC = "036000291452"

CATALOG = f"""\
{ITEM_HEADER}
BEAN15,Black beans 15 oz,Canned vegetables,each,0.480,,1.25,dry,best_by,730,48,{UPC} {CASE_CODE}*24,vegan;gluten-free
APPLE,Apples,Fresh produce,lb,,,1.49,chilled,best_by,21,100,,
RICE,Rice,Grains,kg,,,2.10,dry,none,,5.5,,
MILK,Milk 1 gal,Dairy,each,,8.6,3.29,chilled,use_by,10,,{MILK_UPC},
"""
LOCATIONS = "name,storage\nCooler,chilled\nFreezer,frozen\n"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


class Pantry:
    """One database file, driven through `pantry.cli.main` as a person at a terminal would drive `pantry`."""

    def __init__(self, path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.path = path
        self.folder = folder
        self.capsys = capsys
        self._files = 0

    def run(self, *args: str) -> Result:
        self.capsys.readouterr()
        try:
            code = main(["--db", str(self.path), *args])
        except SystemExit as stop:  # argparse: usage errors
            code = int(stop.code or 0)
        out, err = self.capsys.readouterr()
        return Result(code, out, err)

    def csv_file(self, text: str, *, encoding: str = "utf-8", newline: str = "\n") -> Path:
        self._files += 1
        path = self.folder / f"file{self._files}.csv"
        path.write_bytes(text.replace("\n", newline).encode(encoding))
        return path

    def import_(self, kind: str, text: str, *, dry_run: bool = False, user: str | None = None) -> Result:
        return self.run(
            *(["--user", user] if user else []),
            "import",
            kind,
            str(self.csv_file(text)),
            *(["--dry-run"] if dry_run else []),
        )

    def import_ok(self, kind: str, text: str, *, dry_run: bool = False, user: str | None = None) -> Result:
        result = self.import_(kind, text, dry_run=dry_run, user=user)
        assert result.code == 0, result.err
        assert result.err == ""
        return result

    @contextmanager
    def session(self) -> Iterator[Session]:
        database = open_database(self.path)
        try:
            with database.session() as session:
                yield session
        finally:
            database.dispose()

    def item(self, sku: str) -> catalog.ItemInfo:
        with self.session() as session:
            item = session.scalars(select(Item).where(Item.sku == sku)).one()
            return catalog.item_info(item)

    def snapshot(self) -> dict[str, object]:
        """Every row of every table, and the stock export: equal snapshots mean nothing was written."""
        dump: dict[str, object] = dict(helpers.every_row(self.path))
        dump["stock by lot"] = self.run("stock", "--by", "lot", "--format", "csv").out
        return dump


def _copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The databases below, made once through `pantry` itself; each test gets its own copy (fast)."""
    folder = tmp_path_factory.mktemp("templates")
    assert main(["--db", str(folder / "new.sqlite"), "init"]) == 0
    _copy_database(folder / "new.sqlite", folder / "stocked.sqlite")
    for kind, text in (("locations", LOCATIONS), ("items", CATALOG)):
        (folder / f"{kind}.csv").write_text(text, encoding="utf-8")
        assert main(["--db", str(folder / "stocked.sqlite"), "import", kind, str(folder / f"{kind}.csv")]) == 0
    return folder


@pytest.fixture
def pantry(templates: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Pantry:
    """A new database, as `pantry init` makes it: the admin, the Main location and the Anonymous donor."""
    _copy_database(templates / "new.sqlite", db_path)
    return Pantry(db_path, tmp_path, capsys)


@pytest.fixture
def stocked(templates: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Pantry:
    """The pantry with locations Cooler and Freezer and a small catalog: counted, by-lb, by-kg and use-by items."""
    _copy_database(templates / "stocked.sqlite", db_path)
    return Pantry(db_path, tmp_path, capsys)


def assert_refused(desk: Pantry, result: Result, before: dict[str, object], expected: list[str]) -> None:
    """Exit 1, exactly the expected `row N: field: ...` lines (in row order) then the count, and nothing written."""
    assert result.code == 1
    assert result.out == ""
    lines = result.err_lines
    assert len(lines) == len(expected) + (len(expected) > 1), lines
    for line, start in zip(lines, expected, strict=False):
        assert line.startswith(start), (line, start)
    if len(expected) > 1:
        assert lines[-1].startswith(f"{len(expected)} problem(s) in ")
        assert lines[-1].endswith("nothing was imported")
    assert desk.snapshot() == before


# --- items ---------------------------------------------------------------------------------------------------------


def test_items_import_stores_every_column(pantry: Pantry) -> None:
    result = pantry.import_ok("items", CATALOG)

    assert result.out == "Imported 4 items row(s): 4 new, 0 updated\n"
    beans = pantry.item("BEAN15")
    assert (beans.name, beans.category, beans.unit) == ("Black beans 15 oz", "Canned vegetables", "each")
    assert (beans.unit_weight_g, beans.unit_value_cents) == (480, 125)
    assert (beans.storage, beans.date_kind, beans.shelf_life_days, beans.par_level) == ("dry", "best_by", 730, 48)
    assert beans.tags == ("vegan", "gluten-free")
    milk = pantry.item("MILK")
    assert milk.unit_weight_g == 3901  # 8.6 lb x 453.59237 g = 3900.894 g
    assert (milk.date_kind, milk.storage, milk.unit_value_cents) == ("use_by", "chilled", 329)
    apples = pantry.item("APPLE")
    assert (apples.unit, apples.unit_weight_g, apples.unit_value_cents) == ("lb", None, 149)  # 1.49 a lb
    assert apples.par_level == 45359  # par of a weighed item is in its unit: 100 lb = 45359.237 g
    rice = pantry.item("RICE")
    assert (rice.unit, rice.par_level, rice.date_kind, rice.shelf_life_days) == ("kg", 5500, "none", None)


def test_only_name_is_required_and_the_rest_takes_defaults(pantry: Pantry) -> None:
    pantry.import_ok("items", "name\nOats\n")

    with pantry.session() as session:
        oats = catalog.item_info(session.scalars(select(Item).where(Item.name == "Oats")).one())
    assert oats.sku == "P00001"
    assert (oats.category, oats.unit, oats.storage, oats.date_kind) == ("Uncategorised", "each", "dry", "best_by")
    assert (oats.unit_weight_g, oats.unit_value_cents, oats.par_level, oats.tags) == (None, None, None, ())


def test_a_upc_read_as_13_digits_finds_the_12_digit_code(stocked: Pantry) -> None:
    with stocked.session() as session:
        hit = catalog.lookup_code(session, UPC_AS_EAN13)
        stored = session.scalars(select(ProductCode.code).order_by(ProductCode.id)).all()
    assert hit is not None
    assert (hit.item.sku, hit.code, hit.quantity_per_scan) == ("BEAN15", UPC, 1)
    assert stored == [UPC, CASE_CODE, MILK_UPC]


def test_a_case_code_is_stored_with_its_units_per_scan(stocked: Pantry) -> None:
    with stocked.session() as session:
        case = catalog.lookup_code(session, CASE_CODE)
    assert case is not None
    assert (case.item.sku, case.quantity_per_scan) == ("BEAN15", 24)


def test_an_existing_sku_is_updated_and_empty_cells_leave_fields_as_they_are(stocked: Pantry) -> None:
    result = stocked.import_ok("items", "sku,name,unit_value,barcodes\nBEAN15,Black beans 15.5 oz,1.30,\n")

    assert result.out == "Imported 1 items row(s): 0 new, 1 updated\n"
    beans = stocked.item("BEAN15")
    assert (beans.name, beans.unit_value_cents) == ("Black beans 15.5 oz", 130)
    assert (beans.category, beans.unit_weight_g, beans.shelf_life_days, beans.par_level) == (
        "Canned vegetables",
        480,
        730,
        48,
    )
    with stocked.session() as session:
        assert session.scalar(select(func.count(Item.id))) == 4
        assert catalog.lookup_code(session, CASE_CODE).quantity_per_scan == 24  # type: ignore[union-attr]


def test_a_missing_sku_is_generated_and_never_taken_from_a_later_row(pantry: Pantry) -> None:
    # The first generated sku would be P00001, which row 2 names: row 1 must get another, not become row 2's item.
    result = pantry.import_ok("items", "sku,name,unit\n,Oats,each\nP00001,Rice,kg\n,Pasta,each\n")

    assert result.out == "Imported 3 items row(s): 3 new, 0 updated\n"
    with pantry.session() as session:
        rows = session.execute(select(Item.sku, Item.name, Item.unit).order_by(Item.name)).all()
    assert [tuple(row) for row in rows] == [
        ("P00002", "Oats", "each"),
        ("P00003", "Pasta", "each"),
        ("P00001", "Rice", "kg"),
    ]


def test_importing_the_same_catalog_again_updates_it_in_place(stocked: Pantry) -> None:
    before = stocked.snapshot()
    assert stocked.import_ok("items", CATALOG).out == "Imported 4 items row(s): 0 new, 4 updated\n"
    after = stocked.snapshot()
    for table in ("item", "product_code", "category"):
        assert len(after[table]) == len(before[table]), table  # type: ignore[arg-type]
    assert after["product_code"] == before["product_code"]


def test_generated_skus_follow_the_catalog(stocked: Pantry) -> None:
    stocked.import_ok("items", "name\nOats\n")
    assert stocked.item("P00005").name == "Oats"


def test_par_level_of_a_weighed_item_stays_in_its_unit_when_an_update_leaves_unit_empty(stocked: Pantry) -> None:
    stocked.import_ok("items", "sku,name,par_level\nAPPLE,Apples,50\nRICE,Rice,2.5\n")

    assert stocked.item("APPLE").par_level == 22680  # 50 lb = 22679.6 g, not 50 g
    assert stocked.item("RICE").par_level == 2500


def test_the_unit_may_change_until_the_item_has_lots(stocked: Pantry) -> None:
    stocked.import_ok("items", "sku,name,unit\nRICE,Rice,lb\n")
    assert stocked.item("RICE").unit == "lb"

    stocked.import_ok("donations", f"{DONATION_HEADER}\n2024-03-01,,BEAN15,2,,,,,\n")
    before = stocked.snapshot()
    result = stocked.import_("items", "sku,name,unit\nBEAN15,Black beans,lb\n")

    assert_refused(stocked, result, before, ["row 1: unit: BEAN15 already has lots counted in each"])


def test_items_every_bad_row_is_reported_and_nothing_is_written(stocked: Pantry) -> None:
    before = stocked.snapshot()
    result = stocked.import_(
        "items",
        f"""\
sku,name,unit,unit_weight_kg,unit_weight_lb,unit_value,storage,date_kind,shelf_life_days,par_level,barcodes
A1,,each,,,,,,,,
A2,Thing,box,,,,,,,,
A3,Thing,each,,,abc,,,,,
A4,Thing,each,,,1.234,,,,,
A5,Thing,each,,,,attic,,,,
A6,Thing,each,,,,,soon,,,
A7,Thing,each,,,,,,ten,,
A8,Thing,each,,,,,,,2.5,
A9,Thing,each,,,,,,,,012345678900
A10,Thing,each,0.5,1.1,,,,,,
A11,Thing,each,-1,,,,,,,
A12,Thing,each,,,,,,,,CODE*0
A13,Thing,each,,,,,,,,{UPC_AS_EAN13}
A1,Thing,each,,,,,,,,
A15,Thing,each,,,,,,,,X-1 X-1
A16,Thing,each,,,,,,,,,surplus
A17,A good row,each,,,,,,,,
A18,Thing,each,,,,,,,,ZZ-1*2x
""",
    )

    assert_refused(
        stocked,
        result,
        before,
        [
            "row 1: name: an item needs a name",
            "row 2: unit: 'box' is not one of each|lb|kg",
            "row 3: unit_value: 'abc' is not a number",
            "row 4: unit_value: '1.234' has more than two decimals",
            "row 5: storage: 'attic' is not one of dry|chilled|frozen",
            "row 6: date_kind: 'soon' is not one of use_by|best_by|none",
            "row 7: shelf_life_days: 'ten' is not a whole number",
            "row 8: par_level: '2.5' is not a whole number",
            "row 9: barcodes: '012345678900' has a wrong check digit (expected 5)",
            "row 10: unit_weight_kg: give unit_weight_kg or unit_weight_lb, not both",
            "row 11: unit_weight_kg: '-1' must be a positive number",
            "row 12: barcodes: 'CODE*0': the number after * must be a whole number above zero",
            f"row 13: barcodes: {UPC} already belongs to Black beans 15 oz (BEAN15)",
            "row 14: sku: 'A1' is already on row 1",
            "row 15: barcodes: X-1 is given twice",
            "row 16: cells: 1 cell(s) outside the header's named columns",
            "row 18: barcodes: 'ZZ-1*2x'",
        ],
    )


def test_the_same_code_twice_in_one_file_is_refused_whichever_way_it_is_written(pantry: Pantry) -> None:
    before = pantry.snapshot()
    result = pantry.import_("items", f"name,barcodes\nBeans,{UPC}\nMore beans,{UPC_AS_EAN13}\n")
    assert_refused(pantry, result, before, [f"row 2: barcodes: {UPC} is already on row 1"])


def test_a_non_ascii_digit_is_a_row_problem_not_a_crash(stocked: Pantry) -> None:
    before = stocked.snapshot()
    result = stocked.import_("items", "name,shelf_life_days,barcodes\nOats,²,\nRice,,X*²\n")
    assert_refused(
        stocked, result, before, ["row 1: shelf_life_days: '²' is not a whole number", "row 2: barcodes: 'X*²'"]
    )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("sku,name,colour", "header: unknown column(s) colour; expected sku,name,category,"),
        ("sku,category", "header: missing column(s) name"),
        ("name,Name", "header: column(s) given more than once: name"),
    ],
)
def test_a_bad_header_is_refused(pantry: Pantry, header: str, message: str) -> None:
    before = pantry.snapshot()
    result = pantry.import_("items", f"{header}\nX1,Oats,red\n")
    assert_refused(pantry, result, before, [message])


def test_header_names_are_case_and_space_insensitive_and_blank_columns_are_allowed(pantry: Pantry) -> None:
    pantry.import_ok("items", " SKU , Name ,,Unit\nOAT,Oats,,kg\n")
    assert pantry.item("OAT").unit == "kg"


def test_the_dry_run_checks_everything_and_writes_nothing(stocked: Pantry) -> None:
    before = stocked.snapshot()

    result = stocked.import_ok("items", "sku,name\nBEAN15,Renamed\n,New item\n", dry_run=True)
    assert result.out == "Would import 2 items row(s): 1 new, 1 updated\n"
    assert stocked.snapshot() == before

    refused = stocked.import_("items", "sku,name,unit\nBEAN15,Renamed,box\n", dry_run=True)
    assert_refused(stocked, refused, before, ["row 1: unit: 'box' is not one of each|lb|kg"])


def test_a_spreadsheet_csv_with_bom_semicolons_crlf_and_decimal_commas_is_accepted(pantry: Pantry) -> None:
    text = f"{ITEM_HEADER.replace(',', ';')}\nOAT;Oats, rolled;Grains;each;0,5;;2,25;dry;best_by;365;;;vegan\n"
    path = pantry.csv_file(text, encoding="utf-8-sig", newline="\r\n")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfsku;name;") and b"\r\n" in path.read_bytes()

    result = pantry.run("import", "items", str(path))

    assert result.code == 0, result.err
    oats = pantry.item("OAT")
    assert (oats.name, oats.unit_weight_g, oats.unit_value_cents, oats.tags) == ("Oats, rolled", 500, 225, ("vegan",))


def test_text_that_a_spreadsheet_would_run_is_stored_as_given(pantry: Pantry) -> None:
    pantry.import_ok("items", 'sku,name,category\n@X1,"=HYPERLINK(""http://x"",""y"")",+Cat\n')
    item = pantry.item("@X1")
    assert (item.name, item.category) == ('=HYPERLINK("http://x","y")', "+Cat")


# --- donors and locations ------------------------------------------------------------------------------------------


def test_donors_import_creates_and_updates(pantry: Pantry) -> None:
    result = pantry.import_ok(
        "donors",
        "name,kind,contact,email,phone,address\n"
        'Food Bank of the Valley,food_bank,Sam,sam@example.org,555-0100,"1 Main St, Town"\n'
        "Jo Smith,,,,,\n"
        "=Tricky Donor,Business,,,,\n",
    )
    assert result.out == "Imported 3 donors row(s): 3 new, 0 updated\n"

    again = pantry.import_ok("donors", "name,kind\nJo Smith,farm\n")
    assert again.out == "Imported 1 donors row(s): 0 new, 1 updated\n"

    with pantry.session() as session:
        donors = {donor.name: donor for donor in session.scalars(select(Donor))}
        bank = donors["Food Bank of the Valley"]
        assert (bank.kind, bank.contact, bank.email, bank.phone, bank.address) == (
            "food_bank",
            "Sam",
            "sam@example.org",
            "555-0100",
            "1 Main St, Town",
        )
        assert donors["Jo Smith"].kind == "farm"
        assert donors["=Tricky Donor"].kind == "business"
        assert set(donors) == {"Anonymous", "Food Bank of the Valley", "Jo Smith", "=Tricky Donor"}


def test_an_empty_donor_kind_means_individual(pantry: Pantry) -> None:
    pantry.import_ok("donors", "name,kind\nJo Smith,\n")
    with pantry.session() as session:
        assert catalog.donor_named(session, "Jo Smith").kind == "individual"  # type: ignore[union-attr]


def test_donors_every_bad_row_is_reported_and_nothing_is_written(pantry: Pantry) -> None:
    before = pantry.snapshot()
    result = pantry.import_("donors", "name,kind\nGood Donor,farm\n,business\nAcme,corporate\n")
    assert_refused(
        pantry,
        result,
        before,
        [
            "row 2: name: a donor needs a name",
            "row 3: kind: 'corporate' is not one of individual|business|farm|food_drive|food_bank|government|"
            "purchase|anonymous|other",
        ],
    )


def test_locations_import_creates_and_updates(pantry: Pantry) -> None:
    result = pantry.import_ok("locations", "name,storage\nCooler,chilled\nMain,\nBack room,\n")
    assert result.out == "Imported 3 locations row(s): 2 new, 1 updated\n"
    pantry.import_ok("locations", "name,storage\nBack room,frozen\n")

    with pantry.session() as session:
        rows = session.execute(select(Location.name, Location.storage).order_by(Location.id)).all()
    assert [tuple(row) for row in rows] == [("Main", "dry"), ("Cooler", "chilled"), ("Back room", "frozen")]


def test_locations_every_bad_row_is_reported_and_nothing_is_written(pantry: Pantry) -> None:
    before = pantry.snapshot()
    result = pantry.import_("locations", "name,storage\n,dry\nAttic,hot\nShelf,dry,extra\n")
    assert_refused(
        pantry,
        result,
        before,
        [
            "row 1: name: a location needs a name",
            "row 2: storage: 'hot' is not one of dry|chilled|frozen",
            "row 3: cells: 1 cell(s) outside the header's named columns",
        ],
    )


# --- donations -----------------------------------------------------------------------------------------------------

DONATIONS = f"""\
{DONATION_HEADER}
2024-03-01,Food Bank,BEAN15,24,,,2026-01-31,,truck 1
2024-03-01,Food Bank,APPLE,,,42,,Cooler,
2024-03-05,,{UPC_AS_EAN13},6,,,,,
2024-03-05,,Rice,,2.5,,,,
"""


def test_donations_import_groups_rows_by_date_and_donor(stocked: Pantry) -> None:
    result = stocked.import_ok("donations", DONATIONS)

    # 24 x 480 g + 42 lb (19051 g) + 6 x 480 g + 2.5 kg = 11520 + 19051 + 2880 + 2500 g = 35951 g
    # 24 x 1.25 + 19051 g x 149 / 453.59237 (6258.04 -> 62.58) + 6 x 1.25 + 2.5 x 2.10 = 30.00 + 62.58 + 7.50 + 5.25
    assert result.out == (
        "Imported 2 donation(s) with 4 line(s) from 4 row(s): 35.951 kg, value 105.33\nNew donor(s): Food Bank\n"
    )
    with stocked.session() as session:
        donations = session.scalars(select(Donation).order_by(Donation.id)).all()
        assert [(d.received_on.isoformat(), d.donor.name, d.note) for d in donations] == [
            ("2024-03-01", "Food Bank", "truck 1"),
            ("2024-03-05", "Anonymous", ""),
        ]
        assert donations[0].donor.kind == "individual"
        lots = session.execute(
            select(Item.sku, Lot.quantity, Lot.grams, Lot.value_cents, Lot.expires_on, Location.name)
            .join(Item, Item.id == Lot.item_id)
            .join(Movement, Movement.lot_id == Lot.id)
            .join(Location, Location.id == Movement.location_id)
            .order_by(Lot.id)
        ).all()
    assert [(sku, q, g, v, e and e.isoformat(), where) for sku, q, g, v, e, where in lots] == [
        ("BEAN15", 24, 11520, 3000, "2026-01-31", "Main"),
        ("APPLE", 19051, 19051, 6258, "2024-03-22", "Cooler"),  # 21 days' shelf life
        ("BEAN15", 6, 2880, 750, "2026-03-05", "Main"),  # 730 days after 2024-03-05
        ("RICE", 2500, 2500, 525, None, "Main"),  # date_kind none
    ]


def test_repeated_identical_rows_are_two_crates_not_a_duplicate(stocked: Pantry) -> None:
    row = "2024-03-01,Corner Shop,BEAN15,12,,,,,"
    stocked.import_ok("donations", f"{DONATION_HEADER}\n{row}\n{row}\n")

    with stocked.session() as session:
        assert session.scalar(select(func.count(Donation.id))) == 1
        assert session.scalars(select(Lot.quantity)).all() == [12, 12]


def test_a_case_code_in_a_donations_file_counts_units_not_cases(stocked: Pantry) -> None:
    stocked.import_ok("donations", f"{DONATION_HEADER}\n2024-03-01,,{CASE_CODE},2,,,,,\n")
    with stocked.session() as session:
        assert session.scalars(select(Lot.quantity)).all() == [2]


def test_items_are_found_by_sku_barcode_or_exact_name(stocked: Pantry) -> None:
    stocked.import_ok("items", "sku,name,barcodes\nSOAP,Hand soap,SOAP-CASE*6\n")
    stocked.import_ok(
        "donations",
        f"""\
{DONATION_HEADER}
2024-03-01,,MILK,1,,,,,
2024-03-01,,{MILK_UPC},2,,,,,
2024-03-01,,0{MILK_UPC},3,,,,,
2024-03-01,,Milk 1 gal,4,,,,,
2024-03-01,,SOAP-CASE,5,,,,,
""",
    )
    with stocked.session() as session:
        lots = session.execute(select(Item.sku, Lot.quantity).join(Item).order_by(Lot.id)).all()
    assert [tuple(lot) for lot in lots] == [("MILK", 1), ("MILK", 2), ("MILK", 3), ("MILK", 4), ("SOAP", 5)]


def test_a_name_shared_by_two_items_must_be_given_as_a_sku(stocked: Pantry) -> None:
    stocked.import_ok("items", "sku,name\nRICE2,Rice\n")
    before = stocked.snapshot()
    result = stocked.import_("donations", f"{DONATION_HEADER}\n2024-03-01,,Rice,,1,,,,\n")
    assert_refused(stocked, result, before, ["row 1: item: 'Rice' is the name of 2 items (RICE, RICE2); give the sku"])


def test_a_weighed_item_takes_a_weight_or_a_quantity_in_its_unit(stocked: Pantry) -> None:
    stocked.import_ok(
        "donations",
        f"""\
{DONATION_HEADER}
2024-03-01,,APPLE,,2,,,,
2024-03-01,,APPLE,,,3,,,
2024-03-01,,APPLE,1.5,,,,,
2024-03-01,,RICE,1.25,,,,,
""",
    )
    with stocked.session() as session:
        assert session.scalars(select(Lot.grams).order_by(Lot.id)).all() == [
            2000,  # 2 kg
            1361,  # 3 lb = 1360.777 g
            680,  # 1.5 lb = 680.389 g
            1250,  # 1.25 kg
        ]


def test_a_counted_item_may_give_its_weighed_weight(stocked: Pantry) -> None:
    stocked.import_ok("donations", f"{DONATION_HEADER}\n2024-03-01,,BEAN15,10,5.1,,,,\n")
    with stocked.session() as session:
        assert session.execute(select(Lot.quantity, Lot.grams)).one() == (10, 5100)


def test_donations_every_bad_row_is_reported_and_nothing_is_written(stocked: Pantry) -> None:
    before = stocked.snapshot()
    result = stocked.import_(
        "donations",
        f"""\
{DONATION_HEADER}
2024-13-01,,BEAN15,1,,,,,
2099-01-01,,BEAN15,1,,,,,
2024-03-01,,NOPE,1,,,,,
2024-03-01,,BEAN15,0,,,,,
2024-03-01,,BEAN15,1.5,,,,,
2024-03-01,,APPLE,,,,,,
2024-03-01,,APPLE,,1,2,,,
2024-03-01,,BEAN15,1,,,,Attic,
2024-03-01,,BEAN15,1,,,31/12/2024,,
2024-03-01,,MILK,1,,,2024-02-01,,
2024-03-01,,012345678900,1,,,,,
2024-03-01,,,1,,,,,
,,BEAN15,1,,,,,
2024-03-01,,APPLE,,0,,,,
2024-03-01,,RICE,abc,,,,,
2024-03-01,,BEAN15,1,x,,,,
2024-03-01,,BEAN15,²,,,,,
2024-03-01,New Person,BEAN15,1,,,,,
""",
    )
    assert_refused(
        stocked,
        result,
        before,
        [
            "row 1: date: '2024-13-01' is not a date (use YYYY-MM-DD)",
            "row 2: date: 2099-01-01 is in the future",
            "row 3: item: no item with sku, barcode or name 'NOPE'",
            "row 4: quantity: '0' is not a whole number above zero",
            "row 5: quantity: '1.5' is not a whole number above zero",
            "row 6: weight_kg: Apples is counted by weight: give weight_kg, weight_lb or quantity in lb",
            "row 7: weight_kg: give weight_kg or weight_lb, not both",
            "row 8: location: no location named 'Attic'",
            "row 9: expires: '31/12/2024' is not a date (use YYYY-MM-DD)",
            "row 10: expires: Milk 1 gal is use-by and its date 2024-02-01 is before the date received 2024-03-01",
            "row 11: item: barcode '012345678900' has a wrong check digit (expected 5)",
            "row 12: item: name the item by sku, barcode or exact name",
            "row 13: date: a date is needed (YYYY-MM-DD)",
            "row 14: weight_kg: the weight must be above zero",
            "row 15: quantity: 'abc' is not a number",
            "row 16: weight_kg: 'x' is not a number",
            "row 17: quantity: '²' is not a whole number above zero",
        ],
    )
    with stocked.session() as session:
        assert catalog.donor_named(session, "New Person") is None


def test_blank_lines_are_skipped_but_counted(stocked: Pantry) -> None:
    before = stocked.snapshot()
    result = stocked.import_(
        "donations", f"{DONATION_HEADER}\n2024-03-01,,BEAN15,1,,,,,\n\n,,,,,,,,\n2024-03-01,,X,1\n"
    )
    assert_refused(stocked, result, before, ["row 4: item: no item with sku, barcode or name 'X'"])


def test_empty_location_is_the_default_and_names_match_any_capitalisation(stocked: Pantry) -> None:
    stocked.import_ok(
        "donations", f"{DONATION_HEADER}\n2024-03-01,,BEAN15,1,,,,,\n2024-03-01,,BEAN15,1,,,,  cooler ,\n"
    )
    with stocked.session() as session:
        where = session.scalars(select(Location.name).join(Movement).order_by(Movement.id)).all()
    assert where == ["Main", "Cooler"]


def test_a_donations_file_without_a_donor_column_is_all_anonymous(stocked: Pantry) -> None:
    stocked.import_ok("donations", "date,item,quantity\n2024-03-01,BEAN15,3\n")
    with stocked.session() as session:
        assert session.scalars(select(Donor.name).join(Donation)).all() == ["Anonymous"]


def test_a_donations_file_without_a_date_column_is_refused(stocked: Pantry) -> None:
    before = stocked.snapshot()
    result = stocked.import_("donations", "item,quantity\nBEAN15,3\n")
    assert_refused(stocked, result, before, ["header: missing column(s) date"])


def test_the_donations_dry_run_names_new_donors_and_writes_nothing(stocked: Pantry) -> None:
    before = stocked.snapshot()
    result = stocked.import_ok("donations", DONATIONS, dry_run=True)
    assert result.out.startswith("Would import 2 donation(s) with 4 line(s) from 4 row(s): 35.951 kg, value 105.33")
    assert result.out.endswith("New donor(s): Food Bank\n")
    assert stocked.snapshot() == before


def test_a_spreadsheet_donations_file_is_accepted(stocked: Pantry) -> None:
    text = f"{DONATION_HEADER.replace(',', ';')}\n2024-03-01;;BEAN15;2;;;;;\n2024-03-01;;APPLE;;1,5;;;;\n"
    path = stocked.csv_file(text, encoding="utf-8-sig", newline="\r\n")
    result = stocked.run("import", "donations", str(path))
    assert result.code == 0, result.err
    with stocked.session() as session:
        assert session.scalars(select(Lot.grams).order_by(Lot.id)).all() == [960, 1500]


def test_formula_text_is_stored_as_given_and_neutralised_in_the_csv_export(stocked: Pantry) -> None:
    stocked.import_ok("locations", "name,storage\n-Shelf,dry\n")
    stocked.import_ok("items", "sku,name,category,unit_value\n@X1,=1+2,+Cat,1.00\n")
    stocked.import_ok("donations", f"{DONATION_HEADER}\n2024-03-01,=cmd|' /C calc'!A0,@X1,3,,,,-Shelf,=note\n")

    with stocked.session() as session:
        donation = session.scalars(select(Donation)).one()
        assert (donation.donor.name, donation.note) == ("=cmd|' /C calc'!A0", "=note")
        assert session.scalars(select(Item.name).where(Item.sku == "@X1")).one() == "=1+2"
        assert session.scalars(select(Category.name).where(Category.name == "+Cat")).one() == "+Cat"

    by_item = stocked.run("stock", "--format", "csv").out.splitlines()
    assert by_item == ["sku,item,category,unit,quantity,weight_kg,value", "'@X1,'=1+2,'+Cat,each,3,0.000,3.00"]
    by_lot = stocked.run("stock", "--by", "lot", "--format", "csv").out.splitlines()
    assert by_lot[1] == "L00001Q,'@X1,'=1+2,'-Shelf,,best_by,3,0.000"
    as_json = stocked.run("stock", "--format", "json").out
    assert '"item": "=1+2"' in as_json  # only CSV is for spreadsheets


# --- files, users, errors ------------------------------------------------------------------------------------------


def test_a_missing_file_is_an_error(pantry: Pantry, tmp_path: Path) -> None:
    before = pantry.snapshot()
    result = pantry.run("import", "items", str(tmp_path / "nowhere.csv"))
    assert (result.code, result.out) == (1, "")
    assert result.err == f"{tmp_path / 'nowhere.csv'}: no such file\n"
    assert pantry.snapshot() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"name\nCaf\xe9\n", "odd.csv: not UTF-8 text (line 2); save the file as CSV UTF-8"),
    ],
)
def test_an_unreadable_file_is_an_error(pantry: Pantry, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    result = pantry.run("import", "items", str(path))
    assert result.code == 1
    assert message in result.err


def test_a_folder_is_not_a_file(pantry: Pantry, tmp_path: Path) -> None:
    result = pantry.run("import", "items", str(tmp_path))
    assert (result.code, result.err) == (1, f"{tmp_path}: is a folder, not a CSV file\n")


def test_a_header_only_file_imports_nothing(pantry: Pantry) -> None:
    assert pantry.import_ok("items", f"{ITEM_HEADER}\n").out == "Imported 0 items row(s): 0 new, 0 updated\n"


def _add_user(desk: Pantry, name: str, *, active: bool = True) -> int:
    with desk.session() as session:
        user = User(name=name, role="admin", active=active)  # importing master data is an admin's
        session.add(user)
        session.flush()
        return user.id


def test_writes_are_recorded_as_the_user_given(stocked: Pantry) -> None:
    maria = _add_user(stocked, "maria")
    stocked.import_ok("donations", f"{DONATION_HEADER}\n2024-03-01,New Donor,BEAN15,2,,,,,\n", user="maria")
    stocked.import_ok("items", "name\nOats\n", user="maria")

    with stocked.session() as session:
        assert session.scalars(select(Lot.created_by_id)).all() == [maria]
        assert session.scalars(select(Movement.user_id)).all() == [maria]
        assert session.scalars(select(Donation.created_by_id)).all() == [maria]
        assert catalog.donor_named(session, "New Donor").created_by_id == maria  # type: ignore[union-attr]
        assert session.scalars(select(Item.created_by_id).where(Item.name == "Oats")).one() == maria


def test_writes_are_recorded_as_the_first_admin_by_default(stocked: Pantry) -> None:
    _add_user(stocked, "maria")
    stocked.import_ok("donations", f"{DONATION_HEADER}\n2024-03-01,,BEAN15,2,,,,,\n")
    with stocked.session() as session:
        admin = session.scalars(select(User.id).where(User.name == "admin")).one()
        assert session.scalars(select(Lot.created_by_id)).all() == [admin]
        assert session.scalars(select(Movement.user_id)).all() == [admin]


@pytest.mark.parametrize("name", ["ghost", "retired"])
def test_an_unknown_or_inactive_user_writes_nothing(stocked: Pantry, name: str) -> None:
    _add_user(stocked, "retired", active=False)
    before = stocked.snapshot()
    result = stocked.import_("donations", f"{DONATION_HEADER}\n2024-03-01,,BEAN15,2,,,,,\n", user=name)
    assert_refused(stocked, result, before, [f"user: there is no active user named '{name}'"])


def test_an_import_that_fails_into_a_new_database_leaves_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = Pantry(tmp_path / "new.sqlite", tmp_path, capsys)
    result = desk.import_("items", "name,unit\nOats,box\n")
    assert result.code == 1
    assert not desk.path.exists()

    desk.import_ok("items", "name\nOats\n")  # an import may create the database, as `init` would
    assert desk.item("P00001").name == "Oats"
