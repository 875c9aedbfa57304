"""A lot's history (`history.HistoryLine`): every movement and event, who, when and why."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from pantry import i18n
from pantry.services.history import HistoryLine
from ui import format as fmt
from ui.models.table import RIGHT, Column, RowTableModel
from ui.text import N_, _

WHAT_LABELS = {
    "intake": N_("Received"),
    "distribution": N_("Given out"),
    "transfer": N_("Moved"),
    "adjustment": N_("Adjusted"),
    "count": N_("Counted"),
    "undo": N_("Undone"),
    "quarantine": N_("Quarantined"),
    "release": N_("Released"),
    "override": N_("Use-by override"),
    "written_off": N_("Written off"),
}
EVENT_FOREGROUND = QColor("#4a148c")


def local_time(moment: dt.datetime) -> str:
    """A stored UTC time as the desk's clock reads it (the day as the desk's language writes it)."""
    return fmt.moment(moment)


def what_text(line: HistoryLine) -> str:
    known = WHAT_LABELS.get(line.what)
    return _(known) if known else line.what.replace("_", " ").capitalize()


def reason_text(code: str) -> str:
    """A reason code in words: a built-in reason in the desk's language ("spoiled" → "Echado a perder"), else the
    code with spaces."""
    english = i18n.BUILTIN_LABELS.get("reason", {}).get(code)
    return i18n.builtin_label("reason", code, english) if english else code.replace("_", " ")


def location_text(name: str) -> str:
    return i18n.builtin_label("location", None, name) if name else name


HISTORY_COLUMNS: tuple[Column[HistoryLine], ...] = (
    Column(N_("When"), lambda r: local_time(r.at), lambda r: r.at.isoformat()),
    Column(N_("What"), what_text),
    Column(N_("Location"), lambda r: location_text(r.location)),
    Column(N_("Quantity"), lambda r: r.quantity, align=RIGHT),
    Column(N_("Reason"), lambda r: reason_text(r.reason) if r.reason else ""),
    Column(N_("Note"), lambda r: r.note),
    Column(N_("Who"), lambda r: r.user),
)


class LotHistoryModel(RowTableModel[HistoryLine]):
    columns = HISTORY_COLUMNS

    def foreground(self, row: HistoryLine, column: int) -> QColor | None:
        return EVENT_FOREGROUND if not row.quantity else None  # events without a movement: quarantine, release ...

    def tooltip(self, row: HistoryLine, column: int) -> str | None:
        if row.location and row.user:
            sentence = _("{what} {quantity} at {location} by {user} on {when}")
        elif row.location:
            sentence = _("{what} {quantity} at {location} on {when}")
        elif row.user:
            sentence = _("{what} {quantity} by {user} on {when}")
        else:
            sentence = _("{what} {quantity} on {when}")
        text = sentence.format(
            what=what_text(row),
            quantity=row.quantity,
            location=location_text(row.location),
            user=row.user,
            when=local_time(row.at),
        )
        parts = [" ".join(text.split())]
        if row.reason:
            parts.append(f"— {reason_text(row.reason)}")
        if row.note:
            parts.append(f"({row.note})")
        return " ".join(parts)
