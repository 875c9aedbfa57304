"""Putting a backup back: check that it is a Pantry Desk database this app can open, keep a copy of what it replaces,
then copy it in through SQLite's backup API (never a file copy over a database that may be open in WAL mode).

Works on files, not on an open `Database`: the database being replaced may be one that does not open any more.
A restored copy from an older revision is migrated on the next open, as any older database is. An encrypted backup
needs its passphrase, and the database restored from it is encrypted with it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from pantry.db import connect_file, database_errors, known_revisions, looks_encrypted
from pantry.errors import UserError
from pantry.i18n import _, ngettext
from pantry.services import backup, permissions

# The tables every Pantry Desk database has had since its first revision.
OUR_TABLES = frozenset({"alembic_version", "setting", "app_user", "item", "lot", "movement", "balance"})


@dataclass(frozen=True)
class Restored:
    database: Path
    source: backup.BackupInfo
    kept: Path | None  # the copy of what was replaced (None when there was nothing to replace)


def _key(path: Path, passphrase: str | None) -> str | None:
    """The passphrase to read `path` with: only an encrypted file gets one."""
    return passphrase if looks_encrypted(path) else None


def check_backup(path: Path, passphrase: str | None = None) -> backup.BackupInfo:
    """What `path` is, when it is a sound Pantry Desk database this app can open; else a UserError saying why."""
    if not path.is_file():
        raise UserError(_("restore: there is no file at {path}").format(path=path))
    if looks_encrypted(path) and passphrase is None:
        raise UserError(
            _(
                "restore: {path} is encrypted (or not a database): give its passphrase (PANTRY_PASSPHRASE); "
                "nothing was changed"
            ).format(path=path)
        )
    try:
        info = backup.describe(path, _key(path, passphrase))
        with contextlib.closing(connect_file(path, _key(path, passphrase), read_only=True)) as raw:
            check = [row[0] for row in raw.execute("PRAGMA quick_check")]
    except database_errors() as problem:
        raise UserError(
            (
                _("restore: {path} is not a Pantry Desk database with that passphrase ({problem}); nothing was changed")
                if _key(path, passphrase)
                else _("restore: {path} is not a Pantry Desk database ({problem}); nothing was changed")
            ).format(path=path, problem=problem)
        ) from None
    missing = OUR_TABLES - info.tables
    if missing:
        raise UserError(
            _(
                ngettext(
                    "restore: {path} is not a Pantry Desk database (it has no {tables} table); nothing was changed",
                    "restore: {path} is not a Pantry Desk database (it has no {tables} tables); nothing was changed",
                    len(missing),
                )
            ).format(path=path, tables=", ".join(sorted(missing)))
        )
    if check != ["ok"]:
        raise UserError(
            _("restore: {path} is damaged ({problems}); nothing was changed").format(
                path=path, problems="; ".join(check[:3])
            )
        )
    if info.revision is None:
        raise UserError(
            _("restore: {path} has no schema revision; it is not a Pantry Desk backup; nothing was changed").format(
                path=path
            )
        )
    if info.revision not in known_revisions():
        from pantry import __version__
        from pantry.migrations import HEAD

        made_by = info.stamps.get("backup.app_version")
        raise UserError(
            _(
                "restore: {path} was made by a newer Pantry Desk{made_by}: its schema is at revision {revision} "
                "and this Pantry Desk ({version}) knows revisions up to {head}. Install the newer Pantry Desk "
                "to restore it; nothing was changed"
            ).format(
                path=path,
                made_by=f" ({made_by})" if made_by else "",
                revision=info.revision,
                version=__version__,
                head=HEAD,
            )
        )
    return info


def check_restore(
    session: Session, source: Path, user_id: int | None, passphrase: str | None = None
) -> backup.BackupInfo:
    """Before a desk asks "replace everything?": restoring is an admin's, as making backups is (the "backup" action;
    a PermissionDenied before the file is even read), and `source` must be a copy this app can restore (`check_backup`).
    `session` is on the pantry open at the desk, whose users say who may."""
    permissions.require(session, user_id, "backup")
    return check_backup(source, passphrase)


def folder_for(database: Path, passphrase: str | None = None) -> backup.Folder:
    """The backup folder the database chose (read straight from the file, which may not open), else the default."""
    chosen = ""
    with (
        contextlib.suppress(*database_errors(), OSError, UserError),
        contextlib.closing(connect_file(database, _key(database, passphrase), read_only=True)) as raw,
    ):
        row = raw.execute("SELECT value FROM setting WHERE key = ?", (backup.FOLDER_SETTING,)).fetchone()
        chosen = str(row[0]) if row and row[0] else ""
    if chosen and Path(chosen).expanduser().is_dir():
        return backup.Folder(Path(chosen).expanduser())
    fallback = backup.private_folder(backup.default_folder())
    warning = (
        _("backup: the backup folder {path} is not there; the copy went to {fallback}").format(
            path=chosen, fallback=fallback
        )
        if chosen
        else None
    )
    return backup.Folder(fallback, warning)


def backup_folder_of(database: Path, passphrase: str | None = None) -> Path:
    """Where the window's "Restore from a backup..." looks first."""
    return folder_for(database, passphrase).path


