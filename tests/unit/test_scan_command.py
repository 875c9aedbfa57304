"""`pantry scan TEXT`: the parse as JSON, with what the database knows; exit 1 and the reason for anything else.

Driven in-process through `pantry.cli.main` against real SQLite files built with the services a desk uses; one run of
the installed `pantry` executable proves the entry point, a real GS character in an argument and the exit status.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pantry.cli import main
from pantry.codes import make_code
from pantry.services import households, intake
from pantry.services.intake import default_location_id
from tests import helpers

PANTRY = Path(sys.executable).parent / "pantry"
GS = "\x1d"
CASE = "10041000123457"
NEXT_YEAR = dt.date.today().year + 1
USE_BY = dt.date(NEXT_YEAR, 3, 31)
CASE_LABEL = f"]C101{CASE}3103012000{GS}10LOT42{GS}17{NEXT_YEAR % 100:02d}0300"


def scan(capsys: pytest.CaptureFixture[str], db: Path, text: str) -> tuple[int, Any, str]:
    """Exit status, the JSON printed (None when nothing was) and stderr."""
    capsys.readouterr()
    code = main(["--db", str(db), "scan", text])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out else None, err


@pytest.fixture
def stocked(database: Any, db_path: Path) -> Path:
    with database.session() as session:
        helpers.beans(session)
    return db_path


def test_a_known_product_names_its_item_and_quantity(stocked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = scan(capsys, stocked, f"0{helpers.BEANS_UPC}\r\n")
    assert (code, err) == (0, "")
    assert out == {
        "kind": "product",
        "item": "Black beans 15 oz",
        "sku": "BB15",
        "quantity": 1,
        "symbology": "upca",
        "text": f"0{helpers.BEANS_UPC}\r\n",
        "code": helpers.BEANS_UPC,
        "gtin": f"00{helpers.BEANS_UPC}",
    }


def test_a_gs1_case_label_gives_item_expiry_lot_and_weight(stocked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = scan(capsys, stocked, CASE_LABEL)
    assert code == 0
    assert (out["kind"], out["item"], out["quantity"], out["gtin"]) == ("product", "Black beans 15 oz", 24, CASE)
    assert (out["expires"], out["date_kind"]) == (USE_BY.isoformat(), "use_by")
    assert (out["lot"], out["weight_kg"]) == ("LOT42", 12.0)


def test_a_valid_code_no_item_carries_yet(stocked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = scan(capsys, stocked, "4006381333931")
    assert (code, err) == (0, "")
    assert out["kind"] == "product" and out["code"] == "4006381333931"
    assert "item" not in out and "quantity" not in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("036000291453", "'036000291453' has a wrong check digit (expected 2)"),
        (f"(01){CASE[:-1]}8", f"GS1: AI 01 GTIN '{CASE[:-1]}8' has a wrong check digit (expected 7)"),
        ("hello world", "'hello world' is not a code we know"),
        ("", "'' is not a code we know"),
        ("(17)261340", "GS1: AI 17 date '261340' is not a date"),
    ],
)
def test_anything_not_a_valid_code_exits_1_with_the_reason(
    stocked: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    code, out, err = scan(capsys, stocked, text)
    assert (code, out, err) == (1, None, message + "\n")


def test_our_lot_code_after_a_donation(stocked: Path, database: Any, capsys: pytest.CaptureFixture[str]) -> None:
    with database.session() as session:
        item = helpers.beans(session)
        saved = helpers.donate(
            session, intake.IntakeLine(item.id, quantity=12, expires_on=USE_BY, supplier_lot="SUP-9")
        )
    lot = saved.lot_codes[0]
    code, out, _ = scan(capsys, stocked, lot.lower())
    assert code == 0
    assert out == {
        "kind": "lot",
        "item": "Black beans 15 oz",
        "sku": "BB15",
        "received_on": dt.date.today().isoformat(),
        "expires": USE_BY.isoformat(),
        "date_kind": "best_by",
        "supplier_lot": "SUP-9",
        "symbology": "own",
        "text": lot.lower(),
        "code": lot,
        "number": 1,
        "lot": lot,
    }


def test_a_lot_code_the_database_does_not_have(stocked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = scan(capsys, stocked, make_code("lot", 999))
    assert code == 0
    assert (out["kind"], out["lot"]) == ("lot", make_code("lot", 999))
    assert "item" not in out


def test_a_household_code(stocked: Path, database: Any, capsys: pytest.CaptureFixture[str]) -> None:
    with database.session() as session:
        household = households.register(session, "Maria", 4, None)
    code, out, _ = scan(capsys, stocked, household.code.lower())
    assert (code, out["kind"], out["household"]) == (0, "household", household.code)


def test_order_and_location_codes(stocked: Path, database: Any, capsys: pytest.CaptureFixture[str]) -> None:
    order = make_code("order", 12)
    code, out, _ = scan(capsys, stocked, order)
    assert (code, out["kind"], out["order"], out["number"]) == (0, "order", order, 12)
    with database.session() as session:
        location_id = default_location_id(session)
    location = make_code("location", location_id)
    code, out, _ = scan(capsys, stocked, location)
    assert (code, out["kind"], out["location"], out["number"]) == (0, "location", location, location_id)
    assert out["location_name"]


def test_without_a_database_it_still_parses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite"
    code, out, err = scan(capsys, missing, CASE_LABEL)
    assert (code, err) == (0, "")
    assert (out["kind"], out["gtin"], out["lot"], out["weight_kg"]) == ("product", CASE, "LOT42", 12.0)
    assert "item" not in out
    assert not missing.exists()  # looking never creates a database
    code, out, err = scan(capsys, missing, "036000291453")
    assert (code, out) == (1, None) and "wrong check digit" in err


def test_dash_reads_one_line_from_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{CASE_LABEL}\r\nnext line\n".encode())))
    code, out, _ = scan(capsys, tmp_path / "none.sqlite", "-")
    assert code == 0
    assert (out["text"], out["lot"]) == (CASE_LABEL, "LOT42")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe\n")))
    code, out, err = scan(capsys, tmp_path / "none.sqlite", "-")
    assert (code, out) == (1, None) and "not a code we know" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, out, err = scan(capsys, tmp_path / "none.sqlite", "-")
    assert (code, err) == (1, "'' is not a code we know\n")


def test_the_installed_command(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.sqlite")
    good = subprocess.run(
        [str(PANTRY), "--db", missing, "scan", CASE_LABEL],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    assert (good.returncode, good.stderr) == (0, "")
    assert json.loads(good.stdout)["elements"] == {"01": CASE, "3103": "012000", "10": "LOT42", "17": CASE_LABEL[-6:]}
    bad = subprocess.run(
        [str(PANTRY), "--db", missing, "scan", "036000291453"],
        capture_output=True,
        text=True,
        env=os.environ,
        check=False,
    )
    assert (bad.returncode, bad.stdout, bad.stderr) == (1, "", "'036000291453' has a wrong check digit (expected 2)\n")
