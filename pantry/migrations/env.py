"""Alembic environment: runs on the connection that pantry.db.migrate hands over (or a URL for the alembic CLI)."""

from alembic import context
from sqlalchemy import create_engine

from pantry.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = config.get_main_option("sqlalchemy.url")
        assert url, "give sqlalchemy.url or a connection"
        with create_engine(url).begin() as own_connection:
            _run(own_connection)
    else:
        _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # Our own column types are written as pantry.migrations.types.<Name>(): frozen copies, not today's models.
        user_module_prefix="pantry.migrations.types.",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
