"""`pantry release LOT`: take a lot out of quarantine."""

from __future__ import annotations

import argparse

from pantry.commands._common import user_id

NAME = "release"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="take a quarantined lot back into stock")
    parser.add_argument("lot", metavar="LOT")
    parser.add_argument("--note", default="", metavar="TEXT")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import stockcare

    with database.session() as session:
        done = stockcare.release(session, args.lot, user_id(session, args), args.note)
    print(done.message)
    return 0
