"""A database of its own on the PostgreSQL test server, for tests that must not see each other's rows."""

from __future__ import annotations

from sqlalchemy import create_engine, make_url, text


def fresh_postgres_database(postgres_url: str, name: str) -> str:
    """The URL of an empty database `name` of its own on the test server (dropped first if a run left one)."""
    server = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    server.dispose()
    return make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
