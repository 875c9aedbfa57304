"""The first start: when `pantry-desk` is given no database and finds none at the default place, a welcome window asks
what to open - a new pantry set up here and now, the sample pantry, an existing database file, or a server.

    args = first_run.with_remembered(args, settings)   # in ui/app.py main(), after the language is installed
    if first_run.needed(args):
        choice = first_run.ask()
        if choice is None:              # the person closed the window: quit
            return 0
        choice.remember(settings)
        args = choice.applied_to(args)

Setting up writes the new database through the core (`pantry.services.first_setup`: all of it or no file at all) and
the label layout as this desk's setting (ui/settings.py LABEL_LAYOUT). A problem is shown under the field it is about.
"""

from __future__ import annotations

import argparse
import copy
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pantry.db import default_database, open_database
from pantry.documents.label_layouts import LAYOUTS
from pantry.errors import UserError
from pantry.services import first_setup
from ui.guide.palette import problem_colour
from ui.ops import Runner
from ui.settings import LABEL_LAYOUT, desk_settings
from ui.text import N_, _

NEW, SAMPLE, FILE, SERVER = "new", "sample", "file", "server"
REMEMBERED_KEY = "desk/database"  # in the desk's settings: the file or server URL chosen at the first start
CURRENCIES = ("USD", "CAD", "MXN", "EUR", "GBP", "AUD", "NZD", "COP", "PEN", "CLP", "ARS", "GTQ", "DOP")
DEFAULT_LAYOUT = "thermal-2x1"
WEIGHT_UNITS = (("lb", N_("Pounds (lb)")), ("kg", N_("Kilograms (kg)")))
# The field a core message is about, by the words before its colon ("PIN: use at least 4 digits").
FIELD_OF_PREFIX = {
    "pantry name": "name",
    "address": "address",
    "tax id": "tax_id",
    "weight unit": "unit",
    "currency": "currency",
    "admin name": "admin",
    "name": "admin",
    "pin": "pin",
}


@dataclass(frozen=True)
class Choice:
    """What the start should open: a new or existing database file, a server's URL, or the sample pantry."""

    kind: str
    location: str = ""

    def applied_to(self, args: argparse.Namespace) -> argparse.Namespace:
        """The start's arguments with this choice in them (--sample, or --db LOCATION)."""
        chosen = copy.copy(args)
        chosen.sample = self.kind == SAMPLE
        chosen.db = None if self.kind == SAMPLE else self.location
        return chosen

    def remember(self, settings: QSettings) -> None:
        """A file or server chosen here is this desk's pantry from now on (the sample is not: the welcome comes
        back until a pantry is set up or opened)."""
        if self.kind != SAMPLE and self.location:
            settings.setValue(REMEMBERED_KEY, self.location)
            settings.sync()


def remembered(settings: QSettings) -> str | None:
    """The pantry this desk opened at its first start, when it was not at the default place."""
    value = str(settings.value(REMEMBERED_KEY, "") or "")
    return value or None


def with_remembered(args: argparse.Namespace, settings: QSettings) -> argparse.Namespace:
    """Start on the desk's remembered pantry when neither --db, --sample nor $PANTRY_DB says otherwise."""
    if getattr(args, "db", None) or getattr(args, "sample", False) or os.environ.get("PANTRY_DB"):
        return args
    location = remembered(settings)
    if location is None:
        return args
    chosen = copy.copy(args)
    chosen.db = location
    return chosen


def needed(args: argparse.Namespace) -> bool:
    """True on a first start: no --db, no --sample, no $PANTRY_DB and no database at the default place. Never for the
    start-up check (--quit-after-ms), which must not wait for a person."""
    if getattr(args, "db", None) or getattr(args, "sample", False):
        return False
    if getattr(args, "quit_after_ms", None) is not None or os.environ.get("PANTRY_DB"):
        return False
    return not default_database().exists()


def ask(parent: QWidget | None = None) -> Choice | None:
    """Show the welcome window until the person chooses; None when they closed it (the app then quits)."""
    dialog = FirstRunDialog(parent=parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.choice if accepted else None
    finally:
        dialog.stop()
        dialog.deleteLater()


def _check_server(url: str) -> str:
    """On the worker: the server's database opens (and is brought up to date), then is let go again."""
    open_database(url).dispose()
    return url


class FieldNote(QLabel):
    """A problem shown under its field, in a red that reads on the theme's window colour; hidden when empty."""

    def __init__(self, field_name: str) -> None:
        super().__init__()
        self.setObjectName(f"note-{field_name}")
        self.setWordWrap(True)
        self.setAccessibleName(_("Problem"))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)

    def say(self, text: str) -> None:
        colour = problem_colour(self.palette())
        self.setStyleSheet(f"color: {colour.name()}; font-weight: bold;")
        self.setText(text)
        self.setVisible(bool(text))


