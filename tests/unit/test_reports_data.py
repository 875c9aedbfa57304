"""Builders the report and letter tests share (this module holds no tests): a small pantry and its history, made
through the services a desk uses."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.models import Lot
from pantry.services import catalog, intake, ledger, lots, stockcare
from tests import helpers

DAY = dt.date(2025, 3, 3)  # a Monday in the past, whatever day the tests run


@dataclass(frozen=True)
class World:
    beans: int  # counted, 480 g and $1.29 each
    milk: int  # counted, 3.9 kg and $3.49 each, use-by
    produce: int  # weighed (lb), $1.67 a pound
    jane: int  # an individual
    costco: int  # a purchase
    tefap: int  # a government programme
    grocer: int  # a business
    cooler: int  # a second location


def world(session: Session) -> World:
    beans, milk, produce = helpers.beans(session), helpers.milk(session), helpers.produce(session)
    donors = {}
    for name, kind in (
        ("Jane Whitaker", "individual"),
        ("Cash purchase - Costco run", "purchase"),
        ("TEFAP / USDA Commodities", "government"),
        ("Riverside Grocery", "business"),
    ):
        row, _ = catalog.save_donor(session, catalog.DonorSpec(name=name, kind=kind, address="1 Elm St\nTown"), None)
        donors[kind] = row.id
    cooler, _ = catalog.save_location(session, "Cooler", "chilled", None)
    return World(
        beans.id,
        milk.id,
        produce.id,
        donors["individual"],
        donors["purchase"],
        donors["government"],
        donors["business"],
        cooler.id,
    )


def receive(
    session: Session,
    item_id: int,
    amount: int,
    day: dt.date,
    donor_id: int | None = None,
    *,
    location_id: int | None = None,
    expires: dt.date | None = None,
) -> str:
    """A one-line donation; `amount` is pieces, or grams for weighed items. Returns the lot code."""
    item = catalog.get_item(session, item_id)
    line = intake.IntakeLine(item_id, grams=amount) if item.weighed else intake.IntakeLine(item_id, quantity=amount)
    line.location_id, line.expires_on = location_id, expires
    return helpers.donate(session, line, on=day, donor_id=donor_id).lot_codes[0]


def give(session: Session, lot_code: str, quantity: int, day: dt.date, reference: str = "sample") -> None:
    """Goods out of a lot (from its first place), as a pickup would post them."""
    lot = lots.lot_by_code(session, lot_code)
    here = lots.places(session, lot.id)
    if not here:
        raise UserError(f"lot {lot_code} has nothing on hand")
    place = here[0]
    ledger.post(
        session,
        [ledger.Change(lot.id, place.location_id, -quantity, "distribution", reference=reference)],
        business_date=day,
        user_id=helpers.admin_id(session),
    )


def lose(session: Session, lot_code: str, quantity: int, reason: str, day: dt.date) -> None:
    stockcare.adjust(session, lot_code, -quantity, reason, helpers.admin_id(session), note="test", today=day)


def move(session: Session, lot_code: str, to: str, quantity: int, day: dt.date) -> None:
    stockcare.transfer(session, lot_code, to, helpers.admin_id(session), quantity=quantity, today=day)


def lot_id(session: Session, code: str) -> int:
    return session.scalars(select(Lot.id).where(Lot.code == code)).one()


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def kg(grams: int) -> Decimal:
    return Decimal(grams) / 1000


def money(cents: int) -> Decimal:
    return Decimal(cents) / 100


# --- the same numbers in every format ---------------------------------------------------------------------------------


def cell(column, raw) -> Decimal | str | None:  # type: ignore[no-untyped-def]
    """What a raw value should read as in every format: a Decimal for numbers, else text; None for a blank."""
    if raw is None or raw == "":
        return None
    if column.kind == "kg":
        return kg(raw)
    if column.kind == "money":
        return money(raw)
    if column.kind in ("count", "qty", "amount"):
        return Decimal(raw)
    if column.kind == "percent":
        return (Decimal(raw) * 100).quantize(Decimal("0.1"))
    return str(raw)


def expected_cells(section, row) -> list[Decimal | str | None]:  # type: ignore[no-untyped-def]
    return [cell(column, column.get(row)) for column in section.columns if column.csv]


def _parse(text: str) -> Decimal | str | None:
    if text == "":
        return None
    try:
        return Decimal(text)
    except ArithmeticError:
        return text


def csv_cells(text: str) -> list[list[Decimal | str | None]]:
    return [[_parse(value) for value in row] for row in list(csv.reader(io.StringIO(text)))[1:]]


def _xlsx_value(column, value):  # type: ignore[no-untyped-def]
    if value is None or value == "":
        return None
    if column.kind == "month" and isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m")
    if column.kind == "date" and isinstance(value, dt.datetime):
        return value.date().isoformat()
    if column.kind == "percent":
        return (Decimal(str(value)) * 100).quantize(Decimal("0.1"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def xlsx_cells(path, section) -> tuple[list[list], list]:  # type: ignore[no-untyped-def]
    """The rows of a section's sheet (CSV columns only) and its TOTAL row, SUM formulas worked out."""
    from openpyxl import load_workbook

    sheet = next(sheet for sheet in load_workbook(path).worksheets[1:] if sheet.title == section.title[:31])
    keep = [(index, column) for index, column in enumerate(section.columns) if column.csv]
    body = list(sheet.iter_rows(min_row=2, max_row=1 + len(section.rows), values_only=True))
    rows = [[_xlsx_value(column, row[index]) for index, column in keep] for row in body]
    total = []
    if section.total is not None:
        cells = next(sheet.iter_rows(min_row=2 + len(section.rows), max_row=2 + len(section.rows), values_only=True))
        for index, column in keep:
            value = cells[index]
            if isinstance(value, str) and value.startswith("=SUM("):
                value = sum((Decimal(str(row[index])) for row in body if row[index] is not None), Decimal(0))
            total.append(_xlsx_value(column, value))
    return rows, total


