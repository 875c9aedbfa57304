"""`pantry transfer LOT --to LOCATION [--qty N] [--location FROM]`"""

from __future__ import annotations

import argparse

from pantry.commands._common import user_id, warn

NAME = "transfer"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="move a lot (all or part) to another location")
    parser.add_argument("lot", metavar="LOT")
    parser.add_argument("--to", required=True, metavar="LOCATION")
    parser.add_argument("--qty", type=int, metavar="N", help="how much to move (default: all of it)")
    parser.add_argument("--location", metavar="NAME", help="where it is now, when it lies in more than one place")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import stockcare

    with database.session() as session:
        done = stockcare.transfer(
            session, args.lot, args.to, user_id(session, args), quantity=args.qty, from_location=args.location
        )
    print(done.message)
    warn(done.warnings)
    return 0
