"""`pantry letters --from DATE --to DATE [--donor NAME] -o FILE.pdf`: donor acknowledgement letters, one PDF with a
letter per donor (or per donation), and optionally the donors' totals as a CSV for a mail merge."""

from __future__ import annotations

import argparse
from pathlib import Path

from pantry.commands._common import iso_date
from pantry.i18n import _

NAME = "letters"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="donor acknowledgement letters for a period, as one PDF")
    parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help="first business day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help="last business day, inclusive")
    parser.add_argument("--period", metavar="NAME", help="instead of --from/--to: last-quarter, last-year, ...")
    parser.add_argument("--donor", metavar="NAME", help="only this donor (any kind but anonymous)")
    parser.add_argument("--per-donation", action="store_true", help="one letter per donation, not per donor")
    parser.add_argument(
        "--csv", type=Path, metavar="FILE.csv", help="also write the donors and totals for a mail merge"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")


def _write_atomically(target: Path, write) -> object:  # type: ignore[no-untyped-def]
    """Write through a temporary file beside `target`, so that a failure leaves nothing half-written."""
    import os
    import tempfile

    handle, name = tempfile.mkstemp(prefix=".pantry-letters-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        result = write(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return result


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    import sys

    from pantry.commands.report import resolve_period
    from pantry.documents.letters import mail_merge_csv, render_letters
    from pantry.errors import UserError
    from pantry.services.reports import settings
    from pantry.services.reports.letters import acknowledgements

    if args.output.suffix.lower() != ".pdf":
        raise UserError(_("output: letters are a PDF: give a FILE.pdf"))
    for target in (args.output, args.csv):
        if target is not None and not target.parent.exists():
            raise UserError(_("output: the folder {parent} does not exist").format(parent=target.parent))
    period = resolve_period(args)
    with database.session() as session:
        letters = acknowledgements(session, period, donor=args.donor, per_donation=args.per_donation)
        paper = settings.paper(session)
    pages = _write_atomically(args.output, lambda path: render_letters(letters, path, paper=paper))
    if args.csv is not None:
        _write_atomically(args.csv, lambda path: path.write_text(mail_merge_csv(letters), encoding="utf-8", newline=""))
    skipped = ", ".join(f"{count} {kind}" for kind, count in sorted(letters.skipped.items()))
    print(
        f"Letters written: {args.output} ({len(letters.letters)} letter(s), {pages} page(s); {period.label})"
        + (f"; no letter for donors of kind: {skipped}" if skipped else "")
        + (f"; mail merge: {args.csv}" if args.csv else "")
    )
    if not letters.organisation.address or not letters.organisation.tax_id:
        print(
            "warning: the letters lack the pantry's address or tax id: set them with "
            "`pantry report settings --address ... --tax-id ...`",
            file=sys.stderr,
        )
    return 0
