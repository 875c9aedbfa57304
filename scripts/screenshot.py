"""Screenshots of the intake and stock screens, driven like a volunteer would, on a throwaway sample pantry.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py docs/intake.png [--stock docs/stock.png]

The sample pantry is built fresh in a temporary folder (your own pantry and sample are never touched). Barcodes are
typed into the real scan field and Enter is pressed, as a USB scanner does.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from pantry.sample import ensure_sample_database
from ui.app import make_application
from ui.main_window import MainWindow
from ui.ops import Runner

SIZE = (1200, 750)
DONOR = "Riverside Grocery"
SCANS = (
    "024000954255",  # green beans
    "024000954255",  # ... again: the same line, 2
    "10041190795632",  # a case of 24 diced tomatoes
    "051500268742",  # peanut butter
)
WEIGHED = ("apples", "12.5")  # typed name, then its weight in lb


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()


def type_and_enter(app: QApplication, runner: Runner, field: QLineEdit, text: str) -> None:
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    wait_until(app, runner.is_idle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG of the intake screen")
    parser.add_argument("--stock", type=Path, help="PNG of the stock screen (default: stock.png next to OUT)")
    args = parser.parse_args(argv)
    stock_out: Path = args.stock or args.out.with_name("stock.png")

    app = make_application()
    with tempfile.TemporaryDirectory(prefix="pantry-screenshot-") as folder:
        os.environ["PANTRY_DATA_DIR"] = folder
        database = ensure_sample_database(Path(folder) / "sample-pantry.sqlite")
        runner = Runner(database)
        window = MainWindow(runner, sample=True)
        window.ask_before_closing = False
        window.resize(*SIZE)
        window.show()
        wait_until(app, runner.is_idle)

        intake = window.intake
        intake.donor.setCurrentIndex(max(intake.donor.findText(DONOR, Qt.MatchFlag.MatchStartsWith), 0))
        for code in SCANS:
            type_and_enter(app, runner, intake.scan, code)
        name, weight = WEIGHED
        type_and_enter(app, runner, intake.scan, name)  # lists the matches
        type_and_enter(app, runner, intake.scan, "")  # Enter adds the highlighted one and opens its weight
        editor = QApplication.focusWidget()
        if isinstance(editor, QLineEdit) and editor is not intake.scan:
            QTest.keyClicks(editor, weight)
            QTest.keyClick(editor, Qt.Key.Key_Return)
        wait_until(app, lambda: intake.scan.hasFocus() and runner.is_idle())
        args.out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(args.out))

        window.show_screen("Stock")
        wait_until(app, runner.is_idle)
        stock_out.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(stock_out))

        window.close()
        runner.shutdown()
        database.dispose()
    print(f"wrote {args.out} and {stock_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
