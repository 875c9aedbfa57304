"""Consistent copies of a SQLite database through SQLite's own backup API (safe while the app is open).

Where copies go: the folder in the setting `backup.folder` (the admin chooses it: a USB stick, a synced folder), else
`data_dir()/backups`. When the chosen folder is missing (the stick is out) or cannot be written, the copy goes to the
default folder and the caller gets a warning to show; nothing stops.

Kinds of copy, told apart by their names (`pantry` is the database file's stem):
- `pantry-2026-11-25_101500.sqlite`: asked for (`pantry backup`); never deleted by Pantry Desk;
- `pantry-daily-2026-11-25.sqlite`: the automatic one, made on the first start of each day; rotated;
- `pantry-before-upgrade-from-0004-20261125T101500Z.sqlite`: made before every migration; never deleted;
- `pantry-before-restore-20261125T101500Z.sqlite`: what `pantry restore` replaced; never deleted.

Rotation keeps the newest automatic copy of each of the last 7 days, 5 weeks and 12 months that have one (a copy can
count for several) and deletes the other automatic copies. It only ever deletes files listed in the folder's
`pantry-desk-backups.json`, which lists the automatic copies it wrote: a file someone put there is never touched.

Every copy carries, in its own `setting` table, what it is: `backup.kind`, `backup.taken_at` (UTC, ISO 8601),
`backup.app_version`, `backup.schema_revision` and `backup.source` (the database's file name). Copies are single
files (rollback journal, not WAL) readable by their owner only (0600), in folders made 0700. The copy of an encrypted
(SQLCipher) database is encrypted with the same passphrase.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, exc

from pantry import __version__
from pantry.db import connect_file, data_dir, database_errors, passphrase_of, sqlite_path
from pantry.errors import UserError
from pantry.i18n import _

if TYPE_CHECKING:
    from pantry.db import Database

log = logging.getLogger(__name__)

FOLDER_SETTING = "backup.folder"
MANIFEST = "pantry-desk-backups.json"
KEEP_DAILY = 7
KEEP_WEEKLY = 5
KEEP_MONTHLY = 12
STAMP_KEYS = ("backup.kind", "backup.taken_at", "backup.app_version", "backup.schema_revision", "backup.source")

_DAILY = re.compile(r"^(?P<stem>.+)-daily-(?P<day>\d{4}-\d{2}-\d{2})\.sqlite$")


@dataclass(frozen=True)
class Folder:
    """Where copies go now, and why not to the chosen folder when it was not usable."""

    path: Path
    warning: str | None = None


@dataclass(frozen=True)
class AutomaticBackup:
    """What `automatic` did: the copy it made (None when today's copy already existed), what rotation removed."""

    path: Path | None
    folder: Path
    warning: str | None = None
    removed: tuple[Path, ...] = field(default=())


# --- folders -------------------------------------------------------------------------------------------------------


def default_folder() -> Path:
    return data_dir() / "backups"


def private_folder(path: Path) -> Path:
    """Make `path` (and missing parents) readable by the owner only when we create it; our default folder always."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)
    elif path == default_folder():
        path.chmod(0o700)
    return path


def chosen_folder(engine: Engine) -> str:
    """The admin's folder from the database's settings, or "" (also for a database too damaged or old to say)."""
    try:
        with engine.connect() as connection:
            value = connection.exec_driver_sql("SELECT value FROM setting WHERE key = ?", (FOLDER_SETTING,)).scalar()
    except exc.DBAPIError:  # a missing table or an unreadable file means "no choice made"
        return ""
    return str(value or "")


def backup_folder(engine: Engine, folder: str | os.PathLike[str] | None = None) -> Folder:
    """The folder to write to: `folder` if given, else the chosen one, else the default; a missing one falls back."""
    wanted = str(folder) if folder else chosen_folder(engine)
    if not wanted:
        return Folder(private_folder(default_folder()))
    path = Path(wanted).expanduser()
    if path.is_dir():
        return Folder(path)
    fallback = private_folder(default_folder())
    return Folder(
        fallback,
        _(
            "backup: the backup folder {path} is not there (is the USB stick or network drive connected?); this "
            "copy went to {fallback}"
        ).format(path=path, fallback=fallback),
    )


def set_folder(database: Database, folder: str | os.PathLike[str], user_id: int | None = None) -> Path:
    """Choose where copies go from now on (made if missing, and checked by writing a file there). An admin's."""
    from pantry.services import permissions, setup

    with database.session() as session:
        permissions.require(session, user_id, "backup")
    path = Path(folder).expanduser().resolve()
    try:
        private_folder(path)
        probe = path / f".pantry-desk-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as problem:
        raise UserError(
            _("backup folder: cannot write to {path}: {problem}").format(path=path, problem=problem.strerror or problem)
        ) from None
    with database.session() as session:
        permissions.require(session, user_id, "backup")
        setup.set_setting(session, FOLDER_SETTING, str(path))
    return path


# --- copies --------------------------------------------------------------------------------------------------------


def _utc_stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")


def default_backup_path(database: Path, folder: Path | None = None) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d_%H%M%S")
    return (folder or default_folder()) / f"{database.stem}-{stamp}.sqlite"


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only; refuse to overwrite anything."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UserError(_("backup: {path} already exists").format(path=path)) from None
    os.close(descriptor)
    path.chmod(0o600)  # whatever the umask


def _revision(connection: Any) -> str:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except database_errors():
        return "unversioned"
    return str(row[0]) if row else "unversioned"


def copy_database(engine: Engine, destination: Path, *, kind: str, source_name: str | None = None) -> Path:
    """Copy the open database to the new file `destination` through the backup API and stamp what it is."""
    source = sqlite_path(str(engine.url))
    if source is None:
        raise UserError(_("backup: only SQLite databases can be copied here; use the server's own tools (pg_dump)"))
    destination.parent.mkdir(parents=True, exist_ok=True)
    create_private_file(destination)
    passphrase = passphrase_of(engine.url)
    try:
        raw = engine.raw_connection()
        try:
            with contextlib.closing(connect_file(destination, passphrase)) as copy:
                raw.driver_connection.backup(copy)  # type: ignore[union-attr]
        finally:
            raw.close()
        stamp_copy(destination, kind=kind, source_name=source_name or source.name, passphrase=passphrase)
    except BaseException:
        for suffix in ("", "-journal", "-wal", "-shm"):
            destination.with_name(destination.name + suffix).unlink(missing_ok=True)
        raise
    return destination


def stamp_copy(path: Path, *, kind: str, source_name: str, passphrase: str | None = None) -> None:
    """Write what the copy is into its `setting` table (when it has one) and make it a single-file database."""
    with contextlib.closing(connect_file(path, passphrase)) as copy:
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "setting" in tables:
            stamps = {
                "backup.kind": kind,
                "backup.taken_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "backup.app_version": __version__,
                "backup.schema_revision": _revision(copy),
                "backup.source": source_name,
            }
            copy.executemany("INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", stamps.items())
            copy.commit()
        copy.execute("PRAGMA journal_mode=DELETE")


def backup(engine: Engine, target: Path | None = None, *, folder: str | os.PathLike[str] | None = None) -> Path:
    """Copy the open database to `target` (default: a dated file in the backup folder). Returns the path."""
    return backup_with_warning(engine, target, folder=folder)[0]


def backup_with_warning(
    engine: Engine, target: Path | None = None, *, folder: str | os.PathLike[str] | None = None
) -> tuple[Path, str | None]:
    source = sqlite_path(str(engine.url))
    if source is None:
        raise UserError(_("backup: only SQLite databases can be copied here; use the server's own tools (pg_dump)"))
    if target is not None:
        return copy_database(engine, target, kind="manual"), None
    where = backup_folder(engine, folder)
    return copy_database(engine, default_backup_path(source, where.path), kind="manual"), where.warning


def make_copy(
    database: Database,
    user_id: int | None,
    target: Path | None = None,
    *,
    folder: str | os.PathLike[str] | None = None,
) -> tuple[Path, str | None]:
    """A copy a person asked for (an admin's): to `target`, else into the backup folder. Returns the path and a
    warning when the chosen folder was missing and the default one served."""
    from pantry.services import permissions

    with database.session() as session:
        permissions.require(session, user_id, "backup")
    return backup_with_warning(database.engine, target, folder=folder)


def before_migration(engine: Engine, revision: str | None) -> Path | None:
    """The copy made before a migration, in the backup folder (or the default one); None for a new database."""
    source = sqlite_path(str(engine.url))
    if source is None or not source.exists() or source.stat().st_size == 0:
        return None
    with engine.connect() as connection:
        if not connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 1").first():
            return None
    where = backup_folder(engine)
    if where.warning:
        log.warning("%s", where.warning)
    name = f"{source.stem}-before-upgrade-from-{revision or 'unversioned'}-{_utc_stamp()}.sqlite"
    return copy_database(engine, where.path / name, kind="before-upgrade")


# --- automatic copies and their rotation ---------------------------------------------------------------------------


def daily_name(database: Path, day: dt.date) -> str:
    return f"{database.stem}-daily-{day.isoformat()}.sqlite"


def automatic(
    db: Database, folder: str | os.PathLike[str] | None = None, today: dt.date | None = None
) -> AutomaticBackup:
    """Today's automatic copy, unless there is one already; then rotation. Call it on the first start of a day
    (the window does, on its worker, right after opening) - calling it again the same day does nothing."""
    source = sqlite_path(str(db.engine.url))
    day = today or dt.date.today()
    if source is None:
        return AutomaticBackup(
            None, Path(), _("automatic backups are for SQLite files; back up the server with pg_dump")
        )
    where = backup_folder(db.engine, folder)
    target = where.path / daily_name(source, day)
    if target.exists():
        return AutomaticBackup(None, where.path, where.warning)
    warning = where.warning
    try:
        copy_database(db.engine, target, kind="daily")
    except OSError as problem:
        fallback = private_folder(default_folder())
        if where.path == fallback:
            raise
        warning = _("backup: cannot write to {path} ({problem}); this copy went to {fallback}").format(
            path=where.path, problem=problem.strerror or problem, fallback=fallback
        )
        where = Folder(fallback, warning)
        target = fallback / daily_name(source, day)
        if target.exists():
            return AutomaticBackup(None, fallback, warning)
        copy_database(db.engine, target, kind="daily")
    remember(where.path, target.name)
    removed = rotate(where.path, source.stem)
    log.info("automatic backup %s (rotation removed %d)", target, len(removed))
    return AutomaticBackup(target, where.path, warning, tuple(removed))


def kept_days(days: Iterable[dt.date]) -> set[dt.date]:
    """Which daily copies rotation keeps: the newest of each of the last 7 days, 5 ISO weeks and 12 months."""
    kept: set[dt.date] = set()
    ordered = sorted(set(days), reverse=True)
    for limit, bucket in (
        (KEEP_DAILY, lambda day: day),
        (KEEP_WEEKLY, lambda day: day.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda day: (day.year, day.month)),
    ):
        seen: set[object] = set()
        for day in ordered:
            key = bucket(day)
            if key in seen:
                continue
            if len(seen) == limit:
                break
            seen.add(key)
            kept.add(day)
    return kept


def _manifest(folder: Path) -> list[str]:
    try:
        names = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("automatic", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [name for name in names if isinstance(name, str)]


def _write_manifest(folder: Path, names: list[str]) -> None:
    path = folder / MANIFEST
    temporary = folder / f".{MANIFEST}.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    create_private_file(temporary)
    note = "Automatic copies made by Pantry Desk; only these are ever deleted by its rotation."
    temporary.write_text(json.dumps({"note": note, "automatic": sorted(set(names))}, indent=1), encoding="utf-8")
    temporary.replace(path)


def remember(folder: Path, name: str) -> None:
    """List `name` in the folder's manifest as an automatic copy we made (so rotation may delete it)."""
    _write_manifest(folder, [*_manifest(folder), name])


def rotate(folder: Path, stem: str) -> list[Path]:
    """Delete the automatic copies of database `stem` in `folder` that rotation no longer keeps. Returns them."""
    made = _manifest(folder)
    ours: dict[dt.date, str] = {}
    for name in made:
        match = _DAILY.match(name)
        if match and match["stem"] == stem and (folder / name).is_file():
            ours[dt.date.fromisoformat(match["day"])] = name
    keep = kept_days(ours)
    removed = [folder / name for day, name in ours.items() if day not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    gone = {path.name for path in removed}
    remaining = [name for name in made if name not in gone and (folder / name).exists()]
    if remaining != made:
        _write_manifest(folder, remaining)
    return sorted(removed)


# --- reading a copy ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """What a copy says about itself (read without opening it through the app)."""

    path: Path
    revision: str | None
    tables: frozenset[str]
    stamps: dict[str, str]

    @property
    def taken_at(self) -> str:
        stamp = self.stamps.get("backup.taken_at")
        if stamp:
            moment = dt.datetime.fromisoformat(stamp)
        else:
            moment = dt.datetime.fromtimestamp(self.path.stat().st_mtime, dt.UTC)
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def describe(path: Path, passphrase: str | None = None) -> BackupInfo:
    """Read a copy's revision, tables and stamps (an encrypted copy with its passphrase); raises the driver's
    DatabaseError for a file that is not SQLite (or not with that passphrase)."""
    with contextlib.closing(connect_file(path, passphrase, read_only=True)) as connection:
        tables = frozenset(row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
        stamps: dict[str, str] = {}
        if "setting" in tables:
            rows = connection.execute("SELECT key, value FROM setting WHERE key LIKE 'backup.%'").fetchall()
            stamps = {str(key): str(value) for key, value in rows}
    return BackupInfo(path, revision, tables, stamps)
