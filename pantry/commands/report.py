"""`pantry report stock|rollforward|donations|distributions|monthly|waste|expiring|valuation|settings`: the reports a
treasurer exports, as CSV, XLSX or PDF, from the same rows.

A report that does not reconcile is still written (its check lines say where), and the command then exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from pantry.commands._common import iso_date
from pantry.i18n import _

NAME = "report"
DATABASE = "required"
FORMATS = ("csv", "xlsx", "pdf")
RECONCILED = ("stock", "rollforward", "donations", "distributions", "monthly", "waste")  # reports with checks
PERIOD_REPORTS = {
    "rollforward": "roll-forward: opening, received, distributed, lost, corrected, closing",
    "donations": "donations by donor, donor kind, category and month; top and first-time donors",
    "distributions": "goods given out per month, to households and agencies, by category",
    "monthly": "the monthly agency report: households, individuals by age band, new households, weight, days open",
    "waste": "waste and losses by month, reason and category; share of intake lost",
    "expiring": "lots on hand dated in the period, and items below par",
}
_SETTINGS = (
    ("--address", "org_address", "the pantry's postal address (use \\n between lines)"),
    ("--tax-id", "org_tax_id", "the pantry's tax id, printed on donor letters"),
    ("--tax-id-label", "org_tax_id_label", "what the tax id is called (default: Tax ID (EIN))"),
    ("--weight-unit", "report_weight_unit", "kg or lb: weights on PDFs and letters (CSV and XLSX carry kg)"),
    ("--paper", "paper_size", "letter or a4"),
    ("--letter-opening", "letter_opening", "the letter's first paragraph ({org}, {donor}, {period}, {tax_id})"),
    ("--letter-no-goods", "letter_no_goods", "the statement that nothing was given in return"),
    ("--letter-no-value", "letter_no_value", "the statement that the pantry states no value for goods"),
    ("--letter-use", "letter_use", "how donated food will be used (business and farm donors)"),
    ("--letter-closing", "letter_closing", "the closing line"),
    ("--letter-signatory", "letter_signatory", "who signs (name, role)"),
)


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, help="csv, xlsx or pdf (default: from the file name)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write it ('-': CSV to stdout)")


def _period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help="first business day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help="last business day, inclusive")
    parser.add_argument("--period", metavar="NAME", help="instead of --from/--to: last-quarter, last-month, ...")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="stock, roll-forward, donations, distributions and other reports")
    kinds = parser.add_subparsers(dest="report", required=True, metavar="REPORT", parser_class=type(parser))
    stock = kinds.add_parser("stock", help="stock on hand as of a date: by item, category or location")
    stock.add_argument("--as-of", type=iso_date, required=True, metavar="DATE", help="at the end of this date")
    stock.add_argument("--by", choices=("item", "category", "location"), default="item")
    _output(stock)
    for name, description in PERIOD_REPORTS.items():
        sub = kinds.add_parser(name, help=description)
        _period(sub)
        if name == "rollforward":
            sub.add_argument("--by", choices=("category", "item"), default="category")
        _output(sub)
    valuation = kinds.add_parser("valuation", help="the valuation settings and item values (and changing them)")
    valuation.add_argument("--currency", metavar="CODE", help="three-letter currency code (USD, CAD, EUR ...)")
    valuation.add_argument("--rate", metavar="VALUE/UNIT", help="default value of goods without one: 1.67/lb, 3.68/kg")
    valuation.add_argument("--rate-year", metavar="YEAR", help="the year of that value")
    valuation.add_argument("--rate-source", metavar="TEXT", help="where the value comes from")
    valuation.add_argument(
        "--feeding-america",
        action="store_true",
        help="use Feeding America's $1.67/lb (Product Valuation Study, 2016)",
    )
    valuation.add_argument("--format", choices=FORMATS)
    valuation.add_argument("-o", "--output", metavar="FILE", help="write the valuation report here")
    settings = kinds.add_parser("settings", help="show or change what reports and donor letters print")
    for flag, _key, text in _SETTINGS:
        settings.add_argument(flag, metavar="TEXT", help=text)


def output_format(args: argparse.Namespace) -> str:
    from pantry.errors import UserError

    if args.format:
        return str(args.format)
    if str(args.output) == "-":
        return "csv"
    suffix = Path(args.output).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise UserError(
            _("format: give --format csv, xlsx or pdf (the file name '{output}' does not say which)").format(
                output=args.output
            )
        )
    return suffix


def resolve_period(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from pantry.errors import UserError
    from pantry.services.reports.period import Period, preset

    if args.period:
        if args.start or args.end:
            raise UserError(_("period: give either --period or --from and --to, not both"))
        return preset(args.period)
    if not args.start or not args.end:
        raise UserError(_("from: give --from DATE and --to DATE (or --period, like last-quarter)"))
    return Period(args.start, args.end)


def write_report(report, output: str, output_format: str, paper: str) -> str:  # type: ignore[no-untyped-def]
    """Write the report; a failure leaves no half-written file behind. Returns what was written, in words."""
    from pantry.documents.report_csv import report_csv

    if output == "-":
        if output_format != "csv":
            raise _user_error("output: only CSV goes to stdout; give a file name for XLSX or PDF")
        sys.stdout.write(report_csv(report))
        return ""
    target = Path(output)
    handle, temporary = tempfile.mkstemp(prefix=".pantry-report-", suffix=target.suffix, dir=target.parent or ".")
    os.close(handle)
    try:
        if output_format == "csv":
            Path(temporary).write_text(report_csv(report), encoding="utf-8", newline="")
            described = f"{len(report.primary.rows)} row(s)"
        elif output_format == "xlsx":
            from pantry.documents.xlsx import write_xlsx

            write_xlsx(report, Path(temporary))
            described = f"{len(report.sections)} sheet(s) and About"
        else:
            from pantry.documents.report_pdf import render_report_pdf

            pages = render_report_pdf(report, Path(temporary), paper=paper)
            described = f"{pages} page(s)"
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return described


def _user_error(message: str) -> Exception:
    from pantry.errors import UserError

    return UserError(message)


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    if args.report == "settings":
        return _settings(args, database)
    if args.report == "valuation" and not args.output:
        return _valuation_settings(args, database)
    return _export(args, database)


def _export(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.errors import UserError
    from pantry.services import users
    from pantry.services.reports import settings

    chosen = output_format(args)
    output = str(args.output)
    if output != "-" and not Path(output).parent.exists():
        raise UserError(_("output: the folder {parent} does not exist").format(parent=Path(output).parent))
    with database.session() as session:
        who = users.acting_user(session, args.user).name
        if args.report == "valuation":
            _change_valuation(args, session)
        report = _build(args, session, who)
        paper = settings.paper(session)
    described = write_report(report, output, chosen, paper)
    if output != "-":
        verdict = ""
        if report.kind in RECONCILED:
            verdict = "; reconciles" if report.balanced else "; DOES NOT RECONCILE"
        print(f"{report.title} written: {output} ({described}; {report.scope}{verdict})")
    if not report.balanced:
        for line in report.checks:
            print(f"check: {line}", file=sys.stderr)
        return 1
    return 0


def _build(args: argparse.Namespace, session, who: str):  # type: ignore[no-untyped-def]
    from pantry.services.reports import build

    if args.report in ("stock", "valuation"):
        return build(
            session,
            args.report,
            as_of=getattr(args, "as_of", None),
            by=args.by if args.report == "stock" else None,
            generated_by=who,
        )
    return build(session, args.report, period=resolve_period(args), by=getattr(args, "by", None), generated_by=who)


def _change_valuation(args: argparse.Namespace, session) -> bool:  # type: ignore[no-untyped-def]
    from pantry.services.reports import settings

    changed = False
    if args.feeding_america:
        settings.use_feeding_america_rate(session)
        changed = True
    if any(value is not None for value in (args.currency, args.rate, args.rate_year, args.rate_source)):
        settings.set_valuation(
            session, currency=args.currency, rate=args.rate, year=args.rate_year, source=args.rate_source
        )
        changed = True
    return changed


def _valuation_settings(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services.reports import settings

    with database.session() as session:
        _change_valuation(args, session)
        rate = settings.valuation(session)
    print(f"Currency: {rate.currency}")
    print(rate.description)
    return 0


def _settings(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services.reports import settings
    from pantry.services.setup import get_setting

    values = {key: getattr(args, flag[2:].replace("-", "_")) for flag, key, _unused in _SETTINGS}
    with database.session() as session:
        settings.set_report_settings(session, values)
        texts = settings.letter_texts(session)
        shown = [
            ("org_name", get_setting(session, "org_name")),
            *((key, get_setting(session, key)) for _unused, key, _unused in _SETTINGS if key not in texts),
            ("report_weight_unit (in use)", settings.weight_unit(session)),
            *texts.items(),
        ]
    for key, value in shown:
        print(f"{key}: {value}".replace("\n", "\\n"))
    return 0
