"""The main window in a dark theme (Fusion with a dark palette, as a dark system theme gives) and at the scale it is
run with (QT_SCALE_FACTOR=2: 200%), each screen saved as a PNG and checked for text that does not read on its
background and for buttons and labels cut short. Run as its own process: the scale is fixed when Qt starts.

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 .venv/bin/python tests/ui/dark_look.py /tmp/look

Prints one JSON object: {"scale": ..., "minimum_size": [w, h], "screens": {name: {"contrast": [...],
"clipped": [...], "png": path, "fit": {"size": [w, h], "clipped": [...], "png": path}}}}: "fit" is the screen
again in a 960 x 540 window (a full-HD screen at 200%). tests/ui/test_accessibility.py runs it.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE)]

import pantry_sample  # noqa: E402
import walk  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyleFactory  # noqa: E402
from sqlalchemy import select  # noqa: E402

from pantry.db import open_database  # noqa: E402
from pantry.models import Lot  # noqa: E402
from pantry.services import counts, users  # noqa: E402
from ui.guide import shortcuts  # noqa: E402
from ui.main_window import NAVIGATION, MainWindow  # noqa: E402
from ui.ops import Runner  # noqa: E402

FULL_HD_AT_200 = (960, 540)  # a 1920 x 1080 screen at 200%, in window pixels
NO_DESCRIPTION = "(no description)"  # what the F1 panel says of a key nothing describes


def dark_palette() -> QPalette:
    """What a dark desktop theme hands a Fusion application (the colours of KDE's Breeze Dark, roughly)."""
    roles = QPalette.ColorRole
    palette = QPalette()
    for role, colour in (
        (roles.Window, "#2a2e32"),
        (roles.WindowText, "#fcfcfc"),
        (roles.Base, "#1b1e20"),
        (roles.AlternateBase, "#232629"),
        (roles.ToolTipBase, "#31363b"),
        (roles.ToolTipText, "#fcfcfc"),
        (roles.PlaceholderText, "#a1a9b1"),
        (roles.Text, "#fcfcfc"),
        (roles.Button, "#31363b"),
        (roles.ButtonText, "#fcfcfc"),
        (roles.BrightText, "#ffffff"),
        (roles.Highlight, "#3daee9"),
        (roles.HighlightedText, "#fcfcfc"),
        (roles.Link, "#1d99f3"),
        (roles.Light, "#40464c"),
        (roles.Midlight, "#363b40"),
        (roles.Mid, "#1f2226"),
        (roles.Dark, "#141618"),
        (roles.Shadow, "#0b0c0d"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6e7175"))
    return palette


def stocked_pantry(path: Path) -> object:
    """The GUI tests' small pantry (pantry_sample.py) with a lot of every colour: in date, expiring this week, past its
    date, in the cooler, weighed, an item below par, and a count in progress with a short line."""
    database = open_database(path, org_name="Eastside Food Shelf")
    with database.session() as session:
        items = pantry_sample.small_catalog(session)
        pantry_sample.first_donation(session, items, every_colour=True)
        user_id = users.acting_user(session).id
        count_id = counts.start(session, user_id, location="Main")  # a count in progress: short, as expected, not yet
        lots = session.scalars(select(Lot.code).order_by(Lot.id)).all()
        counts.enter(session, count_id, [counts.Entry(lots[0], 28), counts.Entry(lots[2], 2)], user_id)
    return database


def settle(app: QApplication, runner: Runner, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not runner.is_idle() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    for _ in range(5):
        app.processEvents()


def main(out: Path) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette())
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PANTRY_DATA_DIR"] = folder
        database = stocked_pantry(Path(folder) / "pantry.sqlite")
        runner = Runner(database)  # type: ignore[arg-type]
        window = MainWindow(runner)
        window.ask_before_closing = False
        shortcuts.install(window)
        window.show()
        settle(app, runner)
        report: dict[str, object] = {
            "scale": scale,
            "minimum_size": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
            "size": [window.width(), window.height()],
        }
        screens: dict[str, object] = {}
        for label, _keys in NAVIGATION:
            window.show_screen(label)
            settle(app, runner)
            page = window.stack.currentWidget()
            png = out / f"dark-{label.lower()}-x{scale}.png"
            window.grab().save(str(png))
            screens[label] = {
                "contrast": walk.low_contrast(page),
                "clipped": walk.clipped(page),
                "minimum_size": [page.minimumSizeHint().width(), page.minimumSizeHint().height()],
                "undescribed": [key.keys for key in shortcuts.screen_shortcuts(page) if key.what == NO_DESCRIPTION],
                "png": str(png),
            }
        report["minimum_size_all_screens"] = [window.minimumSizeHint().width(), window.minimumSizeHint().height()]
        window.resize(*FULL_HD_AT_200)  # each screen again in 960 x 540: its rows wrapped, nothing cut short
        for label, _keys in NAVIGATION:
            window.show_screen(label)
            settle(app, runner)
            png = out / f"fit-{label.lower()}-x{scale}.png"
            window.grab().save(str(png))
            screens[label]["fit"] = {  # type: ignore[index]
                "size": [window.width(), window.height()],
                "clipped": walk.clipped(window.stack.currentWidget()),
                "png": str(png),
            }
        window.resize(*report["size"])  # type: ignore[misc]
        settle(app, runner)
        window.show_problem("A problem in the status bar")
        window.show_screen("Stock")
        settle(app, runner)
        parts = (window.nav, window.statusBar(), window.menuBar())
        screens["window"] = {
            "contrast": sorted({problem for part in parts for problem in walk.low_contrast(part)}),
            "clipped": sorted({problem for part in parts for problem in walk.clipped(part)}),
            "png": str(out / f"dark-window-x{scale}.png"),
        }
        window.grab().save(str(out / f"dark-window-x{scale}.png"))
        overlay = window.shortcuts_overlay  # type: ignore[attr-defined]
        overlay.open_panel()
        app.processEvents()
        window.grab().save(str(out / f"dark-shortcuts-x{scale}.png"))
        screens["shortcuts"] = {
            "contrast": walk.low_contrast(overlay),
            "clipped": walk.clipped(overlay),
            "png": str(out / f"dark-shortcuts-x{scale}.png"),
        }
        overlay.close_panel()
        report["screens"] = screens
        window.close()
        runner.shutdown()
        database.dispose()  # type: ignore[attr-defined]
    return report


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/pantry-look")), indent=1))
