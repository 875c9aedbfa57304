"""PySide6 6.12.0 on CPython 3.11 lost a reference to None/True/False on many calls and aborted the interpreter after
a few minutes of use (pyproject excludes that release). This guards against such a binding reaching the desk again."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

CALLS = 5_000


class _Emitter(QObject):
    ping = Signal(int)


def test_binding_calls_keep_none_true_and_false_counted(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    emitter = _Emitter()
    received: list[int] = []
    emitter.ping.connect(received.append)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for number in range(CALLS):
        field.setText("x")
        emitter.ping.emit(number)
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert len(received) == CALLS
    assert all(now > then - CALLS // 2 for now, then in zip(after, before, strict=True)), (before, after)
