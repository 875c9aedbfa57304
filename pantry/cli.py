"""The `pantry` command: headless access to the same services the window uses.

Errors a user can fix go to stderr with exit status 1, and write nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NoReturn

from pantry import __version__
from pantry.commands import command_modules
from pantry.errors import UserError
from pantry.i18n import _

if TYPE_CHECKING:  # the database layer is imported when a command needs it: `pantry --help` stays quick
    from pantry.db import Database


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 1 like every other error of this command."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: error: {message}\n")


def _date(text: str):  # type: ignore[no-untyped-def]
    from pantry.dates import parse_iso_date

    try:
        return parse_iso_date(text, "--as-of")
    except ValueError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def _positive_int(text: str) -> int:
    if not text.strip().isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pantry", description="Pantry Desk from the command line.")
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database file or SQLAlchemy URL (default: $PANTRY_DB)")
    parser.add_argument(
        "--user", metavar="NAME", help="act as this user (asks their PIN once PINs are on; default: the first admin)"
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="open the database read-only (to look at a file you cannot or may not change)",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "es"),
        help="language of the printables (PDF, XLSX): en or es (default: $PANTRY_LANG, else the system's, else en)",
    )
    parser.add_argument("--version", action="version", version=f"pantry {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", help="create or upgrade the database")
    init.add_argument("--name", metavar="ORG", help="the pantry's name, printed on documents")
    init.add_argument("--sample", action="store_true", help="fill the sample pantry")
    init.add_argument("--scale", type=_positive_int, metavar="N", help="with --sample: N times the history")

    imports = commands.add_parser("import", help="import a CSV file (all rows or none)")
    what = imports.add_subparsers(dest="what", required=True, metavar="KIND", parser_class=_Parser)
    for kind in ("items", "donors", "locations", "donations", "households"):
        sub = what.add_parser(kind, help=f"import {kind}")
        sub.add_argument("file", type=Path, metavar="FILE.csv")
        sub.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    stock = commands.add_parser("stock", help="stock on hand")
    stock.add_argument("--as-of", type=_date, metavar="DATE", help="as of the end of this date (YYYY-MM-DD)")
    stock.add_argument("--by", choices=("item", "lot"), default="item")
    stock.add_argument("--format", choices=("table", "csv", "json"), default="table")

    commands.add_parser("verify", help="check the database file and that every balance equals its ledger")

    backup = commands.add_parser(
        "backup",
        help="a consistent copy of the database",
        description="Copy the database (safe while the window is open) into the backup folder, or to FILE. "
        "With --folder DIR --set, choose the backup folder for every copy from now on (the automatic daily copy "
        "too).",
    )
    backup.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it")
    backup.add_argument("--folder", metavar="DIR", help="write the copy into DIR (with --set: always)")
    backup.add_argument("--set", action="store_true", help="with --folder: make DIR the backup folder")
    for module in command_modules():
        module.register(commands)
    return parser


@contextmanager
def _opened(
    location: str | None, *, create: bool, org_name: str | None = None, read_only: bool = False
) -> Iterator[Database]:
    """The database at `location` (else $PANTRY_DB, else the default), open for one command.

    Only `create` commands may make a new SQLite file, and one they made is removed again when the command fails,
    so that an error writes nothing. A file that is not a database, or a bad URL, is a message, not a traceback.
    """
    from sqlalchemy import exc

    from pantry.db import database_url, sqlite_path

    url = database_url(location)
    path = sqlite_path(url)
    new = path is not None and not path.exists()
    if new and not create:
        raise UserError(_("database: there is no database at {path}; create it with `pantry init`").format(path=path))
    try:
        database = _open_asking_passphrase(url, org_name=org_name, read_only=read_only)
    except UserError:
        if new:
            _remove_sqlite_file(path)  # type: ignore[arg-type]
        raise
    except (exc.DatabaseError, exc.ArgumentError, exc.NoSuchModuleError, OSError) as problem:
        if new:
            _remove_sqlite_file(path)  # type: ignore[arg-type]
        reason = getattr(problem, "orig", None) or problem
        raise UserError(_("database: cannot open {where}: {reason}").format(where=path or url, reason=reason)) from None
    from pantry.network_share import network_share_warning

    if warning := network_share_warning(url):
        print(warning, file=sys.stderr)
    try:
        yield database
    except BaseException:
        database.dispose()
        if new:
            _remove_sqlite_file(path)  # type: ignore[arg-type]
        raise
    database.dispose()


def _open_asking_passphrase(url: str, *, org_name: str | None, read_only: bool) -> Database:
    """open_database, asking at the terminal for the passphrase of an encrypted file when $PANTRY_PASSPHRASE is not
    set (three tries)."""
    import getpass

    from pantry.db import DatabaseProblem, open_database

    passphrase = None
    for _attempt in range(3):
        try:
            return open_database(url, org_name=org_name, read_only=read_only, passphrase=passphrase)
        except DatabaseProblem as problem:
            if problem.kind not in ("encrypted", "passphrase") or not sys.stdin.isatty():
                raise
            if problem.kind == "passphrase":
                print("That passphrase is wrong.", file=sys.stderr)
            passphrase = getpass.getpass(f"Passphrase for {problem.path}: ")
    return open_database(url, org_name=org_name, read_only=read_only, passphrase=passphrase)


def _remove_sqlite_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _check_user(database: Database, name: str | None) -> None:
    """Who acts, for the whole command, before any work: an unknown --user is refused; once PINs are on, --user
    needs that user's PIN, and without --user only what needs no permission (reading stock ...) goes through.

    Every session the command opens then acts as that user (`permissions.bind_user`), so every service checks the
    same rules the window does, whether or not the command passes the user on."""
    from pantry.services import permissions, signin, users

    with database.session() as session:
        enabled = signin.pins_enabled(session)
        user_id = users.acting_user(session, name).id if name else None
    if enabled and name:
        signin.sign_in_with(database.sessions, name, _read_pin(name))
    if user_id is not None:
        permissions.bind_user(database.sessions, user_id)
    elif enabled:
        permissions.bind_user(database.sessions, None, sign_in_required=True)


def _read_pin(name: str) -> str:
    """The PIN of `name`: asked on a terminal, else $PANTRY_PIN (scripts), else a message saying so."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"PIN for {name}: ")
    pin = os.environ.get("PANTRY_PIN", "")
    if not pin:
        raise UserError(_("sign in: PINs are on; type {name}'s PIN on a terminal, or set PANTRY_PIN").format(name=name))
    return pin


