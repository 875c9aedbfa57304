"""The `pantry` command: init, stock, verify, backup, usage and errors (imports: test_imports.py).

Most tests call `pantry.cli.main` in-process against real SQLite files; a few run the installed `pantry` executable
to prove the entry point, its exit status and stderr for real.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.cli import main
from pantry.db import default_database, open_database, sample_database
from pantry.documents import tabular
from pantry.measures import format_money
from pantry.models import Donor, Location, User
from pantry.services import ledger
from pantry.services.setup import get_setting

PANTRY = Path(sys.executable).parent / "pantry"

ITEMS = """\
sku,name,category,unit,unit_weight_kg,unit_value,storage,date_kind,shelf_life_days
BEAN15,Black beans 15 oz,Canned,each,0.480,1.25,dry,best_by,730
APPLE,Apples,Produce,lb,,1.49,chilled,best_by,21
RICE,Rice,Grains,kg,,2.10,dry,none,
"""
DONATIONS = """\
date,donor,item,quantity,weight_kg,weight_lb,expires,location,note
2024-03-01,Food Bank,BEAN15,24,,,2026-01-31,,
2024-03-01,Food Bank,APPLE,,,42,,Cooler,
2024-03-05,,BEAN15,6,,,,,
2024-03-05,,RICE,2.5,,,,,
"""
# Worked by hand. Beans: 24 + 6 cans x 480 g = 14.400 kg, 30 x 1.25 = 37.50. Apples: 42 lb x 453.59237 = 19050.880 g
# -> 19051 g = 19.051 kg, shown as 19051 / 453.59237 = 42.000 lb, worth 19051 x 149 / 453.59237 = 6258.04 -> 62.58.
# Rice: 2.5 kg = 2500 g, 2.5 x 2.10 = 5.25.
BY_ITEM_HEADER = "sku,item,category,unit,quantity,weight_kg,value"
APPLES = "APPLE,Apples,Produce,lb,42.000,19.051,62.58"
BEANS = "BEAN15,Black beans 15 oz,Canned,each,30,14.400,37.50"
RICE = "RICE,Rice,Grains,kg,2.500,2.500,5.25"
BY_LOT = [
    "lot,sku,item,location,expires,date_kind,quantity,weight_kg",
    "L00002X,APPLE,Apples,Cooler,2024-03-22,best_by,42.000,19.051",  # 2024-03-01 + 21 days' shelf life
    "L00001Q,BEAN15,Black beans 15 oz,Main,2026-01-31,best_by,24,11.520",  # 24 x 480 g
    "L000034,BEAN15,Black beans 15 oz,Main,2026-03-05,best_by,6,2.880",  # 2024-03-05 + 730 days
    "L00004A,RICE,Rice,Main,,none,2.500,2.500",
]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


class Pantry:
    """One database file, driven through `pantry.cli.main`."""

    def __init__(self, path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.path = path
        self.folder = folder
        self.capsys = capsys

    def run(self, *args: str, db: bool = True) -> Result:
        self.capsys.readouterr()
        try:
            code = main([*(["--db", str(self.path)] if db else []), *args])
        except SystemExit as stop:  # argparse: usage errors, --help, --version
            code = int(stop.code or 0)
        out, err = self.capsys.readouterr()
        return Result(code, out, err)

    def ok(self, *args: str) -> str:
        result = self.run(*args)
        assert (result.code, result.err) == (0, ""), result.err
        return result.out

    def import_ok(self, kind: str, text: str) -> None:
        path = self.folder / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        self.ok("import", kind, str(path))

    def stock_csv(self, *args: str) -> list[str]:
        return self.ok("stock", "--format", "csv", *args).splitlines()

    @contextmanager
    def session(self) -> Iterator[Session]:
        database = open_database(self.path)
        try:
            with database.session() as session:
                yield session
        finally:
            database.dispose()

    def tamper(self, sql: str) -> None:
        """Change the file behind the ledger's back, as a stray tool or a bad disk might."""
        connection = sqlite3.connect(self.path)
        try:
            with connection:
                connection.execute(sql)
        finally:
            connection.close()


