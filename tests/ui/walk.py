"""Walk a window's widgets and read what a person (or a screen reader) gets from each: its texts, its tooltip, its
accessible name. For the tests that open a screen with the desk in Spanish and check that nothing stayed English,
that every control says what it does, and that a screen reader can name every input, button and table.

    problems = walk.still_english(screen) + walk.missing_tooltips(screen) + walk.missing_names(screen)
    assert not problems, "\n".join(problems)

The accessible name checked is the one a screen reader announces (QAccessible's Name): the widget's own
`accessibleName`, else what Qt derives from it (a button's text, the text of the QLabel whose buddy it is).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from babel.messages.pofile import read_po
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAccessible, QAction, QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QStatusBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from pantry import i18n
from ui.guide.palette import contrast

# Controls a person works with: each needs a tooltip (when visible) and an accessible name.
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)
# Qt's own parts inside a control (a combo's popup list, a spin box's line edit, a tab bar's scroll arrows).
_INSIDE = (QComboBox, QAbstractSpinBox, QCalendarWidget, QTabBar, QScrollBar)


@cache
def english_msgids(language: str = "es") -> frozenset[str]:
    """Every msgid of every catalogue (the window's parts and the core's) whose translation reads differently: shown
    as it is on a desk in `language`, it stayed English. With and without "&" accelerators."""
    found: set[str] = set()
    folder = i18n.TRANSLATIONS / language / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as file:
            catalogue = read_po(file, locale=language)
        for message in catalogue:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for msgid in ids:
                if all(string and string != msgid for string in strings):
                    found.add(msgid)
                    found.add(msgid.replace("&", ""))
    return frozenset(found)


def _internal(widget: QWidget, root: QWidget) -> bool:
    """A part Qt builds inside a control (not one of ours)."""
    if widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root.parentWidget():
        if isinstance(parent, _INSIDE):
            return True
        parent = parent.parentWidget()
    return False


def widgets(root: QWidget) -> Iterator[QWidget]:
    """`root` and every widget under it that is ours (Qt's inner parts left out)."""
    yield root
    for child in root.findChildren(QWidget):
        if not _internal(child, root):
            yield child


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces as the widget's name."""
    if widget.accessibleName():
        return widget.accessibleName()
    interface = QAccessible.queryAccessibleInterface(widget)
    return (interface.text(QAccessible.Text.Name) if interface is not None else "") or ""


def _columns(model: QAbstractItemModel) -> int:
    """A model's column count (a list model's columnCount is private in PySide6: one column)."""
    try:
        return int(model.columnCount(QModelIndex()))
    except TypeError:
        return 1


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can read or hear in `root`."""
    for widget in widgets(root):
        name = f"{type(widget).__name__}({widget.objectName() or hex(id(widget))})"
        own = [
            ("windowTitle", widget.windowTitle() if widget.isWindow() else ""),
            ("toolTip", widget.toolTip()),
            ("accessibleName", widget.accessibleName()),
            ("accessibleDescription", widget.accessibleDescription()),
            ("statusTip", widget.statusTip()),
        ]
        if isinstance(widget, QLabel | QAbstractButton):
            own.append(("text", widget.text()))
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            own.append(("placeholderText", widget.placeholderText()))
        if isinstance(widget, QAbstractSpinBox):
            own += [("specialValueText", widget.specialValueText())]
        if isinstance(widget, QGroupBox):
            own.append(("title", widget.title()))
        if isinstance(widget, QComboBox):
            own += [(f"item {number}", widget.itemText(number)) for number in range(widget.count())]
        if isinstance(widget, QTabBar):
            for number in range(widget.count()):
                own += [(f"tab {number}", widget.tabText(number)), (f"tab tip {number}", widget.tabToolTip(number))]
        if isinstance(widget, QTabWidget):
            own += [(f"tab {number}", widget.tabText(number)) for number in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model() is not None:
            model = widget.model()
            for column in range(_columns(model)):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.headerData(column, Qt.Orientation.Horizontal, role)
                    if isinstance(value, str):
                        own.append((f"header {column}", value))
        for action in QWidget.actions(widget):  # unbound: a screen may name something else `actions`
            own += [("action", action.text()), ("action tip", action.toolTip())]
        for what, text in own:
            if text:
                yield f"{name}.{what}", text
    for action in root.findChildren(QAction):
        for text in (action.text(), action.toolTip()):
            if text:
                yield f"QAction({action.objectName()})", text


def still_english(root: QWidget, language: str = "es") -> list[str]:
    """Texts that are an English msgid whose translation differs: they were shown untranslated."""
    english = english_msgids(language)
    return [f"{where}: {text!r} is English" for where, text in texts(root) if text in english]


def _view_part(widget: QWidget) -> bool:
    """A table's headers and its corner button: parts of the view, named by the view's columns."""
    return isinstance(widget, QHeaderView) or (
        isinstance(widget, QAbstractButton) and isinstance(widget.parentWidget(), QAbstractItemView)
    )


def _interactive(root: QWidget) -> Iterator[QWidget]:
    for widget in widgets(root):
        if isinstance(widget, INTERACTIVE) and widget.isVisibleTo(root) and not _view_part(widget):
            yield widget


def missing_tooltips(root: QWidget) -> list[str]:
    """Visible controls without a tooltip saying what they do."""
    return [
        f"{type(widget).__name__} {accessible_name(widget)!r}: no tooltip"
        for widget in _interactive(root)
        if not widget.toolTip().strip()
    ]


def missing_names(root: QWidget) -> list[str]:
    """Visible inputs, buttons, lists and tables a screen reader cannot name."""
    return [
        f"{type(widget).__name__} (tooltip {widget.toolTip()!r}): no accessible name"
        for widget in _interactive(root)
        if not accessible_name(widget).strip()
    ]


def problems(root: QWidget, language: str = "es") -> list[str]:
    """All three checks at once."""
    return still_english(root, language) + missing_tooltips(root) + missing_names(root)


def visible_objects(root: QObject) -> int:
    """How many widgets the walk looked at (a test can assert it saw the screen at all)."""
    return sum(1 for _ in widgets(root)) if isinstance(root, QWidget) else 0


# --- colours and sizes: what a dark theme or 200% scaling breaks ----------------------------------------------------

LOW_CONTRAST = 3.0  # WCAG's floor for large or bold text; body text wants 4.5


def _colour(value: object) -> QColor | None:
    if isinstance(value, QBrush):
        return value.color() if value.style() != Qt.BrushStyle.NoBrush else None
    if isinstance(value, QColor):
        return value if value.isValid() else None
    return None


def _behind(widget: QWidget) -> QColor:
    """The colour behind a widget's text: its own background when it paints one (a style sheet background, an
    auto-filled widget, a button's face), else its nearest ancestor's that does, else the window's."""
    current: QWidget | None = widget
    while current is not None:
        current.ensurePolished()
        sheet = current.styleSheet()
        if "background" in sheet or current.autoFillBackground():
            return current.palette().color(current.backgroundRole())
        if (
            current is widget
            and isinstance(widget, QAbstractButton)
            and not isinstance(widget, QCheckBox | QRadioButton)
        ):
            return widget.palette().color(QPalette.ColorRole.Button)
        current = current.parentWidget()
    return widget.window().palette().color(QPalette.ColorRole.Window)


def low_contrast(root: QWidget, minimum: float = LOW_CONTRAST) -> list[str]:
    """Text drawn in a colour too close to the colour behind it: labels and buttons (their palette, style sheets
    included), and the cells of tables and lists (their models' foreground and background colours)."""
    found: list[str] = []
    for widget in widgets(root):
        if not widget.isVisibleTo(root):
            continue
        widget.ensurePolished()
        if not widget.isEnabled():
            continue  # greyed out on purpose (WCAG asks no contrast of inactive controls)
        shown = widget.currentMessage() if isinstance(widget, QStatusBar) else ""
        if isinstance(widget, QLabel | QAbstractButton):
            shown = widget.text()
        if shown.strip():
            text = widget.palette().color(widget.foregroundRole())
            behind = _behind(widget)
            ratio = contrast(text, behind)
            if ratio < minimum:
                found.append(
                    f"{type(widget).__name__} {shown[:40]!r}: {text.name()} on {behind.name()} "
                    f"(contrast {ratio:.1f}; style {widget.styleSheet()!r})"
                )
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) and widget.model():
            found += _cells(widget, minimum)
    return sorted(set(found))


