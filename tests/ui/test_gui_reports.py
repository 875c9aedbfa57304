"""The Reports screen, driven like a treasurer would: "last quarter", the table and its TOTAL, the chart, exports
read back, printing, donor letters, the second open of a report served from the cache, and Cancel."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import wait_idle
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from pantry import services
from pantry.cli import main
from pantry.db import Database
from pantry.documents.report_pdf import weight_text
from pantry.services.reports.period import preset
from tests.unit.test_reports_data import cell, csv_cells, give, lose, move, read_csv, receive, world, xlsx_cells
from ui.chart import BarChart, axis_steps
from ui.main_window import MainWindow
from ui.models.report import SectionModel
from ui.ops import Runner
from ui.screens.reports import ReportPrintDialog, ReportsScreen

QUARTER = preset("last-quarter")


@pytest.fixture
def history(database: Database) -> None:
    """Stock before the quarter, goods in, out, lost and moved within it, and a donation after it."""
    start = QUARTER.start
    with database.session() as session:
        w = world(session)
        opening = receive(session, w.beans, 40, start - dt.timedelta(days=20), w.jane)
        beans = receive(session, w.beans, 30, start + dt.timedelta(days=3), w.grocer)
        receive(session, w.produce, 4_000, start + dt.timedelta(days=35), w.costco)
        milk = receive(session, w.milk, 6, start + dt.timedelta(days=40), w.tefap)
        give(session, beans, 12, start + dt.timedelta(days=5))
        give(session, opening, 7, start + dt.timedelta(days=50))
        lose(session, beans, 2, "damaged", start + dt.timedelta(days=6))
        lose(session, milk, 1, "expired", start + dt.timedelta(days=70))
        move(session, opening, "Cooler", 5, start + dt.timedelta(days=8))
        receive(session, w.beans, 9, QUARTER.end + dt.timedelta(days=1), w.jane)


@pytest.fixture
def window(qtbot: QtBot, runner: Runner, history: None) -> MainWindow:
    main_window = MainWindow(runner)
    main_window.ask_before_closing = False
    qtbot.addWidget(main_window)
    main_window.show()
    qtbot.waitExposed(main_window)
    wait_idle(qtbot, runner)
    return main_window


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Counts the calls of the core's report builder (the real one still runs)."""
    calls: list[str] = []
    real = services.reports.build

    def counting(session: Any, kind: str, **kwargs: Any) -> Any:
        calls.append(kind)
        return real(session, kind, **kwargs)

    monkeypatch.setattr(services.reports, "build", counting)
    yield calls


def open_reports(qtbot: QtBot, window: MainWindow) -> ReportsScreen:
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, window.runner)
    screen = window.reports
    assert window.stack.currentWidget() is screen
    return screen


def cli_csv(db_path: Path, tmp_path: Path, *args: str) -> list[dict[str, str]]:
    out = tmp_path / "cli.csv"
    assert main(["--db", str(db_path), "report", *args, "--period", "last-quarter", "-o", str(out)]) == 0
    return read_csv(out.read_text(encoding="utf-8"))


def number(text: str) -> Decimal | str:
    plain = text.replace(",", "")
    try:
        return Decimal(plain)
    except ArithmeticError:
        return text


def total_figures(model: SectionModel, keys: list[str]) -> dict[str, Decimal | str | None]:
    """The TOTAL row's figures as the CSV carries them (kg and money units), from the cells' raw values."""
    columns = {column.key: column for column in model.columns}
    return {key: cell(columns[key], model.raw(0, key)) for key in keys}


