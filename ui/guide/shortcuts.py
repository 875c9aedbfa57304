"""F1: a panel over the main window listing the keyboard shortcuts of the screen shown and those that work everywhere.

The list is read from the window at the moment F1 is pressed - the QActions and QShortcuts of the window (its menus,
Ctrl+1…7) and of the screen in front (its actions, shortcuts and buttons with a shortcut) - so it is always what the
keys really do. A shortcut is described by its action's text (or tooltip); a QShortcut by its whatsThis, else, for
the screens' Ctrl+1…7, by the screen it opens.

    shortcuts.install(window)   # in MainWindow.__init__, after the menus are built

F1, Esc or a click closes the panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ui.guide.palette import is_dark
from ui.text import _

HELP_KEYS = "F1"


@dataclass(frozen=True)
class Shortcut:
    keys: str  # as the desk's language writes them ("Ctrl+Shift+Z")
    what: str


def _plain(text: str) -> str:
    """A menu text without its accelerator marks and trailing dots: "&Undo my last…" -> "Undo my last"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".").strip()


def _keys(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _described(action: QAction) -> str:
    return _plain(action.text()) or action.toolTip().strip()


def _from_actions(actions: list[QAction], seen: set[int]) -> list[Shortcut]:
    found = []
    for action in actions:
        if id(action) in seen or not action.isVisible():
            continue
        seen.add(id(action))
        menu = action.menu()
        if isinstance(menu, QMenu):
            found.extend(_from_actions(menu.actions(), seen))
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                found.append(Shortcut(_keys(sequence), _described(action)))
    return found


def _navigation_names(window: QWidget) -> dict[str, str]:
    """Keys -> the screen they open, from the window's navigation (ui/main_window.py NAVIGATION)."""
    try:
        from ui.main_window import NAVIGATION
    except ImportError:  # pragma: no cover - the window is what imports us
        return {}
    return {
        _keys(QKeySequence(keys)): _("Go to the {screen} screen").format(screen=_(label))
        for label, keys in NAVIGATION
        if keys
    }


def _button_names(screen: QWidget) -> dict[str, str]:
    """Keys -> the button that says them ("Move… (Ctrl+M)", or a tooltip ending "(Ctrl+Enter)"): what a QShortcut
    without a description of its own does."""
    named: dict[str, str] = {}
    for button in screen.findChildren(QAbstractButton):
        for text in (button.text(), button.toolTip()):
            if "(" not in text or not text.rstrip().endswith(")"):
                continue
            head, _open, keys = text.rstrip()[:-1].rpartition("(")
            sequence = QKeySequence(keys.strip())
            if head.strip() and not sequence.isEmpty():
                named.setdefault(_keys(sequence), _plain(head))
    return named


def _from_shortcuts(shortcuts: list[QShortcut], named: dict[str, str], seen: set[int]) -> list[Shortcut]:
    found = []
    for shortcut in shortcuts:
        if id(shortcut) in seen or not shortcut.isEnabled():
            continue
        seen.add(id(shortcut))
        for sequence in shortcut.keys():  # noqa: SIM118 - a QShortcut, not a dict
            if sequence.isEmpty():
                continue
            keys = _keys(sequence)
            twin = keys.replace("Return", "Enter") if "Return" in keys else keys.replace("Enter", "Return")
            what = shortcut.whatsThis().strip() or named.get(keys, "") or named.get(twin, "")
            found.append(Shortcut(keys, what or _("(no description)")))
    return found


def _unique(shortcuts: list[Shortcut]) -> list[Shortcut]:
    kept: dict[str, Shortcut] = {}
    for shortcut in shortcuts:
        kept.setdefault(shortcut.keys, shortcut)
    return list(kept.values())


def current_screen(window: QWidget) -> QWidget | None:
    stack = getattr(window, "stack", None)
    return stack.currentWidget() if stack is not None else None


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """The keys that work on every screen: the window's own actions, its menus' and its QShortcuts."""
    seen: set[int] = set()
    found = _from_actions(QWidget.actions(window), seen)
    found += _from_actions(window.menuBar().actions(), seen)
    direct = window.findChildren(QShortcut, options=Qt.FindChildOption.FindDirectChildrenOnly)
    found += _from_shortcuts(list(direct), _navigation_names(window), seen)
    return _unique(found)


def screen_shortcuts(screen: QWidget) -> list[Shortcut]:
    """The keys of one screen: its actions (and its widgets'), its QShortcuts and its buttons with a shortcut."""
    seen: set[int] = set()
    widgets = [screen, *screen.findChildren(QWidget)]
    actions = [action for widget in widgets for action in QWidget.actions(widget)]
    actions += [action for action in screen.findChildren(QAction) if action not in actions]
    found = _from_actions(actions, seen)
    found += _from_shortcuts(list(screen.findChildren(QShortcut)), _button_names(screen), seen)
    for button in screen.findChildren(QAbstractButton):
        sequence = button.shortcut()
        if not sequence.isEmpty() and _keys(sequence) and not _keys(sequence).startswith("Alt+"):
            found.append(Shortcut(_keys(sequence), _plain(button.text()) or button.toolTip()))
    return _unique(found)


class ShortcutsOverlay(QWidget):
    """The panel: the window dimmed, a card with two columns (this screen, everywhere) in large type."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("shortcuts-overlay")
        self.setAccessibleName(_("Keyboard shortcuts"))
        self.setToolTip(_("Keyboard shortcuts: press F1 or Esc, or click, to close"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self.card = QFrame(self)
        self.card.setObjectName("shortcuts-card")
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setAutoFillBackground(True)
        self.title = QLabel()
        self.columns = QGridLayout()
        self.columns.setHorizontalSpacing(48)
        self.closing_hint = QLabel(_("F1 or Esc closes this list."))
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.addWidget(self.title)
        layout.addLayout(self.columns)
        layout.addWidget(self.closing_hint, 0, Qt.AlignmentFlag.AlignRight)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        self.card.setFont(big)
        heading = QFont(big)
        heading.setPointSizeF(big.pointSizeF() * 1.3)
        heading.setBold(True)
        self.title.setFont(heading)
        self.hide()
        window.installEventFilter(self)

    # -- content --------------------------------------------------------------------------------------------------

    def _clear(self) -> None:
        while self.columns.count():
            item = self.columns.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()

    def _column(self, column: int, heading: str, shortcuts: list[Shortcut]) -> None:
        title = QLabel(heading)
        font = QFont(self.card.font())
        font.setBold(True)
        title.setFont(font)
        self.columns.addWidget(title, 0, column * 2, 1, 2)
        if not shortcuts:
            self.columns.addWidget(QLabel(_("No shortcuts of its own.")), 1, column * 2, 1, 2)
        for row, shortcut in enumerate(shortcuts, start=1):
            keys = QLabel(shortcut.keys)
            keys.setObjectName("keys")
            keys_font = QFont(self.card.font())
            keys_font.setBold(True)
            keys.setFont(keys_font)
            what = QLabel(shortcut.what)
            what.setWordWrap(True)
            what.setMinimumWidth(220)
            self.columns.addWidget(keys, row, column * 2, Qt.AlignmentFlag.AlignTop)
            self.columns.addWidget(what, row, column * 2 + 1, Qt.AlignmentFlag.AlignTop)
        self.columns.setRowStretch(max(len(shortcuts), 1) + 1, 1)

    def fill(self) -> None:
        self._clear()
        screen = current_screen(self.window_)
        name = screen.accessibleName() or screen.windowTitle() if screen is not None else ""
        if screen is not None and not name:
            name = _screen_label(self.window_, screen)
        self.title.setText(_("Keyboard shortcuts") + (f" — {name}" if name else ""))
        here = screen_shortcuts(screen) if screen is not None else []
        everywhere = window_shortcuts(self.window_)
        self._column(0, _("On this screen"), here)
        self._column(1, _("Everywhere"), everywhere)

    def shown_text(self) -> str:
        """Everything the panel says, one label a line (for tests and for reading it out)."""
        labels = [self.title, *self.card.findChildren(QLabel)]
        seen: list[str] = []
        for label in labels:
            if label.text() and label.text() not in seen:
                seen.append(label.text())
        return "\n".join(seen)

    # -- showing and closing --------------------------------------------------------------------------------------

    def toggle(self) -> None:
        if self.isVisible():
            self.close_panel()
        else:
            self.open_panel()

    def open_panel(self) -> None:
        self.fill()
        self._fit()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_panel(self) -> None:
        self.hide()
        screen = current_screen(self.window_)
        if screen is not None:
            screen.setFocus()

    def _fit(self) -> None:
        self.setGeometry(self.window_.rect())
        hint = self.card.sizeHint()
        width = min(max(hint.width(), self.width() * 2 // 3), self.width() - 40)
        height = min(hint.height(), self.height() - 40)
        self.card.setGeometry((self.width() - width) // 2, (self.height() - height) // 2, width, height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_ and event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.close_panel()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.close_panel()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shade = self.palette().color(self.backgroundRole())
        shade = shade.darker(160) if not is_dark(self.palette()) else shade.darker(220)
        shade.setAlpha(170)
        painter.fillRect(self.rect(), shade)


def _screen_label(window: QWidget, screen: QWidget) -> str:
    stack = getattr(window, "stack", None)
    nav = getattr(window, "nav", None)
    if stack is None or nav is None:
        return ""
    item = nav.item(stack.indexOf(screen))
    return item.text().split("\n")[0] if item is not None else ""


def install(window: QMainWindow) -> QAction:
    """Add F1 (Help > Keyboard shortcuts) to the window: it shows or hides the panel. Once per window (a second call
    returns the action the first added)."""
    existing = getattr(window, "shortcuts_action", None)
    if isinstance(existing, QAction):
        return existing
    overlay = ShortcutsOverlay(window)
    action = QAction(_("&Keyboard shortcuts"), window)
    action.setShortcut(QKeySequence(HELP_KEYS))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip(_("Show or hide the list of keyboard shortcuts"))
    action.triggered.connect(overlay.toggle)
    QWidget.addAction(window, action)
    about = getattr(window, "about_action", None)  # the Help menu is the one with About in it
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu) and about is not None and about in menu.actions():
            menu.insertAction(menu.actions()[0], action)
            break
    window.shortcuts_overlay = overlay  # type: ignore[attr-defined]
    window.shortcuts_action = action  # type: ignore[attr-defined]
    return action
