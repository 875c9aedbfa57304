"""Cell editors for the intake table. They hand what was typed to the model, which parses it through the core. Each
editor is named after its column (the model's translated title) for screen readers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pantry.i18n import builtin_label
from pantry.services.catalog import NamedRow

Index = QModelIndex | QPersistentModelIndex


def _named(editor: QWidget, index: Index) -> QWidget:
    """The editor's accessible name and tooltip: its column's title and tooltip, in the desk's language."""
    model = index.model()
    if model is not None:
        title = model.headerData(index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        tip = model.headerData(index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        editor.setAccessibleName(str(title or ""))
        editor.setToolTip(str(tip or title or ""))
    return editor


class TextDelegate(QStyledItemDelegate):
    """A plain line edit; the model parses the text (dates, weights) and refuses what it cannot read."""

    def __init__(self, placeholder: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._placeholder = placeholder  # already translated

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setPlaceholderText(self._placeholder)
        return _named(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class CountDelegate(QStyledItemDelegate):
    """A whole number of 1 or more."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(1, 1_000_000)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return _named(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QSpinBox)
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 1))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QSpinBox)
        editor.interpretText()
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class LocationDelegate(QStyledItemDelegate):
    """A drop-down of the pantry's locations; the model stores the id."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.locations: list[NamedRow] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        for row in self.locations:
            editor.addItem(builtin_label("location", None, row.name), row.id)
        return _named(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentIndex() >= 0:
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
