"""Screenshots of the screens, driven like a volunteer would, on a throwaway sample pantry.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py docs/intake.png [--stock docs/stock.png]

Besides OUT (intake) and the stock screen it writes, next to OUT: stock-actions.png (lots chosen in the lot view
after a move, a recalled lot on hold), lot.png (a scanned lot's window with its history), labels.png (Ctrl+P after
saving the donation), count.png (a count in progress with its differences in colour), pickups.png, households.png,
household-dialog.png, pickups-plan-day.png, reports.png, settings.png and sign-in.png (the locked desk after a wrong
PIN). `--only pickups|reports|sign-in` writes just those shots (and nothing else) into OUT's folder:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot.py docs/intake.png --only sign-in

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

from PySide6.QtCore import QEvent, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from sqlalchemy.orm import Session

from pantry.sample import ensure_sample_database
from pantry.services import stockcare, users
from ui.app import make_application
from ui.dialogs.stock_change import MoveDialog
from ui.main_window import MainWindow
from ui.ops import Runner

SIZE = (1200, 750)
DONOR = "Riverside Grocery"
SCANS = (
    "024000954255",  # green beans
    "024000954255",  # ... again: the same line, 2
    "]C10110041190795632\x1d10TOM2611\x1d15280518",  # a case of 24 diced tomatoes: GS1-128 with lot and best-by
    "051500268742",  # peanut butter
)
WEIGHED = ("apples", "12.5")  # typed name, then its weight in lb
# The sign-in shot's people, added in Settings > People as an admin does; a PIN each (the admin's turns sign-in on).
STAFF = (
    ("Lee Chen", "shift_lead"),
    ("Maria Lopez", "volunteer"),
    ("Sam Rivera", "volunteer"),
    ("Tess Okafor", "treasurer"),
)
PINS = (
    ("admin", "4826"),
    ("Lee Chen", "5824"),
    ("Maria Lopez", "6152"),
    ("Sam Rivera", "7391"),
    ("Tess Okafor", "3947"),
)
WRONG_PIN = ("Sam Rivera", "1111")  # the sign-in shot: the panel says how many tries are left


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()


def type_and_enter(app: QApplication, runner: Runner, field: QLineEdit, text: str) -> None:
    """Keys as a scanner sends them; the GS1 group separator (ASCII 29) arrives as Ctrl+] with that text."""
    for number, part in enumerate(text.split("\x1d")):
        if number:
            QApplication.sendEvent(
                field,
                QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier, "\x1d"),
            )
        QTest.keyClicks(field, part)
    QTest.keyClick(field, Qt.Key.Key_Return)
    wait_until(app, runner.is_idle)


def with_dialog(window: MainWindow, dialog: QDialog) -> QPixmap:
    """The window with a dialog drawn over it, centred, as a person sees them together."""
    picture = window.grab()
    shot = dialog.grab()
    painter = QPainter(picture)
    corner = QPoint((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 3)
    painter.fillRect(corner.x() - 1, corner.y() - 1, shot.width() + 2, shot.height() + 2, Qt.GlobalColor.darkGray)
    painter.drawPixmap(corner, shot)
    painter.end()
    return picture


def recall(session: Session, sku: str) -> None:
    stockcare.recall(session, sku, users.acting_user(session).id, quarantine=True)


def stock_and_count_shots(app: QApplication, runner: Runner, window: MainWindow, folder: Path) -> list[Path]:
    """Stock actions, a lot's window, the labels window and a count in progress."""
    written = []
    intake = window.intake
    window.show_screen("Intake")
    wait_until(app, runner.is_idle)
    intake.save()  # Ctrl+Enter
    wait_until(app, lambda: runner.is_idle() and intake.last_saved is not None)
    intake.print_labels()  # Ctrl+P
    wait_until(app, lambda: runner.is_idle() and window.actions.dialog is not None)
    labels = window.actions.dialog
    assert labels is not None
    labels.resize(760, 420)
    app.processEvents()
    path = folder / "labels.png"
    with_dialog(window, labels).save(str(path))
    written.append(path)
    labels.reject()
    wait_until(app, runner.is_idle)

    window.show_screen("Stock")
    wait_until(app, runner.is_idle)
    stock = window.stock
    stock.by_lot.setChecked(True)
    stock.location.setCurrentIndex(stock.location.findText("Walk-in cooler"))
    lots = stock.lot_model.visible_rows()
    recalled = next(row for row in lots[3:] if row.sku != lots[0].sku)  # another item: a recall puts it on hold
    runner.run(recall, recalled.sku)
    wait_until(app, runner.is_idle)
    stock.refresh()
    wait_until(app, runner.is_idle)

    stock.focus_table()
    stock.select_lot(lots[0].lot, lots[0].location)
    stock.move_selected()
    wait_until(app, lambda: runner.is_idle() and isinstance(window.actions.dialog, MoveDialog))
    move = window.actions.dialog
    assert isinstance(move, MoveDialog)
    move.to.setCurrentIndex(move.to.findData("Main"))
    QTest.keyClicks(move.amount, "2")
    move.submit()
    wait_until(app, lambda: runner.is_idle() and window.actions.dialog is None)
    stock.select_lot(lots[0].lot, "Walk-in cooler")
    selection = stock.lot_view.selectionModel()
    for number, row in enumerate(stock.lot_model.visible_rows()):
        if row.lot == recalled.lot:
            selection.select(
                stock.lot_model.index(number, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )
    app.processEvents()
    path = folder / "stock-actions.png"
    window.grab().save(str(path))
    written.append(path)

    window.actions.open_lot(lots[0].lot)
    wait_until(app, lambda: runner.is_idle() and window.actions.lot_dialog is not None)
    lot = window.actions.lot_dialog
    assert lot is not None
    lot.resize(900, 460)
    app.processEvents()
    path = folder / "lot.png"
    with_dialog(window, lot).save(str(path))
    written.append(path)
    lot.reject()
    wait_until(app, runner.is_idle)

    window.show_screen("Count")
    wait_until(app, runner.is_idle)
    count = window.count
    count.choose_location("Walk-in cooler")
    wait_until(app, runner.is_idle)
    count.show_expected.setChecked(True)
    count.start_count()
    wait_until(app, lambda: runner.is_idle() and count.count is not None)
    rows = count.model.rows()
    for row, change in zip(rows[:4], (0, -2, 0, 3), strict=False):
        if row.unit != "each":
            continue
        type_and_enter(app, runner, count.scan, row.lot)
        type_and_enter(app, runner, count.amount, str(max(row.expected + change, 0)))
    path = folder / "count.png"
    window.grab().save(str(path))
    written.append(path)
    return written


def pickup_shots(app: QApplication, runner: Runner, window: MainWindow, folder: Path) -> list[Path]:
    """pickups.png: the coming Saturday's packed orders; households.png: a household found with its visits."""
    import datetime as dt

    from PySide6.QtCore import QDate

    today = dt.date.today()
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    window.show_screen("Pickups")
    window.pickups.day.setDate(QDate(saturday.year, saturday.month, saturday.day))
    wait_until(app, runner.is_idle)
    written = [folder / "pickups.png"]
    window.grab().save(str(written[0]))
    window.show_screen("Households")
    wait_until(app, runner.is_idle)
    window.households.table.selectRow(0)
    wait_until(app, runner.is_idle)
    written.append(folder / "households.png")
    window.grab().save(str(written[1]))
    window.households.open_edit()  # the household chosen above, in its window
    wait_until(app, lambda: window.households.household_dialog is not None and runner.is_idle())
    written.append(folder / "household-dialog.png")
    with_dialog(window, window.households.household_dialog).save(str(written[-1]))
    window.households.household_dialog.reject()
    window.show_screen("Pickups")
    wait_until(app, runner.is_idle)
    window.pickups.open_plan_day()
    wait_until(app, lambda: window.pickups.plan_day_dialog is not None and runner.is_idle())
    written.append(folder / "pickups-plan-day.png")
    with_dialog(window, window.pickups.plan_day_dialog).save(str(written[-1]))
    window.pickups.plan_day_dialog.reject()
    return written


def report_shots(app: QApplication, runner: Runner, window: MainWindow, folder: Path) -> list[Path]:
    """reports.png: last quarter's roll-forward, as a treasurer opens it."""
    window.show_screen("Reports")
    wait_until(app, runner.is_idle)
    window.reports.choose("rollforward", "last-quarter")
    wait_until(app, runner.is_idle)
    path = folder / "reports.png"
    window.grab().save(str(path))
    window.show_screen("Settings")
    wait_until(app, runner.is_idle)
    settings = folder / "settings.png"
    window.grab().save(str(settings))
    return [path, settings]


def sign_in_shot(app: QApplication, runner: Runner, window: MainWindow, folder: Path) -> list[Path]:
    """sign-in.png: the staff added and given PINs in Settings > People as an admin does, the desk locked, a wrong PIN
    typed."""
    window.show_screen("Settings")
    wait_until(app, runner.is_idle)
    for name, role in STAFF:
        window.settings.add_user(name, role)
        wait_until(app, runner.is_idle)
    for name, pin in PINS:
        window.settings.set_pin(name, pin)
        wait_until(app, runner.is_idle)
    wait_until(app, lambda: runner.is_idle() and window.desk is not None and window.desk.pins)
    window.lock()
    panel = window.sign_in
    wait_until(app, lambda: runner.is_idle() and window.locked and panel.names.count() > 0)
    name, pin = WRONG_PIN
    panel.names.setCurrentItem(panel.names.findItems(name, Qt.MatchFlag.MatchExactly)[0])
    QTest.keyClicks(panel.pin, pin)
    QTest.keyClick(panel.pin, Qt.Key.Key_Return)
    wait_until(app, lambda: runner.is_idle() and panel.feedback.is_error())
    window.statusBar().clearMessage()  # the last "Set a new PIN for ..." is no part of the locked desk
    path = folder / "sign-in.png"
    window.grab().save(str(path))
    return [path]


# The shots that need nothing before them, by the name `--only` takes.
ALONE: dict[str, Callable[[QApplication, Runner, MainWindow, Path], list[Path]]] = {
    "pickups": pickup_shots,
    "reports": report_shots,
    "sign-in": sign_in_shot,
}


def intake_shots(app: QApplication, runner: Runner, window: MainWindow, out: Path, stock_out: Path) -> list[Path]:
    """OUT: a donation being scanned in (a repeated scan, a GS1 case, a weighed item); then the stock screen."""
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
    window.grab().save(str(out))

    window.show_screen("Stock")
    wait_until(app, runner.is_idle)
    stock_out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(stock_out))
    return [out, stock_out]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG of the intake screen")
    parser.add_argument("--stock", type=Path, help="PNG of the stock screen (default: stock.png next to OUT)")
    parser.add_argument("--only", choices=sorted(ALONE), help="write only this group of shots, into OUT's folder")
    args = parser.parse_args(argv)
    stock_out: Path = args.stock or args.out.with_name("stock.png")
    folder_out: Path = args.out.parent
    folder_out.mkdir(parents=True, exist_ok=True)

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

        if args.only:
            written = ALONE[args.only](app, runner, window, folder_out)
        else:
            written = intake_shots(app, runner, window, args.out, stock_out)
            written += stock_and_count_shots(app, runner, window, folder_out)
            for shots in ALONE.values():  # the sign-in shot last: it turns sign-in on
                written += shots(app, runner, window, folder_out)

        window.close()
        runner.shutdown()
        database.dispose()
    print(f"wrote {', '.join(str(path) for path in written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
