"""`pantry expiring [--within DAYS] [--format table|csv]`"""

from __future__ import annotations

import argparse

from pantry.commands._common import write_rows
from pantry.i18n import _

NAME = "expiring"
DATABASE = "required"


def _columns():  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column

    return [
        Column("lot", "text", lambda row: row.lot),
        Column("sku", "text", lambda row: row.sku),
        Column("item", "text", lambda row: row.item),
        Column("location", "text", lambda row: row.location),
        Column("expires", "date", lambda row: row.expires),
        Column("date_kind", "text", lambda row: row.date_kind),
        Column("quantity", "decimal", lambda row: row.quantity),
        Column("days_left", "int", lambda row: row.days_left),
    ]


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="lots whose date falls within N days (past ones included)")
    parser.add_argument("--within", type=int, default=7, metavar="DAYS", help="default 7")
    parser.add_argument("--format", choices=("table", "csv"), default="table")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.errors import UserError
    from pantry.services import expiry

    if args.within < 0:
        raise UserError(_("within: give a number of days, 0 or more"))
    with database.session() as session:
        rows = expiry.expiring(session, args.within)
    write_rows(_columns(), rows, args.format, f"Nothing expires within {args.within} days.")
    return 0
