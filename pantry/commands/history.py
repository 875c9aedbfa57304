"""`pantry history LOT`: every movement of a lot with who, when and why."""

from __future__ import annotations

import argparse
import sys

NAME = "history"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="a lot's history: every movement with who, when and why")
    parser.add_argument("lot", metavar="LOT")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column, to_table
    from pantry.services.history import lot_history

    with database.session() as session:
        found = lot_history(session, args.lot)
    state = " (QUARANTINED)" if found.quarantined else ""
    print(
        f"Lot {found.lot}{state}: {found.item} ({found.sku}), received {found.received_on}, "
        f"{found.date_kind.replace('_', ' ')} {found.expires or '-'}"
    )
    print("On hand: " + (", ".join(f"{quantity} at {place}" for place, quantity in found.on_hand) or "nothing"))
    columns = [
        Column("when (UTC)", "text", lambda line: line.at.strftime("%Y-%m-%d %H:%M")),
        Column("date", "date", lambda line: line.business_date),
        Column("what", "text", lambda line: line.what),
        Column("location", "text", lambda line: line.location),
        Column("quantity", "decimal", lambda line: line.quantity),
        Column("reason", "text", lambda line: line.reason),
        Column("note", "text", lambda line: line.note),
        Column("who", "text", lambda line: line.user),
    ]
    sys.stdout.write(to_table(columns, found.lines))
    return 0
