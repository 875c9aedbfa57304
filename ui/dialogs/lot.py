"""One lot, as a scan of its label opens it anywhere in the app: what it is, how much lies where, its date, and its
history (every movement: who, when, why). From here the lot can be moved, adjusted, relabelled or released."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pantry.i18n import builtin_label
from pantry.services.stock import expiry_state
from ui import format as fmt
from ui import tasks
from ui.guide.palette import row_colours
from ui.models.history import LotHistoryModel
from ui.models.intake_lines import DATE_KIND_TITLES
from ui.models.table import EXPIRED_BACKGROUND, EXPIRING_BACKGROUND, QUARANTINED_BACKGROUND
from ui.text import N_, _, ngettext
from ui.widgets import heading, set_bold

# name: (button, shortcut, tooltip, accessible name); translated where shown
ACTIONS = (
    ("move", N_("Move… (Ctrl+M)"), "Ctrl+M", N_("Move some or all of this lot to another location (Ctrl+M)"),
     N_("Move")),
    ("adjust", N_("Adjust… (Ctrl+D)"), "Ctrl+D", N_("Remove or add stock of this lot, with a reason (Ctrl+D)"),
     N_("Adjust")),
    ("labels", N_("Print label… (Ctrl+P)"), "Ctrl+P", N_("Print this lot's label again (Ctrl+P)"), N_("Print label")),
    ("release", N_("Release from hold (Ctrl+R)"), "Ctrl+R", N_("The recall is over: this lot may be given out again "
     "(Ctrl+R)"), N_("Release from hold")),
)  # fmt: skip


class LotDialog(QDialog):
    """Emits `action(name, places)` for "move", "adjust", "labels" and "release"; `show_details` refreshes it."""

    action = Signal(str, object)

    def __init__(self, details: tasks.LotDetails, parent: QWidget | None = None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()
        self.details = details
        self.setMinimumSize(820, 520)
        self.title = heading("")
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.on_hand = QLabel()
        self.expires = QLabel()
        self.received = QLabel()
        for label in (self.on_hand, self.expires, self.received):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_bold(self.on_hand, 2)
        self.on_hand.setAccessibleName(_("On hand"))
        self.expires.setAccessibleName(_("Date"))
        self.received.setAccessibleName(_("Received"))
        facts = QFormLayout()
        facts.addRow(_("On hand"), self.on_hand)
        facts.addRow(_("Date"), self.expires)
        facts.addRow(_("Received"), self.received)

        self.model = LotHistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(_("History of this lot"))
        self.table.setToolTip(_("Every movement of this lot, oldest first: who, when and why"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, keys, tip, accessible in ACTIONS:
            button = QPushButton(_(text))
            button.setToolTip(_(tip))
            button.setAccessibleName(_(accessible))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, which=name: self.request(which))
            QShortcut(QKeySequence(keys), self).activated.connect(lambda which=name: self.request(which))
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(_("Close (Esc)"))
        close.setToolTip(_("Close this lot's window (Esc)"))
        close.setAccessibleName(_("Close"))
        close.setDefault(True)
        close.clicked.connect(self.reject)
        row.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addLayout(facts)
        history = QLabel(_("History: every movement of this lot, oldest first"))
        set_bold(history)
        layout.addWidget(history)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.show_details(details)
        close.setFocus()

    @property
    def code(self) -> str:
        return self.details.history.lot

    def show_details(self, details: tasks.LotDetails) -> None:
        self.details = details
        found = details.history
        self.setWindowTitle(_("Lot {lot}").format(lot=found.lot))
        self.title.setText(_("Lot {lot}: {item}").format(lot=found.lot, item=found.item))
        self.on_hand.setText(
            "; ".join(
                _("{quantity} {unit} at {location}").format(
                    quantity=quantity, unit=_(found.unit), location=builtin_label("location", None, location)
                )
                for location, quantity in found.on_hand
            )
            or _("nothing on hand (all given out or written off)")
        )
        kind = _(DATE_KIND_TITLES[found.date_kind]) if found.date_kind in DATE_KIND_TITLES else found.date_kind
        state = expiry_state(found.expires, self.today)
        if found.expires is None:
            self.expires.setText(_("no date"))
        else:
            days = (found.expires - self.today).days
            if days == 0:
                when = _("today")
            elif days < 0:
                when = ngettext("{count} day ago", "{count} days ago", -days).format(count=-days)
            else:
                when = ngettext("in {count} day", "in {count} days", days).format(count=days)
            self.expires.setText(f"{kind} {fmt.date(found.expires)} ({when})")
        colour = {"expired": EXPIRED_BACKGROUND, "soon": EXPIRING_BACKGROUND}.get(state or "")
        if colour is not None:
            background, text = row_colours(colour, self.expires.palette())
            self.expires.setStyleSheet(f"background: {background.name()}; color: {text.name()}; padding: 2px 6px;")
        else:
            self.expires.setStyleSheet("")
        self.received.setText(_("{date}   ·   item {sku}").format(date=fmt.date(found.received_on), sku=found.sku))
        if found.quarantined:
            self.banner.setText(
                _("ON HOLD for a recall: this lot is not given out. Release it when the recall is over.")
            )
            self.banner.setStyleSheet(
                f"background: {QUARANTINED_BACKGROUND.name()}; color: #3b1a78; font-weight: bold; padding: 6px;"
            )
            self.banner.show()
        else:
            self.banner.hide()
        self.model.set_rows(found.lines)
        if found.lines:
            self.table.scrollToBottom()
        has_stock = bool(details.places)
        self.buttons["move"].setEnabled(has_stock)
        self.buttons["adjust"].setEnabled(has_stock)
        self.buttons["release"].setVisible(found.quarantined)

    def request(self, which: str) -> None:
        button = self.buttons[which]
        if button.isEnabled() and not button.isHidden():
            self.action.emit(which, list(self.details.places))