def run_pantry(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed `pantry` executable (its environment carries this test's private PANTRY_DATA_DIR)."""
    return subprocess.run([str(PANTRY), *args], capture_output=True, text=True, timeout=60, check=False)


def table_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables}
    finally:
        connection.close()


def copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The databases below, made once through `pantry` itself; each test gets its own copy (fast)."""
    folder = tmp_path_factory.mktemp("templates")
    new, stocked = folder / "new.sqlite", folder / "stocked.sqlite"
    assert main(["--db", str(new), "init"]) == 0
    copy_database(new, stocked)
    for kind, text in (("locations", "name,storage\nCooler,chilled\n"), ("items", ITEMS), ("donations", DONATIONS)):
        (folder / f"{kind}.csv").write_text(text, encoding="utf-8")
        assert main(["--db", str(stocked), "import", kind, str(folder / f"{kind}.csv")]) == 0
    return folder


@pytest.fixture
def pantry(templates: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Pantry:
    """A new database as `pantry init` makes it."""
    copy_database(templates / "new.sqlite", db_path)
    return Pantry(db_path, tmp_path, capsys)


@pytest.fixture
def stocked(templates: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Pantry:
    """Four donation lines over two days: counted, by-lb and by-kg items, in Main and Cooler."""
    copy_database(templates / "stocked.sqlite", db_path)
    return Pantry(db_path, tmp_path, capsys)


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample pantry, filled once for the module (about a second); tests work on copies."""
    path = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    assert main(["--db", str(path), "init", "--sample"]) == 0
    return path


@pytest.fixture
def sample(sample_file: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Pantry:
    shutil.copy(sample_file, db_path)
    return Pantry(db_path, tmp_path, capsys)


def post(desk: Pantry, *changes: ledger.Change) -> None:
    """Goods out or moved, through the ledger as the desk would post them."""
    with desk.session() as session:
        admin = session.scalars(select(User.id).where(User.name == "admin")).one()
        ledger.post(session, list(changes), business_date=dt.date(2024, 3, 10), user_id=admin)


# --- init ----------------------------------------------------------------------------------------------------------


def test_init_creates_a_database_with_its_defaults(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pantry = Pantry(db_path, tmp_path, capsys)
    assert pantry.ok("init") == f"Database ready: sqlite:///{db_path.resolve()}\n"
    with pantry.session() as session:
        assert session.scalars(select(User.name).where(User.role == "admin")).all() == ["admin"]
        assert session.scalars(select(Location.name)).all() == ["Main"]
        assert session.scalars(select(Donor.name)).all() == ["Anonymous"]
        assert get_setting(session, "org_name") == "My Pantry"


def test_init_prints_the_database_and_may_name_the_pantry(pantry: Pantry) -> None:
    out = pantry.ok("init", "--name", "Eastside Food Shelf")
    assert out == f"Database ready: sqlite:///{pantry.path.resolve()}\n"
    with pantry.session() as session:
        assert get_setting(session, "org_name") == "Eastside Food Shelf"


def test_init_again_keeps_what_is_there(stocked: Pantry) -> None:
    before = stocked.stock_csv()
    stocked.ok("init")
    assert stocked.stock_csv() == before
    with stocked.session() as session:
        assert session.scalars(select(Location.name).order_by(Location.id)).all() == ["Main", "Cooler"]


def test_init_without_db_uses_pantry_db_or_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = Pantry(tmp_path / "unused.sqlite", tmp_path, capsys)
    assert desk.run("init", db=False).code == 0
    assert default_database().exists()

    monkeypatch.setenv("PANTRY_DB", str(tmp_path / "from-env.sqlite"))
    assert desk.run("init", db=False).code == 0
    assert (tmp_path / "from-env.sqlite").exists()


def test_init_sample_without_db_fills_the_sample_database_never_the_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANTRY_DB", str(tmp_path / "real-pantry.sqlite"))
    desk = Pantry(tmp_path / "unused.sqlite", tmp_path, capsys)

    result = desk.run("init", "--sample", db=False)

    assert result.code == 0, result.err
    assert result.out.startswith(f"Database ready: sqlite:///{sample_database()}\nSample pantry: 150 items, ")
    assert not default_database().exists()
    assert not (tmp_path / "real-pantry.sqlite").exists()
    assert table_counts(sample_database())["item"] == 150


def test_the_sample_pantry_verifies_and_has_stock(sample: Pantry) -> None:
    assert sample.run("verify").code == 0
    rows = sample.stock_csv()
    assert rows[0] == BY_ITEM_HEADER
    assert len(rows) > 50
    by_lot = sample.stock_csv("--by", "lot")
    assert len(by_lot) > len(rows)
    assert all(record["value"] >= 0 for record in json.loads(sample.ok("stock", "--format", "json")))


def test_init_sample_scale_multiplies_the_history(sample_file: Path, db_path: Path) -> None:
    assert main(["--db", str(db_path), "init", "--sample", "--scale", "2"]) == 0
    once, twice = table_counts(sample_file), table_counts(db_path)
    assert twice["item"] == once["item"] == 150
    assert 1.6 * once["donation"] < twice["donation"] < 2.4 * once["donation"]


def test_init_sample_refuses_a_database_that_has_items(sample: Pantry) -> None:
    before = table_counts(sample.path)
    result = sample.run("init", "--sample")
    assert (result.code, result.out) == (1, "")
    assert result.err == "This database already has items; the sample pantry goes only into an empty one.\n"
    assert table_counts(sample.path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["init", "--sample", "--scale", "0"],
        ["init", "--sample", "--scale", "two"],
        ["init", "--scale", "2"],
    ],
)
def test_a_bad_scale_is_a_usage_error_before_anything_is_written(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    result = Pantry(db_path, tmp_path, capsys).run(*args)
    assert result.code == 1
    assert "usage: pantry" in result.err
    assert not db_path.exists()


def test_init_with_an_unknown_user_leaves_no_new_database(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = Pantry(db_path, tmp_path, capsys).run("--user", "ghost", "init", "--sample")
    assert (result.code, result.out, result.err) == (1, "", "user: there is no active user named 'ghost'\n")
    assert not db_path.exists()


# --- stock ---------------------------------------------------------------------------------------------------------


def test_stock_by_item_as_csv(stocked: Pantry) -> None:
    assert stocked.stock_csv() == [BY_ITEM_HEADER, APPLES, BEANS, RICE]
    assert stocked.stock_csv("--by", "item") == [BY_ITEM_HEADER, APPLES, BEANS, RICE]


def test_stock_by_lot_as_csv(stocked: Pantry) -> None:
    assert stocked.stock_csv("--by", "lot") == BY_LOT


def test_stock_by_lot_has_one_row_per_lot_and_location(stocked: Pantry) -> None:
    with stocked.session() as session:
        main_id, cooler_id = session.scalars(select(Location.id).order_by(Location.id)).all()
    post(
        stocked,
        ledger.Change(1, main_id, -4, "transfer"),
        ledger.Change(1, cooler_id, 4, "transfer"),
    )
    rows = stocked.stock_csv("--by", "lot")
    assert rows[2:4] == [
        "L00001Q,BEAN15,Black beans 15 oz,Cooler,2026-01-31,best_by,4,1.920",  # 4 x 480 g
        "L00001Q,BEAN15,Black beans 15 oz,Main,2026-01-31,best_by,20,9.600",
    ]
    assert stocked.stock_csv() == [BY_ITEM_HEADER, APPLES, BEANS, RICE]  # moving changes no total


def test_items_with_no_stock_left_are_omitted(stocked: Pantry) -> None:
    with stocked.session() as session:
        main_id = session.scalars(select(Location.id).where(Location.name == "Main")).one()
    post(
        stocked,
        ledger.Change(4, main_id, -2500, "distribution"),  # all the rice (2500 g)
        ledger.Change(3, main_id, -6, "distribution"),  # the second lot of beans
    )
    assert stocked.stock_csv() == [BY_ITEM_HEADER, APPLES, "BEAN15,Black beans 15 oz,Canned,each,24,11.520,30.00"]
    assert stocked.stock_csv("--by", "lot") == BY_LOT[:3]
    assert stocked.run("verify").code == 0


def test_stock_as_of_a_date_counts_only_what_had_come_in_by_its_end(stocked: Pantry) -> None:
    assert stocked.stock_csv("--as-of", "2024-02-29") == [BY_ITEM_HEADER]
    assert stocked.stock_csv("--as-of", "2024-03-01") == [
        BY_ITEM_HEADER,
        APPLES,
        "BEAN15,Black beans 15 oz,Canned,each,24,11.520,30.00",
    ]
    assert stocked.stock_csv("--as-of", "2024-03-04", "--by", "lot") == BY_LOT[:3]
    assert stocked.stock_csv("--as-of", "2024-03-05") == [BY_ITEM_HEADER, APPLES, BEANS, RICE]
    assert stocked.ok("stock", "--as-of", "2024-02-29") == "No stock on hand.\n"


def test_stock_as_of_a_date_before_goods_went_out(stocked: Pantry) -> None:
    with stocked.session() as session:
        main_id = session.scalars(select(Location.id).where(Location.name == "Main")).one()
    post(stocked, ledger.Change(4, main_id, -2500, "distribution"))  # dated 2024-03-10
    assert stocked.stock_csv("--as-of", "2024-03-09") == [BY_ITEM_HEADER, APPLES, BEANS, RICE]
    assert stocked.stock_csv("--as-of", "2024-03-10") == [BY_ITEM_HEADER, APPLES, BEANS]


def test_stock_as_json_parses(stocked: Pantry) -> None:
    records = json.loads(stocked.ok("stock", "--format", "json"))
    assert records == [
        {
            "sku": "APPLE",
            "item": "Apples",
            "category": "Produce",
            "unit": "lb",
            "quantity": 42.0,
            "weight_kg": 19.051,
            "value": 62.58,
        },
        {
            "sku": "BEAN15",
            "item": "Black beans 15 oz",
            "category": "Canned",
            "unit": "each",
            "quantity": 30,
            "weight_kg": 14.4,
            "value": 37.5,
        },
        {
            "sku": "RICE",
            "item": "Rice",
            "category": "Grains",
            "unit": "kg",
            "quantity": 2.5,
            "weight_kg": 2.5,
            "value": 5.25,
        },
    ]
    lots = json.loads(stocked.ok("stock", "--format", "json", "--by", "lot"))
    assert [(lot["lot"], lot["expires"], lot["quantity"]) for lot in lots] == [
        ("L00002X", "2024-03-22", 42.0),
        ("L00001Q", "2026-01-31", 24),
        ("L000034", "2026-03-05", 6),
        ("L00004A", None, 2.5),
    ]


def test_stock_as_a_table_by_default(stocked: Pantry) -> None:
    lines = stocked.ok("stock").splitlines()
    assert lines[0].split() == ["sku", "item", "category", "unit", "quantity", "weight_kg", "value"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["APPLE", "Apples", "Produce", "lb", "42.000", "19.051", "62.58"]
    assert lines[3].split() == ["BEAN15", "Black", "beans", "15", "oz", "Canned", "each", "30", "14.400", "37.50"]
    assert len(lines) == 5
    assert stocked.ok("stock", "--by", "lot").splitlines()[0].split() == BY_LOT[0].split(",")


def test_an_empty_pantry_has_no_stock(pantry: Pantry) -> None:
    assert pantry.ok("stock") == "No stock on hand.\n"
    assert pantry.stock_csv() == [BY_ITEM_HEADER]
    assert pantry.stock_csv("--by", "lot") == [BY_LOT[0]]
    assert json.loads(pantry.ok("stock", "--format", "json")) == []


def test_csv_export_neutralises_formula_text_but_leaves_numbers_plain() -> None:
    @dataclass
    class Row:
        text: str
        cents: int

    columns = [
        tabular.Column("text", "text", lambda row: row.text),
        tabular.Column("value", "decimal", lambda row: format_money(row.cents)),
    ]
    rows = [Row(text, -150) for text in ("=1+2", "+1", "-1.50", "@SUM(A1)", "\tx", "\rx", "plain", "a=b", "")]
    assert tabular.to_csv(columns, rows).split("\n") == [
        "text,value",
        "'=1+2,-1.50",
        "'+1,-1.50",
        "'-1.50,-1.50",
        "'@SUM(A1),-1.50",
        "'\tx,-1.50",
        '"\'\rx",-1.50',
        "plain,-1.50",
        "a=b,-1.50",
        ",-1.50",
        "",
    ]


# --- verify and backup ---------------------------------------------------------------------------------------------


def test_verify_passes_on_a_sound_database(stocked: Pantry) -> None:
    out = stocked.ok("verify")
    assert out.splitlines() == [
        "SQLite integrity check: ok",
        "SQLite foreign keys: ok",
        "Ledger = balances: ok (4 lot balances, 4 ledger sums)",
        "Ledger = month summaries: ok",
    ]


def test_verify_fails_when_a_balance_disagrees_with_its_ledger(stocked: Pantry) -> None:
    stocked.tamper("UPDATE balance SET quantity = quantity + 1 WHERE lot_id = 1")
    result = stocked.run("verify")
    assert result.code == 1
    assert result.err.startswith("PROBLEM: lot 1 at location 1: ledger says (24, 11520, 3000) (qty, g, cents)")
    assert "Ledger = balances: ok" not in result.out


def test_verify_fails_when_a_ledger_entry_goes_missing(stocked: Pantry) -> None:
    stocked.tamper("DELETE FROM movement WHERE lot_id = 4")
    result = stocked.run("verify")
    assert result.code == 1
    assert "PROBLEM: lot 4 at location 1: ledger says (0, 0, 0)" in result.err


def test_backup_writes_a_copy_that_opens_and_verifies(stocked: Pantry, tmp_path: Path) -> None:
    target = tmp_path / "copies" / "pantry-copy.sqlite"
    out = stocked.ok("backup", "-o", str(target))
    assert out == f"Backup written: {target}\n"

    copy = Pantry(target, tmp_path, stocked.capsys)
    assert copy.run("verify").code == 0
    assert copy.stock_csv("--by", "lot") == BY_LOT
    # the copy says what it is in five settings of its own (backup.kind, .taken_at, .app_version, ...)
    assert table_counts(target) == table_counts(stocked.path) | {"setting": table_counts(stocked.path)["setting"] + 5}


def test_backup_by_default_goes_to_a_dated_file_in_the_data_folder(stocked: Pantry) -> None:
    days = {f"{dt.datetime.now(dt.UTC):%Y-%m-%d}"}
    out = stocked.ok("backup")
    days.add(f"{dt.datetime.now(dt.UTC):%Y-%m-%d}")  # the run may straddle midnight
    written = Path(out.removeprefix("Backup written: ").strip())
    assert written.parent == default_database().parent / "backups"
    assert written.name.split("_")[0] in {f"pantry-{day}" for day in days}
    assert Pantry(written, stocked.folder, stocked.capsys).stock_csv() == [BY_ITEM_HEADER, APPLES, BEANS, RICE]


def test_backup_never_overwrites(stocked: Pantry, tmp_path: Path) -> None:
    target = tmp_path / "taken.sqlite"
    target.write_text("keep me")
    result = stocked.run("backup", "-o", str(target))
    assert (result.code, result.err) == (1, f"backup: {target} already exists\n")
    assert target.read_text() == "keep me"


# --- users, databases and usage ------------------------------------------------------------------------------------


def test_an_unknown_user_is_refused_by_every_command(stocked: Pantry) -> None:
    for command in (["stock"], ["verify"], ["backup", "-o", str(stocked.folder / "b.sqlite")]):
        result = stocked.run("--user", "ghost", *command)
        assert (result.code, result.out) == (1, ""), command
        assert result.err == "user: there is no active user named 'ghost'\n"
    assert not (stocked.folder / "b.sqlite").exists()


def test_a_known_user_may_read(stocked: Pantry) -> None:
    with stocked.session() as session:
        session.add(User(name="maria", role="volunteer"))
    assert stocked.ok("--user", "maria", "stock", "--format", "csv").splitlines()[1] == APPLES


@pytest.mark.parametrize("command", [["stock"], ["verify"], ["backup"]])
def test_reading_commands_never_create_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "typo.sqlite"
    result = Pantry(missing, tmp_path, capsys).run(*command)
    assert (result.code, result.out) == (1, "")
    assert result.err == f"database: there is no database at {missing}; create it with `pantry init`\n"
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_database_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Shopping list\n" * 100)
    result = Pantry(path, tmp_path, capsys).run("stock")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(f"database: cannot open {path}: file is not a database\n")
    assert path.read_text() == "Shopping list\n" * 100


def test_a_bad_database_url_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = Pantry(tmp_path, tmp_path, capsys).run("--db", "nosuchdb://server/pantry", "verify", db=False)
    assert result.code == 1
    assert result.err.startswith("database: cannot open nosuchdb://server/pantry: ")


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["dance"],
        ["stock", "--by", "shelf"],
        ["stock", "--format", "xlsx"],
        ["stock", "--as-of", "2024-13-01"],
        ["stock", "--as-of", "yesterday"],
        ["stock", "extra"],
        ["import"],
        ["import", "vouchers", "x.csv"],
        ["import", "items"],
        ["backup", "-o"],
        ["--db"],
    ],
)
def test_usage_errors_exit_1(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    result = Pantry(db_path, tmp_path, capsys).run(*args)
    assert (result.code, result.out) == (1, "")
    assert not db_path.exists()
    assert result.err.startswith("usage: pantry")
    assert "error: " in result.err


def test_help_and_version_exit_0(pantry: Pantry) -> None:
    assert pantry.run("--help").code == 0
    result = pantry.run("--version")
    assert (result.code, result.out) == (0, "pantry 0.1.0\n")


# --- the installed executable --------------------------------------------------------------------------------------


def test_the_installed_command_exports_stock(stocked: Pantry) -> None:
    result = run_pantry("--db", str(stocked.path), "stock", "--format", "csv")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [BY_ITEM_HEADER, APPLES, BEANS, RICE]


def test_the_installed_command_reports_bad_rows_on_stderr_with_status_1(pantry: Pantry) -> None:
    bad = pantry.folder / "items.csv"
    bad.write_text("sku,name,unit\nA,,each\nB,Oats,box\n")

    result = run_pantry("--db", str(pantry.path), "import", "items", str(bad))

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        "row 1: name: an item needs a name",
        "row 2: unit: 'box' is not one of each|lb|kg",
        "2 problem(s) in 2 row(s); nothing was imported",
    ]
    assert table_counts(pantry.path)["item"] == 0


def test_the_installed_command_fails_verify_on_a_tampered_database(stocked: Pantry) -> None:
    stocked.tamper("UPDATE balance SET quantity = quantity + 1")

    result = run_pantry("--db", str(stocked.path), "verify")

    assert result.returncode == 1
    assert result.stdout.startswith("SQLite integrity check: ok\n")
    assert "PROBLEM: lot 1 at location 1: ledger says (24, 11520, 3000) (qty, g, cents), balance says (25, " in (
        result.stderr
    )


def test_the_installed_command_exits_1_on_usage_errors_unknown_users_and_missing_files(pantry: Pantry) -> None:
    usage = run_pantry("stock", "--by", "shelf")
    assert (usage.returncode, usage.stdout) == (1, "")
    assert usage.stderr.startswith("usage: pantry")
    assert "invalid choice: 'shelf'" in usage.stderr

    ghost = run_pantry("--db", str(pantry.path), "--user", "ghost", "stock")
    assert (ghost.returncode, ghost.stdout, ghost.stderr) == (1, "", "user: there is no active user named 'ghost'\n")

    missing = pantry.folder / "none.csv"
    absent = run_pantry("--db", str(pantry.path), "import", "items", str(missing))
    assert (absent.returncode, absent.stdout, absent.stderr) == (1, "", f"{missing}: no such file\n")
