import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from pantry.db import current_revision, head_revision, make_engine, open_database
from pantry.models import Base


def test_the_recorded_head_is_the_newest_script() -> None:
    from pantry.migrations import HEAD

    assert head_revision() == HEAD


def test_migrations_from_empty_build_exactly_the_models(db_path) -> None:
    database = open_database(db_path)
    try:
        assert current_revision(database.engine) == head_revision()
        with database.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
    finally:
        database.dispose()


def test_a_database_that_is_behind_is_copied_before_it_is_migrated(db_path) -> None:
    with sqlite3.connect(db_path) as raw:
        raw.execute("CREATE TABLE keepsake (note TEXT)")
        raw.execute("INSERT INTO keepsake VALUES ('before the upgrade')")
    database = open_database(db_path)
    database.dispose()
    (copy,) = db_path.parent.glob("pantry.before-*.sqlite")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT note FROM keepsake").fetchall() == [("before the upgrade",)]
    # opening again at head makes no further copy
    open_database(db_path).dispose()
    assert len(list(db_path.parent.glob("pantry.before-*.sqlite"))) == 1


def test_every_connection_gets_the_pragmas(db_path) -> None:
    open_database(db_path).dispose()
    engine = make_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    engine.dispose()


def test_a_new_database_has_an_admin_main_and_anonymous(db_path) -> None:
    from pantry.services import catalog, users

    database = open_database(db_path, org_name="Eastside Pantry")
    try:
        with database.session() as session:
            assert users.acting_user(session).role == "admin"
            assert [row.name for row in catalog.locations(session)] == ["Main"]
            assert [row.name for row in catalog.donors(session)] == ["Anonymous"]
    finally:
        database.dispose()


def test_an_older_revision_with_data_is_upgraded_after_a_copy(db_path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from pantry.db import alembic_config

    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "INSERT INTO app_user (id, name, role, active, created_at) VALUES (1, 'ada', 'admin', 1, '2026-01-01')"
        )
    engine.dispose()
    database = open_database(db_path)
    try:
        assert current_revision(database.engine) == head_revision()
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT name FROM app_user").scalars().all() == ["ada"]
    finally:
        database.dispose()
    (copy,) = db_path.parent.glob("pantry.before-0001-*.sqlite")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