def test_last_quarter_roll_forward_shows_the_clis_totals_and_exports_agree(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    screen = open_reports(qtbot, window)
    assert screen.choice.kind == "rollforward" and screen.period.currentData() == "last-quarter"
    screen.choose("rollforward", "last-quarter", by="category")
    wait_idle(qtbot, window.runner)
    report = screen.shown.report if screen.shown else None
    assert report is not None and report.scope == QUARTER.label
    assert screen.model.rowCount() >= 2 and screen.totals.rowCount() == 1
    assert screen.totals.text(0, "category") == "TOTAL" and not screen.total_table.isHidden()
    assert "✔ Balances" in screen.check.text() and not screen.check.is_error()

    cli = cli_csv(db_path, tmp_path, "rollforward")
    cli_total = cli[-1]
    keys = [key for key in cli_total if key != "category"]
    shown = total_figures(screen.totals, keys)
    assert shown == {key: number(value) if value else None for key, value in cli_total.items() if key != "category"}
    unit = report.weight_unit  # the screen shows weights as the pantry prints them (CSV: always kg)
    closing = screen.totals.raw(0, "closing_kg")
    assert screen.totals.text(0, "closing_kg") == weight_text(closing, unit)
    headers = [
        screen.model.headerData(column, Qt.Orientation.Horizontal) for column in range(screen.model.columnCount())
    ]
    assert any(f"({unit})" in str(header) for header in headers)
    assert shown["received_qty"] == 36 and shown["closing_qty"] == 54  # 40 + 30 + 6 in, 19 out, 3 lost
    assert [row["category"] for row in cli[:-1]] == [
        screen.model.text(row, "category") for row in range(screen.model.rowCount())
    ]

    for output_format in ("csv", "xlsx", "pdf"):
        screen.export(output_format, tmp_path / f"quarter.{output_format}")
        wait_idle(qtbot, window.runner)
        assert "Saved Stock roll-forward" in screen.feedback.text(), screen.feedback.text()
    csv_total = csv_cells((tmp_path / "quarter.csv").read_text(encoding="utf-8"))[-1]
    assert csv_total == [number(value) if value else None for value in cli_total.values()]
    _rows, xlsx_total = xlsx_cells(tmp_path / "quarter.xlsx", report.primary)
    assert xlsx_total == csv_total
    pages = PdfReader(tmp_path / "quarter.pdf").pages
    text = "\n".join(page.extract_text(extraction_mode="layout") for page in pages)
    assert QUARTER.label in text and "Page 1 of" in text
    totals = " ".join(line.replace(",", "") for line in text.splitlines() if line.strip().startswith("TOTAL")).split()
    for key in ("closing_kg", "received_kg", "lost_kg"):  # the PDF prints weights in the pantry's unit
        assert weight_text(screen.totals.raw(0, key), unit).replace(",", "") in totals, key
    for key in ("closing_value", "received_value", "distributed_value", "lost_value"):
        assert cli_total[key] in totals, key


def test_the_second_open_of_a_report_does_not_build_it_again(
    qtbot: QtBot, window: MainWindow, database: Database, builds: list[str]
) -> None:
    screen = open_reports(qtbot, window)
    assert builds == ["rollforward"]  # shown on arrival: last quarter's roll-forward
    first = screen.shown
    screen.show_report()
    wait_idle(qtbot, window.runner)
    window.show_screen("Stock")
    window.show_screen("Reports")
    wait_idle(qtbot, window.runner)
    assert builds == ["rollforward"] and screen.shown is first
    screen.choose("donations", "last-quarter")
    wait_idle(qtbot, window.runner)
    screen.choose("rollforward", "last-quarter")
    wait_idle(qtbot, window.runner)
    assert builds == ["rollforward", "donations"] and screen.shown is first

    with database.session() as session:  # a new donation: every report may change
        receive(session, _item_id(session), 3, QUARTER.start + dt.timedelta(days=9))
    screen.show_report()
    wait_idle(qtbot, window.runner)
    assert builds == ["rollforward", "donations", "rollforward"] and screen.shown is not first
    assert screen.totals.text(0, "received_qty") == "39"


def _item_id(session: Any) -> int:
    from sqlalchemy import select

    from pantry.models import Item

    return session.scalars(select(Item.id).where(Item.sku == "BB15")).one()


def test_cancel_leaves_the_screen_usable(qtbot: QtBot, window: MainWindow, builds: list[str]) -> None:
    screen = open_reports(qtbot, window)
    gate = threading.Event()
    window.runner.call(gate.wait, 10)  # the worker is busy with something long
    screen.choose("waste", "last-quarter")
    assert not screen.busy.isHidden() and not screen.show_button.isEnabled()
    assert not screen.export_buttons["xlsx"].isEnabled()
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    assert screen.busy.isHidden() and screen.show_button.isEnabled() and screen.pending is None
    assert "Cancelled" in screen.feedback.text()
    gate.set()
    wait_idle(qtbot, window.runner)
    assert builds == ["rollforward"] and screen.shown is not None and screen.shown.request.kind == "rollforward"
    screen.show_report()
    wait_idle(qtbot, window.runner)
    assert builds == ["rollforward", "waste"] and screen.shown.request.kind == "waste"


def test_every_report_shows_with_its_choices(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    screen = open_reports(qtbot, window)
    screen.choose("stock", as_of=QUARTER.end, by="category")
    wait_idle(qtbot, window.runner)
    assert screen.shown is not None and screen.shown.report.scope.endswith(QUARTER.end.isoformat())
    assert not screen.as_of.isHidden() and screen.period.isHidden()
    assert not screen.letters_button.isEnabled()
    assert screen.chart.chart is None and screen.chart.isHidden()  # no picture: the table takes the width
    stock_total = screen.totals.text(0, "weight_kg")
    screen.choose("rollforward", "last-quarter")
    wait_idle(qtbot, window.runner)
    assert screen.totals.text(0, "closing_kg") == stock_total  # closing = stock on hand at the end
    assert not screen.chart.isHidden()
    for kind in ("donations", "distributions", "monthly", "waste", "expiring", "valuation"):
        screen.choose(kind, "last-quarter")
        wait_idle(qtbot, window.runner)
        assert screen.shown is not None and screen.shown.request.kind == kind, screen.feedback.text()
        assert screen.tabs.count() == len(screen.shown.report.sections)
    screen.choose("waste", "custom", start=QUARTER.end, end=QUARTER.start)
    wait_idle(qtbot, window.runner)
    assert screen.feedback.is_error() and "after it ends" in screen.feedback.text()


def test_the_chart_paints_bars_for_each_report(qtbot: QtBot, window: MainWindow) -> None:
    screen = open_reports(qtbot, window)
    months = screen.shown.report.sections[-1] if screen.shown else None
    assert months is not None and months.chart is not None
    screen.tabs.setCurrentIndex(len(screen.shown.report.sections) - 1)
    assert screen.chart.chart is months.chart
    assert screen.chart.title == f"Weight in and out per month ({screen.shown.report.weight_unit})"
    image = screen.chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert QColor(51, 115, 179).name() in colours  # the Received bars
    lost = next(index for index, section in enumerate(screen.shown.report.sections) if section.key == "lost_by_reason")
    screen.tabs.setCurrentIndex(lost)
    assert screen.chart.chart is not None and screen.chart.chart.horizontal
    unit = screen.shown.report.weight_unit
    assert f"Damaged: Lost {weight_text(960, unit)}" in screen.chart.describe()  # 2 cans of 480 g
    assert not screen.chart.grab().isNull()
    lonely = BarChart()
    qtbot.addWidget(lonely)
    lonely.resize(300, 200)
    assert not lonely.grab().isNull()  # no chart: a quiet line
    assert axis_steps(0, 95) == [0, 20, 40, 60, 80, 100]
    assert axis_steps(-3, 7)[0] < 0 and 0 in axis_steps(-3, 7)


def test_print_and_donor_letters(qtbot: QtBot, window: MainWindow, tmp_path: Path, db_path: Path) -> None:
    screen = open_reports(qtbot, window)
    screen.choose("donations", "last-quarter")
    wait_idle(qtbot, window.runner)
    qtbot.keyClick(screen, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.print_dialog
    assert isinstance(dialog, ReportPrintDialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(window.printing.message, timeout=30_000):
        dialog.print_on(printer)
    wait_idle(qtbot, window.runner)
    assert (tmp_path / "printed.pdf").stat().st_size > 0

    screen.write_letters(tmp_path / "letters.pdf")
    wait_idle(qtbot, window.runner)
    assert re.search(r"Saved \d+ donor letters? for", screen.feedback.text()), screen.feedback.text()
    letters = PdfReader(tmp_path / "letters.pdf")
    text = "\n".join(page.extract_text() for page in letters.pages)
    assert "Riverside Grocery" in text  # a business donor of the quarter
    assert "Jane Whitaker" not in text  # she gave before and after the quarter, not in it
    screen.write_letters(tmp_path / "donors.csv", mail_merge=True)
    wait_idle(qtbot, window.runner)
    merged = read_csv((tmp_path / "donors.csv").read_text(encoding="utf-8"))
    cli_letters = tmp_path / "cli-letters.pdf"
    cli_merge = tmp_path / "cli-donors.csv"
    args = ["--db", str(db_path), "letters", "--period", "last-quarter", "-o", str(cli_letters), "--csv"]
    assert main([*args, str(cli_merge)]) == 0
    assert merged == read_csv(cli_merge.read_text(encoding="utf-8"))
    assert len(PdfReader(cli_letters).pages) == len(letters.pages)
    weights = {row["donor"]: Decimal(row["weight_kg"]) for row in merged}
    given: dict[str, Decimal] = {}
    for row in cli_csv(db_path, tmp_path, "donations")[:-1]:
        given[row["donor"]] = given.get(row["donor"], Decimal(0)) + Decimal(row["weight_kg"])
    assert weights and all(given[donor] == weight for donor, weight in weights.items())


def test_the_section_model_passes_the_model_tester(qtbot: QtBot, window: MainWindow, qtmodeltester: Any) -> None:
    screen = open_reports(qtbot, window)
    qtmodeltester.check(screen.model)
    qtmodeltester.check(screen.totals)


def test_a_report_being_built_holds_no_other_desks_writes_back(database: Database, history: None) -> None:
    """open_report reads in a snapshot without SQLite's write lock: another desk writes while it is still open."""
    from pantry.services import setup
    from ui.report_tasks import ReportRequest, open_report

    request = ReportRequest("rollforward", period=QUARTER)
    with database.session() as session:
        opened = open_report(session, request)
        assert opened.built is not None
        with database.session() as other:  # while the report's transaction is still open
            setup.set_setting(other, "org_name", "Riverside Pantry")
    with database.session() as session:
        assert open_report(session, request, opened.stamp).built is not None  # and the change is seen
