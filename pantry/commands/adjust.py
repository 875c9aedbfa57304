"""`pantry adjust LOT --qty N --reason REASON [--note TEXT] [--location NAME]`"""

from __future__ import annotations

import argparse

from pantry.commands._common import signed_int, user_id, warn

NAME = "adjust"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="change a lot's quantity with a reason (negative removes)")
    parser.add_argument("lot", metavar="LOT")
    parser.add_argument("--qty", type=signed_int, required=True, metavar="N", help="signed: -3 removes three")
    parser.add_argument("--reason", required=True, help="spoiled, expired, damaged, recalled, pest, recount, ...")
    parser.add_argument("--note", default="", metavar="TEXT")
    parser.add_argument("--location", metavar="NAME", help="needed when the lot lies in more than one place")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import stockcare

    with database.session() as session:
        done = stockcare.adjust(
            session, args.lot, args.qty, args.reason, user_id(session, args), note=args.note, location=args.location
        )
    print(done.message)
    warn(done.warnings)
    return 0
