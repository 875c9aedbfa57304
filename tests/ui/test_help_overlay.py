"""F1 (ui/guide/shortcuts.py): the panel lists the shortcuts of the screen in front and those of the whole window, read
from the window's real actions and shortcuts; F1 or Esc closes it."""

from __future__ import annotations

from gui_helpers import wait_idle
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from pytestqt.qtbot import QtBot

from ui.guide import shortcuts
from ui.main_window import NAVIGATION, MainWindow
from ui.ops import Runner


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    target = window.focusWidget() or window
    qtbot.keyClick(target, key)


def test_f1_lists_the_screens_own_and_the_global_shortcuts(qtbot: QtBot, window: MainWindow, runner: Runner) -> None:
    shortcuts.install(window)
    overlay = window.shortcuts_overlay  # type: ignore[attr-defined]

    window.show_screen("Stock")
    wait_idle(qtbot, runner)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(overlay.isVisible)
    text = overlay.shown_text()
    for _label, keys in NAVIGATION:
        assert keys in text
    assert "Go to the Intake screen" in text
    assert "Ctrl+Shift+Z" in text and "Undo my last stock change" in text  # the window's action, by its text
    assert "F1" in text
    assert "Ctrl+M" in text and "Move" in text  # the Stock screen's own, described by the button that says it
    assert "F7" in text
    assert overlay.geometry() == window.rect()

    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not overlay.isVisible())

    window.show_screen("Count")
    wait_idle(qtbot, runner)
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(overlay.isVisible)
    text = overlay.shown_text()
    assert "Ctrl+N" in text and "Ctrl+1" in text
    assert "Ctrl+M" not in text  # the Stock screen's keys are not listed on Count
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: not overlay.isVisible())


def test_a_described_shortcut_reads_its_description(qtbot: QtBot, window: MainWindow) -> None:
    shortcuts.install(window)
    screen = window.stack.currentWidget()
    extra = QShortcut(QKeySequence("Ctrl+Alt+K"), screen)
    extra.setWhatsThis("Knock twice")

    listed = {shortcut.keys: shortcut.what for shortcut in shortcuts.screen_shortcuts(screen)}

    assert listed[QKeySequence("Ctrl+Alt+K").toString(QKeySequence.SequenceFormat.NativeText)] == "Knock twice"


def test_f1_is_in_the_help_menu_once(window: MainWindow) -> None:
    action = shortcuts.install(window)

    assert shortcuts.install(window) is action  # a second install adds nothing (F1 would be ambiguous)
    menus = [entry.menu() for entry in window.menuBar().actions() if entry.menu() is not None]
    help_menu = next(menu for menu in menus if window.about_action in menu.actions())
    assert help_menu.actions()[0] is action


def test_a_click_closes_the_panel(qtbot: QtBot, window: MainWindow) -> None:
    shortcuts.install(window)
    overlay = window.shortcuts_overlay  # type: ignore[attr-defined]
    overlay.open_panel()
    assert overlay.isVisible()

    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton)

    assert not overlay.isVisible()
