"""`pantry-desk [--db PATH_OR_URL | --sample]`: the desktop app."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from pantry.db import Database
from ui import tasks
from ui.crash import install_excepthook, install_logging
from ui.main_window import APP_TITLE, MainWindow
from ui.ops import Runner

log = logging.getLogger(__name__)

MIN_POINT_SIZE = 11


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pantry-desk", description="Pantry Desk: scan-first stock for food pantries")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: $PANTRY_DB, else the pantry file in your data folder)",
    )
    which.add_argument(
        "--sample", action="store_true", help="open the sample pantry (practice data, created on first use)"
    )
    return parser.parse_args(argv)


def make_application(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName(APP_TITLE)
    app.setOrganizationName("Pantry Desk")
    font = QFont(app.font())
    if font.pointSize() < MIN_POINT_SIZE:
        font.setPointSize(MIN_POINT_SIZE)
        app.setFont(font)
    return app


class Desk:
    """Opens the database in the worker (with a progress dialog when it takes a while), then shows the window."""

    def __init__(self, app: QApplication, args: argparse.Namespace) -> None:
        self.app = app
        self.args = args
        self.runner = Runner()
        self.window: MainWindow | None = None
        self.database: Database | None = None
        self.exit_code = 0

    def start(self) -> None:
        label = (
            "Opening the sample pantry (the first time it is created, which takes a few seconds)…"
            if self.args.sample
            else "Opening the pantry…"
        )
        self.runner.call(
            tasks.open_pantry,
            self.args.db,
            self.args.sample,
            on_done=self._opened,
            on_error=self._failed,
            label=label,
            with_progress=True,
            catch_all=True,
            cancellable=False,
        )

    def _opened(self, database: Database) -> None:
        self.database = database
        self.runner.database = database
        log.info("opened %s", database.url)
        self.window = MainWindow(self.runner, sample=self.args.sample)
        self.window.show()

    def _failed(self, error: Exception) -> None:
        QMessageBox.critical(None, APP_TITLE, f"Pantry Desk could not open the database.\n\n{error}")
        self.exit_code = 1
        self.app.exit(1)

    def stop(self) -> None:
        self.runner.shutdown()
        if self.database is not None:
            self.database.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    install_logging()
    app = make_application()
    desk = Desk(app, args)
    install_excepthook(lambda: desk.window)
    app.aboutToQuit.connect(desk.runner.shutdown)
    desk.start()
    code = app.exec()
    desk.stop()
    return code or desk.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
