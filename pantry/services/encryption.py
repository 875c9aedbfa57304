"""Encryption at rest: turning an existing plain SQLite database into a SQLCipher one without loss.

SQLCipher encrypts every page with AES-256; its key is derived from the passphrase (PBKDF2-HMAC-SHA512, SQLCipher 4's
defaults). The conversion exports into a new file (`sqlcipher_export`), checks that every row of every table came
through and that the new file passes SQLite's integrity check, then swaps the files. The plain file is kept (as
`<name>.plain-until-verified`) until the encrypted one has been opened again with the passphrase, and only then
removed. Backups of an encrypted database are encrypted the same way (pantry.services.backup); backups made before
the conversion stay plain: the result says where they are, for the admin to delete.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pantry.db import check_sqlite_file, connect_file, looks_encrypted, sqlcipher
from pantry.errors import UserError
from pantry.i18n import _
from pantry.services import backup

MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class Encrypted:
    database: Path
    tables: int
    rows: int
    plain_backups: tuple[Path, ...]  # copies made before, still unencrypted


def _rows(connection: Any) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        row[0]
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        if not str(row[0]).startswith("sqlite_")
    ]
    return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserError(_("encrypt: the passphrase must have at least {count} characters").format(count=MIN_PASSPHRASE))


def encrypt_file(database: Path, passphrase: str) -> Encrypted:
    """Encrypt the plain SQLite file `database` in place (see the module docstring). Nothing else may have it open."""
    check_passphrase(passphrase)
    if not database.is_file():
        raise UserError(_("encrypt: there is no database at {database}").format(database=database))
    if looks_encrypted(database):
        raise UserError(_("encrypt: {database} is already encrypted").format(database=database))
    check_sqlite_file(database)
    cipher = sqlcipher()
    new = database.with_name(database.name + ".encrypting")
    kept = database.with_name(database.name + ".plain-until-verified")
    for leftover in (new, new.with_name(new.name + "-journal")):
        leftover.unlink(missing_ok=True)
    backup.create_private_file(new)
    try:
        with contextlib.closing(cipher.connect(str(database), isolation_level=None)) as plain:
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            before = _rows(plain)
            version = plain.execute("PRAGMA user_version").fetchone()[0]
            plain.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(new), passphrase))
            plain.execute("SELECT sqlcipher_export('encrypted')")
            plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            plain.execute("DETACH DATABASE encrypted")
        with contextlib.closing(connect_file(new, passphrase)) as check:
            if [row[0] for row in check.execute("PRAGMA integrity_check")] != ["ok"]:
                raise UserError(_("encrypt: the encrypted copy failed its integrity check; nothing was changed"))
            if _rows(check) != before:
                raise UserError(_("encrypt: the encrypted copy differs from the database; nothing was changed"))
            check.execute("PRAGMA journal_mode=WAL")
    except BaseException:
        new.unlink(missing_ok=True)
        raise
    os.replace(database, kept)
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    os.replace(new, database)
    try:
        with contextlib.closing(connect_file(database, passphrase)) as reopened:
            if _rows(reopened) != before:
                raise UserError(_("encrypt: the encrypted database did not read back whole; the plain one is back"))
    except BaseException:
        os.replace(kept, database)
        raise
    kept.unlink()
    from pantry.services import restore

    folders = {backup.default_folder(), restore.folder_for(database, passphrase).path}
    plain = tuple(
        sorted(
            path
            for folder in folders
            for path in folder.glob(f"{database.stem}-*.sqlite")
            if path.is_file() and not looks_encrypted(path)
        )
    )
    return Encrypted(database, len(before), sum(len(rows) for rows in before.values()), plain)
