"""Opening a database: where it is, the engine with its SQLite pragmas, migrations on open, sessions."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from pantry.errors import UserError
from pantry.i18n import N_, _

APP_NAME = "pantry-desk"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

if TYPE_CHECKING:
    from alembic.config import Config


def data_dir() -> Path:
    """The user's data folder for Pantry Desk (created on demand)."""
    path = Path(os.environ.get("PANTRY_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False))
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)  # households' details live here: the owner's only
    return path


def default_database() -> Path:
    """The pantry's own database: what `pantry` and `pantry-desk` open when given nothing. Never sample data."""
    return data_dir() / "pantry.sqlite"


def sample_database() -> Path:
    """The sample pantry, kept apart so that a newcomer's exploring never touches real data."""
    return data_dir() / "sample-pantry.sqlite"


def database_url(location: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from a path or URL, else `PANTRY_DB`, else the default database file."""
    text = str(location) if location else os.environ.get("PANTRY_DB", "")
    if not text:
        text = str(default_database())
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL (also a `file:...?mode=ro&uri=true` one), or None for other databases and
    in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    if parsed.query.get("uri") == "true" and parsed.database.startswith("file:"):
        return Path(unquote(parsed.database.removeprefix("file:")))
    return Path(parsed.database)


def _read_only_uri(path: Path) -> str:
    """SQLite's URI for reading `path` only. In a folder we cannot write, a WAL database whose -shm file is missing
    can only be read as immutable (nobody else can change it there either)."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not os.access(path.parent, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return uri


PASSPHRASE_ENV = "PANTRY_PASSPHRASE"
_SQLITE_HEADER = b"SQLite format 3\x00"


def looks_encrypted(path: Path) -> bool:
    """A file in whole pages that does not start with SQLite's header: an encrypted (SQLCipher) database - or junk
    that happens to be page-sized, which the passphrase check then reports."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(len(_SQLITE_HEADER))
    except OSError:
        return False
    return size >= 1024 and size % 1024 == 0 and head != _SQLITE_HEADER


def encrypted_url(path: Path, passphrase: str) -> str:
    """SQLAlchemy's pysqlcipher URL for `path` keyed with `passphrase` (SQLCipher derives the key: PBKDF2)."""
    return f"sqlite+pysqlcipher://:{quote(passphrase, safe='')}@/{path.resolve()}"


def passphrase_of(url: object) -> str | None:
    """The passphrase in a pysqlcipher URL (or engine URL), else None."""
    parsed = make_url(str(url)) if not hasattr(url, "drivername") else url
    if getattr(parsed, "drivername", "") != "sqlite+pysqlcipher":
        return None
    return getattr(parsed, "password", None) or ""


def sqlcipher() -> Any:
    """The SQLCipher DB-API module (sqlcipher3-binary), or a UserError when it is not installed."""
    try:
        import sqlcipher3  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        raise UserError(_("encryption: the sqlcipher3-binary package is not installed")) from None
    return sqlcipher3


def database_errors() -> tuple[type[Exception], ...]:
    """DB-API errors of both drivers a file may be read with (sqlite3, and SQLCipher when installed)."""
    try:
        import sqlcipher3  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, sqlcipher3.DatabaseError)


def connect_file(
    path: Path, passphrase: str | None = None, *, read_only: bool = False, timeout: float | None = None
) -> Any:
    """A DB-API connection straight to a SQLite file: sqlite3, or SQLCipher keyed with `passphrase`."""
    target = _read_only_uri(path) if read_only else str(path)
    wait = LOCK_WAIT_SECONDS if timeout is None else timeout
    if passphrase is None:
        return sqlite3.connect(target, uri=read_only, timeout=wait)
    connection = sqlcipher().connect(target, uri=read_only, timeout=wait)
    with suppress(Exception):  # a wrong key is our message, not SQLCipher's log line (older builds lack the setting)
        connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = '{passphrase.replace(chr(39), chr(39) * 2)}'")
    return connection


def read_only_url(path: Path) -> str:
    """A SQLite URL that opens `path` read-only: every write is refused by SQLite itself."""
    return f"sqlite:///{_read_only_uri(path)}&uri=true"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling begins a *deferred* transaction before the first INSERT/UPDATE/DELETE only:
    # a transaction that reads first holds a WAL snapshot, and upgrading it to a writer after another desk committed
    # fails at once with SQLITE_BUSY_SNAPSHOT ("database is locked"), which no busy timeout can wait out. So pysqlite
    # is told to stay out of it (SQLAlchemy's documented recipe) and `_begin_lazily` starts each transaction itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


SQLITE_BUSY_TIMEOUT_MS = 10000  # a second desk's write waits this long for the first one's, instead of failing
READ_ONLY_OPTION = "pantry_read_only"  # execution option: begin a deferred (snapshot) transaction that takes no lock
_PENDING_BEGIN = "pantry_begin_pending"
_HOLDS_LOCK = "pantry_holds_write_lock"
_held = threading.local()  # per thread: database URL -> how many of this thread's connections hold its write lock


def _write_locks_held() -> dict[str, int]:
    if not hasattr(_held, "by_url"):
        _held.by_url = {}
    return _held.by_url  # type: ignore[no-any-return]


def _mark_begin(connection: Connection) -> None:
    """SQLAlchemy begins a transaction: remember to send BEGIN before its first statement (see `_begin_lazily`)."""
    connection.info[_PENDING_BEGIN] = True


def _begin_lazily(
    connection: Connection, cursor: Any, statement: str, _parameters: Any, _context: Any, _executemany: bool
) -> None:
    """Send the pending BEGIN just before the transaction's first statement that is not a PRAGMA.

    BEGIN IMMEDIATE takes the write lock at the start, waiting up to the busy timeout while another desk writes, so a
    transaction never has to upgrade a read snapshot and two desks' read-then-write work is serialised whole.
    PRAGMAs sent before it stay outside the transaction, where settings such as `foreign_keys` take effect (a
    migration turns them off around table rebuilds).

    A deferred transaction (one consistent snapshot, no lock) instead: on a connection opened read-only (`mode=ro`);
    with the execution option `pantry_read_only=True` (a long report that must not hold other desks' writes back);
    and when this thread already holds the write lock through another connection (a read nested in a write), which
    would otherwise wait for itself until the busy timeout.
    """
    if not connection.info.get(_PENDING_BEGIN) or statement.lstrip()[:6].upper() == "PRAGMA":
        return
    connection.info[_PENDING_BEGIN] = False
    url = connection.engine.url
    key = str(url.database)
    held = _write_locks_held()
    deferred = (
        connection.get_execution_options().get(READ_ONLY_OPTION) or url.query.get("mode") == "ro" or held.get(key, 0)
    )
    cursor.execute("BEGIN" if deferred else "BEGIN IMMEDIATE")
    if not deferred:
        held[key] = held.get(key, 0) + 1
        connection.info[_HOLDS_LOCK] = key


def _clear_begin(connection: Connection) -> None:
    connection.info[_PENDING_BEGIN] = False
    key = connection.info.pop(_HOLDS_LOCK, None)
    if key is not None:
        held = _write_locks_held()
        held[key] = max(0, held.get(key, 0) - 1)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _mark_begin)
        event.listen(engine, "before_cursor_execute", _begin_lazily)
        event.listen(engine, "commit", _clear_begin)
        event.listen(engine, "rollback", _clear_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest revision among the migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's revision, or None for a new (or pre-Alembic) database."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):
            return None


def _backup_before_migration(engine: Engine, revision: str | None) -> Path | None:
    """Copy a SQLite file that is behind before migrating it (to the backup folder), so a failed upgrade loses
    nothing."""
    from pantry.services.backup import before_migration

    return before_migration(engine, revision)


def migrate(engine: Engine) -> Path | None:
    """Bring the schema to the newest revision; returns the backup made first, if any."""
    from pantry.migrations import HEAD

    revision = current_revision(engine)
    if revision == HEAD:
        return None
    from alembic import command

    backup = _backup_before_migration(engine, revision)
    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            # A batch migration rebuilds a table (copy, drop, rename); SQLite would refuse to drop a table that others
            # refer to. Foreign keys are checked once at the end instead, before the upgrade commits.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the upgrade left {len(broken)} rows pointing at nothing: {broken[:5]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()
    return backup


def known_revisions() -> set[str]:
    """Every revision among this app's migration scripts."""
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


# --- opening problems ----------------------------------------------------------------------------------------------

LOCK_WAIT_SECONDS = 5.0  # how long opening waits for another program's lock on the file before saying so


class DatabaseProblem(UserError):
    """The database cannot be opened (or written), said for the person at the desk, with what to do next.

    `kind` is "damaged", "newer", "locked", "read_only" or "no_access"; `read_only_possible` says whether opening
    the file read-only (`open_database(..., read_only=True)`) would work.
    """

    def __init__(self, kind: str, message: str, *, path: Path | None = None, read_only_possible: bool = False):
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.read_only_possible = read_only_possible


_RESTORE_HINT = N_("Restore it from a backup (`pantry restore FILE`, or Restore from a backup... in the window)")


def _damaged(path: Path, reason: str) -> DatabaseProblem:
    return DatabaseProblem(
        "damaged",
        _(
            "database: cannot open {path}: {reason}\nThe file is damaged or is not a Pantry Desk database; "
            "nothing was changed. {restore_hint}, or open the right file with --db."
        ).format(path=path, reason=reason, restore_hint=_(_RESTORE_HINT)),
        path=path,
    )


def _locked(path: Path) -> DatabaseProblem:
    return DatabaseProblem(
        "locked",
        _(
            "database: {path} is locked by another program (another Pantry Desk, or a tool that has the file "
            "open)\nClose the other program and start again; nothing was changed."
        ).format(path=path),
        path=path,
    )


def _read_only(path: Path, why: str) -> DatabaseProblem:
    return DatabaseProblem(
        "read_only",
        _(
            "database: cannot write to {path}: {why}\nMake the file and its folder writable (or copy the file "
            "to your own folder and open the copy), or open it read-only to look without changing anything."
        ).format(path=path, why=why),
        path=path,
        read_only_possible=True,
    )


def _classify(path: Path, error: BaseException) -> DatabaseProblem | None:
    """The opening problem behind a SQLite error, or None when it is none of ours."""
    reason = str(error)
    words = reason.lower()
    if "locked" in words or "busy" in words:
        return _locked(path)
    if "not a database" in words or "malformed" in words or "corrupt" in words:
        return _damaged(path, reason)
    if "readonly" in words or "read-only" in words or "unable to open" in words:
        return _read_only(path, _("{reason} (the file or its folder is read-only)").format(reason=reason))
    return None


def _writable(path: Path) -> bool:
    """Writable for us, and not marked read-only by its owner (which root would otherwise ignore)."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def check_sqlite_file(path: Path, *, read_only: bool = False, passphrase: str | None = None) -> None:
    """Refuse, with a DatabaseProblem, a file that cannot be opened as asked - before anything touches it."""
    if not path.exists():
        folder = next(parent for parent in path.parents if parent.exists())
        if not read_only and not _writable(folder):
            raise DatabaseProblem(
                "read_only",
                _(
                    "database: cannot create {path}: the folder {folder} is read-only\nChoose a folder you can write "
                    "to (--db), or make this one writable."
                ).format(path=path, folder=folder),
                path=path,
            )
        return
    if path.is_dir():
        raise _damaged(path, _("that is a folder, not a database file"))
    if not os.access(path, os.R_OK):
        raise DatabaseProblem(
            "no_access",
            _(
                "database: you may not read {path}\nAsk whoever looks after this computer to give you access to it."
            ).format(path=path),
            path=path,
        )
    if not read_only:  # first, before reading creates SQLite's side files in the folder
        if not _writable(path):
            raise _read_only(path, _("the file is read-only"))
        side_files = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
        if not _writable(path.parent) and not all(side.exists() and _writable(side) for side in side_files):
            raise _read_only(path, _("its folder {folder} is read-only").format(folder=path.parent))
    if passphrase is None and looks_encrypted(path):
        raise DatabaseProblem(
            "encrypted",
            _(
                "database: {path} is encrypted (or damaged)\nGive its passphrase: the window asks for it; the "
                "pantry command reads {variable} or asks."
            ).format(path=path, variable=PASSPHRASE_ENV),
            path=path,
        )
    try:
        with closing(connect_file(path, passphrase, read_only=True)) as raw:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except database_errors() as problem:
        if passphrase is not None and "not a database" in str(problem):
            raise DatabaseProblem(
                "passphrase",
                _(
                    "database: cannot open {path}: the passphrase is wrong (or the file is damaged)\nTry the "
                    "passphrase again; if it is lost, restore an unencrypted backup."
                ).format(path=path),
                path=path,
            ) from None
        raise (_classify(path, problem) or _damaged(path, str(problem))) from None


def _create_private_file(path: Path) -> None:
    """A new, empty database file (SQLite's -wal and -shm files take its mode): readable by the owner only."""
    if not path.parent.is_dir():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)
    path.chmod(0o600)


def _refuse_writes(context: Any) -> None:
    """handle_error on a read-only engine: a write is a message, not a crash."""
    if "readonly" in str(context.original_exception).lower():
        raise DatabaseProblem(
            "read_only",
            _(
                "This pantry is open read-only: nothing can be saved.\nQuit and open it normally once the file "
                "can be written, or restore a backup."
            ),
        )


@dataclass
class Database:
    """An open, migrated database and its session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    read_only: bool = False

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends normally, rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    location: str | os.PathLike[str] | None = None,
    *,
    org_name: str | None = None,
    read_only: bool = False,
    passphrase: str | None = None,
) -> Database:
    """Open (creating or upgrading as needed) the database and make sure it has its defaults.

    A file that cannot be used - damaged, newer than this app, locked by another program, read-only - raises a
    `DatabaseProblem` that says what happened and what to do. `read_only` opens an existing SQLite file with SQLite's
    `mode=ro`: no migration, no defaults, and any write is refused with a DatabaseProblem.

    An encrypted (SQLCipher) file needs its `passphrase` (else $PANTRY_PASSPHRASE; a DatabaseProblem of kind
    "encrypted" says it is missing, "passphrase" that it is wrong); a new file given a passphrase is made encrypted.
    """
    url = database_url(location)
    path = sqlite_path(url)
    if path is not None and passphrase_of(url) is None:
        passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
        if passphrase is not None and path.exists() and not looks_encrypted(path):
            passphrase = None  # a plain file stays plain (`pantry encrypt` converts it)
        if passphrase is not None and read_only:
            raise UserError(_("database: an encrypted database cannot be opened read-only here"))
        check_sqlite_file(path, read_only=read_only, passphrase=passphrase)
        if passphrase is not None:
            url = encrypted_url(path, passphrase)
    elif path is not None:
        check_sqlite_file(path, read_only=read_only, passphrase=passphrase_of(url))
    if path is not None:
        if read_only:
            if not path.exists():
                raise UserError(_("database: there is no database at {path}").format(path=path))
            url = read_only_url(path)
        else:
            _create_private_file(path)
    elif read_only:
        raise UserError(_("database: only a SQLite file can be opened read-only"))
    engine = make_engine(url)
    try:
        return _prepare(url, engine, path, org_name=org_name, read_only=read_only)
    except BaseException as problem:
        engine.dispose()
        if path is not None and isinstance(problem, exc.DBAPIError):
            classified = _classify(path, problem.orig)
            if classified is not None:
                raise classified from None
        raise


def _prepare(url: str, engine: Engine, path: Path | None, *, org_name: str | None, read_only: bool) -> Database:
    from pantry import __version__
    from pantry.migrations import HEAD
    from pantry.services import setup

    revision = current_revision(engine)
    if revision not in (None, HEAD) and revision not in known_revisions():
        raise DatabaseProblem(
            "newer",
            _(
                "database: {database} was last used by a newer Pantry Desk (its schema is at revision {revision}; "
                "this Pantry Desk, {version}, knows revisions up to {head})\nNothing was changed. Install the "
                "newer Pantry Desk on this computer, or restore a backup made by this version."
            ).format(database=path or url, revision=revision, version=__version__, head=HEAD),
            path=path,
        )
    if read_only:
        if revision != HEAD:
            raise DatabaseProblem(
                "read_only",
                _(
                    "database: {path} was made by an older Pantry Desk and needs an upgrade, which cannot be done "
                    "read-only\nMake the file writable (or copy it to your own folder) and open it normally."
                ).format(path=path),
                path=path,
            )
        event.listen(engine, "handle_error", _refuse_writes)
        return Database(url, engine, sessionmaker(engine, expire_on_commit=False), read_only=True)
    migrate(engine)
    database = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    with database.session() as session:
        setup.ensure_defaults(session, org_name=org_name)  # also records the app version (setting app_version)
    return database
