"""`pantry count start|sheet|enter|post|cancel|show`: stock counts (stocktakes), partial and safe."""

from __future__ import annotations

import argparse
from pathlib import Path

from pantry.commands._common import user_id
from pantry.i18n import _

NAME = "count"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="count a location: start, print the sheet, enter counts, post")
    steps = parser.add_subparsers(dest="step", required=True, metavar="STEP", parser_class=type(parser))
    start = steps.add_parser("start", help="open a count; prints only its id")
    scope = start.add_mutually_exclusive_group(required=True)
    scope.add_argument("--location", metavar="NAME")
    scope.add_argument("--category", metavar="NAME")
    sheet = steps.add_parser("sheet", help="the count sheet PDF")
    sheet.add_argument("id", type=int, metavar="ID")
    sheet.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    sheet.add_argument("--show-expected", action="store_true", help="print what the books expect (default: setting)")
    enter = steps.add_parser("enter", help="record counts from a CSV file with columns lot,counted[,location]")
    enter.add_argument("id", type=int, metavar="ID")
    enter.add_argument("file", type=Path, metavar="FILE.csv")
    post = steps.add_parser("post", help="correct the books for the counted lots (once)")
    post.add_argument("id", type=int, metavar="ID")
    cancel = steps.add_parser("cancel", help="drop an open count without changing stock")
    cancel.add_argument("id", type=int, metavar="ID")
    show = steps.add_parser("show", help="expected and counted, lot by lot")
    show.add_argument("id", type=int, metavar="ID")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    return int(_STEPS[args.step](args, database))


def _start(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import counts

    with database.session() as session:
        count_id = counts.start(session, user_id(session, args), location=args.location, category=args.category)
    print(count_id)
    return 0


def _sheet(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents import count_sheet
    from pantry.errors import UserError
    from pantry.services import counts
    from pantry.services.counts import SHOW_EXPECTED
    from pantry.services.setup import get_setting

    if args.output.suffix.lower() != ".pdf":
        raise UserError(_("output: the count sheet is a PDF: give a FILE.pdf"))
    with database.session() as session:
        summary = counts.summary(session, args.id)
        org = get_setting(session, "org_name")
        show = args.show_expected or get_setting(session, SHOW_EXPECTED) == "1"
    pages = count_sheet.render(summary, org, args.output, show_expected=show)
    print(f"Count sheet written: {args.output} ({len(summary.rows)} lots, {pages} page(s))")
    return 0


def _enter(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents.csv_in import read_rows
    from pantry.errors import UserError
    from pantry.services import counts

    entries, problems = [], []
    for row in read_rows(args.file, ("lot", "counted", "location"), ("lot", "counted")):
        text = row.get("counted")
        if not text.isdecimal():
            problems.append((row.number, f"row {row.number}: counted: '{text}' is not a whole number, 0 or more"))
        entries.append(
            counts.Entry(
                row.get("lot"), int(text) if text.isdecimal() else 0, row.get("location") or None, f"row {row.number}"
            )
        )
    with database.sessions() as session, session.begin() as transaction:
        try:
            recorded = counts.enter(session, args.id, entries, user_id(session, args))
        except UserError as problem:
            problems += [
                (int(line.split(":")[0].split()[-1]), line) for line in problem.problems if line.startswith("row")
            ]
            if not problems:
                raise
        if problems:
            transaction.rollback()
            lines = [line for _unused, line in sorted(problems)]
            raise UserError(_("{count} problem(s); no count was recorded").format(count=len(lines)), lines)
    print(f"Recorded {recorded} count(s) in count {args.id}.")
    return 0


def _post(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import counts

    with database.session() as session:
        posted = counts.post(session, args.id, user_id(session, args))
    print(posted.message)
    return 0


def _cancel(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import counts

    with database.session() as session:
        counts.cancel(session, args.id)
    print(f"Count {args.id} cancelled; stock unchanged.")
    return 0


def _show(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    import sys

    from pantry.documents.tabular import Column, to_table
    from pantry.measures import format_quantity
    from pantry.services import counts

    with database.session() as session:
        summary = counts.summary(session, args.id)
    print(f"Count {summary.id} ({summary.status}): {summary.scope}, {summary.counted} of {len(summary.rows)} counted")
    columns = [
        Column("lot", "text", lambda row: row.lot),
        Column("item", "text", lambda row: row.item),
        Column("location", "text", lambda row: row.location),
        Column("expected", "decimal", lambda row: format_quantity(row.expected, row.unit)),
        Column("counted", "decimal", lambda row: "" if row.counted is None else format_quantity(row.counted, row.unit)),
        Column("difference", "text", counts.describe_difference, align_right=True),
    ]
    sys.stdout.write(to_table(columns, summary.rows))
    return 0


_STEPS = {"start": _start, "sheet": _sheet, "enter": _enter, "post": _post, "cancel": _cancel, "show": _show}
