"""The first start's welcome window (ui/guide/first_run.py): set up a new pantry by typing and clicking, explore the
sample, open a file, connect to a server; bad input is shown under its field and writes no file."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCommandLinkButton
from pytestqt.qtbot import QtBot

from pantry.db import default_database, open_database
from pantry.services import signin, users, valuation
from pantry.services.reports import settings as report_settings
from ui.app import parse_args
from ui.guide import first_run
from ui.guide.first_run import FirstRunDialog
from ui.settings import LABEL_LAYOUT, desk_settings


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> Iterator[FirstRunDialog]:
    shown = FirstRunDialog(target=tmp_path / "pantry.sqlite")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.stop()


def type_into(qtbot: QtBot, field: object, text: str) -> None:
    qtbot.keyClicks(field, text)


def fill_in(qtbot: QtBot, dialog: FirstRunDialog, *, pin: str = "4821", again: str = "4821") -> None:
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.setup
    type_into(qtbot, dialog.name, "Eastside Food Shelf")
    type_into(qtbot, dialog.address, "12 Main St")
    type_into(qtbot, dialog.tax_id, "12-3456789")
    qtbot.keyClick(dialog.unit, Qt.Key.Key_Down)  # pounds -> kilograms
    dialog.currency.lineEdit().selectAll()
    type_into(qtbot, dialog.currency.lineEdit(), "mxn")
    dialog.layout_choice.setFocus()
    qtbot.keyClick(dialog.layout_choice, Qt.Key.Key_End)  # the last label layout in the list
    type_into(qtbot, dialog.admin, "Rosa Diaz")
    type_into(qtbot, dialog.pin, pin)
    type_into(qtbot, dialog.pin_again, again)


def test_sets_up_a_new_pantry_that_opens_with_its_details(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    fill_in(qtbot, dialog)
    chosen_layout = dialog.layout_choice.currentData()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.choice is not None, timeout=30_000)

    path = dialog.target
    assert dialog.choice == first_run.Choice(first_run.NEW, str(path))
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert sorted(file.name for file in path.parent.iterdir()) == ["pantry.sqlite"]
    assert desk_settings().value(LABEL_LAYOUT) == chosen_layout != "thermal-2x1"
    database = open_database(path)
    try:
        with database.session() as session:
            org = report_settings.organisation(session)
            assert (org.name, org.address, org.tax_id) == ("Eastside Food Shelf", "12 Main St", "12-3456789")
            assert report_settings.weight_unit(session) == "kg"
            assert valuation.valuation(session).currency == "MXN"
            assert [(user.name, user.role) for user in users.list_users(session)] == [("Rosa Diaz", "admin")]
            assert signin.pins_enabled(session)
        signed = signin.sign_in_with(database.sessions, "Rosa Diaz", "4821")
        assert (signed.name, signed.role) == ("Rosa Diaz", "admin")
    finally:
        database.dispose()


def test_a_pin_too_short_is_shown_under_the_pin_and_writes_no_file(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    fill_in(qtbot, dialog, pin="12", again="12")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.notes["pin"].isVisible()
    assert dialog.notes["pin"].text() == "PIN: use at least 4 digits"
    assert dialog.choice is None and dialog.isVisible()
    assert not dialog.target.exists() and list(dialog.target.parent.iterdir()) == []


def test_pins_that_differ_and_a_missing_name_are_shown_at_their_fields(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    fill_in(qtbot, dialog, again="4822")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.notes["pin_again"].text() == "The two PINs are not the same. Type the PIN again."

    dialog.name.clear()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.problem_shown() == "The pantry needs a name: it is printed on every label and letter."
    assert dialog.name.hasFocus()
    assert list(dialog.target.parent.iterdir()) == []


def test_skipping_pins_leaves_sign_in_off(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    fill_in(qtbot, dialog, pin="", again="")
    qtbot.mouseClick(dialog.skip_pins, Qt.MouseButton.LeftButton)
    assert not dialog.pin.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.choice is not None, timeout=30_000)

    database = open_database(dialog.target)
    try:
        with database.session() as session:
            assert not signin.pins_enabled(session)
            assert users.acting_user(session).name == "Rosa Diaz"
    finally:
        database.dispose()


def test_an_existing_file_is_never_replaced(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    open_database(dialog.target, org_name="Already here").dispose()
    fill_in(qtbot, dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already a database" in dialog.problem_shown(), timeout=30_000)

    assert dialog.setup.isEnabled() and dialog.choice is None


def test_the_welcome_page_offers_the_four_choices_in_order_each_explained(dialog: FirstRunDialog) -> None:
    column = dialog.welcome.layout()
    shown = [column.itemAt(number).widget() for number in range(column.count())]
    buttons = [widget for widget in shown if isinstance(widget, QCommandLinkButton)]
    assert buttons == [dialog.new_button, dialog.sample_button, dialog.open_button, dialog.server_button]
    assert [button.text() for button in buttons] == [
        "&Set up a new pantry",
        "&Explore the sample pantry",
        "&Open an existing database file…",
        "&Connect to a server…",
    ]
    assert all(button.description() and button.toolTip() and button.isEnabled() for button in buttons)


def test_explore_the_sample_returns_the_sample_choice(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    qtbot.mouseClick(dialog.sample_button, Qt.MouseButton.LeftButton)

    assert dialog.choice == first_run.Choice(first_run.SAMPLE)
    args = dialog.choice.applied_to(parse_args([]))
    assert (args.sample, args.db) == (True, None)


def test_an_existing_file_is_opened_and_a_missing_one_is_said(
    qtbot: QtBot, dialog: FirstRunDialog, tmp_path: Path
) -> None:
    dialog.choose_file(tmp_path / "nowhere.sqlite")
    assert "There is no file at" in dialog.welcome_note.text() and dialog.choice is None

    kept = tmp_path / "kept.sqlite"
    open_database(kept).dispose()
    dialog.choose_file(kept)
    assert dialog.choice == first_run.Choice(first_run.FILE, str(kept))
    assert dialog.choice.applied_to(parse_args([])).db == str(kept)


def test_a_server_that_does_not_answer_is_said_under_the_url(qtbot: QtBot, dialog: FirstRunDialog) -> None:
    qtbot.mouseClick(dialog.server_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.url, "pantry.example.org")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert "like postgresql://" in dialog.server_note.text()

    dialog.url.clear()
    type_into(qtbot, dialog.url, "postgresql+psycopg://nobody:secret@127.0.0.1:9/pantry")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "did not open" in dialog.server_note.text(), timeout=30_000)
    assert dialog.choice is None and dialog.server.isEnabled()


def namespace(**given: object) -> argparse.Namespace:
    return argparse.Namespace(**{"db": None, "sample": False, "quit_after_ms": None, **given})


def test_needed_only_on_a_first_start(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert first_run.needed(namespace())
    assert not first_run.needed(namespace(db=str(tmp_path / "x.sqlite")))
    assert not first_run.needed(namespace(sample=True))
    assert not first_run.needed(namespace(quit_after_ms=200))
    monkeypatch.setenv("PANTRY_DB", str(tmp_path / "y.sqlite"))
    assert not first_run.needed(namespace())
    monkeypatch.delenv("PANTRY_DB")
    open_database(default_database()).dispose()
    assert not first_run.needed(namespace())


def test_a_file_or_server_chosen_at_the_first_start_is_opened_at_the_next(tmp_path: Path) -> None:
    settings = desk_settings()
    existing = tmp_path / "copied-from-the-old-laptop.sqlite"
    first_run.Choice(first_run.SAMPLE).remember(settings)  # the sample is not remembered: the welcome comes back
    assert first_run.needed(first_run.with_remembered(namespace(), settings))
    first_run.Choice(first_run.FILE, str(existing)).remember(settings)
    again = first_run.with_remembered(namespace(), settings)
    assert again.db == str(existing) and not first_run.needed(again)
    assert first_run.with_remembered(namespace(db="other.sqlite"), settings).db == "other.sqlite"  # --db wins
    assert first_run.with_remembered(namespace(sample=True), settings).db is None


def test_every_page_has_tooltips_names_and_spanish(qtbot: QtBot, tmp_path: Path) -> None:
    import walk

    from pantry import i18n

    i18n.set_desk_language("es")
    spanish = FirstRunDialog(target=tmp_path / "pantry.sqlite")
    qtbot.addWidget(spanish)
    spanish.show()
    try:
        for page in (spanish.welcome, spanish.setup, spanish.server):
            spanish.pages.setCurrentWidget(page)
            problems = walk.problems(page) + walk.low_contrast(page) + walk.clipped(page)
            assert not problems, "\n".join(problems)
        assert spanish.windowTitle() == "Bienvenido a Pantry Desk"
    finally:
        spanish.stop()
