"""Column titles and column tooltips in the desk's language: the models of the desk's screens declare them with
`N_("...")` in their column tables (module level), and they are translated here, each time a view asks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ui.models.table import Row, RowTableModel
from ui.text import _

TRANSLATED_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


class TranslatedHeaders(RowTableModel[Row]):
    """A `RowTableModel` whose column titles and column tooltips read in the desk's language."""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = super().headerData(section, orientation, role)
        if role in TRANSLATED_ROLES and isinstance(value, str):
            return _(value)
        return value
