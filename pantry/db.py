"""Opening a database: where it is, the engine with its SQLite pragmas, migrations on open, sessions."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

APP_NAME = "pantry-desk"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

if TYPE_CHECKING:
    from alembic.config import Config


def data_dir() -> Path:
    """The user's data folder for Pantry Desk (created on demand)."""
    path = Path(os.environ.get("PANTRY_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
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
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _set_sqlite_pragmas)
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
    """Copy a SQLite file that is behind before migrating it, so a failed upgrade loses nothing."""
    path = sqlite_path(str(engine.url))
    if path is None or not path.exists() or not inspect(engine).get_table_names():
        return None
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-{revision or 'unversioned'}-{stamp}{path.suffix}")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(path, target)
    return target


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


@dataclass
class Database:
    """An open, migrated database and its session factory."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends normally, rolled back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(location: str | os.PathLike[str] | None = None, *, org_name: str | None = None) -> Database:
    """Open (creating or upgrading as needed) the database and make sure it has its defaults."""
    from pantry.services import setup

    url = database_url(location)
    engine = make_engine(url)
    migrate(engine)
    database = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    with database.session() as session:
        setup.ensure_defaults(session, org_name=org_name)
    return database
