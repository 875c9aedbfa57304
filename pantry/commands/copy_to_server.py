"""`pantry copy-to-server URL`: copy this pantry (a SQLite file) into a new PostgreSQL database for several desks."""

from __future__ import annotations

import argparse
import sys

from pantry.commands._common import user_id

NAME = "copy-to-server"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        NAME,
        help="copy this pantry into a new PostgreSQL database, so several desks can share it",
        description="Copy every row of this pantry (the SQLite file given by --db, or your pantry) into a new "
        "PostgreSQL database: create it on the server first (createdb), then run this once. The copy keeps every "
        "id, is checked (row counts and the ledger) before it is kept, and the file is not changed. Then start "
        "each desk with PANTRY_DB=URL.",
    )
    parser.add_argument("url", metavar="URL", help="the server's database, postgresql+psycopg://USER:PASSWORD@HOST/DB")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.db import open_database
    from pantry.services.server_copy import copy_to_server

    with database.session() as session:
        acting = user_id(session, args)
    target = open_database(args.url)  # creates the tables by the same migrations when they are not there yet
    try:
        copied = copy_to_server(database, target, acting, progress=lambda table: print(f"  {table}", file=sys.stderr))
    finally:
        target.dispose()
    print(
        f"Copied {copied.rows:,} rows of {copied.tables} tables in {copied.seconds:.1f} s; {'; '.join(copied.checks)}"
    )
    print(f"Start each desk with PANTRY_DB={_without_password(args.url)} (and the password)")
    return 0


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
