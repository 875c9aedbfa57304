"""`pantry undo`: reverse your last stock operation (a reversing entry, never a deletion)."""

from __future__ import annotations

import argparse

from pantry.commands._common import user_id

NAME = "undo"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    commands.add_parser(NAME, help="reverse your last stock operation, if nothing has touched its lots since")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import history

    with database.session() as session:
        done = history.undo_last(session, user_id(session, args))
    print(done.message)
    return 0
