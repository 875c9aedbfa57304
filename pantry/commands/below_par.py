"""`pantry below-par [--format table|csv]`"""

from __future__ import annotations

import argparse

from pantry.commands._common import write_rows

NAME = "below-par"
DATABASE = "required"


def _columns():  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column
    from pantry.measures import format_quantity

    return [
        Column("sku", "text", lambda row: row.sku),
        Column("item", "text", lambda row: row.item),
        Column("par_level", "decimal", lambda row: format_quantity(row.par_level, row.unit)),
        Column("quantity", "decimal", lambda row: format_quantity(row.quantity, row.unit)),
        Column("short_by", "decimal", lambda row: format_quantity(row.short_by, row.unit)),
    ]


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="items with less on hand than their par level")
    parser.add_argument("--format", choices=("table", "csv"), default="table")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import expiry

    with database.session() as session:
        rows = expiry.below_par(session)
    write_rows(_columns(), rows, args.format, "Nothing is below par.")
    return 0