def _cmd_init(args: argparse.Namespace) -> int:
    from pantry import sample
    from pantry.db import sample_database

    target = args.db
    if args.sample and not target:
        target = str(sample_database())  # the pantry's own database never holds sample data
    with _opened(target, create=True, org_name=args.name) as database:
        _check_user(database, args.user)
        if args.sample:
            with database.session() as session:
                summary = sample.fill(session, scale=args.scale or 1, user_name=args.user)
        print(f"Database ready: {database.url}")
        if args.sample:
            print(
                f"Sample pantry: {summary.items} items, {summary.donors} donors, "
                f"{summary.donations} donations, {summary.movements} movements"
            )
    return 0


def _cmd_import(args: argparse.Namespace, database: Database) -> int:
    from pantry.services import imports, users

    importer = {
        "items": imports.import_items,
        "donors": imports.import_donors,
        "locations": imports.import_locations,
        "donations": imports.import_donations,
        "households": imports.import_households,
    }[args.what]
    with database.sessions() as session:
        transaction = session.begin()
        try:
            user = users.acting_user(session, args.user)
            summary = importer(session, args.file, user.id, dry_run=args.dry_run)
        except BaseException:
            transaction.rollback()
            raise
        if args.dry_run:
            transaction.rollback()
        else:
            transaction.commit()
    print(summary.describe())
    return 0


def _cmd_stock(args: argparse.Namespace, database: Database) -> int:
    from pantry.documents import stock_export, tabular
    from pantry.services import stock

    with database.session() as session:
        if args.by == "lot":
            rows: Sequence[object] = stock.stock_by_lot(session, args.as_of)
            columns: Sequence[tabular.Column] = stock_export.BY_LOT  # type: ignore[type-arg]
        else:
            rows = stock.stock_by_item(session, args.as_of)
            columns = stock_export.BY_ITEM
    if args.format == "csv":
        sys.stdout.write(tabular.to_csv(columns, rows))
    elif args.format == "json":
        sys.stdout.write(tabular.to_json(columns, rows))
    else:
        sys.stdout.write(tabular.to_table(columns, rows, empty="No stock on hand."))
    return 0


def _cmd_verify(args: argparse.Namespace, database: Database) -> int:
    from pantry.services.verify import verify

    with database.session() as session:
        report = verify(session)
    for line in report.checks:
        print(line)
    for line in report.problems:
        print(f"PROBLEM: {line}", file=sys.stderr)
    return 0 if report.ok else 1


def _cmd_backup(args: argparse.Namespace, database: Database) -> int:
    from pantry.services import backup, users

    with database.session() as session:
        acting = users.acting_user(session, args.user).id
    if args.set:
        if not args.folder:
            raise UserError(_("backup: --set needs --folder DIR (the folder to use from now on)"))
        if args.output:
            raise UserError(_("backup: --set chooses a folder; leave out -o"))
        folder = backup.set_folder(database, args.folder, acting)
        print(f"Backup folder: {folder}")
        return 0
    if args.output and args.folder:
        raise UserError(_("backup: give either -o FILE or --folder DIR"))
    path, warning = backup.make_copy(database, acting, args.output, folder=args.folder)
    if warning:
        print(warning, file=sys.stderr)
    print(f"Backup written: {path}")
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, Database], int]] = {
    "import": _cmd_import,
    "stock": _cmd_stock,
    "verify": _cmd_verify,
    "backup": _cmd_backup,
}


def _run_extra(module: ModuleType, args: argparse.Namespace) -> int:
    """Run a command from pantry.commands with the database it asks for."""
    if module.DATABASE == "path":  # it works on the file itself, which may not open (restore, encrypt)
        return int(module.run(args, None))
    if module.DATABASE == "optional":
        from pantry.db import database_url, sqlite_path

        path = sqlite_path(database_url(args.db))
        if path is not None and not path.exists():
            return int(module.run(args, None))
    with _opened(args.db, create=module.DATABASE == "create", read_only=args.read_only) as database:
        _check_user(database, args.user)
        return int(module.run(args, database))


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "init":
        return _cmd_init(args)
    extra = {module.NAME: module for module in command_modules()}
    if args.command in extra:
        return _run_extra(extra[args.command], args)
    with _opened(args.db, create=args.command == "import", read_only=args.read_only) as database:
        _check_user(database, args.user)
        return _COMMANDS[args.command](args, database)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "init" and args.scale is not None and not args.sample:
        parser.error("init: --scale goes with --sample")
    from pantry import i18n

    try:
        with i18n.desk(args.lang):
            return _dispatch(args)
    except UserError as problem:
        for line in problem.problems:
            print(line, file=sys.stderr)
        if len(problem.problems) > 1:
            print(str(problem.args[0]), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`pantry stock | head`): stop quietly, and keep Python's exit-time flush quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
