"""`pantry recall --item SKU [--lot TEXT] [--received-from DATE --received-to DATE] [--quarantine]`"""

from __future__ import annotations

import argparse
import sys

from pantry.commands._common import iso_date, user_id

NAME = "recall"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="lots a recall names, the pickups that received them; --quarantine")
    parser.add_argument("--item", required=True, metavar="SKU")
    parser.add_argument("--lot", metavar="TEXT", help="our lot code or the supplier's lot")
    parser.add_argument("--received-from", type=iso_date, metavar="DATE")
    parser.add_argument("--received-to", type=iso_date, metavar="DATE")
    parser.add_argument("--quarantine", action="store_true", help="put the lots on hand on hold")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column, to_table
    from pantry.services import stockcare

    with database.session() as session:
        result = stockcare.recall(
            session,
            args.item,
            user_id(session, args),
            lot_text=args.lot,
            received_from=args.received_from,
            received_to=args.received_to,
            quarantine=args.quarantine,
        )
    lots = [
        Column("lot", "text", lambda row: row.lot),
        Column("item", "text", lambda row: row.item),
        Column("supplier_lot", "text", lambda row: row.supplier_lot or ""),
        Column("received", "date", lambda row: row.received_on),
        Column("expires", "date", lambda row: row.expires),
        Column("location", "text", lambda row: row.location),
        Column("quantity", "decimal", lambda row: row.quantity),
        Column("status", "text", lambda row: "QUARANTINED" if row.quarantined else "in stock"),
    ]
    pickups = [
        Column("order", "text", lambda row: row.order),
        Column("household", "text", lambda row: row.household),
        Column("date", "date", lambda row: row.date),
        Column("lot", "text", lambda row: row.lot),
        Column("quantity", "decimal", lambda row: row.quantity),
    ]
    print("Lots on hand:")
    sys.stdout.write(to_table(lots, result.lots, empty="(none on hand)"))
    print("\nPickups that received them:")
    sys.stdout.write(to_table(pickups, result.pickups, empty="(none)"))
    if args.quarantine:
        print(f"\nQuarantined {result.quarantined} lot(s).")
    return 0
