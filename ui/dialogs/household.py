"""Register a household, or change one: every detail the core keeps, and only what this user may see.

The dialog gathers; the core decides. A refusal (a code another household has, no people at all ...) is shown next to
the field it names and nothing is written. A new household that looks like one already registered (same name and
postcode, or same phone) is not saved until the person says "Register anyway". A volunteer sees the code, first name,
size and dietary needs, read-only: personal details are for shift leads and admins (`tasks.sees_personal_details`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
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
from pantry.services import diet
from pantry.services.households import HouseholdSpec, Registered
from ui import tasks
from ui.ops import Runner
from ui.widgets import ERROR_STYLE, MessageLine, heading, set_bold

MAX_PEOPLE = 40
FLAG_COLUMNS = 4
# Suggestions only (the field takes any text): TEFAP's self-declaration bases, the most common first.
ELIGIBILITY_BASES = ("", "Income at or below the limit", "SNAP", "TANF", "SSI", "Medicaid", "Other programme")
READ_ONLY_NOTE = (
    "Only a shift lead or an admin can change a household or see its personal details (name, phone, address …)."
)


class _FieldError(QLabel):
    """The red line under a field that says what the core refused about it."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
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
            title = f"Household {form.code}"
        else:
            title = f"Change household {form.code}" if self.editing else "Register a household"
        self.setWindowTitle(title)
        self.setMinimumWidth(720)

        self.feedback = MessageLine()
        self.duplicates = QFrame()
        self.duplicates.setFrameShape(QFrame.Shape.StyledPanel)
        self.duplicates.setStyleSheet("QFrame { background: #fff3cd; }")
        self.duplicate_text = QLabel()
        self.duplicate_text.setWordWrap(True)
        set_bold(self.duplicate_text)
        self.anyway_button = QPushButton("Register anyway")
        self.anyway_button.setAutoDefault(False)
        self.anyway_button.clicked.connect(lambda: self.submit(anyway=True))
        duplicate_layout = QVBoxLayout(self.duplicates)
        duplicate_layout.addWidget(self.duplicate_text)
        duplicate_row = QHBoxLayout()
        duplicate_row.addWidget(QLabel("Same family? Close this and search for them instead. Different family?"))
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
            note = QLabel(READ_ONLY_NOTE)
            note.setWordWrap(True)
            fields.addWidget(note)
        fields.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.ok_button = QPushButton("Save the changes" if self.editing else "Register")
        set_bold(self.ok_button, 1)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(lambda: self.submit())
        cancel = QPushButton("Cancel (Esc)" if self.may_edit else "Close (Esc)")
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

    def _row(self, form: QFormLayout, label: str, widget: QWidget, key: str, hint: str = "") -> None:
        """A form row whose field has its error line (and an optional grey hint) under it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if hint:
            note = QLabel(hint)
            note.setStyleSheet("color: #666666;")
            note.setWordWrap(True)
            column.addWidget(note)
        self.errors[key] = _FieldError()
        column.addWidget(self.errors[key])
        form.addRow(label, box)

    def _who_box(self) -> QGroupBox:
        group = QGroupBox("Who")
        form = QFormLayout(group)
        self.code = QLineEdit()
        self.code.setMaxLength(20)
        self.code.setPlaceholderText("empty: a card code is made for them")
        self._row(form, "Card &code", self.code, "code", "" if self.editing else "Or the number of a card you gave.")
        self.first_name = QLineEdit()
        self.first_name.setMaxLength(80)
        self.first_name.setPlaceholderText("empty: anonymous (or the first word of the full name)")
        self._row(form, "&First name", self.first_name, "first_name")
        if self.may_edit:
            self.name = QLineEdit()
            self.name.setMaxLength(200)
            self.name.setPlaceholderText("the person who registers, as they give it")
            self._row(form, "Full &name", self.name, "name")
        return group

    def _people_box(self) -> QGroupBox:
        group = QGroupBox("People in the household")
        column = QVBoxLayout(group)
        self.by_age = QCheckBox("Count them by age")
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
            box.setAccessibleName(f"{band.label} ({band.ages})")
            box.valueChanged.connect(self._total_changed)
            bands.addWidget(QLabel(f"{band.label} ({band.ages})"))
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
        plain.addWidget(QLabel("Number of people"))
        plain.addWidget(self.size)
        plain.addStretch(1)
        column.addWidget(self.size_row)
        self.errors["size"] = _FieldError()
        column.addWidget(self.errors["size"])
        return group

    def _diet_box(self) -> QGroupBox:
        group = QGroupBox("Diet and allergies (printed on every pickup sheet)")
        column = QVBoxLayout(group)
        allergies, needs = diet.split_flags(diet.COMMON_FLAGS)
        for title, flags in (("Allergies: never give", allergies), ("Needs", needs)):
            caption = QLabel(title)
            set_bold(caption)
            column.addWidget(caption)
            grid = QGridLayout()
            for number, flag in enumerate(flags):
                box = QCheckBox(diet.label(flag))
                box.setObjectName(f"flag_{flag}")
                self.flag_boxes[flag] = box
                grid.addWidget(box, number // FLAG_COLUMNS, number % FLAG_COLUMNS)
            column.addLayout(grid)
        form = QFormLayout()
        self.other_flags = QLineEdit()
        self.other_flags.setPlaceholderText("e.g. sesame; mustard (items tagged so are never given)")
        self._row(form, "Other flags", self.other_flags, "dietary")
        self.dietary_note = QLineEdit()
        self.dietary_note.setPlaceholderText("anything else, in words (not used to choose items)")
        self._row(form, "Diet note", self.dietary_note, "dietary_note")
        column.addLayout(form)
        return group

    def _contact_box(self) -> QGroupBox:
        group = QGroupBox("Contact and pickup")
        form = QFormLayout(group)
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(20)
        self._row(form, "&Postcode", self.postcode, "postcode")
        self.phone = QLineEdit()
        self.phone.setMaxLength(40)
        self._row(form, "P&hone", self.phone, "phone")
        self.language = QLineEdit()
        self.language.setMaxLength(40)
        self.language.setPlaceholderText("e.g. Spanish")
        self._row(form, "Preferred &language", self.language, "language")
        self.proxy = QLineEdit()
        self.proxy.setMaxLength(200)
        self.proxy.setPlaceholderText("someone who may pick up for them")
        self._row(form, "Pro&xy", self.proxy, "proxy")
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4)
        self._row(form, "N&otes", self.notes, "notes")
        return group

    def _eligibility_box(self) -> QGroupBox:
        group = QGroupBox("Eligibility and consent")
        form = QFormLayout(group)
        self.declared = QCheckBox("Declared on")
        self.declared_on = QDateEdit(QDate.currentDate())
        self.declared_on.setCalendarPopup(True)
        self.declared_on.setDisplayFormat("d MMM yyyy")
        self.declared_on.setEnabled(False)
        self.declared.toggled.connect(self.declared_on.setEnabled)
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.declared)
        row.addWidget(self.declared_on)
        row.addStretch(1)
        self._row(form, "Self-declaration", when, "eligibility_declared_on", "No proof may be asked for.")
        self.basis = QComboBox()
        self.basis.setEditable(True)
        self.basis.addItems(ELIGIBILITY_BASES)
        self._row(form, "&Basis", self.basis, "eligibility_basis")
        self.consent = QCheckBox("They agree that we keep these details")
        self._row(form, "Consent", self.consent, "consent")
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
        self.total.setText(f"= {total} {'person' if total == 1 else 'people'}")

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
                "This household may be registered already:\n" + "\n".join(f"• {line}" for line in error.problems)
            )
            self.duplicates.show()
            self.anyway_button.setFocus()
            return
        self.duplicates.hide()
        if not isinstance(error, UserError):
            self.feedback.error(f"That did not work: {error}")
            return
        unplaced = []
        for line in error.problems:
            key, _, rest = line.partition(":")
            key = key.strip()
            if key in self.band_boxes:
                key = "size"
            if key in self.errors and rest:
                self.errors[key].show_text(rest.strip())
            else:
                unplaced.append(line)
        if unplaced:
            self.feedback.error("\n".join(unplaced))
        people = self.size if not self.by_age.isChecked() else next(iter(self.band_boxes.values()), self.size)
        for key, widget in (("code", self.code), ("size", people)):
            if self.errors[key].text():
                widget.setFocus()
                break
