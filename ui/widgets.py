"""Small widgets the screens share: the scan field, a table that can finish an edit, message lines, legends."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QWidget,
)

from pantry.codes import parse_own_code
from ui.guide.palette import OK, PROBLEM, row_colours, text_colour
from ui.text import _

GS = "\x1d"
ERROR_STYLE = "color: #b00020; font-weight: bold;"  # on a light window; MessageLine adapts it to the palette
OK_STYLE = "color: #1b5e20; font-weight: bold;"
HINT_COLOUR = QColor("#555555")  # a grey for hints under a table, made readable on the window's palette


class ScanField(QLineEdit):
    """The big field a USB scanner types into. Up/Down/Escape are passed on for a pick list under it; Ctrl+Z on an
    empty field is left to the screen's "Undo last scan" shortcut instead of the field's own text undo (and
    Ctrl+Shift+Z to "Undo my last stock change"). The group separator of GS1 barcodes is kept in the text."""

    navigate = Signal(int)  # -1 up, +1 down
    escaped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSize(max(18, font.pointSize() * 2))
        self.setFont(font)
        self.setMinimumHeight(int(self.fontMetrics().height() * 1.8))
        self.setPlaceholderText(_("Scan a barcode or type an item name"))
        self.setAccessibleName(_("Scan field"))
        self.setToolTip(_("Scan a barcode here, or type a name and press Enter"))
        with_clear_button(self)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo))
            and not self.text()
        ):
            event.ignore()  # not ours: let the window's shortcut have it
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() == GS or (  # FNC1 in a GS1 barcode: scanners send ASCII 29 (Ctrl+]); a line edit drops it
            event.key() == Qt.Key.Key_BracketRight and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            self.insert(GS)
            return
        if event.key() == Qt.Key.Key_Down:
            self.navigate.emit(1)
        elif event.key() == Qt.Key.Key_Up:
            self.navigate.emit(-1)
        elif event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
        else:
            super().keyPressEvent(event)

    def take_focus(self) -> None:
        """Ready for the next scan: focused, with what is there selected so the scan replaces it."""
        self.setFocus()
        self.selectAll()


def with_clear_button(field: QLineEdit) -> QLineEdit:
    """The field's own clear button (an ✕ shown while there is text), with its tooltip and a name for screen readers."""
    field.setClearButtonEnabled(True)
    for button in field.findChildren(QToolButton):
        button.setToolTip(_("Clear the field"))
        button.setAccessibleName(_("Clear"))
    return field


def scan_field(
    placeholder: str, on_enter: Callable[[], None], parent: QWidget | None = None, *, tip: str = ""
) -> ScanField:
    """A screen's scan field: what it asks for (already translated), and what a scan (or typing and Enter) does."""
    field = ScanField(parent)
    field.setPlaceholderText(placeholder)
    if tip:
        field.setToolTip(tip)
    field.returnPressed.connect(on_enter)
    return field


class EditTable(QTableView):
    """A table view that can commit the edit in progress (before saving) and says when an edit ends."""

    edit_finished = Signal()  # an editor closed with Enter or Escape (not Tab to the next cell)

    def commit_open_editor(self) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint in (
            QAbstractItemDelegate.EndEditHint.SubmitModelCache,
            QAbstractItemDelegate.EndEditHint.RevertModelCache,
        ):
            self.edit_finished.emit()

    def edit_cell(self, index: QModelIndex) -> None:
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus()
        self.edit(index)


class MessageLine(QLabel):
    """One line (or a few) of feedback under a field: green when it worked, red when it did not. Screen readers hear
    it as "Messages"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Messages"))
        self._kind = "info"
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 1)
        self.setFont(font)

    def ok(self, text: str) -> None:
        self._show(text, "ok")

    def error(self, text: str) -> None:
        self._show(text, "error")

    def info(self, text: str) -> None:
        self._show(text, "info")

    def is_error(self) -> bool:
        return self._kind == "error"

    def _show(self, text: str, kind: str) -> None:
        """Green when it worked, red when it did not (each made readable on a light or a dark window), else the
        palette's own text colour."""
        self._kind = kind
        colour = {"ok": OK, "error": PROBLEM}.get(kind)
        if colour is None:
            self.setStyleSheet("")
        else:
            self.setStyleSheet(f"color: {text_colour(colour, self.palette()).name()}; font-weight: bold;")
        self.setText(text)