def _sound(database: Path, passphrase: str | None) -> bool:
    try:
        with contextlib.closing(connect_file(database, passphrase)) as raw:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except database_errors() as problem:
        if "locked" in str(problem) or "busy" in str(problem):
            raise _locked(database) from None
        return False
    return True


def _locked(database: Path) -> UserError:
    return UserError(
        _(
            "restore: {database} is locked by another program (another Pantry Desk?); close it and try "
            "again. Nothing was changed"
        ).format(database=database)
    )


def keep_current(database: Path, folder: Path, *, sound: bool, passphrase: str | None = None) -> Path:
    """Copy the database about to be replaced into `folder`, named as what it is: `...-before-restore-...`."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{database.stem}-before-restore-{stamp}{'' if sound else '-damaged'}.sqlite"
    backup.create_private_file(target)
    try:
        if sound:
            with (
                contextlib.closing(connect_file(database, passphrase)) as source,
                contextlib.closing(connect_file(target, passphrase)) as copy,
            ):
                source.backup(copy)
            backup.stamp_copy(target, kind="before-restore", source_name=database.name, passphrase=passphrase)
        else:  # a damaged file is kept byte for byte, with its WAL, for whoever tries to rescue it
            shutil.copyfile(database, target)
            wal = database.with_name(database.name + "-wal")
            if wal.exists():
                side = target.with_name(target.name + "-wal")
                backup.create_private_file(side)
                shutil.copyfile(wal, side)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def restore(source: Path, database: Path, passphrase: str | None = None) -> Restored:
    """Replace the SQLite file `database` with the backup `source`, keeping a copy of what it replaces.

    `passphrase` opens whichever of the two files is encrypted; the restored database is encrypted as the backup is.
    """
    info = check_backup(source, passphrase)
    if database.exists() and source.resolve() == database.resolve():
        raise UserError(_("restore: {source} is the database itself; choose a backup").format(source=source))
    source_key = _key(source, passphrase)
    kept = None
    if database.exists() and database.stat().st_size > 0:
        current_key = _key(database, passphrase)
        sound = _sound(database, current_key)
        kept = keep_current(database, folder_for(database, current_key).path, sound=sound, passphrase=current_key)
        if not sound or current_key != source_key:  # damaged, or encrypted differently: a new file, not a page copy
            for suffix in ("", "-wal", "-shm", "-journal"):
                database.with_name(database.name + suffix).unlink(missing_ok=True)
    if not database.exists():
        database.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        backup.create_private_file(database)
    try:
        with (
            contextlib.closing(connect_file(source, source_key, read_only=True)) as copy,
            contextlib.closing(connect_file(database, source_key)) as target,
        ):
            copy.backup(target)
            # what the copy said about itself belongs to the copy, not to the restored database
            marks = ",".join("?" * len(backup.STAMP_KEYS))
            target.execute(f"DELETE FROM setting WHERE key IN ({marks})", backup.STAMP_KEYS)
            target.commit()
    except database_errors() as problem:
        if "locked" in str(problem) or "busy" in str(problem):
            raise _locked(database) from None
        raise
    return Restored(database, info, kept)
