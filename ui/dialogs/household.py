"""Register a household, or change one: every detail the core keeps, and only what this user may see.

The dialog gathers; the core decides. A refusal (a code another household has, no people at all ...) is shown next to
the field it names and nothing is written. A new household that looks like one already registered (same name and
postcode, or same phone) is not saved until the person says "Register anyway". A volunteer sees the code, first name,
size and dietary needs, read-only: personal details are for shift leads and admins (`tasks.sees_personal_details`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pantry.errors import UserError
from pantry.i18n import builtin_label, diet_label, translator
from pantry.services import diet
from pantry.services.households import HouseholdSpec, Registered, problem_field
from ui import format as fmt
from ui import tasks
from ui.guide.palette import PROBLEM, row_colours
from ui.ops import Runner
from ui.text import N_, _
from ui.widgets import MessageLine, heading, set_bold, set_text_colour

MAX_PEOPLE = 40
FLAG_COLUMNS = 4
DUPLICATES_BACKGROUND = QColor("#fff3cd")  # the pale yellow of "this may be a household already registered"
# Suggestions only (the field takes any text, kept as typed): TEFAP's self-declaration bases, the most common first.
# The programmes' names are names; the two descriptions are offered in the desk's language.
ELIGIBILITY_BASES = ("", N_("Income at or below the limit"), "SNAP", "TANF", "SSI", "Medicaid", N_("Other programme"))
READ_ONLY_NOTE = N_(
    "Only a shift lead or an admin can change a household or see its personal details (name, phone, address …)."
)


class _FieldError(QLabel):
    """The red line under a field that says what the core refused about it."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        set_text_colour(self, PROBLEM, "font-weight: bold;")
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class HouseholdDialog(QDialog):
    """Emits `saved(Registered)` once the core registered or changed the household; then closes."""

    saved = Signal(object)

    def __init__(self, runner: Runner, form: tasks.HouseholdForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.form = form
        self.editing = form.code is not None
        self.may_edit = form.personal  # the roles that see personal details are the ones that register and edit
        self.errors: dict[str, _FieldError] = {}
        self.band_boxes: dict[str, QSpinBox] = {}
        self.flag_boxes: dict[str, QCheckBox] = {}
        if not self.may_edit:
            title = _("Household {code}").format(code=form.code)
        elif self.editing:
            title = _("Change household {code}").format(code=form.code)
        else:
            title = _("Register a household")
        self.setWindowTitle(title)
        self.setMinimumWidth(720)

        self.feedback = MessageLine()
        self.duplicates = QFrame()
        self.duplicates.setFrameShape(QFrame.Shape.StyledPanel)
        background, text = row_colours(DUPLICATES_BACKGROUND, self.duplicates.palette())
        self.duplicates.setStyleSheet(
            f"QFrame {{ background: {background.name()}; }} QLabel {{ color: {text.name()}; }}"
        )
        self.duplicate_text = QLabel()
        self.duplicate_text.setWordWrap(True)
        set_bold(self.duplicate_text)
        self.anyway_button = QPushButton(_("Register anyway"))
        self.anyway_button.setToolTip(_("A different family: register them as a new household"))
        self.anyway_button.setAutoDefault(False)
        self.anyway_button.clicked.connect(lambda: self.submit(anyway=True))
        duplicate_layout = QVBoxLayout(self.duplicates)
        duplicate_layout.addWidget(self.duplicate_text)
        duplicate_row = QHBoxLayout()
        duplicate_row.addWidget(QLabel(_("Same family? Close this and search for them instead. Different family?")))
        duplicate_row.addStretch(1)
        duplicate_row.addWidget(self.anyway_button)
        duplicate_layout.addLayout(duplicate_row)
        self.duplicates.hide()

        body = QWidget()
        fields = QVBoxLayout(body)
        fields.addWidget(self._who_box())
        fields.addWidget(self._people_box())
        fields.addWidget(self._diet_box())
        if self.may_edit:
            fields.addWidget(self._contact_box())
            fields.addWidget(self._eligibility_box())
        else:
            note = QLabel(_(READ_ONLY_NOTE))
            note.setWordWrap(True)
            fields.addWidget(note)
        fields.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the fields fit; they scroll down
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.ok_button = QPushButton(_("Save the changes") if self.editing else _("Register"))
        self.ok_button.setToolTip(
            _("Save the changes to this household (Enter)") if self.editing else _("Register this household (Enter)")
        )
        set_bold(self.ok_button, 1)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(lambda: self.submit())
        cancel = QPushButton(_("Cancel (Esc)") if self.may_edit else _("Close (Esc)"))
        cancel.setToolTip(_("Close without saving (Esc)") if self.may_edit else _("Close this window (Esc)"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        self.ok_button.setVisible(self.may_edit)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(title))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.feedback)
        layout.addLayout(buttons)
        self._fill()
        self._set_read_only(not self.may_edit)
        self.resize(760, 700 if self.may_edit else 520)  # fits a 1366x768 laptop; the fields scroll
        (self.first_name if self.may_edit else cancel).setFocus()

    # -- building ---------------------------------------------------------------------------------------------------

    def _row(self, form: QFormLayout, label: str, widget: QWidget, key: str, hint: str = "", tip: str = "") -> None:
        """A form row whose field has its error line (and an optional grey hint) under it; the label names the field
        for a screen reader, `tip` says what it is for."""
        if tip:
            widget.setToolTip(tip)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = QLabel(hint)
            set_text_colour(note)
            note.setWordWrap(True)
            column.addWidget(note)
        self.errors[key] = _FieldError()
        column.addWidget(self.errors[key])
        form.addRow(label, box)
        caption = form.labelForField(box)
        if isinstance(caption, QLabel):
            caption.setBuddy(widget)
        if not widget.accessibleName():
            widget.setAccessibleName(label.replace("&", ""))

    def _who_box(self) -> QGroupBox:
        group = QGroupBox(_("Who"))
        form = QFormLayout(group)
        self.code = QLineEdit()
        self.code.setMaxLength(20)
        self.code.setPlaceholderText(_("empty: a card code is made for them"))
        self._row(
            form,
            _("Card &code"),
            self.code,
            "code",
            "" if self.editing else _("Or the number of a card you gave."),
            _("The code on the household's card; scanned at pickups"),
        )
        self.first_name = QLineEdit()
        self.first_name.setMaxLength(80)
        self.first_name.setPlaceholderText(_("empty: anonymous (or the first word of the full name)"))
        self._row(
            form,
            _("&First name"),
            self.first_name,
            "first_name",
            tip=_("The name volunteers call them by; printed on pickup sheets"),
        )
        if self.may_edit:
            self.name = QLineEdit()
            self.name.setMaxLength(200)
            self.name.setPlaceholderText(_("the person who registers, as they give it"))
            self._row(form, _("Full &name"), self.name, "name", tip=_("The full name, seen by shift leads and admins"))
        return group

    def _people_box(self) -> QGroupBox:
        group = QGroupBox(_("People in the household"))
        column = QVBoxLayout(group)
        self.by_age = QCheckBox(_("Count them by age"))
        self.by_age.setToolTip(_("Count the people per age band (the food bank's report asks for them)"))
        self.by_age.setChecked(bool(self.form.bands))
        self.by_age.setEnabled(bool(self.form.bands))
        self.by_age.toggled.connect(self._people_mode)
        column.addWidget(self.by_age)
        self.bands_row = QWidget()
        bands = QHBoxLayout(self.bands_row)
        bands.setContentsMargins(0, 0, 0, 0)
        for band in self.form.bands:
            box = QSpinBox()
            box.setRange(0, MAX_PEOPLE)
            label = builtin_label("band", band.key, band.label)  # "Niños" in Spanish; a pantry's own label as written
            caption = QLabel(f"{label} ({band.ages})")
            caption.setBuddy(box)
            box.setAccessibleName(caption.text())
            box.setToolTip(_("How many people of {ages} in the household").format(ages=band.ages))
            box.valueChanged.connect(self._total_changed)
            bands.addWidget(caption)
            bands.addWidget(box)
            bands.addSpacing(12)
            self.band_boxes[band.key] = box
        self.total = QLabel()
        set_bold(self.total)
        bands.addWidget(self.total)
        bands.addStretch(1)
        column.addWidget(self.bands_row)
        self.size_row = QWidget()
        plain = QHBoxLayout(self.size_row)
        plain.setContentsMargins(0, 0, 0, 0)
        self.size = QSpinBox()
        self.size.setRange(0, MAX_PEOPLE)
        self.size.setValue(1)
        self.size.setToolTip(_("How many people live in the household"))
        size_label = QLabel(_("Number of &people"))
        size_label.setBuddy(self.size)
        self.size.setAccessibleName(_("Number of people"))
        plain.addWidget(size_label)
        plain.addWidget(self.size)
        plain.addStretch(1)
        column.addWidget(self.size_row)
        self.errors["size"] = _FieldError()
        column.addWidget(self.errors["size"])
        return group

    def _diet_box(self) -> QGroupBox:
        group = QGroupBox(_("Diet and allergies (printed on every pickup sheet)"))
        column = QVBoxLayout(group)
        allergies, needs = diet.split_flags(diet.COMMON_FLAGS)
        tr = translator()
        for title, tip, flags in (
            (_("Allergies: never give"), _("Items tagged {flag} are never given to this household"), allergies),
            (_("Needs"), _("Printed on the pickup sheet: {flag}"), needs),
        ):
            caption = QLabel(title)
            set_bold(caption)
            column.addWidget(caption)
            grid = QGridLayout()
            for number, flag in enumerate(flags):
                box = QCheckBox(diet_label(flag, tr))
                box.setToolTip(tip.format(flag=diet_label(flag, tr)))
                box.setObjectName(f"flag_{flag}")
                self.flag_boxes[flag] = box
                grid.addWidget(box, number // FLAG_COLUMNS, number % FLAG_COLUMNS)
            column.addLayout(grid)
        form = QFormLayout()
        self.other_flags = QLineEdit()
        self.other_flags.setPlaceholderText(_("e.g. sesame; mustard (items tagged so are never given)"))
        self._row(
            form,
            _("&Other flags"),
            self.other_flags,
            "dietary",
            tip=_("More flags, separated by ; (items tagged so are never given)"),
        )
        self.dietary_note = QLineEdit()
        self.dietary_note.setPlaceholderText(_("anything else, in words (not used to choose items)"))
        self._row(
            form, _("&Diet note"), self.dietary_note, "dietary_note", tip=_("Anything else about their diet, in words")
        )
        column.addLayout(form)
        return group

    def _contact_box(self) -> QGroupBox:
        group = QGroupBox(_("Contact and pickup"))
        form = QFormLayout(group)
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(20)
        self._row(form, _("&Postcode"), self.postcode, "postcode", tip=_("Where they live, for the service-area count"))
        self.phone = QLineEdit()
        self.phone.setMaxLength(40)
        self._row(form, _("P&hone"), self.phone, "phone", tip=_("A phone number to reach them; a search finds it"))
        self.language = QLineEdit()
        self.language.setMaxLength(40)
        self.language.setPlaceholderText(_("e.g. Spanish"))
        self._row(
            form,
            _("Preferred &language"),
            self.language,
            "language",
            tip=_("Their pickup sheet is printed in this language (English or Spanish)"),
        )
        self.proxy = QLineEdit()
        self.proxy.setMaxLength(200)
        self.proxy.setPlaceholderText(_("someone who may pick up for them"))
        self._row(form, _("Pro&xy"), self.proxy, "proxy", tip=_("Someone who may pick up for them"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        self._row(form, _("N&otes"), self.notes, "notes", tip=_("Anything else the desk should know"))
        return group

    def _eligibility_box(self) -> QGroupBox:
        group = QGroupBox(_("Eligibility and consent"))
        form = QFormLayout(group)
        self.declared = QCheckBox(_("Declared on"))
        self.declared.setToolTip(_("Tick when they declared they are eligible, and give the day"))
        self.declared_on = QDateEdit(QDate.currentDate())
        self.declared_on.setCalendarPopup(True)
        self.declared_on.setDisplayFormat(fmt.date_edit_format())
        self.declared_on.setAccessibleName(_("Day of the self-declaration"))
        self.declared_on.setToolTip(_("The day they declared they are eligible"))
        self.declared_on.setEnabled(False)
        self.declared.toggled.connect(self.declared_on.setEnabled)
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.declared)
        row.addWidget(self.declared_on)
        row.addStretch(1)
        self._row(form, _("Self-declaration"), when, "eligibility_declared_on", _("No proof may be asked for."))
        self.basis = QComboBox()
        self.basis.setEditable(True)
        self.basis.addItems([_(basis) for basis in ELIGIBILITY_BASES])
        self._row(
            form,
            _("&Basis"),
            self.basis,
            "eligibility_basis",
            tip=_("What they declared: a programme they are in, or their income (type any other)"),
        )
        self.consent = QCheckBox(_("They agree that we keep these details"))
        self._row(
            form,
            _("Consent"),
            self.consent,
            "consent",
            tip=_("Tick when they agreed that the pantry keeps their personal details"),
        )
        return group

    # -- filling and reading ------------------------------------------------------------------------------------------

    def _fill(self) -> None:
        form = self.form
        self.code.setText(form.code or "")
        self.first_name.setText(form.first_name)
        counted = bool(form.members) or (not self.editing and bool(form.bands))
        self.by_age.setChecked(counted and bool(form.bands))
        for key, box in self.band_boxes.items():
            box.setValue(form.members.get(key, 0))
        self.size.setValue(form.size if self.editing else 1)
        self._people_mode()
        others = [flag for flag in form.dietary if flag not in self.flag_boxes]
        for flag in form.dietary:
            if flag in self.flag_boxes:
                self.flag_boxes[flag].setChecked(True)
        self.other_flags.setText("; ".join(others))
        details = form.details
        if details is None:
            return
        self.dietary_note.setText(details.dietary_note)
        if self.may_edit:
            self.name.setText(details.name)
            self.postcode.setText(details.postcode)
            self.phone.setText(details.phone)
            self.language.setText(details.language)
            self.proxy.setText(details.proxy)
            self.notes.setPlainText(details.notes)
            if details.eligibility_declared_on is not None:
                self.declared.setChecked(True)
                self.declared_on.setDate(QDate(details.eligibility_declared_on))
            self.basis.setCurrentText(details.eligibility_basis)
            self.consent.setChecked(details.consent)

    def _set_read_only(self, read_only: bool) -> None:
        if not read_only:
            return
        for line in (self.code, self.first_name, self.other_flags, self.dietary_note):
            line.setReadOnly(True)
        for box in (self.size, *self.band_boxes.values()):
            box.setReadOnly(True)
            box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.by_age.setEnabled(False)
        for check in self.flag_boxes.values():
            check.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.dietary_note.setPlaceholderText("")
        self.other_flags.setPlaceholderText("")

    def _people_mode(self) -> None:
        by_age = self.by_age.isChecked()
        self.bands_row.setVisible(by_age)
        self.size_row.setVisible(not by_age)
        self._total_changed()

    def _total_changed(self) -> None:
        total = sum(box.value() for box in self.band_boxes.values())
        self.total.setText(f"= {fmt.people(total)}")

    def members(self) -> dict[str, int] | None:
        if not self.by_age.isChecked():
            return None
        return {key: box.value() for key, box in self.band_boxes.items()}

    def flags(self) -> tuple[str, ...]:
        """The ticked flags, then the typed ones (ValueError names a typed one that is no flag)."""
        ticked = [flag for flag, box in self.flag_boxes.items() if box.isChecked()]
        return tuple(dict.fromkeys((*ticked, *diet.parse_flags(self.other_flags.text()))))

    def spec(self) -> HouseholdSpec:
        """What the person entered, for the core (ValueError when a typed dietary flag is no flag)."""
        members = self.members()
        spec = HouseholdSpec(
            first_name=self.first_name.text().strip() or None,
            members=members,
            size=self.size.value() if members is None else None,
            code=self.code.text().strip() or None,
            dietary=self.flags(),
            dietary_note=self.dietary_note.text().strip(),
        )
        if self.may_edit:
            declared: dt.date | None = self.declared_on.date().toPython() if self.declared.isChecked() else None  # type: ignore[assignment]
            spec.name = self.name.text().strip()
            spec.postcode = self.postcode.text().strip()
            spec.phone = self.phone.text().strip()
            spec.language = self.language.text().strip()
            spec.proxy = self.proxy.text().strip()
            spec.notes = self.notes.toPlainText().strip()
            spec.eligibility_declared_on = declared
            spec.eligibility_basis = self.basis.currentText().strip()
            spec.consent = self.consent.isChecked()
        return spec

    # -- saving ---------------------------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.show_text("")
        self.feedback.setText("")

    def submit(self, anyway: bool = False) -> None:
        if not self.may_edit:
            return
        self.clear_errors()
        try:
            spec = self.spec()
        except ValueError as problem:
            self.errors["dietary"].show_text(str(problem))
            self.other_flags.setFocus()
            return
        self.ok_button.setEnabled(False)
        self.anyway_button.setEnabled(False)
        self.runner.run(
            tasks.save_household,
            spec,
            self.form.code,
            anyway,
            on_done=self._saved,
            on_error=self._refused,
            owner=self,
        )

    def _saved(self, registered: Registered) -> None:
        self.saved.emit(registered)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.ok_button.setEnabled(True)
        self.anyway_button.setEnabled(True)
        if isinstance(error, tasks.PossibleDuplicates):
            self.duplicate_text.setText(
                _("This household may be registered already:")
                + "\n"
                + "\n".join(f"• {line}" for line in error.problems)
            )
            self.duplicates.show()
            self.anyway_button.setFocus()
            return
        self.duplicates.hide()
        if not isinstance(error, UserError):
            self.feedback.error(_("That did not work: {problem}").format(problem=error))
            return
        unplaced = []
        for line in error.problems:
            found = problem_field(line)  # "code: …" or "código: …": the field, whatever the desk's language
            key, rest = found if found is not None else ("", "")
            if key in self.band_boxes:
                key = "size"
            if key in self.errors and rest:
                self.errors[key].show_text(rest)
            else:
                unplaced.append(line)
        if unplaced:
            self.feedback.error("\n".join(unplaced))
        people = self.size if not self.by_age.isChecked() else next(iter(self.band_boxes.values()), self.size)
        for key, widget in (("code", self.code), ("size", people)):
            if self.errors[key].text():
                widget.setFocus()
                break