def swatch(colour: QColor, text: str, *, as_text: bool = False, parent: QWidget | None = None) -> QWidget:
    """A legend entry: a coloured square (or coloured text) and what it means (`text` already translated)."""
    box = QWidget(parent)
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 12, 0)
    layout.setSpacing(6)
    if as_text:
        label = QLabel(text, box)
        label.setStyleSheet(f"color: {text_colour(colour, label.palette()).name()}; font-weight: bold;")
        layout.addWidget(label)
        return box
    square = QLabel(box)
    square.setFixedSize(16, 16)
    square.setStyleSheet(f"background: {row_colours(colour, square.palette())[0].name()}; border: 1px solid #888;")
    layout.addWidget(square)
    layout.addWidget(QLabel(text, box))
    return box


def name_standard_buttons(box: QDialogButtonBox) -> None:
    """Tooltips and screen-reader names for a button box's standard buttons (their text is Qt's own, already in the
    desk's language); a button given its own tooltip or name keeps it."""
    for button in box.buttons():
        role = box.buttonRole(button)
        if not button.accessibleName():
            button.setAccessibleName(button.text().replace("&", ""))
        if button.toolTip():
            continue
        if role in (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.NoRole):
            button.setToolTip(_("Close this window without changing anything (Esc)"))
        else:
            button.setToolTip(_("Go ahead (Enter)"))


def set_text_colour(label: QWidget, colour: QColor = HINT_COLOUR, extra: str = "") -> None:
    """Colour a label's words with a light-theme colour (the hint grey by default, PROBLEM for a problem) made readable
    on the label's own palette, light or dark; `extra` is more style sheet (a font size, a padding)."""
    label.setStyleSheet(f"color: {text_colour(colour, label.palette()).name()}; {extra}".strip())


def hint(text: str, parent: QWidget | None = None) -> QLabel:
    """A grey line of help under a table (`text` already translated), readable on a light or a dark window."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    set_text_colour(label)
    return label


def set_bold(widget: QWidget, size_delta: int = 0) -> None:
    font = QFont(widget.font())
    font.setBold(True)
    if size_delta:
        font.setPointSize(font.pointSize() + size_delta)
    widget.setFont(font)


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    """A screen's or a dialog's title line (`text` already translated)."""
    label = QLabel(text, parent)
    set_bold(label, 4)
    return label


class LotScanCatcher(QObject):
    """Notices a lot label scanned while a table or list has the keyboard: a scanner types the code and presses
    Enter. `lot_scanned(code)` then fires and that Enter is not passed on (it would open the current row)."""

    lot_scanned = Signal(str)
    _MODIFIERS = (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._typed = ""

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def typed_lot(self) -> str | None:
        """The lot code at the end of what was typed since the last Enter, if there is one."""
        typed = self._typed
        for start in range(len(typed)):
            own = parse_own_code(typed[start:]) if typed[start:].isascii() else None
            if own is not None and own.kind == "lot":
                return own.text
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self._typed = ""
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or not isinstance(event, QKeyEvent):
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self.typed_lot()
            if code is None:
                if kind == QEvent.Type.KeyPress:
                    self._typed = ""
                return False
            if kind == QEvent.Type.ShortcutOverride:
                event.accept()  # the Enter is ours: no shortcut may take it
                return True
            self._typed = ""
            self.lot_scanned.emit(code)
            return True
        if kind == QEvent.Type.KeyPress:
            text = event.text()
            if text and text.isprintable() and not (event.modifiers() & self._MODIFIERS):
                self._typed = (self._typed + text)[-64:]
            elif event.key() not in (Qt.Key.Key_Shift, Qt.Key.Key_CapsLock):
                self._typed = ""
        return False