def _pdf_text(column, value) -> str:  # type: ignore[no-untyped-def]
    if column.kind == "kg":
        return f"{value:.3f}"
    if column.kind == "money":
        return f"{value:.2f}"
    if column.kind == "percent":
        return f"{value}%"
    return str(value)


def assert_formats_agree(report, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """CSV, XLSX and PDF of a report carry the same numbers: every row and the TOTAL of its first section (the PDF
    must show kilograms for this to compare)."""
    from pypdf import PdfReader

    from pantry.documents.report_csv import report_csv
    from pantry.documents.report_pdf import render_report_pdf
    from pantry.documents.tabular import safe_text
    from pantry.documents.xlsx import write_xlsx

    assert report.weight_unit == "kg"
    section = report.primary
    csv_columns = [column for column in section.columns if column.csv]
    expected = [expected_cells(section, row) for row in section.rows]
    expected_total = expected_cells(section, section.total) if section.total is not None else None

    def neutralised(cells: list) -> list:  # type: ignore[type-arg]
        return [
            safe_text(value) if isinstance(value, str) and column.kind == "text" else value
            for value, column in zip(cells, csv_columns, strict=True)
        ]

    in_csv = [neutralised(cells) for cells in expected + ([expected_total] if expected_total else [])]
    assert csv_cells(report_csv(report)) == in_csv

    workbook = tmp_path / "report.xlsx"
    write_xlsx(report, workbook)
    rows, total = xlsx_cells(workbook, section)
    assert rows == expected
    if expected_total is not None:
        assert total == [
            value if column.total != "none" or value == "TOTAL" else None
            for value, column in zip(expected_total, csv_columns, strict=True)
        ]

    pdf = tmp_path / "report.pdf"
    pages = render_report_pdf(report, pdf)
    text = "\n".join(page.extract_text(extraction_mode="layout") for page in PdfReader(pdf).pages)
    assert f"Page {pages} of {pages}" in text
    lines = {" ".join(line.replace(",", "").split()) for line in text.splitlines()}
    views = section.pdf_views or (("", tuple(column.key for column in section.columns if column.csv)),)
    for heading, keys in views:
        columns = [section.column(key) for key in keys]
        for row in [*section.rows, *([section.total] if section.total is not None else [])]:
            shown = []
            for column in columns:
                value = cell(column, column.get(row))
                if value is None or (row is section.total and column.total == "none" and value != "TOTAL"):
                    continue
                shown.append(_pdf_text(column, value))
            wanted = " ".join(" ".join(shown).replace(",", "").split())
            assert wanted in lines, (heading, wanted)
