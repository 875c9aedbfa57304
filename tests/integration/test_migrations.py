import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from pantry.db import current_revision, head_revision, make_engine, open_database
from pantry.models import Base
from pantry.services.backup import default_folder


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
    (copy,) = default_folder().glob("pantry-before-upgrade-from-unversioned-*.sqlite")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT note FROM keepsake").fetchall() == [("before the upgrade",)]
    # opening again at head makes no further copy
    open_database(db_path).dispose()
    assert len(list(default_folder().glob("pantry-before-upgrade-*.sqlite"))) == 1


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
    (copy,) = default_folder().glob("pantry-before-upgrade-from-0001-*.sqlite")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]


def test_a_stocked_database_from_the_first_revision_upgrades_with_its_ledger(db_path) -> None:
    """Later revisions rebuild tables that the ledger refers to; stock and history must come through whole."""
    from alembic import command
    from sqlalchemy import create_engine

    from pantry.db import alembic_config
    from pantry.services import stock
    from pantry.services.verify import verify

    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        for statement in (
            "INSERT INTO app_user (id, name, role, active, created_at) VALUES (1, 'admin', 'admin', 1, '2026-01-01')",
            "INSERT INTO category (id, name, name_key, created_at) VALUES (1, 'Canned', 'canned', '2026-01-01')",
            "INSERT INTO item (id, sku, name, name_key, category_id, unit, unit_weight_g, unit_value_cents, storage,"
            " date_kind, tags, active, created_at) VALUES (1, 'BB15', 'Beans', 'beans', 1, 'each', 480, 129, 'dry',"
            " 'best_by', '', 1, '2026-01-01')",
            "INSERT INTO location (id, name, name_key, storage, active, created_at)"
            " VALUES (1, 'Main', 'main', 'dry', 1, '2026-01-01')",
            "INSERT INTO donor (id, name, name_key, kind, contact, email, phone, address, created_at)"
            " VALUES (1, 'Anonymous', 'anonymous', 'anonymous', '', '', '', '', '2026-01-01')",
            "INSERT INTO donation (id, donor_id, received_on, note, created_at) VALUES (1, 1, '2026-01-02', '',"
            " '2026-01-02')",
            "INSERT INTO lot (id, code, item_id, donation_id, quantity, grams, value_cents, unit_value_cents,"
            " unit_weight_g, expires_on, received_on, created_at) VALUES (1, 'L00001Q', 1, 1, 10, 4800, 1290, 129,"
            " 480, '2027-06-30', '2026-01-02', '2026-01-02')",
            "INSERT INTO movement (id, lot_id, item_id, location_id, quantity, grams, value_cents, kind,"
            " business_date, created_at, user_id) VALUES (1, 1, 1, 1, 10, 4800, 1290, 'intake', '2026-01-02',"
            " '2026-01-02', 1)",
            "INSERT INTO movement (id, lot_id, item_id, location_id, quantity, grams, value_cents, kind,"
            " business_date, created_at, user_id) VALUES (2, 1, 1, 1, -4, -1920, -516, 'distribution', '2026-02-01',"
            " '2026-02-01', 1)",
            "INSERT INTO balance (lot_id, location_id, item_id, quantity, grams, value_cents, expires_on)"
            " VALUES (1, 1, 1, 6, 2880, 774, '2027-06-30')",
        ):
            connection.exec_driver_sql(statement)
    engine.dispose()
    database = open_database(db_path)
    try:
        assert current_revision(database.engine) == head_revision()
        with database.session() as session:
            report = verify(session)
            assert report.ok, report.problems
            (row,) = stock.stock_by_item(session)
            assert (row.sku, row.quantity, row.grams, row.value_cents) == ("BB15", 6, 2880, 774)
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        database.dispose()
