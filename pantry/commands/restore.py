"""`pantry restore FILE [--yes]`: replace the database with a backup, keeping a copy of what it replaces."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from pantry.errors import UserError
from pantry.i18n import _

NAME = "restore"
DATABASE = "path"  # the database being replaced may be one that does not open any more


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="replace the database with a backup (a copy of what it replaces is kept)",
        description="Replace the database with a backup made by Pantry Desk. The database it replaces is first "
        "copied into the backup folder as ...-before-restore-....sqlite. A backup from an older Pantry Desk is "
        "upgraded the next time the database is opened; one from a newer Pantry Desk is refused.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the backup to restore")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def _check_role(database: Path, args: argparse.Namespace, passphrase: str | None) -> None:
    """Restoring is an admin's (like backups), when the current database opens enough to say who is who; a file
    that no longer opens can only be restored by someone with access to it anyway."""
    from pantry.db import DatabaseProblem, looks_encrypted, open_database
    from pantry.services import permissions, users

    if not database.exists():
        return
    try:
        encrypted = looks_encrypted(database)  # (read-only opening is for plain files)
        current = open_database(database, read_only=not encrypted, passphrase=passphrase if encrypted else None)
    except DatabaseProblem:
        return
    try:
        with current.session() as session:
            permissions.require(session, users.acting_user(session, args.user).id, "backup")
    finally:
        current.dispose()


def run(args: argparse.Namespace, _database: None) -> int:
    from pantry.db import PASSPHRASE_ENV, database_url, looks_encrypted, sqlite_path
    from pantry.services import restore

    database = sqlite_path(database_url(args.db))
    if database is None:
        raise UserError(_("restore: only a SQLite database file can be restored here; use the server's own tools"))
    passphrase = os.environ.get(PASSPHRASE_ENV) or None
    if passphrase is None and (looks_encrypted(args.file) or looks_encrypted(database)) and sys.stdin.isatty():
        passphrase = getpass.getpass("Passphrase: ")
    info = restore.check_backup(args.file, passphrase)
    _check_role(database, args, passphrase)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                _("restore: not at a terminal, so nothing to confirm with; add --yes to replace the database")
            )
        answer = input(f"Replace {database} with {args.file} (taken {info.taken_at})? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing was changed.")
            return 1
    done = restore.restore(args.file, database, passphrase)
    if done.kept is not None:
        print(f"The database it replaced is kept as {done.kept}")
    print(f"Restored {database} from {args.file} (taken {info.taken_at}, schema revision {info.revision})")
    return 0
