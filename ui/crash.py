"""Bugs reach the person as a crash dialog with the recent log, never as a silent failure or a frozen window."""

from __future__ import annotations

import collections
import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.text import _

log = logging.getLogger(__name__)

_RING_SIZE = 200


class RingBuffer(logging.Handler):
    """Keeps the last log lines in memory so the crash dialog can show what happened just before."""

    def __init__(self, size: int = _RING_SIZE) -> None:
        super().__init__(logging.DEBUG)
        self.lines: collections.deque[str] = collections.deque(maxlen=size)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a broken log line must never take the app down
            self.handleError(record)


_ring: RingBuffer | None = None


def install_logging(level: int = logging.INFO) -> RingBuffer:
    """Log to stderr and into the ring buffer (once per process)."""
    global _ring
    if _ring is None:
        _ring = RingBuffer()
        root = logging.getLogger()
        root.setLevel(level)
        root.addHandler(_ring)
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)  # the terminal gets problems; the crash dialog gets the whole story
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
    return _ring


def recent_log() -> str:
    return "\n".join(_ring.lines) if _ring is not None else ""


def show_crash_dialog(parent: QWidget | None, summary: str, trace: str) -> QMessageBox:
    """A non-blocking dialog that says something went wrong, with the details a developer needs."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Pantry Desk: something went wrong"))
    box.setText(
        _(
            "Something went wrong inside Pantry Desk. What you were doing was not saved.\n\n"
            "Please tell whoever looks after this computer, and copy the details below for them."
        )
    )
    box.setInformativeText(summary)
    details = trace
    log_text = recent_log()
    if log_text:
        details += "\n\n" + _("Recent log:") + "\n" + log_text
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.open()
    return box


def install_excepthook(parent_getter: Callable[[], QWidget | None]) -> None:
    """Route uncaught exceptions on the GUI thread to the log and the crash dialog."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, error, trace))
        log.error("uncaught exception:\n%s", text)
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        show_crash_dialog(parent_getter(), f"{kind.__name__}: {error}", text)

    sys.excepthook = hook
