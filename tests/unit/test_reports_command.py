"""`pantry report ...`: the command lines and CSV columns are a contract."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pantry.cli import main
from tests.unit.test_reports_data import give, lose, read_csv, receive, world

HEADERS = {
    "rollforward": "category,opening_qty,received_qty,distributed_qty,lost_qty,corrected_qty,closing_qty,opening_kg,"
    "received_kg,distributed_kg,lost_kg,corrected_kg,closing_kg,opening_value,received_value,distributed_value,"
    "lost_value,corrected_value,closing_value",
    "donations": "donor,donor_kind,category,donations,quantity,weight_kg,value",
    "waste": "month,reason,category,quantity,weight_kg,value",
}


@pytest.fixture
def pantry(database, db_path: Path) -> list[str]:
    with database.session() as session:
        w = world(session)
        beans = receive(session, w.beans, 30, dt.date(2025, 3, 3), w.jane)
        receive(session, w.produce, 4_000, dt.date(2025, 3, 4), w.costco)
        give(session, beans, 12, dt.date(2025, 3, 5))
        lose(session, beans, 2, "damaged", dt.date(2025, 3, 6))
    return ["--db", str(db_path)]


def test_rollforward_csv_columns_and_total(pantry: list[str], tmp_path: Path, capsys) -> None:
    out = tmp_path / "q1.csv"
    args = [*pantry, "report", "rollforward", "--from", "2025-01-01", "--to", "2025-03-31"]
    assert main([*args, "--format", "csv", "-o", str(out)]) == 0
    assert "reconciles" in capsys.readouterr().out
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADERS["rollforward"]
    assert lines[-1] == "TOTAL,0,30,12,2,0,16,0.000,18.400,5.760,0.960,0.000,11.680,0.00,53.43,15.48,2.58,0.00,35.37"
    by_item = tmp_path / "items.csv"
    assert main([*args, "--by", "item", "--format", "csv", "-o", str(by_item)]) == 0
    rows = read_csv(by_item.read_text(encoding="utf-8"))
    assert next(iter(rows[0])) == "item" and rows[-1]["item"] == "TOTAL"
    produce = next(row for row in rows if row["item"] == "Mixed produce")
    assert produce["received_qty"] == "" and produce["received_kg"] == "4.000"


@pytest.mark.parametrize("report", ["donations", "waste", "expiring"])
def test_period_reports_in_every_format(pantry: list[str], tmp_path: Path, report: str, capsys) -> None:
    for output_format in ("csv", "xlsx", "pdf"):
        out = tmp_path / f"{report}.{output_format}"
        args = [*pantry, "report", report, "--from", "2025-03-01", "--to", "2025-03-31"]
        assert main([*args, "--format", output_format, "-o", str(out)]) == 0, capsys.readouterr().err
        assert out.stat().st_size > 0
    header = (tmp_path / f"{report}.csv").read_text(encoding="utf-8").splitlines()[0]
    if report in HEADERS:
        assert header == HEADERS[report]
    assert load_workbook(tmp_path / f"{report}.xlsx").sheetnames[0] == "About"
    assert "Page 1 of" in PdfReader(tmp_path / f"{report}.pdf").pages[0].extract_text()


def test_stock_as_of_by_item_category_and_location(pantry: list[str], tmp_path: Path) -> None:
    expected = {
        "item": "sku,item,category,unit,quantity,weight_kg,value",
        "category": "category,quantity,weight_kg,value",
        "location": "location,quantity,weight_kg,value",
    }
    for by, header in expected.items():
        out = tmp_path / f"stock-{by}.csv"
        assert (
            main([*pantry, "report", "stock", "--as-of", "2025-03-31", "--by", by, "--format", "csv", "-o", str(out)])
            == 0
        )
        lines = out.read_text(encoding="utf-8").splitlines()
        assert lines[0] == header and lines[-1].startswith("TOTAL,")
        assert lines[-1].endswith(",11.680,35.37")  # the roll-forward's closing
    assert main([*pantry, "report", "stock", "--as-of", "2025-03-31", "-o", str(tmp_path / "stock.pdf")]) == 0


def test_csv_to_stdout_and_a_period_by_name(pantry: list[str], capsys) -> None:
    assert main([*pantry, "report", "waste", "--from", "2025-03-01", "--to", "2025-03-31", "-o", "-"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "TOTAL,,,2,0.960,2.58"
    assert main([*pantry, "report", "waste", "--period", "last-quarter", "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith(HEADERS["waste"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rollforward", "--from", "2025-03-31", "--to", "2025-03-01"], "starts (2025-03-31) after it ends"),
        (["rollforward", "--from", "2025-03-01"], "give --from DATE and --to DATE"),
        (["waste", "--period", "next-century"], "not a period we know"),
        (["rollforward", "--from", "2025-03-01", "--to", "2025-03-31", "--period", "last-month"], "not both"),
    ],
)
def test_mistakes_are_explained_and_write_nothing(
    pantry: list[str], tmp_path: Path, capsys, args: list[str], message: str
) -> None:
    out = tmp_path / "report.csv"
    assert main([*pantry, "report", *args, "-o", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".pantry-report-*"))


def test_the_format_comes_from_the_file_name_or_is_asked_for(pantry: list[str], tmp_path: Path, capsys) -> None:
    args = [*pantry, "report", "donations", "--from", "2025-03-01", "--to", "2025-03-31"]
    assert main([*args, "-o", str(tmp_path / "d.xlsx")]) == 0
    assert main([*args, "-o", str(tmp_path / "d.txt")]) == 1
    assert "give --format csv, xlsx or pdf" in capsys.readouterr().err
    assert main([*args, "--format", "pdf", "-o", "-"]) == 1
    assert "only CSV goes to stdout" in capsys.readouterr().err
    assert main([*args, "-o", str(tmp_path / "missing" / "d.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_settings_and_valuation(pantry: list[str], tmp_path: Path, capsys) -> None:
    assert main([*pantry, "report", "settings", "--address", "12 Main St\\nSpringfield", "--tax-id", "12-3456789"]) == 0
    shown = capsys.readouterr().out
    assert "org_address: 12 Main St\\nSpringfield" in shown and "org_tax_id: 12-3456789" in shown
    assert main([*pantry, "report", "settings", "--weight-unit", "stone"]) == 1
    assert "must be kg or lb" in capsys.readouterr().err
    assert (
        main([*pantry, "report", "valuation", "--rate", "1.67/lb", "--rate-year", "2016", "--rate-source", "FA"]) == 0
    )
    assert "$1.67 per lb (FA, 2016)" in capsys.readouterr().out
    assert main([*pantry, "report", "valuation", "--rate", "1.675/lb"]) == 1
    assert "more than two decimals" in capsys.readouterr().err
    assert main([*pantry, "report", "valuation", "-o", str(tmp_path / "valuation.csv")]) == 0
    assert (tmp_path / "valuation.csv").read_text(encoding="utf-8").startswith("setting,value\ncurrency,USD\n")
