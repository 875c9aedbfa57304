"""`pantry count`: one freezer counted on paper, keyed in, and exactly the counted lots corrected."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from pantry.cli import main
from pantry.models import Movement
from pantry.services import catalog, stock
from pantry.services.intake import IntakeLine
from tests import helpers


def _stock_the_freezer(database) -> dict[str, int]:
    with database.session() as session:
        freezer, _ = catalog.save_location(session, "Chest freezer", "frozen", None)
        beans, milk = helpers.beans(session), helpers.milk(session)
        codes = {}
        for item, quantity in ((beans, 10), (beans, 4), (milk, 6)):
            saved = helpers.donate(session, IntakeLine(item.id, quantity=quantity, location_id=freezer.id))
            codes[saved.lot_codes[0]] = quantity
        helpers.donate(session, IntakeLine(beans.id, quantity=7))  # in Main: not part of the freezer's count
    return codes


def _lots(database) -> dict[tuple[str, str], int]:
    with database.session() as session:
        return {(row.lot, row.location): row.quantity for row in stock.stock_by_lot(session)}


def test_count_a_freezer_on_paper_and_post_it(database, db_path: Path, tmp_path: Path, capsys) -> None:
    codes = _stock_the_freezer(database)
    before = _lots(database)
    assert main(["--db", str(db_path), "count", "start", "--location", "Chest freezer"]) == 0
    count_id = capsys.readouterr().out.strip()
    assert count_id.isdigit()  # only the id

    sheet = tmp_path / "sheet.pdf"
    assert main(["--db", str(db_path), "count", "sheet", count_id, "-o", str(sheet)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(sheet).pages)
    assert "Chest freezer" in text and "Black beans 15 oz" in text and "Milk 1 gal" in text
    assert all(code in text for code in codes)
    for dpi in (203, 300):
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(sheet), str(tmp_path / f"p{dpi}")], check=True)
        decoded = {
            result.text
            for page in sorted(tmp_path.glob(f"p{dpi}*.png"))
            for result in zxingcpp.read_barcodes(Image.open(page))
        }
        assert decoded == set(codes), dpi

    first, second, milk_lot = list(codes)
    counts_file = tmp_path / "counts.csv"
    counts_file.write_text(f"lot,counted\n{first},8\n{milk_lot},6\n", encoding="utf-8")  # second lot not counted
    assert main(["--db", str(db_path), "count", "enter", count_id, str(counts_file)]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "count", "post", count_id]) == 0
    assert "1 corrected" in capsys.readouterr().out

    after = _lots(database)
    assert after[(first, "Chest freezer")] == 8
    assert after[(second, "Chest freezer")] == before[(second, "Chest freezer")]  # uncounted: unchanged
    assert after[(milk_lot, "Chest freezer")] == 6
    with database.session() as session:
        corrections = session.scalars(select(Movement).where(Movement.kind == "count")).all()
        assert [(m.quantity, m.reason) for m in corrections] == [(-2, "recount")]

    assert main(["--db", str(db_path), "count", "post", count_id]) == 1  # posted once
    assert "posted already" in capsys.readouterr().err


def test_bad_count_rows_are_named_and_nothing_is_recorded(database, db_path: Path, tmp_path: Path, capsys) -> None:
    codes = _stock_the_freezer(database)
    main(["--db", str(db_path), "count", "start", "--location", "Chest freezer"])
    count_id = capsys.readouterr().out.strip()
    lot = next(iter(codes))
    bad = tmp_path / "bad.csv"
    bad.write_text(f"lot,counted\n{lot},-1\nL999999,3\n{lot},many\n", encoding="utf-8")
    assert main(["--db", str(db_path), "count", "enter", count_id, str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 1: counted" in err and "row 2: lot" in err and "row 3: counted" in err
    assert main(["--db", str(db_path), "count", "post", count_id]) == 1
    assert "nothing has been counted" in capsys.readouterr().err


def test_stock_commands_from_the_shell(database, db_path: Path, capsys) -> None:
    with database.session() as session:
        beans = helpers.beans(session)
        catalog.save_location(session, "Back room", "dry", None)
        saved = helpers.donate(session, IntakeLine(beans.id, quantity=30), on=dt.date.today() - dt.timedelta(days=3))
    lot = saved.lot_codes[0]
    db = ["--db", str(db_path)]
    assert main([*db, "transfer", lot, "--to", "Back room", "--qty", "10"]) == 0
    assert main([*db, "adjust", lot, "--qty", "-3", "--reason", "damaged"]) == 1  # two places: which?
    assert "more than one place" in capsys.readouterr().err
    assert main([*db, "adjust", lot, "--qty", "-3", "--reason", "damaged", "--location", "Back room"]) == 0
    assert main([*db, "adjust", lot, "--qty", "-1", "--reason", "other"]) == 1
    assert main([*db, "below-par", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "sku,item,par_level,quantity,short_by" in out  # 27 on hand, par 24: not below
    assert "BB15" not in out
    assert main([*db, "recall", "--item", "BB15", "--quarantine"]) == 0
    assert "QUARANTINED" in capsys.readouterr().out
    assert main([*db, "release", lot]) == 0
    assert main([*db, "history", lot]) == 0
    history = capsys.readouterr().out
    for what in ("intake", "transfer", "adjustment", "quarantine", "release", "damaged"):
        assert what in history
    assert main([*db, "verify"]) == 0
