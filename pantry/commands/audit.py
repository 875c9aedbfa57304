"""`pantry audit [--from DATE] [--to DATE] [--user NAME] [--format table|csv]`: who changed what, and when.

Columns: at (local time), user, action, what, before, after (the changed fields as JSON); CSV cells that look like
formulas are neutralised. Reading the trail is an admin's (it holds households' details as they were). The global
`pantry --user NAME audit` says who asks; `pantry audit --user NAME` (after the command word) filters by user.
"""

from __future__ import annotations

import argparse

from pantry.commands._common import iso_date
from pantry.i18n import _

NAME = "audit"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="the audit trail: who changed what, when (admins)")
    parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help="from this day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help="to this day, inclusive")
    parser.add_argument("--user", dest="by_user", metavar="NAME", help="only what this user did")
    parser.add_argument("--format", choices=("table", "csv"), default="table")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.audit import entries
    from pantry.commands._common import user_id, write_rows
    from pantry.documents.tabular import Column
    from pantry.errors import UserError

    if args.start and args.end and args.end < args.start:
        raise UserError(_("--to: {end} is before --from {start}").format(end=args.end, start=args.start))
    with database.session() as session:
        rows = entries(session, args.start, args.end, args.by_user, user_id=user_id(session, args))
    columns = [
        Column("at", "text", lambda row: row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")),
        Column("user", "text", lambda row: row.user),
        Column("action", "text", lambda row: row.action),
        Column("what", "text", lambda row: row.what),
        Column("before", "text", lambda row: row.before),
        Column("after", "text", lambda row: row.after),
    ]
    write_rows(columns, rows, args.format, "Nothing recorded in that time.")
    return 0
