"""The desk's screens and dialogs (Intake, Count, Pickups, lots, labels, printing) on a Spanish desk: nothing stays
English, every visible control has a tooltip, every input, button and view has a name a screen reader announces
(tests/ui/walk.py). The messages a volunteer reads after a scan, a save or a question are Spanish too: they are
formatted, so they are checked for English words, with the pantry's own data (item and household names) left out.
Set PANTRY_SCREENSHOTS to a folder to keep a picture of each screen and dialog."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import walk
from gui_helpers import BEANS_CODE, RICE_CODE, UNKNOWN_CODE, Catalog, lot_codes, scan, type_scan, wait_idle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from test_gui_pickups import day_orders, open_pickups, scan_here
from test_gui_pickups_day import block_after_a_visit

from pantry import i18n
from pantry.db import Database
from ui import ask, text
from ui.dialogs.labels import LabelsDialog
from ui.dialogs.lot import LotDialog
from ui.dialogs.stock_change import AdjustDialog, MoveDialog
from ui.dialogs.unknown_code import UnknownCodeDialog
from ui.main_window import MainWindow
from ui.ops import Runner
from ui.printing import PreviewDialog, Printout
from ui.screens.count import CountScreen, CountSheetDialog
from ui.screens.pickups import GivenDialog, PapersDialog, WalkInDialog

__all__ = ["day_orders"]  # the Pickups tests' fixture, used here too

SHOTS = os.environ.get("PANTRY_SCREENSHOTS")
# The pantry's own words in these tests' data: names typed by a pantry stay as they were typed.
DATA = (
    "Black beans, canned 15 oz",
    "Rice, long grain 2 lb",
    "Apples (by weight)",
    "Walk-in cooler",
    "Family box",
    "Canned beans",
)
# Words a Spanish sentence never holds: one of them in a message means a fragment stayed English.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|is|are|was|of|to|with|for|from|not|Scan|scan|Print|print|Save|saved|Saved|Count|count|lot|lots|"
    r"item|items|order|orders|household|first|next|nothing|Nothing|label|labels|sheet|sheets|expected)\b"
)


def english_words(message: str) -> list[str]:
    for name in DATA:
        message = message.replace(name, "")
    return ENGLISH_WORDS.findall(message)


def shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # layouts settled
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def check(widget: QWidget, name: str) -> None:
    """Nothing English, a tooltip on every visible control, a name for every input, button and view."""
    assert walk.visible_objects(widget) > 3
    problems = walk.problems(widget)
    assert not problems, f"{name}, {len(problems)} problem(s):\n  " + "\n  ".join(sorted(set(problems)))
    shot(widget, name)


def spanish_message(message: str) -> None:
    assert message.strip()
    assert not english_words(message), f"English words {english_words(message)} in {message!r}"


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    """The desk in Spanish before any widget is built, with Qt's own Spanish (standard buttons); English after."""
    i18n.set_desk_language("es")
    text.install_language(qapp, "es")
    yield
    i18n.set_desk_language(None)
    text.install_language(qapp, "en")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every confirmation is answered yes; each title, question and yes button is kept."""
    questions: list[str] = []

    def yes(_parent: object, title: str, question: str, go: str) -> bool:
        questions.extend((title, question, go))
        return True

    monkeypatch.setattr(ask, "confirm", yes)
    return questions


def open_window(qtbot: QtBot, runner: Runner) -> MainWindow:
    main = MainWindow(runner)
    main.ask_before_closing = False
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    wait_idle(qtbot, runner)
    return main


@pytest.fixture
def window(qtbot: QtBot, spanish: None, runner: Runner, stocked: Catalog) -> MainWindow:
    return open_window(qtbot, runner)


def test_intake_the_what_is_this_form_and_the_labels_in_spanish(
    qtbot: QtBot, window: MainWindow, database: Database
) -> None:
    intake = window.intake
    check(intake, "intake-empty")
    scan(qtbot, window, BEANS_CODE)
    spanish_message(intake.feedback.text())
    type_scan(qtbot, intake.scan, "Rice")  # a typed name: the pick list shows
    qtbot.keyClick(intake.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    assert intake.matches.isVisible()
    spanish_message(intake.feedback.text())
    check(intake, "intake-matches")
    qtbot.keyClick(intake.scan, Qt.Key.Key_Escape)
    intake.scan.clear()
    scan(qtbot, window, RICE_CODE)
    assert intake.model.rowCount() == 2
    spanish_message(intake.totals.text())
    check(intake, "intake-lines")

    scan(qtbot, window, UNKNOWN_CODE)
    dialog = intake.unknown_dialog
    assert isinstance(dialog, UnknownCodeDialog) and dialog.isVisible()
    check(dialog, "what-is-this-existing")
    dialog.tabs.setCurrentIndex(1)
    check(dialog, "what-is-this-new")
    dialog.unit.setCurrentIndex(dialog.unit.findData("lb"))
    assert dialog.value_label.text() == "&Valor por lb ($)"
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    wait_idle(qtbot, window.runner)
    spanish_message(intake.feedback.text())

    with qtbot.waitSignal(intake.donation_saved):
        intake.save()  # Ctrl+Enter
    wait_idle(qtbot, window.runner)
    spanish_message(intake.feedback.text())
    assert "Donación n.º" in intake.feedback.text()
    check(intake, "intake-saved")

    intake.print_labels()  # Ctrl+P
    wait_idle(qtbot, window.runner)
    labels = window.actions.dialog
    assert isinstance(labels, LabelsDialog) and labels.isVisible()
    assert labels.summary.text() == "2 etiquetas en el rollo thermal-2x1."
    check(labels, "labels")
    labels.reject()
    wait_idle(qtbot, window.runner)


def test_a_lot_and_its_move_and_adjust_dialogs_in_spanish(qtbot: QtBot, window: MainWindow, database: Database) -> None:
    rice = lot_codes(database, "Rice, long grain 2 lb")[0]
    scan(qtbot, window, rice)  # a lot label scanned at intake opens the lot
    lot = window.actions.lot_dialog
    assert isinstance(lot, LotDialog) and lot.isVisible()
    assert "4 unid. en Walk-in cooler" in lot.on_hand.text()
    check(lot, "lot")

    lot.request("move")
    wait_idle(qtbot, window.runner)
    move = window.actions.dialog
    assert isinstance(move, MoveDialog)
    assert move.to.currentText() == "Principal"  # the location the app made, in the desk's language
    check(move, "move")
    qtbot.keyClicks(move.amount, "x")
    move.submit()
    spanish_message(move.feedback.text())
    move.reject()
    wait_idle(qtbot, window.runner)

    lot.request("adjust")
    wait_idle(qtbot, window.runner)
    adjust = window.actions.dialog
    assert isinstance(adjust, AdjustDialog)
    assert adjust.reason.itemText(0) == "Dañado  (una pérdida)"  # a reason the app made, in the desk's language
    check(adjust, "adjust")
    adjust.submit()
    assert adjust.feedback.text() == "Cuánto: escriba cuántos quitar."
    adjust.reject()
    lot.reject()
    wait_idle(qtbot, window.runner)


def test_count_its_sheet_and_its_question_in_spanish(
    qtbot: QtBot, window: MainWindow, database: Database, asked: list[str]
) -> None:
    window.show_screen("Count")
    wait_idle(qtbot, window.runner)
    screen = window.count
    assert isinstance(screen, CountScreen)
    check(screen, "count-none")
    spanish_message(screen.state.text())
    screen.choose_location("Main")
    screen.start_count()
    wait_idle(qtbot, window.runner)
    spanish_message(screen.feedback.text())
    spanish_message(screen.state.text())
    type_scan(qtbot, screen.scan, BEANS_CODE)  # not a lot
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    spanish_message(screen.feedback.text())
    beans = lot_codes(database, "Black beans, canned 15 oz")[0]
    screen.scan.clear()
    type_scan(qtbot, screen.scan, beans)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    spanish_message(screen.feedback.text())
    qtbot.keyClicks(screen.amount, "28")
    qtbot.keyClick(screen.amount, Qt.Key.Key_Return)
    wait_idle(qtbot, window.runner)
    spanish_message(screen.feedback.text())
    check(screen, "count-open")

    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    sheet = screen.sheet_dialog
    assert isinstance(sheet, CountSheetDialog)
    check(sheet, "count-sheet")
    sheet.reject()
    wait_idle(qtbot, window.runner)

    screen.post()
    wait_idle(qtbot, window.runner)
    assert asked[0] == "¿Registrar el conteo?"
    for words in asked:
        spanish_message(words)
    assert "• Black beans, canned 15 oz (lote" in asked[1] and "en Principal" in asked[1]


def test_pickups_and_its_dialogs_in_spanish(
    qtbot: QtBot, window: MainWindow, database: Database, day_orders: dict[str, str], asked: list[str]
) -> None:
    screen = open_pickups(qtbot, window)
    spanish_message(screen.counts.text())
    assert screen.model.headerData(3, Qt.Orientation.Horizontal) == "Estado"
    assert screen.model.index(0, 3).data() == "Empacado: listo para entregar"
    check(screen, "pickups")

    screen.partial.setChecked(True)
    scan_here(qtbot, screen, day_orders["ann"])
    given = screen.given_dialog
    assert isinstance(given, GivenDialog)
    check(given, "pickups-given")
    given.reject()
    screen.partial.setChecked(False)

    scan_here(qtbot, screen, day_orders["cy_card"])
    walk_in = screen.walk_in_dialog
    assert isinstance(walk_in, WalkInDialog)
    check(walk_in, "pickups-walk-in")
    walk_in.reject()

    screen.open_plan_day()
    plan_day = screen.plan_day_dialog
    assert plan_day is not None
    check(plan_day, "pickups-plan-day")
    plan_day.reject()
    wait_idle(qtbot, window.runner)

    screen.print_sheets()
    papers = screen.papers_dialog
    assert isinstance(papers, PapersDialog)
    spanish_message(papers.summary.text())
    check(papers, "pickups-sheets")
    papers.reject()

    block_after_a_visit(database, day_orders["ann"])  # ann came today: a second visit needs a shift lead
    screen.household.setText(day_orders["ann_card"])
    screen.plan()
    wait_idle(qtbot, window.runner)
    override = screen.override_dialog
    assert override is not None and override.isVisible()
    check(override, "pickups-override")
    override.reject()

    screen.close_day()
    wait_idle(qtbot, window.runner)
    assert asked and asked[0] == "Cerrar el día"
    for words in asked:
        spanish_message(words)
    spanish_message(screen.feedback.text())


def test_the_preview_in_spanish(qtbot: QtBot, spanish: None) -> None:
    from test_gui_printing import printout

    sample: Printout = printout(3)
    dialog = PreviewDialog(sample)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.view.pageCount() == 3)
    assert dialog.windowTitle() == "Vista previa: 3 labels"  # `what` is the caller's words: English in this sample
    problems = walk.missing_tooltips(dialog) + walk.missing_names(dialog) + walk.still_english(dialog)
    assert not problems, "\n".join(problems)
    dialog.reject()