class FirstRunDialog(QDialog):
    """Four choices on the first page; the setup form and the server page behind them. `choice` is set on accept."""

    def __init__(
        self, runner: Runner | None = None, *, target: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.own_runner = runner is None
        self.runner = runner if runner is not None else Runner(parent=self, dialog_parent=self)
        self.target = target if target is not None else default_database()
        self.choice: Choice | None = None
        self.setWindowTitle(_("Welcome to Pantry Desk"))
        self.setMinimumWidth(620)
        self.pages = QStackedWidget()
        self.welcome = self._welcome_page()
        self.setup = self._setup_page()
        self.server = self._server_page()
        for page in (self.welcome, self.setup, self.server):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def stop(self) -> None:
        if self.own_runner:
            self.runner.shutdown()

    # -- the four choices -----------------------------------------------------------------------------------------

    def _welcome_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(_("Welcome to Pantry Desk"))
        font = QFont(heading.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            _(
                "There is no pantry on this computer yet. Set up yours in a minute, try the sample pantry first, "
                "or open a pantry that already exists."
            )
        )
        intro.setWordWrap(True)
        # The four choices, in the order shown: what the button says, the line under it, its tooltip, what it does.
        choices = (
            (
                _("&Set up a new pantry"),
                _("Its name and address, weight unit, currency, label printer, first admin."),
                _("Create your pantry's database on this computer and set it up"),
                self.show_setup,
            ),
            (
                _("&Explore the sample pantry"),
                _("Practice data for trying things out; your real pantry is not touched."),
                _("Open the sample pantry (made the first time, which takes a few seconds)"),
                self.explore_sample,
            ),
            (
                _("&Open an existing database file…"),
                _("A pantry copied from another computer, or a backup."),
                _("Choose a Pantry Desk database file (.sqlite) to open"),
                self.open_file,
            ),
            (
                _("&Connect to a server…"),
                _("A pantry kept on a PostgreSQL server that several desks share."),
                _("Give the address (URL) of the pantry's PostgreSQL database"),
                self.show_server,
            ),
        )
        buttons = []
        for title, description, tip, chosen in choices:
            button = QCommandLinkButton(title, description)
            button.setToolTip(tip)
            button.clicked.connect(chosen)
            buttons.append(button)
        self.new_button, self.sample_button, self.open_button, self.server_button = buttons
        self.welcome_note = FieldNote("welcome")
        quit_button = QPushButton(_("&Quit"))
        quit_button.setToolTip(_("Close Pantry Desk without opening a pantry (Esc)"))
        quit_button.clicked.connect(self.reject)
        column = QVBoxLayout(page)
        column.addWidget(heading)
        column.addWidget(intro)
        for button in buttons:
            column.addWidget(button)
        column.addWidget(self.welcome_note)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(quit_button)
        column.addLayout(row)
        return page

    def explore_sample(self) -> None:
        self._choose(Choice(SAMPLE))

    def open_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open a pantry database"),
            str(Path.home()),
            _("Pantry databases (*.sqlite *.db);;All files (*)"),
        )
        if path:
            self.choose_file(path)

    def choose_file(self, path: str | os.PathLike[str]) -> None:
        """An existing file: the start opens it (and says what to do when it cannot)."""
        file = Path(path).expanduser()
        if not file.is_file():
            self.welcome_note.say(_("There is no file at {path}.").format(path=file))
            return
        self._choose(Choice(FILE, str(file.resolve())))

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    # -- a new pantry ---------------------------------------------------------------------------------------------

    def _setup_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(_("Everything here can be changed later in Settings. Fields marked * are needed."))
        intro.setWordWrap(True)
        self.notes: dict[str, FieldNote] = {}
        form = QFormLayout()

        self.name = QLineEdit()
        self.name.setMaxLength(first_setup.MAX_NAME)
        self.name.setToolTip(_("Printed on labels, pickup sheets, reports and donor letters"))
        self._row(form, _("Pantry &name *:"), self.name, "name")
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText(_("Street\nTown, postcode"))
        self.address.setToolTip(_("Printed on donor letters and reports"))
        margins = int(self.address.document().documentMargin() * 2) + self.address.frameWidth() * 2
        self.address.setMinimumHeight(self.address.fontMetrics().lineSpacing() * 3 + margins)
        self.address.setMaximumHeight(self.address.fontMetrics().lineSpacing() * 4 + margins)
        self._row(form, _("&Address:"), self.address, "address")
        self.tax_id = QLineEdit()
        self.tax_id.setPlaceholderText(_("optional"))
        self.tax_id.setToolTip(_("The pantry's tax id (EIN), printed on donor letters"))
        self._row(form, _("&Tax id:"), self.tax_id, "tax_id")
        self.unit = QComboBox()
        for unit, label in WEIGHT_UNITS:
            self.unit.addItem(_(label), unit)
        self.unit.setToolTip(_("What reports and donor letters show weights in"))
        self._row(form, _("&Weights in:"), self.unit, "unit")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(list(CURRENCIES))
        self.currency.setToolTip(_("The three-letter code of the currency values are shown in (USD, CAD, MXN, EUR…)"))
        self._row(form, _("&Currency:"), self.currency, "currency")
        self.layout_choice = QComboBox()
        for layout in LAYOUTS.values():
            if layout.kind == "lot":
                self.layout_choice.addItem(f"{layout.name} — {layout.description}", layout.name)
        self.layout_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.layout_choice.setMinimumContentsLength(24)
        self.layout_choice.setCurrentIndex(max(self.layout_choice.findData(DEFAULT_LAYOUT), 0))
        self.layout_choice.setToolTip(_("The labels this desk's printer takes; it can be changed when printing"))
        self._row(form, _("&Label printer:"), self.layout_choice, "layout")
        self.admin = QLineEdit()
        self.admin.setMaxLength(first_setup.MAX_USER_NAME)
        self.admin.setToolTip(_("Your name: the pantry's first admin, who can add the other volunteers"))
        self._row(form, _("Your na&me (admin) *:"), self.admin, "admin")
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setToolTip(_("4 to 12 digits that only you know; you sign in with it"))
        self._row(form, _("&PIN:"), self.pin, "pin")
        self.pin_again = QLineEdit()
        self.pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_again.setToolTip(_("The same PIN again, to be sure it was typed right"))
        self._row(form, _("PIN a&gain:"), self.pin_again, "pin_again")
        self.skip_pins = QCheckBox(_("S&kip PINs for now (anyone at this desk works as the admin)"))
        self.skip_pins.setToolTip(_("Sign-in stays off until an admin is given a PIN in Settings > People"))
        self.skip_pins.toggled.connect(self._pins_skipped)
        form.addRow(self.skip_pins)
        self.setup_note = FieldNote("setup")

        back = QPushButton(_("&Back"))
        back.setToolTip(_("Back to the four choices"))
        back.clicked.connect(self.show_welcome)
        self.create_button = QPushButton(_("C&reate the pantry"))
        self.create_button.setToolTip(_("Create the pantry's database with these details and open it"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_pantry)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.create_button)
        column = QVBoxLayout(page)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.setup_note)
        column.addStretch(1)
        column.addLayout(row)
        return page

    def _row(self, form: QFormLayout, label: str, field: QWidget, name: str) -> None:
        """A labelled field with its problem note right under it (the label stays the field's buddy, so screen
        readers name the field by it and Alt+letter goes to it)."""
        caption = QLabel(label)
        caption.setBuddy(field)
        field.setAccessibleName(label.replace("&", "").rstrip().rstrip(":").rstrip("* ").strip())
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(field)
        note = FieldNote(name)
        column.addWidget(note)
        self.notes[name] = note
        form.addRow(caption, box)

    def _pins_skipped(self, skipped: bool) -> None:
        for field in (self.pin, self.pin_again):
            field.setEnabled(not skipped)
            if skipped:
                field.clear()

    def show_setup(self) -> None:
        self.pages.setCurrentWidget(self.setup)
        self.name.setFocus()

    def show_welcome(self) -> None:
        self.pages.setCurrentWidget(self.welcome)

    def new_pantry(self) -> first_setup.NewPantry:
        return first_setup.NewPantry(
            name=self.name.text(),
            address=self.address.toPlainText(),
            tax_id=self.tax_id.text().strip(),
            weight_unit=str(self.unit.currentData()),
            currency=self.currency.currentText().strip().upper(),
            admin=self.admin.text(),
            pin="" if self.skip_pins.isChecked() else self.pin.text().strip(),
        )

    def _clear_notes(self) -> None:
        for note in (*self.notes.values(), self.setup_note):
            note.say("")

    def create_pantry(self) -> None:
        """Check what needs no database here and now; then make it on the worker (all of it, or no file)."""
        self._clear_notes()
        new = self.new_pantry()
        if not " ".join(new.name.split()):
            self._problem_at("name", _("The pantry needs a name: it is printed on every label and letter."))
            return
        if not " ".join(new.admin.split()):
            self._problem_at("admin", _("Give your name: you will be the pantry's first admin."))
            return
        if not self.skip_pins.isChecked():
            if not new.pin:
                self._problem_at("pin", _("Choose a PIN of 4 to 12 digits, or tick “Skip PINs for now”."))
                return
            if self.pin_again.text().strip() != new.pin:
                self._problem_at("pin_again", _("The two PINs are not the same. Type the PIN again."))
                return
        try:
            first_setup.check(new)
        except UserError as problem:
            self._show_problem(problem)
            return
        self.setup.setEnabled(False)
        self.runner.call(
            first_setup.create,
            self.target,
            new,
            on_done=self._created,
            on_error=self._not_created,
            label=_("Setting up the pantry…"),
            with_progress=True,
            cancellable=False,
            catch_all=True,
            owner=self,
        )

    def _created(self, path: Path) -> None:
        settings = desk_settings()
        settings.setValue(LABEL_LAYOUT, str(self.layout_choice.currentData()))
        settings.sync()
        self._choose(Choice(NEW, str(path)))

    def _not_created(self, error: Exception) -> None:
        self.setup.setEnabled(True)
        self._show_problem(error)

    def _show_problem(self, error: Exception) -> None:
        text = str(error)
        prefix = text.partition(":")[0].strip().lower()
        self._problem_at(FIELD_OF_PREFIX.get(prefix, ""), text)

    def _problem_at(self, field_name: str, text: str) -> None:
        note = self.notes.get(field_name, self.setup_note)
        note.say(text)
        field = self._field_of(field_name)
        if field is not None:
            field.setFocus()

    def _field_of(self, field_name: str) -> QWidget | None:
        fields: dict[str, QWidget] = {
            "name": self.name,
            "address": self.address,
            "tax_id": self.tax_id,
            "unit": self.unit,
            "currency": self.currency,
            "admin": self.admin,
            "pin": self.pin,
            "pin_again": self.pin_again,
        }
        return fields.get(field_name)

    def problem_shown(self) -> str:
        """The problems on screen now, one a line (for tests and screen readers' checks)."""
        notes = (*self.notes.values(), self.setup_note, self.welcome_note, self.server_note)
        return "\n".join(note.text() for note in notes if note.text())

    # -- a server -------------------------------------------------------------------------------------------------

    def _server_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            _(
                "The pantry's database on a PostgreSQL server, as its address (URL). Whoever set up the server "
                "can give it to you."
            )
        )
        intro.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setPlaceholderText(_("postgresql://user:password@server/pantry"))
        self.url.setToolTip(_("postgresql://user:password@server/database"))
        self.url.returnPressed.connect(self.connect_server)
        form = QFormLayout()
        self.server_note = FieldNote("url")
        form.addRow(_("Server &URL:"), self.url)
        form.addRow("", self.server_note)
        back = QPushButton(_("&Back"))
        back.setToolTip(_("Back to the four choices"))
        back.clicked.connect(self.show_welcome)
        self.connect_button = QPushButton(_("C&onnect"))
        self.connect_button.setToolTip(_("Check that the server's database opens, then open it"))
        self.connect_button.clicked.connect(self.connect_server)
        row = QHBoxLayout()
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.connect_button)
        column = QVBoxLayout(page)
        column.addWidget(intro)
        column.addLayout(form)
        column.addStretch(1)
        column.addLayout(row)
        return page

    def show_server(self) -> None:
        self.pages.setCurrentWidget(self.server)
        self.url.setFocus()

    def connect_server(self) -> None:
        url = self.url.text().strip()
        self.server_note.say("")
        if "://" not in url:
            self.server_note.say(
                _("Give the server's address as a URL, like postgresql://user:password@server/pantry.")
            )
            return
        self.server.setEnabled(False)
        self.runner.call(
            _check_server,
            url,
            on_done=lambda checked: self._choose(Choice(SERVER, checked)),
            on_error=self._server_failed,
            label=_("Connecting to the server…"),
            catch_all=True,
            owner=self,
        )

    def _server_failed(self, error: Exception) -> None:
        self.server.setEnabled(True)
        self.server_note.say(_("The server's database did not open: {problem}").format(problem=error))
        self.url.setFocus()
