"""The office screens on a Spanish desk: Households, Reports, Settings (every tab), the sign-in panel and the dialogs
(household, users, About, the start-up problems, the passphrase), each opened on a real database and walked widget by
widget (tests/ui/walk.py): nothing stayed English, every visible control has a tooltip, a screen reader can name every
input, button and table. And the desk's language chosen in Settings is the one the next start reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import walk
from gui_helpers import Catalog, wait_idle
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pantry import i18n
from pantry.db import Database, DatabaseProblem
from pantry.services import households, users
from pantry.services.households import HouseholdSpec
from ui import tasks
from ui.crash import show_crash_dialog
from ui.dialogs.about import AboutDialog, about_facts
from ui.dialogs.household import HouseholdDialog
from ui.dialogs.open_problem import OpenProblemDialog
from ui.dialogs.passphrase import PassphraseDialog
from ui.dialogs.sign_in import SignInPanel
from ui.dialogs.users import AddUserDialog, PinDialog, RoleDialog
from ui.ops import Runner
from ui.printing import Printing
from ui.screens import settings as settings_screen
from ui.screens.households import HouseholdsScreen
from ui.screens.reports import ReportPrintDialog, ReportsScreen
from ui.screens.settings import TABS, SettingsScreen, restart_arguments
from ui.settings import desk_settings
from ui.text import LANGUAGE_KEY, choose_language, install_language


@pytest.fixture
def spanish() -> Iterator[None]:
    """The desk speaks Spanish while the test builds and reads its widgets; the choice before it comes back after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    locale = QLocale()
    with i18n.desk("es"):
        install_language(app, "es")  # Qt's own words (Close, Cancel) in Spanish, as `pantry-desk --lang es` does
        try:
            yield
        finally:
            install_language(app, i18n.ENGLISH)
            QLocale.setDefault(locale)


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# Data that happens to be an English word: the sample's first user is called "admin" (a name, shown as typed).
DATA = ("admin",)


def check(widget: QWidget) -> None:
    assert walk.visible_objects(widget) > 1
    problems = [line for line in walk.problems(widget) if not any(f": {data!r} is English" in line for data in DATA)]
    assert not problems, "\n".join(problems)


@pytest.fixture
def ann(database: Database) -> str:
    """A household with every detail a shift lead sees, registered through the service a desk uses."""
    with database.session() as session:
        user_id = users.acting_user(session).id
        return households.register_household(
            session,
            HouseholdSpec(
                name="Ana López",
                members={"adults": 2, "children": 1},
                phone="555-0101",
                postcode="12345",
                language="español",
                dietary=("nut_allergy", "vegetarian"),
                dietary_note="sin picante",
                eligibility_declared_on=dt.date(2026, 1, 5),
                eligibility_basis="SNAP",
                consent=True,
            ),
            user_id,
        ).household.code


def test_households_screen_in_spanish(qtbot: QtBot, runner: Runner, spanish: None, ann: str) -> None:
    screen = shown(qtbot, HouseholdsScreen(runner))
    screen.find()
    wait_idle(qtbot, runner)
    screen.table.selectRow(0)
    wait_idle(qtbot, runner)
    assert screen.current_code == ann
    assert screen.allergies.text() == "ALERGIAS: alergia a frutos secos"
    assert "1 Niños, 2 Adultos" in screen.facts.text() and "Dieta: vegetariano" in screen.facts.text()
    assert "05/01/2026" in screen.facts.text()  # the day as a Spanish reader writes it
    assert screen.feedback.text() == "1 hogar en total"
    check(screen)


def test_household_dialog_in_spanish(qtbot: QtBot, runner: Runner, database: Database, spanish: None, ann: str) -> None:
    with database.session() as session:
        new, existing = tasks.household_form(session, None), tasks.household_form(session, ann)
        volunteer = tasks.household_form(session, ann, role="volunteer")
    for form in (new, existing, volunteer):
        dialog = shown(qtbot, HouseholdDialog(runner, form))
        check(dialog)
        dialog.close()
    assert HouseholdDialog(runner, new).windowTitle() == "Registrar un hogar"


def test_reports_screen_in_spanish(qtbot: QtBot, runner: Runner, stocked: Catalog, spanish: None) -> None:
    screen = shown(qtbot, ReportsScreen(runner, today=dt.date.today))
    for kind, period in (("stock", None), ("rollforward", "this-month"), ("donations", "this-month")):
        screen.choose(kind, period, as_of=dt.date.today())
        wait_idle(qtbot, runner, timeout=30_000)
        assert screen.shown is not None and screen.shown.request.kind == kind, screen.feedback.text()
        headings = [screen.model.headerData(n, Qt.Orientation.Horizontal) for n in range(screen.model.columnCount())]
        assert headings and not set(headings) & walk.english_msgids(), headings
        check(screen)
    assert screen.shown.report.title == "Donations received"  # the exports keep the report as built (they translate)
    assert screen.title.text().startswith("Donaciones")
    printing = Printing(runner, screen)
    screen.printing = printing
    screen.print_report()
    dialog = screen.print_dialog
    assert isinstance(dialog, ReportPrintDialog) and dialog.windowTitle().startswith("Imprimir: Donaciones")
    qtbot.waitExposed(dialog)
    check(dialog)
    dialog.close()


