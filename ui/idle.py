"""Auto-lock: watch the whole application's keyboard and mouse input, and say when nobody touched it for a while."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleWatch(QObject):
    """Emits `idle` once after `limit_ms` without input (0: never). Any input starts the wait again."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.limit_ms = 0
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_limit_ms(self, limit_ms: int) -> None:
        self.limit_ms = max(0, limit_ms)
        self.restart()

    def restart(self) -> None:
        if self.limit_ms:
            self.timer.start(self.limit_ms)
        else:
            self.timer.stop()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start(self.limit_ms)
        return False

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