def _cells(view: QAbstractItemView, minimum: float) -> list[str]:
    model = view.model()
    palette = view.palette()
    found = []
    for row in range(min(model.rowCount(QModelIndex()), 300)):
        for column in range(_columns(model)):
            index = model.index(row, column)
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if text in (None, ""):
                continue
            foreground = _colour(model.data(index, Qt.ItemDataRole.ForegroundRole))
            background = _colour(model.data(index, Qt.ItemDataRole.BackgroundRole))
            if foreground is None and background is None:
                continue
            foreground = foreground or palette.color(QPalette.ColorRole.Text)
            background = background or palette.color(QPalette.ColorRole.Base)
            ratio = contrast(foreground, background)
            if ratio < minimum:
                header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                found.append(
                    f"{type(model).__name__} column {header!r}: {foreground.name()} on {background.name()} "
                    f"(contrast {ratio:.1f})"
                )
    return found


def clipped(root: QWidget) -> list[str]:
    """Buttons and one-line labels narrower or lower than their text needs (a fixed size that does not grow with the
    font or the screen's scale)."""
    found = []
    for widget in widgets(root):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            need = widget.minimumSizeHint().expandedTo(widget.sizeHint())
        elif (
            isinstance(widget, QLabel) and widget.text().strip() and not widget.wordWrap() and widget.pixmap().isNull()
        ):
            need = widget.minimumSizeHint()
        else:
            continue
        if widget.hasHeightForWidth():  # text that wraps (a command link's description): as high as its width needs
            need.setHeight(widget.heightForWidth(widget.width()))
        if widget.width() + 1 < need.width() or widget.height() + 1 < need.height():
            found.append(
                f"{type(widget).__name__} {widget.text()[:40]!r}: {widget.width()}x{widget.height()} shown, "
                f"{need.width()}x{need.height()} needed"
            )
    return sorted(set(found))
