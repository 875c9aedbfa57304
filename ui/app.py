"""`pantry-desk [--db PATH_OR_URL | --sample]`: the desktop app."""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from pantry import __version__, i18n
from pantry.db import Database, DatabaseProblem, open_database, sqlite_path
from pantry.services import backup, restore
from ui import tasks
from ui.crash import install_excepthook, install_logging
from ui.guide import first_run
from ui.main_window import APP_TITLE, MainWindow
from ui.ops import Runner
from ui.settings import desk_settings
from ui.text import _, choose_language, install_language

if TYPE_CHECKING:  # dialogs for a database that does not open: imported when one is needed
    from ui.dialogs.open_problem import OpenProblemDialog
    from ui.dialogs.passphrase import PassphraseDialog

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
    parser.add_argument(
        "--quit-after-ms",
        type=int,
        metavar="N",
        help="check that the app starts: open the database, show the window, quit N ms later "
        "(exit 0 when the window was shown; errors go to stderr, not to a dialog)",
    )
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help="the window's language for this run: en or es (default: the desk's setting, else $PANTRY_LANG, "
        "else the system's)",
    )
    parser.add_argument("--version", action="version", version=f"pantry-desk {__version__}")
    args = parser.parse_args(argv)
    if args.lang and i18n.supported(args.lang) is None:
        parser.error(f"--lang: unknown language {args.lang!r}; choose one of {', '.join(i18n.LANGUAGES)}")
    return args


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
        self.problem_dialog: OpenProblemDialog | None = None
        self.passphrase_dialog: PassphraseDialog | None = None
        self.passphrase: str | None = None  # of an encrypted pantry, once given
        self._notice = ""

    def start(self) -> None:
        label = (
            _("Opening the sample pantry (the first time it is created, which takes a few seconds)…")
            if self.args.sample
            else _("Opening the pantry…")
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
        self._show_window(database)

    def _show_window(self, database: Database) -> None:
        """The database is open: build the window and show it (what must happen before the desk is used goes
        before this)."""
        self.window = MainWindow(self.runner, sample=self.args.sample)
        self.window.restore_asked.connect(self._restore_from_window)
        if database.read_only:
            self._notice = _("Open read-only: you can look at everything, but nothing can be saved.")
        elif not self.args.sample:  # the first start of a day copies the pantry, once the window is on screen
            self.window.first_painted.connect(lambda: self._back_up(database))
        self.window.show()
        if self._notice:
            self.window.show_message(self._notice, problem=database.read_only)
            self._notice = ""
        if self.args.quit_after_ms is not None:
            QTimer.singleShot(max(0, self.args.quit_after_ms), self._check_shown)

    def _check_shown(self) -> None:
        """--quit-after-ms: exit 0 when the window is on screen, 3 when it never was."""
        handle = self.window.windowHandle() if self.window is not None else None
        shown = handle is not None and handle.isExposed()
        print(f"pantry-desk: window {'shown' if shown else 'NOT shown'} on {self.database.url}", file=sys.stderr)
        self.exit_code = 0 if shown else 3
        self.app.exit(self.exit_code)

    def _failed(self, error: Exception) -> None:
        if self.args.quit_after_ms is not None:
            print(f"pantry-desk: could not open the database: {error}", file=sys.stderr)
            self.exit_code = 1
            self.app.exit(1)
            return
        if isinstance(error, DatabaseProblem) and error.kind in ("encrypted", "passphrase") and error.path:
            self._ask_passphrase(error.path, wrong=error.kind == "passphrase")
            return
        if isinstance(error, DatabaseProblem) and error.path is not None:
            problem = error
            self.runner.call(
                restore.backup_folder_of,
                problem.path,
                self.passphrase,
                on_done=lambda folder: self._ask(problem, folder),
                on_error=lambda _error: self._ask(problem, backup.default_folder()),
                catch_all=True,
            )
            return
        QMessageBox.critical(
            None, APP_TITLE, _("Pantry Desk could not open the database.\n\n{error}").format(error=error)
        )
        self.exit_code = 1
        self.app.exit(1)

    # -- an encrypted database: its passphrase ---------------------------------------------------------------------

    def _ask_passphrase(self, path: Path, *, wrong: bool) -> None:
        from ui.dialogs.passphrase import PassphraseDialog

        dialog = PassphraseDialog(path, wrong=wrong)
        self.passphrase_dialog = dialog
        dialog.finished.connect(lambda result: self._passphrase_given(dialog, path, result))
        dialog.open()

    def _passphrase_given(self, dialog: PassphraseDialog, path: Path, result: int) -> None:
        self.passphrase_dialog = None
        dialog.deleteLater()
        if result != dialog.DialogCode.Accepted or not dialog.passphrase():
            self.exit_code = 1
            self.app.exit(1)
            return
        self.passphrase = dialog.passphrase()
        self._open_again(path)

    def _open_again(self, path: Path) -> None:
        self.runner.call(
            functools.partial(open_database, passphrase=self.passphrase),
            path,
            on_done=self._opened,
            on_error=self._failed,
            label=_("Opening the pantry…"),
            catch_all=True,
        )

    # -- a database that does not open: restore, read-only or quit ------------------------------------------------

    def _ask(self, problem: DatabaseProblem, folder: Path, note: str = "") -> None:
        from ui.dialogs.open_problem import OpenProblemDialog

        dialog = OpenProblemDialog(problem, folder, note=note)
        self.problem_dialog = dialog
        dialog.finished.connect(lambda _result: self._answered(dialog))
        dialog.open()

    def _answered(self, dialog: OpenProblemDialog) -> None:
        self.problem_dialog = None
        dialog.deleteLater()
        problem = dialog.problem
        if dialog.choice == dialog.RESTORE and dialog.backup_file is not None:
            chosen = dialog.backup_file
            self.runner.call(
                restore.restore,
                chosen,
                problem.path,
                self.passphrase,
                on_done=self._restored,
                on_error=lambda error: self._ask(problem, dialog.backup_folder, note=str(error)),
                label=_("Restoring the backup…"),
                catch_all=True,
            )
        elif dialog.choice == dialog.READ_ONLY:
            self.runner.call(
                functools.partial(open_database, read_only=True),
                problem.path,
                on_done=self._opened,
                on_error=self._failed,
                label=_("Opening the pantry read-only…"),
                catch_all=True,
            )
        else:
            self.exit_code = 1
            self.app.exit(1)

    def _restored(self, done: restore.Restored) -> None:
        log.info("restored %s from %s (replaced copy kept as %s)", done.database, done.source.path, done.kept)
        if done.kept:
            self._notice = _("Restored the backup taken {taken}; what it replaced is kept as {name}.").format(
                taken=done.source.taken_at, name=done.kept.name
            )
        else:
            self._notice = _("Restored the backup taken {taken}.").format(taken=done.source.taken_at)
        if self.passphrase is not None:
            self._open_again(done.database)
        else:
            self.start()

    # -- Settings > Backups > Restore: close the window and the database, restore, open again ---------------------

    def _restore_from_window(self, source: Path) -> None:
        database = self.database
        target = sqlite_path(database.url) if database is not None else None
        if database is None or target is None:
            return
        window = self.window
        self.window = None
        if window is not None:
            window.ask_before_closing = False
            window.close()
            window.deleteLater()
        self.database = None
        self.runner.database = None
        self.runner.call(
            _replace_database,
            database,
            source,
            target,
            self.passphrase,
            on_done=self._restored,
            on_error=lambda error: self._restore_failed(error, target),
            label=_("Restoring the backup…"),
            catch_all=True,
        )

    def _restore_failed(self, error: Exception, target: Path) -> None:
        self._notice = _("The backup was not restored: {error}").format(error=error)
        if self.passphrase is not None:
            self._open_again(target)
        else:
            self.start()

    # -- the automatic backup -------------------------------------------------------------------------------------

    def _back_up(self, database: Database) -> None:
        """The first start of a day copies the pantry (see pantry.services.backup), in the worker, after the first
        paint: a copy of a large pantry takes seconds, and the window shows first."""
        if database is self.database:
            self.runner.call(backup.automatic, database, on_done=self._backed_up, on_error=self._backup_failed)

    def _backed_up(self, done: backup.AutomaticBackup) -> None:
        if done.warning and self.window is not None:
            self.window.show_message(done.warning, problem=True)

    def _backup_failed(self, error: Exception) -> None:
        if self.window is not None:
            self.window.show_message(_("The automatic backup failed: {error}").format(error=error), problem=True)

    def stop(self) -> None:
        self.runner.shutdown()
        if self.database is not None:
            self.database.dispose()


def _replace_database(database: Database, source: Path, target: Path, passphrase: str | None) -> restore.Restored:
    """On the worker: let go of the open database, then restore over it (what it replaces is kept first)."""
    database.dispose()
    return restore.restore(source, target, passphrase)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    install_logging()
    app = make_application()
    settings = desk_settings()
    install_language(app, choose_language(args.lang, settings))
    args = first_run.with_remembered(args, settings)
    if first_run.needed(args):  # a first start: set up a pantry, explore the sample, open a file or a server
        choice = first_run.ask()
        if choice is None:
            return 0
        choice.remember(settings)
        args = choice.applied_to(args)
    desk = Desk(app, args)
    install_excepthook(lambda: desk.window)
    app.aboutToQuit.connect(desk.runner.shutdown)
    desk.start()
    code = app.exec()
    desk.stop()
    return code or desk.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
