"""`pantry encrypt`: encrypt the database at rest with a passphrase (SQLCipher), without losing a row."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from pantry.errors import UserError
from pantry.i18n import _

NAME = "encrypt"
DATABASE = "path"  # converts the file itself; nothing else may have it open


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    commands.add_parser(
        NAME,
        help="encrypt the database with a passphrase (close the window first)",
        description="Encrypt the database file with SQLCipher. The passphrase is read from PANTRY_PASSPHRASE, or "
        "asked twice at the terminal. From then on Pantry Desk asks for it at start (the pantry command reads "
        "PANTRY_PASSPHRASE or asks), and its backups are encrypted with it too. A lost passphrase cannot be "
        "recovered: keep it somewhere safe.",
    )


def read_new_passphrase() -> str:
    from pantry.db import PASSPHRASE_ENV

    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise UserError(
            _("encrypt: set {variable}, or run this at a terminal to type the passphrase").format(
                variable=PASSPHRASE_ENV
            )
        )
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("The same passphrase again: ") != first:
        raise UserError(_("encrypt: the two passphrases differ; nothing was changed"))
    return first


def run(args: argparse.Namespace, _database: None) -> int:
    from pantry.db import database_url, sqlite_path
    from pantry.services import encryption

    database = sqlite_path(database_url(args.db))
    if database is None:
        raise UserError(_("encrypt: only a SQLite database file can be encrypted here"))
    if not database.is_file():
        raise UserError(_("encrypt: there is no database at {database}").format(database=database))
    done = encryption.encrypt_file(database, read_new_passphrase())
    print(f"Encrypted {database}: {done.tables} tables, {done.rows} rows, all checked")
    if done.plain_backups:
        print(
            f"{len(done.plain_backups)} backup(s) made before are not encrypted; delete them once you have an "
            "encrypted one:",
            file=sys.stderr,
        )
        for path in done.plain_backups:
            print(f"  {path}", file=sys.stderr)
    return 0
