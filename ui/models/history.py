"""A lot's history (`history.HistoryLine`): every movement and event, who, when and why."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from pantry.services.history import HistoryLine
from ui.models.table import RIGHT, Column, RowTableModel

WHAT_LABELS = {
    "intake": "Received",
    "distribution": "Given out",
    "transfer": "Moved",
    "adjustment": "Adjusted",
    "count": "Counted",
    "undo": "Undone",
    "quarantine": "Quarantined",
    "release": "Released",
    "override": "Use-by override",
    "written_off": "Written off",
}
EVENT_FOREGROUND = QColor("#4a148c")


def local_time(moment: dt.datetime) -> str:
    """A stored UTC time as the desk's clock reads it."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def what_text(line: HistoryLine) -> str:
    return WHAT_LABELS.get(line.what, line.what.replace("_", " ").capitalize())


HISTORY_COLUMNS: tuple[Column[HistoryLine], ...] = (
    Column("When", lambda r: local_time(r.at), lambda r: r.at.isoformat()),
    Column("What", what_text),
    Column("Location", lambda r: r.location),
    Column("Quantity", lambda r: r.quantity, align=RIGHT),
    Column("Reason", lambda r: r.reason.replace("_", " ")),
    Column("Note", lambda r: r.note),
    Column("Who", lambda r: r.user),
)


class LotHistoryModel(RowTableModel[HistoryLine]):
    columns = HISTORY_COLUMNS

    def foreground(self, row: HistoryLine, column: int) -> QColor | None:
        return EVENT_FOREGROUND if not row.quantity else None  # events without a movement: quarantine, release ...

    def tooltip(self, row: HistoryLine, column: int) -> str | None:
        parts = [f"{what_text(row)} {row.quantity}".strip()]
        if row.location:
            parts.append(f"at {row.location}")
        if row.user:
            parts.append(f"by {row.user}")
        parts.append(f"on {local_time(row.at)}")
        if row.reason:
            parts.append(f"— {row.reason.replace('_', ' ')}")
        if row.note:
            parts.append(f"({row.note})")
        return " ".join(parts)
