"""`pantry-desk` as a user starts it, with two marks for the benchmark (run by test_bench_gui as a subprocess).

    python tests/bench/cold_start.py --db FILE

runs `ui.app.main` unchanged but for the main window's first paint, which prints `painted` (the parent's clock
stops there: interpreter, imports, opening the database, building and drawing the window). It then opens the Stock
screen by lot (20,000 lots on the large database), waits until the worker is idle, prints `rss <MB>` and `idle <ms>`
and exits.
"""

from __future__ import annotations

import os
import sys
import time

started = time.perf_counter()

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QPaintEvent  # noqa: E402

from ui import app, main_window  # noqa: E402


def _rss_mb() -> float:
    for line in open(f"/proc/{os.getpid()}/status").read().splitlines():  # noqa: SIM115
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _when_idle(window: main_window.MainWindow) -> None:
    if not window.runner.is_idle():
        QTimer.singleShot(20, lambda: _when_idle(window))
        return
    if not window.stock.by_lot_view():
        window.stock.by_lot.setChecked(True)
        QTimer.singleShot(20, lambda: _when_idle(window))
        return
    window.stock.lot_view.viewport().repaint()
    print(f"rss {_rss_mb():.1f}", flush=True)
    print(f"idle {(time.perf_counter() - started) * 1000:.0f}", flush=True)
    os._exit(0)  # the figures are out; no need to wait for the worker's shutdown


_window_paint = main_window.MainWindow.paintEvent


def _first_paint(self: main_window.MainWindow, event: QPaintEvent) -> None:
    _window_paint(self, event)
    if not getattr(self, "_bench_painted", False):
        self._bench_painted = True  # type: ignore[attr-defined]
        print("painted", flush=True)
        self.show_screen("Stock")
        QTimer.singleShot(0, lambda: _when_idle(self))


main_window.MainWindow.paintEvent = _first_paint  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(app.main(sys.argv[1:]))