def test_settings_screen_in_spanish_every_tab(qtbot: QtBot, runner: Runner, spanish: None) -> None:
    screen = shown(qtbot, SettingsScreen(runner))
    screen.refresh()
    wait_idle(qtbot, runner)
    for name in TABS:
        assert screen.tab_shown(name), name  # the first admin sees every tab
        screen.tabs.setCurrentIndex(TABS.index(name))
        wait_idle(qtbot, runner)
        check(screen)
    assert screen.users.item(0, 1).text() == "administrador"
    assert screen.idle_minutes.specialValueText() == "nunca"


def test_sign_in_and_the_small_dialogs_in_spanish(
    qtbot: QtBot, database: Database, db_path: Path, tmp_path: Path, spanish: None
) -> None:
    panel = shown(qtbot, SignInPanel())
    panel.set_names(["admin", "Sam"], "Sam")
    panel.submit()  # no PIN typed: the panel says so, in Spanish
    assert panel.feedback.text() == "Escriba su PIN."
    check(panel)
    with database.session() as session:
        facts = about_facts(session)
    problem = DatabaseProblem("damaged", "database: cannot open x", read_only_possible=True)
    for dialog in (
        AddUserDialog(),
        RoleDialog("Sam", "treasurer"),
        PinDialog("Sam"),
        AboutDialog(facts),
        OpenProblemDialog(problem, tmp_path),
        PassphraseDialog(db_path, wrong=True),
    ):
        check(shown(qtbot, dialog))
        dialog.close()


def test_the_crash_dialog_speaks_spanish(qtbot: QtBot, spanish: None) -> None:
    box = show_crash_dialog(None, "ValueError: x", "Traceback …")
    qtbot.addWidget(box)
    assert box.windowTitle() == "Pantry Desk: algo salió mal"
    assert not walk.still_english(box)
    box.close()


def test_the_language_chosen_in_settings_is_the_next_start(
    qtbot: QtBot, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    restarts: list[str] = []
    monkeypatch.setattr(settings_screen, "restart_app", lambda: restarts.append("restart"))
    with i18n.desk("en"):
        screen = shown(qtbot, SettingsScreen(runner))
        assert screen.language_box.currentData() == ""  # a new desk follows the system
        screen.tabs.setCurrentIndex(TABS.index("This desk"))
        screen.language_box.setCurrentIndex(screen.language_box.findData("es"))
        assert desk_settings().value(LANGUAGE_KEY) == "es"
        assert "next start" in screen.language_note.text() and screen.restart_button.isEnabled()
        assert choose_language(None, desk_settings()) == "es"  # what the next start does
        assert choose_language("en", desk_settings()) == "en"  # --lang still wins
        qtbot.mouseClick(screen.restart_button, Qt.MouseButton.LeftButton)
        assert restarts == ["restart"]
        screen.language_box.setCurrentIndex(screen.language_box.findData(""))
        assert desk_settings().value(LANGUAGE_KEY) == ""
        assert choose_language(None, desk_settings()) == i18n.desk_language()


@pytest.mark.parametrize(
    ("started", "again"),
    [
        (["python", "-m", "ui.app", "--lang", "es"], ["-m", "ui.app"]),
        (["/opt/pantry-desk/pantry-desk", "--lang=en", "--database", "p.sqlite"], ["--database", "p.sqlite"]),
        (["python", "/venv/bin/pantry-desk"], ["/venv/bin/pantry-desk"]),
    ],
)
def test_a_restart_starts_the_same_program_without_its_lang(started: list[str], again: list[str]) -> None:
    assert restart_arguments(started) == again


def test_the_default_age_bands_read_in_spanish_and_a_pantrys_own_label_as_written(
    qtbot: QtBot, runner: Runner, database: Database, spanish: None
) -> None:
    with database.session() as session:
        households.save_age_band(session, "seniors", "Abuelos", "60+")  # the pantry's own words for one band
        form = tasks.household_form(session, None)
    dialog = shown(qtbot, HouseholdDialog(runner, form))
    captions = [box.accessibleName() for box in dialog.band_boxes.values()]
    assert captions == ["Niños (0-17)", "Adultos (18-59)", "Abuelos (60+)"]


def test_a_refusal_in_spanish_sits_under_its_field(
    qtbot: QtBot, runner: Runner, database: Database, spanish: None, ann: str
) -> None:
    with database.session() as session:
        form = tasks.household_form(session, None)
    dialog = shown(qtbot, HouseholdDialog(runner, form))
    dialog.code.setText(ann)  # another household's code
    dialog.first_name.setText("Beto")
    dialog.submit()  # nobody counted yet: the people's line says so, in Spanish
    wait_idle(qtbot, runner)
    assert dialog.errors["size"].text() == "un hogar tiene al menos 1 persona (se indicó 0)"
    dialog.band_boxes["adults"].setValue(1)
    dialog.submit()
    wait_idle(qtbot, runner)
    shown_errors = {key: label.text() for key, label in dialog.errors.items() if label.text()}
    assert dialog.isVisible() and list(shown_errors) == ["code"], shown_errors
    assert ann in shown_errors["code"] and not dialog.feedback.text()
    assert not set(shown_errors.values()) & walk.english_msgids()
