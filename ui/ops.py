"""Run core callables off the GUI thread: one worker, one transaction per operation, results back on the GUI thread.

Every database call of the GUI goes through `Runner.run(fn, *args)`: the worker opens `database.session()`, calls
`fn(session, *args)`, commits, and the result (or the error) comes back as a queued signal handled on the GUI thread.
There is exactly one worker thread, so operations run one at a time in the order they were asked for, and SQLite
connections are only ever used from that thread. The GUI thread runs no SQL.

- `UserError` goes to the operation's `on_error`, else to `Runner.user_error` (the main window shows it).
- `Cancelled` (the person pressed Cancel) is reported through `Runner.message`.
- Anything else is a bug: logged with its traceback and sent to `Runner.crashed` (the crash dialog).

Long work asks for `with_progress=True`: the callable then also gets `progress=` and `should_cancel=` keyword arguments
(plain callables, see `pantry.progress`), and a progress dialog with a Cancel button appears after `progress_delay_ms`.

Tests wait deterministically with `qtbot.waitUntil(runner.is_idle)` or `qtbot.waitSignal(runner.idle)`: an operation
counts as pending until its callbacks have run on the GUI thread, so follow-up operations started from a callback keep
the runner busy.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from pantry.db import Database
from pantry.errors import UserError
from pantry.progress import Cancelled
from ui.text import _

log = logging.getLogger(__name__)

_PROGRESS_INTERVAL_S = 0.05


@dataclass
class Op:
    """One queued operation and what to do with its outcome."""

    number: int
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    label: str
    with_session: bool
    with_progress: bool
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None
    catch_all: bool
    owner: QObject | None
    cancellable: bool = True
    cancel_requested: threading.Event = field(default_factory=threading.Event)

    def owner_gone(self) -> bool:
        return self.owner is not None and not shiboken6.isValid(self.owner)


@dataclass(frozen=True)
class _Outcome:
    op: Op
    result: Any = None
    error: BaseException | None = None
    trace: str = ""


class _Worker(QThread):
    """The one thread that touches the database. Takes operations from a queue until it gets None."""

    finished_op = Signal(object)  # _Outcome
    progressed = Signal(int, int, int)  # op number, done, total
    started_op = Signal(int)

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self._runner = runner
        self.jobs: queue.Queue[Op | None] = queue.Queue()
        self.setObjectName("pantry-worker")

    def run(self) -> None:
        while True:
            op = self.jobs.get()
            if op is None:
                return
            self.started_op.emit(op.number)
            self.finished_op.emit(self._execute(op))

    def _execute(self, op: Op) -> _Outcome:
        if op.cancel_requested.is_set():
            return _Outcome(op, error=Cancelled())
        kwargs: dict[str, Any] = {}
        if op.with_progress:
            last = [0.0]

            def progress(done: int, total: int) -> None:
                now = time.monotonic()
                if now - last[0] >= _PROGRESS_INTERVAL_S or done >= total:
                    last[0] = now
                    self.progressed.emit(op.number, done, total)

            kwargs = {"progress": progress, "should_cancel": op.cancel_requested.is_set}
        try:
            if op.with_session:
                database = self._runner.database
                if database is None:
                    raise RuntimeError("no database is open")
                with database.session() as session:
                    result = op.fn(session, *op.args, **kwargs)
            else:
                result = op.fn(*op.args, **kwargs)
        except Exception as error:
            return _Outcome(op, error=error, trace=traceback.format_exc())
        return _Outcome(op, result=result)


class Runner(QObject):
    """The GUI's single background-operation helper (see the module docstring)."""

    user_error = Signal(str)  # a problem the person can fix, for the status bar
    message = Signal(str)  # a neutral notice ("Cancelled")
    crashed = Signal(str, str)  # summary, traceback: a bug, for the crash dialog
    busy_changed = Signal(bool)
    idle = Signal()
    op_finished = Signal(object)  # the Op, after its callbacks ran

    def __init__(
        self,
        database: Database | None = None,
        parent: QObject | None = None,
        *,
        progress_delay_ms: int = 500,
        dialog_parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.dialog_parent = dialog_parent
        self._progress_delay_ms = progress_delay_ms
        self._numbers = itertools.count(1)
        self._pending: dict[int, Op] = {}
        self._dialogs: dict[int, QProgressDialog] = {}
        self._timers: dict[int, QTimer] = {}
        self._progress: dict[int, tuple[int, int]] = {}
        self._closed = False
        self._worker = _Worker(self)
        self._worker.finished_op.connect(self._deliver)
        self._worker.progressed.connect(self._on_progress)
        self._worker.started_op.connect(self._on_started)
        self._worker.start()

    # -- asking for work ------------------------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        label: str = "",
        with_progress: bool = False,
        owner: QObject | None = None,
        catch_all: bool = False,
        cancellable: bool = True,
    ) -> Op:
        """Queue `fn(session, *args)` in its own transaction. `label` names a long operation in its progress dialog
        (operations without a label never show one; `with_progress` ones get a Cancel button unless not
        `cancellable`). Callbacks are skipped when `owner` was deleted meanwhile. `catch_all` sends every exception
        (not only UserError) to `on_error`, still logging the unexpected ones."""
        return self._submit(fn, args, True, label, with_progress, on_done, on_error, owner, catch_all, cancellable)

    def call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        label: str = "",
        with_progress: bool = False,
        owner: QObject | None = None,
        catch_all: bool = False,
        cancellable: bool = True,
    ) -> Op:
        """Like `run` but without a session: for opening the database itself."""
        return self._submit(fn, args, False, label, with_progress, on_done, on_error, owner, catch_all, cancellable)

    def _submit(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        with_session: bool,
        label: str,
        with_progress: bool,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
        owner: QObject | None,
        catch_all: bool,
        cancellable: bool,
    ) -> Op:
        op = Op(
            next(self._numbers),
            fn,
            args,
            label,
            with_session,
            with_progress,
            on_done,
            on_error,
            catch_all,
            owner,
            cancellable,
        )
        if self._closed:
            log.debug("runner closed; dropping %s", getattr(fn, "__name__", fn))
            return op
        was_idle = not self._pending
        self._pending[op.number] = op
        if was_idle:
            self.busy_changed.emit(True)
        self._worker.jobs.put(op)
        return op

    def cancel(self, op: Op) -> None:
        """Ask a long operation to stop at its next check (its transaction then rolls back)."""
        op.cancel_requested.set()

    def is_idle(self) -> bool:
        return not self._pending

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Finish the running operation, drop the queued ones and stop the worker thread."""
        if self._closed:
            return
        self._closed = True
        for op in self._pending.values():
            op.cancel_requested.set()
        self._worker.jobs.put(None)
        if not self._worker.wait(timeout_ms):
            log.error("the worker did not stop within %d ms", timeout_ms)
        for number in list(self._pending):
            self._close_progress(number)
        self._pending.clear()

    # -- progress -------------------------------------------------------------------------------------------------

    @Slot(int)
    def _on_started(self, number: int) -> None:
        op = self._pending.get(number)
        if op is None or not op.label or self._closed:
            return
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._show_progress(number))
        self._timers[number] = timer
        timer.start(self._progress_delay_ms)

    def _show_progress(self, number: int) -> None:
        self._timers.pop(number, None)
        op = self._pending.get(number)
        if op is None:
            return
        parent = self.dialog_parent
        if parent is not None and not shiboken6.isValid(parent):
            parent = None
        dialog = QProgressDialog(op.label, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(_("Please wait"))
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if op.with_progress and op.cancellable:
            dialog.canceled.connect(lambda: self.cancel(op))
        else:
            dialog.setCancelButton(None)
        done, total = self._progress.get(number, (0, 0))
        if total:
            dialog.setRange(0, total)
            dialog.setValue(done)
        self._dialogs[number] = dialog
        dialog.show()

    @Slot(int, int, int)
    def _on_progress(self, number: int, done: int, total: int) -> None:
        self._progress[number] = (done, total)
        dialog = self._dialogs.get(number)
        if dialog is not None and total:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))

    def _close_progress(self, number: int) -> None:
        timer = self._timers.pop(number, None)
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        dialog = self._dialogs.pop(number, None)
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self._progress.pop(number, None)

    # -- outcomes -------------------------------------------------------------------------------------------------

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        op = outcome.op
        self._close_progress(op.number)
        if self._closed or op.number not in self._pending:
            return
        try:
            if op.owner_gone():
                return
            if outcome.error is None:
                if op.on_done is not None:
                    op.on_done(outcome.result)
            else:
                self._report(op, outcome.error, outcome.trace)
        finally:
            self._pending.pop(op.number, None)
            self.op_finished.emit(op)
            if not self._pending:
                self.busy_changed.emit(False)
                self.idle.emit()

    def _report(self, op: Op, error: BaseException, trace: str) -> None:
        name = getattr(op.fn, "__name__", repr(op.fn))
        if isinstance(error, Cancelled):
            log.info("%s cancelled", name)
            what = op.label.rstrip(".…") or _("Operation")
            self.message.emit(_("{operation}: cancelled, nothing was changed.").format(operation=what))
            return
        if isinstance(error, UserError):
            log.info("%s refused: %s", name, error)
            if op.on_error is not None:
                op.on_error(error)
            else:
                self.user_error.emit(str(error))
            return
        log.error("%s failed:\n%s", name, trace)
        if op.catch_all and op.on_error is not None and isinstance(error, Exception):
            op.on_error(error)
            return
        self.crashed.emit(f"{type(error).__name__}: {error}", trace)
