"""The audit trail as a table: when, who, what kind of change, on what, and master data's before/after."""

from __future__ import annotations

from pantry.audit import Entry
from ui import format as fmt
from ui.models.table import Column, RowTableModel
from ui.text import N_

SHOWN_CHARS = 90  # a long before/after is cut in the cell; its tooltip has all of it


def _short(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _when(entry: Entry) -> str:
    return fmt.moment(entry.at)


class AuditModel(RowTableModel[Entry]):
    columns = (
        Column(N_("When"), _when, sort=lambda entry: entry.at),
        Column(N_("User"), lambda entry: entry.user),
        Column(N_("Action"), lambda entry: entry.action),
        Column(N_("What"), lambda entry: entry.what),
        Column(N_("Before"), lambda entry: _short(entry.before)),
        Column(N_("After"), lambda entry: _short(entry.after)),
    )

    def tooltip(self, row: Entry, column: int) -> str | None:
        if column == 4 and row.before:
            return row.before
        if column == 5 and row.after:
            return row.after
        return None
