"""Reports, for treasurers: pick a report and a period, see its tables with their totals and a chart, then export
CSV / XLSX / PDF, print, or write the donor letters of the period.

Reports are built on the worker (`report_tasks.open_report`) with a busy bar and a Cancel button. The last reports
built are kept with the freshness stamp they were built at: asking for one again costs one stamp query, and it is
rebuilt only when something it reads has changed (`pantry.services.reports.freshness`). The files are written by the
same writers as `pantry report` and `pantry letters`, so the window and the command line give the same numbers.

The core builds a report's headings in English; the screen shows them in the desk's language (`report_pdf.translated`,
the same translation the PDF gets), while the report kept for the exports stays as built (each writer translates).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QStandardPaths, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pantry.documents.report_pdf import scope_text, translated
from pantry.errors import UserError
from pantry.i18n import translator
from pantry.services.reports.period import Period, preset
from pantry.services.reports.rows import Chart, Report, Section
from ui import format as fmt
from ui import report_tasks
from ui.chart import BarChart
from ui.dialogs.printout import PrintoutDialog
from ui.flow import FlowLayout, group
from ui.models.report import SectionModel
from ui.ops import Op, Runner
from ui.printing import Printing
from ui.report_tasks import BuiltReport, LettersWritten, Opened, ReportRequest
from ui.settings import LAST_FOLDER, desk_settings
from ui.text import N_, _, ngettext
from ui.widgets import MessageLine, heading, set_bold, set_text_colour

CACHED_REPORTS = 8


@dataclass(frozen=True)
class ReportChoice:
    kind: str
    label: str  # marked with N_, shown translated
    about: str  # marked with N_, shown translated
    groupings: tuple[tuple[str, str], ...] = ()  # (by, label marked with N_); the first is the default
    dated: str = "period"  # "period", "as_of" (stock on a day) or "" (valuation)


REPORTS = (
    ReportChoice(
        "stock",
        N_("Stock on hand"),
        N_(
            "What was on the shelves at the end of a day: quantity, weight and value; lots expiring within 30 days "
            "flagged."
        ),
        (("item", N_("Item")), ("category", N_("Category")), ("location", N_("Location"))),
        dated="as_of",
    ),
    ReportChoice(
        "rollforward",
        N_("Roll-forward"),
        N_(
            "Opening stock + received − distributed − lost ± corrections = closing stock, in pieces, weight and "
            "value. The check line says whether it balances."
        ),
        (("category", N_("Category")), ("item", N_("Item"))),
    ),
    ReportChoice(
        "donations", N_("Donations"), N_("By donor, donor kind, category and month; top and first-time donors.")
    ),
    ReportChoice(
        "distributions",
        N_("Distributions & people served"),
        N_("Goods given out per month to households and agencies, by category, with the visits that took them."),
    ),
    ReportChoice(
        "monthly",
        N_("Monthly agency report"),
        N_(
            "For the food bank: households and individuals served (unduplicated), by age band, new households, "
            "weight distributed, days open."
        ),
    ),
    ReportChoice("waste", N_("Waste & losses"), N_("Losses by reason, category and month; the share of intake lost.")),
    ReportChoice(
        "expiring", N_("Expiring & below par"), N_("Lots on hand dated within the period, and items below par.")
    ),
    ReportChoice(
        "valuation",
        N_("Valuation"),
        N_("The value per lb/kg used for goods without one, and every item's value."),
        dated="",
    ),
)
PERIODS = (
    ("this-month", N_("This month")),
    ("last-month", N_("Last month")),
    ("this-quarter", N_("This quarter")),
    ("last-quarter", N_("Last quarter")),
    ("this-year", N_("This year")),
    ("last-year", N_("Last year")),
    ("custom", N_("Custom dates")),
)
EXPORTS = (("csv", "CSV"), ("xlsx", N_("Excel (XLSX)")), ("pdf", "PDF"))  # (format, name marked with N_)
# Donors who get no letter, by kind (pantry.services.reports.letters.NOT_ACKNOWLEDGED).
DONOR_KINDS = {"anonymous": N_("anonymous"), "purchase": N_("purchase"), "government": N_("government")}


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def file_stem(built: BuiltReport) -> str:
    request = built.request
    if request.period is not None:
        when = f"{request.period.start.isoformat()}-to-{request.period.end.isoformat()}"
    elif request.as_of is not None:
        when = f"as-of-{request.as_of.isoformat()}"
    else:
        when = dt.date.today().isoformat()
    by = f"-by-{request.by}" if request.by else ""
    return f"{request.kind}{by}-{when}"


class ReportPrintDialog(PrintoutDialog):
    """Print (or preview, or save as PDF) the report on screen, as its PDF export."""

    def __init__(self, runner: Runner, printer_desk: Printing, built: BuiltReport, parent: QWidget | None = None):
        shown = translated(built.report, translator())
        super().__init__(runner, printer_desk, _("Print: {title}").format(title=shown.title), parent)
        self.shown = shown  # in the desk's language, as its PDF prints it
        self.built = built
        sections = ", ".join(section.title for section in self.shown.sections)
        self.summary.setText(f"{self.shown.title}, {self.shown.scope}: {sections}.")
        self.options.addStretch(1)
        self.print_button.setFocus()

    def describe(self) -> tuple[str, str, str]:
        report = self.shown
        what = _("the report {title}").format(title=report.title)
        return what, f"{report.title} {report.scope}", file_stem(self.built)

    def make_pdf(self, on_done: Callable[[bytes], None], on_error: Callable[[Exception], None]) -> None:
        self.runner.call(report_tasks.report_pdf, self.built, on_done=on_done, on_error=on_error, owner=self)


class ReportsScreen(QWidget):
    status = Signal(str)

    def __init__(
        self,
        runner: Runner,
        printer_desk: Printing | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.printing = printer_desk
        self.today = today
        self.shown: BuiltReport | None = None
        self.shown_report: Report | None = None  # the report on screen, in the desk's language
        self.cache: OrderedDict[tuple[Any, ...], BuiltReport] = OrderedDict()
        self.pending: Op | None = None
        self.print_dialog: ReportPrintDialog | None = None
        self._choosing = False

        self.kind = QComboBox()
        for choice in REPORTS:
            self.kind.addItem(_(choice.label), choice.kind)
        self.kind.setToolTip(_("Which report to show"))
        self.period = QComboBox()
        for key, label in PERIODS:
            self.period.addItem(_(label), key)
        self.period.setToolTip(_("The period the report covers; Custom dates lets you type the days"))
        self.start = self._date_edit()
        self.start.setToolTip(_("The period's first day"))
        self.end = self._date_edit()
        self.end.setToolTip(_("The period's last day"))
        self.as_of = self._date_edit()
        self.as_of.setToolTip(_("Stock as it was at the end of this day"))
        self.by = QComboBox()
        self.by.setToolTip(_("How the report's first table is grouped"))
        self.show_button = QPushButton(_("Show report (F5)"))
        self.show_button.setToolTip(_("Build the chosen report for the chosen period (F5)"))
        set_bold(self.show_button)
        self.show_button.clicked.connect(self.show_report)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.show_report)

        self.kind.currentIndexChanged.connect(lambda _index: self._kind_changed())
        self.period.currentIndexChanged.connect(lambda _index: self._period_changed())
        self.by.currentIndexChanged.connect(lambda _index: self._choice_changed())
        for edit in (self.start, self.end, self.as_of):
            edit.editingFinished.connect(self._choice_changed)

        self.about = QLabel()
        self.about.setWordWrap(True)
        set_text_colour(self.about)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(14)
        self.busy_text = QLabel(_("Building the report…"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setToolTip(_("Stop building this report; the one on screen stays"))
        self.cancel_button.clicked.connect(self.cancel)
        self.busy = QWidget()
        busy_row = QHBoxLayout(self.busy)
        busy_row.setContentsMargins(0, 0, 0, 0)
        busy_row.addWidget(self.busy_text)
        busy_row.addWidget(self.progress, 1)
        busy_row.addWidget(self.cancel_button)
        self.busy.hide()

        self.title = QLabel(_("Choose a report and a period, then Show report."))
        set_bold(self.title, 2)
        self.made = QLabel()
        set_text_colour(self.made)
        self.check = MessageLine()
        # the check lines scroll past four lines, so that in a low window (200% scaling) the table keeps its room
        self.check_area = QScrollArea()
        self.check_area.setWidget(self.check)
        self.check_area.setWidgetResizable(True)
        self.check_area.setFrameShape(QFrame.Shape.NoFrame)
        self.check_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.check_area.setMaximumHeight(4 * self.check.fontMetrics().lineSpacing() + 8)
        self.check_area.setToolTip(_("Whether the report's figures add up, and how they were checked"))
        self.check_area.hide()
        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._section_chosen)
        self.tabs.setAccessibleName(_("The report's tables"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        set_text_colour(self.note)

        self.model = SectionModel(parent=self)
        self.totals = SectionModel(totals=True, parent=self)
        self.table = self._table(self.model)
        self.total_table = self._table(self.totals)
        self.total_table.horizontalHeader().hide()
        self.total_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.total_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.total_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.total_table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.setAccessibleName(_("Report table"))
        self.table.setToolTip(_("The report's rows; point at a column's heading to see its CSV name"))
        self.total_table.setAccessibleName(_("Total row"))
        self.total_table.setToolTip(_("The TOTAL row: stays in sight however far the table scrolls"))
        self.table.horizontalHeader().sectionResized.connect(
            lambda column, _old, new: self.total_table.setColumnWidth(column, new)
        )
        self.table.horizontalScrollBar().valueChanged.connect(self.total_table.horizontalScrollBar().setValue)
        self.chart = BarChart()

        self.export_buttons: dict[str, QPushButton] = {}
        exports = FlowLayout()  # wraps onto two lines in a narrow window (200% scaling)
        export_buttons: list[QWidget] = [QLabel(_("Export:"))]
        for key, label in EXPORTS:
            button = QPushButton(f"{_(label)}…")
            button.setToolTip(
                _("Save this report as {format}, with the same numbers as `pantry report`").format(format=_(label))
            )
            button.clicked.connect(lambda _checked=False, chosen=key: self.export(chosen))
            self.export_buttons[key] = button
            export_buttons.append(button)
        self.print_button = QPushButton(_("Print… (Ctrl+P)"))
        self.print_button.setToolTip(_("Print the report on screen, or save it as a PDF (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_report)
        QShortcut(QKeySequence("Ctrl+P"), self).activated.connect(self.print_report)
        exports.addWidget(group(*export_buttons, self.print_button))
        exports.addStretch()
        self.letters_button = QPushButton(_("Donor letters (PDF)…"))
        self.letters_button.clicked.connect(lambda: self.write_letters())
        self.merge_button = QPushButton(_("Mail-merge CSV…"))
        self.merge_button.clicked.connect(lambda: self.write_letters(mail_merge=True))
        exports.addWidget(group(QLabel(_("Donors of the period:")), self.letters_button, self.merge_button))
        self.feedback = MessageLine()

        choices = FlowLayout()  # wraps onto two lines in a narrow window (200% scaling)
        report_label = QLabel(_("&Report"))
        self.period_label = QLabel(_("&Period"))
        self.from_label = QLabel(_("&from"))
        self.to_label = QLabel(_("&to"))
        self.as_of_label = QLabel(_("&As of the end of"))
        self.by_label = QLabel(_("B&y"))
        for label, field in (
            (report_label, self.kind),
            (self.period_label, self.period),
            (self.from_label, self.start),
            (self.to_label, self.end),
            (self.as_of_label, self.as_of),
            (self.by_label, self.by),
        ):
            label.setBuddy(field)
            choices.addWidget(group(label, field))
        choices.addStretch()
        choices.addWidget(self.show_button)

        table_side = QWidget()
        table_column = QVBoxLayout(table_side)
        table_column.setContentsMargins(0, 0, 0, 0)
        table_column.setSpacing(0)
        table_column.addWidget(self.tabs)
        table_column.addWidget(self.table, 1)
        table_column.addWidget(self.total_table)
        table_column.addWidget(self.note)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(table_side)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 420])

        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Reports")))
        layout.addLayout(choices)
        layout.addWidget(self.about)
        layout.addWidget(self.busy)
        layout.addWidget(self.title)
        layout.addWidget(self.made)
        layout.addWidget(self.check_area)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(exports)
        layout.addWidget(self.feedback)

        self._choosing = True
        self.kind.setCurrentIndex(self._kind_index("rollforward"))
        self.period.setCurrentIndex(self._period_index("last-quarter"))
        self._choosing = False
        self._kind_changed(show=False)
        self._period_changed(show=False)
        self._set_outputs_enabled()

    # -- building blocks ------------------------------------------------------------------------------------------

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(fmt.date_edit_format())
        edit.setDate(to_qdate(self.today()))
        return edit

    def _table(self, model: SectionModel) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(model is self.model)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        return table

    def _kind_index(self, kind: str) -> int:
        return next(number for number, choice in enumerate(REPORTS) if choice.kind == kind)

    def _period_index(self, key: str) -> int:
        return next(number for number, (name, _label) in enumerate(PERIODS) if name == key)

    # -- choosing -------------------------------------------------------------------------------------------------

    @property
    def choice(self) -> ReportChoice:
        return REPORTS[max(0, self.kind.currentIndex())]

    def choose(
        self,
        kind: str,
        period: str | None = None,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        as_of: dt.date | None = None,
        by: str | None = None,
    ) -> None:
        """Set every choice at once (what a person does with the controls), then show the report."""
        self._choosing = True
        try:
            self.kind.setCurrentIndex(self._kind_index(kind))
            if period is not None:
                self.period.setCurrentIndex(self._period_index(period))
            if start is not None:
                self.start.setDate(to_qdate(start))
            if end is not None:
                self.end.setDate(to_qdate(end))
            if as_of is not None:
                self.as_of.setDate(to_qdate(as_of))
            if by is not None:
                self.by.setCurrentIndex(self.by.findData(by))
        finally:
            self._choosing = False
        self.show_report()

    def _kind_changed(self, *, show: bool = True) -> None:
        choice = self.choice
        self.about.setText(_(choice.about))
        self.by.blockSignals(True)
        self.by.clear()
        for by, label in choice.groupings:
            self.by.addItem(_(label), by)
        self.by.blockSignals(False)
        for widget in (self.by, self.by_label):
            widget.setVisible(bool(choice.groupings))
        for widget in (self.as_of, self.as_of_label):
            widget.setVisible(choice.dated == "as_of")
        for widget in (self.period, self.period_label, self.start, self.end, self.from_label, self.to_label):
            widget.setVisible(choice.dated == "period")
        self._set_outputs_enabled()
        if show:
            self._choice_changed()

    def _period_changed(self, *, show: bool = True) -> None:
        key = self.period.currentData()
        custom = key == "custom"
        for edit in (self.start, self.end):
            edit.setEnabled(custom)
        if not custom:
            chosen = preset(key, self.today())
            self.start.setDate(to_qdate(chosen.start))
            self.end.setDate(to_qdate(chosen.end))
            self.as_of.setDate(to_qdate(chosen.end))
        if show:
            self._choice_changed()

    def _choice_changed(self) -> None:
        if not self._choosing:
            self.show_report()

    def chosen_period(self) -> Period:
        """The period the controls say (a preset is worked out again for today, in case the day changed)."""
        key = self.period.currentData()
        if key != "custom":
            return preset(key, self.today())
        return Period(to_date(self.start.date()), to_date(self.end.date()))

    def request(self) -> ReportRequest:
        choice = self.choice
        by = self.by.currentData() if choice.groupings else None
        if choice.dated == "as_of":
            return ReportRequest(choice.kind, as_of=to_date(self.as_of.date()), by=by)
        if choice.dated == "period":
            return ReportRequest(choice.kind, period=self.chosen_period(), by=by)
        return ReportRequest(choice.kind)

    # -- building -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The screen is shown: show the chosen report (instantly when nothing changed since it was built)."""
        if self.pending is None:
            self.show_report()

    def show_report(self) -> None:
        try:
            request = self.request()
        except UserError as problem:
            self.feedback.error(str(problem))
            return
        self.pending = None  # a report still being built is overtaken: kept in the cache when it comes, not shown
        cached = self.cache.get(self._key(request))
        self.feedback.clear()
        op = self.runner.run(
            report_tasks.open_report,
            request,
            cached.stamp if cached is not None else None,
            with_progress=True,
            on_done=lambda opened: self._opened(op, request, opened),
            on_error=lambda problem: self._failed(op, problem),
            owner=self,
        )
        self.pending = op
        if cached is None:
            self._set_busy(True, _("Building the report {title}…").format(title=_(self.choice.label)))

    def _key(self, request: ReportRequest) -> tuple[Any, ...]:
        return (*request.key, self.today())

    def _opened(self, op: Op, request: ReportRequest, opened: Opened) -> None:
        key = self._key(request)
        if opened.built is not None:
            self.cache[key] = opened.built
            while len(self.cache) > CACHED_REPORTS:
                self.cache.popitem(last=False)
        if op is not self.pending:
            return  # overtaken by a newer choice: cached above, not shown
        self.pending = None
        self._set_busy(False)
        built = self.cache.get(key)
        if built is None:  # still fresh, but pushed out of the cache meanwhile: build it after all
            self.show_report()
            return
        self.cache.move_to_end(key)
        if built is not self.shown:
            self.display(built)

    def _failed(self, op: Op, problem: Exception) -> None:
        if op is not self.pending:
            return
        self.pending = None
        self._set_busy(False)
        self.feedback.error(str(problem))

    def cancel(self) -> None:
        """Stop waiting for the report being built: its result is dropped and the screen is usable at once."""
        op, self.pending = self.pending, None
        if op is None:
            return
        self.runner.cancel(op)
        self._set_busy(False)
        self.feedback.info(_("Cancelled: the report was not built. The one on screen (if any) is as it was."))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        if text:
            self.busy_text.setText(text)
        self.busy.setVisible(busy)
        self.show_button.setEnabled(not busy)
        self._set_outputs_enabled()

    def _set_outputs_enabled(self) -> None:
        ready = self.shown is not None and self.pending is None
        for button in (*self.export_buttons.values(), self.print_button):
            button.setEnabled(ready)
        dated = self.choice.dated == "period"
        for button, tip in (
            (self.letters_button, _("One acknowledgement letter per donor who gave goods in the period")),
            (self.merge_button, _("The donors of the period with their addresses and totals, for a mail merge")),
        ):
            button.setEnabled(dated)
            button.setToolTip(tip if dated else _("Choose a report for a period (Donations, for one) to write letters"))

    # -- showing --------------------------------------------------------------------------------------------------

    def display(self, built: BuiltReport) -> None:
        report = translated(built.report, translator())
        self.shown = built
        self.shown_report = report
        self.title.setText(f"{report.title} — {report.scope}")
        made = f"{fmt.date(report.generated_at.date())} {report.generated_at:%H:%M}"
        self.made.setText(
            _("{pantry} · made {when} by {user} · weights in {unit}, money in {currency}").format(
                pantry=report.org_name,
                when=made,
                user=report.generated_by,
                unit=report.weight_unit,
                currency=report.currency,
            )
        )
        if report.checks:
            first, *rest = (html.escape(line) for line in report.checks)
            mark = "✔" if report.balanced else "✘"
            text = f"<b>{mark} {first}</b>" + "".join(f"<br>{line}" for line in rest)
            if report.balanced:
                self.check.ok(text)
            else:
                self.check.error(text)
            self.check.show()
            self.check_area.show()
        else:
            self.check.hide()
            self.check_area.hide()
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for section in report.sections:
            self.tabs.addTab(f"{section.title} ({len(section.rows)})")
        self.tabs.setCurrentIndex(0)
        self.tabs.blockSignals(False)
        self._section_chosen(0)
        self._set_outputs_enabled()

    def section(self) -> Section | None:
        if self.shown_report is None:
            return None
        index = self.tabs.currentIndex()
        sections = self.shown_report.sections
        return sections[index] if 0 <= index < len(sections) else None

    def _section_chosen(self, index: int) -> None:
        if self.shown_report is None:
            return
        report = self.shown_report
        section = self.section()
        self.model.set_section(section, report.weight_unit, report.currency)
        self.totals.set_section(section, report.weight_unit, report.currency)
        self._fit_columns()
        self.note.setText(section.note if section is not None else "")
        self.note.setVisible(bool(self.note.text()))
        chart = self._chart_for(section)
        self.chart.set_chart(chart, report.weight_unit, report.currency)
        self.chart.setVisible(chart is not None)  # a report without a picture gives its table the whole width

    def _chart_for(self, section: Section | None) -> Chart | None:
        """The section's own chart, else the report's picture over time (per month), else its first chart: a table
        without a picture of its own still shows the report's."""
        if section is not None and section.chart is not None:
            return section.chart
        assert self.shown_report is not None
        charts = [each.chart for each in self.shown_report.sections if each.chart is not None]
        return next((chart for chart in charts if not chart.horizontal), charts[0] if charts else None)

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        has_total = self.totals.rowCount() > 0
        for column in range(self.model.columnCount()):
            width = self.table.columnWidth(column)
            if has_total:
                width = max(width, self.total_table.sizeHintForColumn(column))
            self.table.setColumnWidth(column, min(width, 320))
            self.total_table.setColumnWidth(column, self.table.columnWidth(column))
        self.total_table.setVisible(has_total)
        if has_total:
            self.total_table.setFixedHeight(self.total_table.rowHeight(0) + 2)

    # -- ways out -------------------------------------------------------------------------------------------------

    def _ask_path(self, title: str, stem: str, suffix: str, kind: str) -> Path | None:
        settings = desk_settings()
        folder = str(settings.value(LAST_FOLDER, "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(Path(folder) / f"{stem}.{suffix}"), f"{kind} (*.{suffix})"
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{suffix}":
            path = path.with_name(f"{path.name}.{suffix}")
        settings.setValue(LAST_FOLDER, str(path.parent))
        return path

    def export(self, output_format: str, path: Path | None = None) -> None:
        """Save the report on screen as CSV, XLSX or PDF (asking where, unless `path` is given)."""
        built = self.shown
        if built is None:
            self.feedback.error(_("Show a report first, then export it."))
            return
        label = _(dict(EXPORTS)[output_format])
        shown = self.shown_report or built.report
        target = path or self._ask_path(
            _("Save {title} as {format}").format(title=shown.title, format=label),
            file_stem(built),
            output_format,
            label,
        )
        if target is None:
            return
        self.feedback.info(_("Writing {name}…").format(name=target.name))

        def written(described: str) -> None:
            text = _("Saved {title} ({scope}) as {format}: {path} ({described}).").format(
                title=shown.title, scope=shown.scope, format=label, path=target, described=described
            )
            self.feedback.ok(text)
            self.status.emit(text)

        self.runner.call(
            report_tasks.export_report,
            built,
            target,
            output_format,
            on_done=written,
            on_error=lambda problem: self.feedback.error(str(problem)),
            owner=self,
        )

    def print_report(self) -> None:
        if self.shown is None or self.printing is None:
            if self.shown is None:
                self.feedback.error(_("Show a report first, then print it."))
            return
        dialog = ReportPrintDialog(self.runner, self.printing, self.shown, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done.connect(self.status)
        dialog.done.connect(self.feedback.ok)
        dialog.finished.connect(lambda _result: setattr(self, "print_dialog", None))
        self.print_dialog = dialog
        dialog.open()

    def write_letters(self, path: Path | None = None, *, mail_merge: bool = False) -> None:
        """The donor letters of the chosen period as one PDF, or (`mail_merge`) the donors and totals as a CSV."""
        if self.choice.dated != "period":
            self.feedback.error(_("Letters are for a period: choose a report for a period (Donations, for one)."))
            return
        try:
            period = self.chosen_period()
        except UserError as problem:
            self.feedback.error(str(problem))
            return
        suffix, kind = ("csv", "CSV") if mail_merge else ("pdf", "PDF")
        stem = f"donor{'s' if mail_merge else '-letters'}-{period.start.isoformat()}-to-{period.end.isoformat()}"
        when = scope_text(period.label, translator())
        if mail_merge:
            title = _("Save the donors for a mail merge ({period})").format(period=when)
        else:
            title = _("Save the donor letters ({period})").format(period=when)
        target = path or self._ask_path(title, stem, suffix, kind)
        if target is None:
            return
        self.feedback.info(_("Writing {name}…").format(name=target.name))
        self.runner.run(
            report_tasks.write_letters,
            period,
            target,
            mail_merge,
            on_done=lambda written: self._letters_written(written, period, mail_merge),
            on_error=lambda problem: self.feedback.error(str(problem)),
            owner=self,
        )

    def _letters_written(self, written: LettersWritten, period: Period, mail_merge: bool) -> None:
        when = scope_text(period.label, translator())
        count = written.letters
        if mail_merge:
            text = ngettext(
                "Saved the {count} donor of {period} for a mail merge: {path}.",
                "Saved the {count} donors of {period} for a mail merge: {path}.",
                count,
            ).format(count=count, period=when, path=written.path)
        else:
            pages = ngettext("{count} page", "{count} pages", written.pages).format(count=written.pages)
            text = ngettext(
                "Saved {count} donor letter for {period} ({pages}): {path}.",
                "Saved {count} donor letters for {period} ({pages}): {path}.",
                count,
            ).format(count=count, period=when, pages=pages, path=written.path)
        if written.skipped:
            skipped = ", ".join(
                f"{number} {_(DONOR_KINDS[kind]) if kind in DONOR_KINDS else kind}"
                for kind, number in sorted(written.skipped.items())
            )
            text += " " + _("No letter for donors of kind: {kinds}.").format(kinds=skipped)
        self.status.emit(text)
        if written.missing_details and not mail_merge:
            self.feedback.error(
                text
                + " "
                + _(
                    "The letters lack the pantry's address or tax id: set them in Settings > Pantry (or with "
                    "`pantry report settings --address … --tax-id …`)."
                )
            )
        else:
            self.feedback.ok(text)
