"""`pantry pickup plan|pack|complete|noshow|cancel|sheets|list|orders|walkin|checkout|return|rules`: pickup orders.

`plan` prints only the order code(s) on stdout (one per household); warnings (the visit limit, shortages) go to
stderr. `complete` takes the code as printed or as a scanner sends it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pantry.commands._common import iso_date, user_id, warn
from pantry.i18n import _, translator

NAME = "pickup"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="pickup orders: plan, pack, print sheets, complete, no-show, cancel")
    steps = parser.add_subparsers(dest="step", required=True, metavar="STEP", parser_class=type(parser))

    plan = steps.add_parser("plan", help="plan an order from a template; prints only the order code")
    plan.add_argument("--date", type=iso_date, required=True, metavar="DATE")
    plan.add_argument("--slot", metavar="HH:MM")
    who = plan.add_mutually_exclusive_group(required=True)
    who.add_argument("--household", action="extend", nargs="+", metavar="CODE", help="one or many households")
    who.add_argument("--agency", metavar="NAME")
    plan.add_argument("--template", required=True, metavar="NAME")
    plan.add_argument("--override", metavar="REASON", help="a shift lead overrides a blocking visit limit")

    pack = steps.add_parser("pack", help="allocate lots (earliest expiry first) to planned orders")
    pack.add_argument("orders", nargs="*", metavar="ORDER")
    pack.add_argument("--date", type=iso_date, metavar="DATE", help="every planned order of that day")

    complete = steps.add_parser("complete", help="the order was picked up (scan its code)")
    complete.add_argument("order", metavar="ORDER")
    complete.add_argument("--given", type=Path, metavar="FILE.csv", help="sku,quantity of what was given")
    complete.add_argument("--date", type=iso_date, metavar="DATE", help="the day it was picked up (default today)")

    noshow = steps.add_parser("noshow", help="the household did not come (--date: every open order of a past day)")
    noshow.add_argument("order", nargs="?", metavar="ORDER")
    noshow.add_argument("--date", type=iso_date, metavar="DATE", help="close the day: its open orders are no-shows")
    cancel = steps.add_parser("cancel", help="cancel a planned or packed order")
    cancel.add_argument("order", metavar="ORDER")

    sheets = steps.add_parser("sheets", help="pickup sheets (packing slips for agencies) as one PDF")
    sheets.add_argument("--date", type=iso_date, metavar="DATE")
    sheets.add_argument("--order", action="extend", nargs="+", default=[], metavar="ORDER")
    sheets.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")

    listing = steps.add_parser("list", help="the distribution list of a shift and its pull list (PDF)")
    listing.add_argument("--date", type=iso_date, required=True, metavar="DATE")
    listing.add_argument("--from", dest="slot_from", metavar="HH:MM")
    listing.add_argument("--to", dest="slot_to", metavar="HH:MM")
    listing.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")

    orders = steps.add_parser("orders", help="the orders of a day")
    orders.add_argument("--date", type=iso_date, required=True, metavar="DATE")
    orders.add_argument("--format", choices=("table", "csv"), default="table")

    walkin = steps.add_parser("walkin", help="a household without an order: plan, pack and print its sheet at once")
    walkin.add_argument("--household", required=True, metavar="CODE")
    walkin.add_argument("--template", required=True, metavar="NAME")
    walkin.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    walkin.add_argument("--override", metavar="REASON")

    checkout = steps.add_parser("checkout", help="a client-choice visit: record what the household took")
    checkout.add_argument("--household", required=True, metavar="CODE")
    checkout.add_argument("file", type=Path, metavar="FILE.csv", help="sku,quantity")
    checkout.add_argument("--override", metavar="REASON")

    back = steps.add_parser("return", help="goods of a picked-up order brought back to stock")
    back.add_argument("order", metavar="ORDER")
    back.add_argument("file", type=Path, metavar="FILE.csv", help="sku,quantity")

    rules = steps.add_parser("rules", help="show or set the visit limit and the sheet's declaration text")
    rules.add_argument("--visit-limit", metavar="'N per PERIOD'", help="period: day, week, month or 30 days")
    rules.add_argument("--mode", choices=("warn", "block", "off"))
    rules.add_argument("--declaration", metavar="TEXT", help="eligibility self-declaration text ('' for none)")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    return int(_STEPS[args.step](args, database))


def _pdf(path: Path) -> None:
    from pantry.errors import UserError

    if path.suffix.lower() != ".pdf":
        raise UserError(_("output: give a FILE.pdf"))


def _plan(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import pickups

    with database.session() as session:
        acting = user_id(session, args)
        if args.agency:
            planned = [pickups.plan_for_agency(session, args.date, args.template, args.agency, acting, slot=args.slot)]
        else:
            planned = pickups.plan_many(
                session, args.date, args.template, args.household, acting, slot=args.slot, override_reason=args.override
            )
    for order in planned:
        warn(order.warnings)
    for order in planned:
        print(order.code)
    return 0


def _pack(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.errors import UserError
    from pantry.services import packing, pickups

    if not args.orders and args.date is None:
        raise UserError(_("pack: name the orders, or give --date to pack every planned order of a day"))
    with database.session() as session:
        ids = [pickups.order_by_code(session, code).id for code in args.orders]
        if args.date is not None:
            ids += [
                order.id
                for order in pickups.orders_on(session, args.date, statuses=("planned",))
                if order.id not in ids
            ]
        if not ids:
            raise UserError(_("pack: no planned orders on {day}").format(day=translator().date(args.date)))
        result = packing.pack(session, ids, user_id(session, args))
    warn([shortage.message for shortage in result.shortages])
    print(result.message)
    return 0


def _complete(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import handover

    with database.session() as session:
        given = handover.read_quantities(session, args.given) if args.given else None
        done = handover.complete(session, args.order, user_id(session, args), given=given, day=args.date)
    warn(done.warnings)
    print(done.message)
    return 0


def _noshow(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.errors import UserError
    from pantry.services import pickups

    if (args.order is None) == (args.date is None):
        raise UserError(_("noshow: give an ORDER, or --date to close a day"))
    with database.session() as session:
        if args.date is not None:
            closed = pickups.close_day(session, args.date, user_id(session, args))
            message = f"{len(closed)} open order(s) of {args.date.isoformat()} recorded as no-shows; stock unchanged."
        else:
            message = pickups.no_show(session, args.order, user_id(session, args))
    print(message)
    return 0


def _cancel(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import pickups

    with database.session() as session:
        message = pickups.cancel(session, args.order, user_id(session, args))
    print(message)
    return 0


def _sheets(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents import pickup_sheet
    from pantry.errors import UserError
    from pantry.services import pickup_papers

    _pdf(args.output)
    if args.date is None and not args.order:
        raise UserError(_("sheets: give --date DATE, or the orders with --order"))
    with database.session() as session:
        ids = pickup_papers.sheet_order_ids(session, args.date, args.order)
        sheets = pickup_papers.sheets(session, ids)
    pages = pickup_sheet.render(sheets, args.output)
    print(f"Pickup sheets written: {args.output} ({len(sheets)} order(s), {pages} page(s))")
    return 0


def _list(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents import distribution_list
    from pantry.services import pickup_papers

    _pdf(args.output)
    with database.session() as session:
        data = pickup_papers.distribution_list(session, args.date, slot_from=args.slot_from, slot_to=args.slot_to)
    pages = distribution_list.render(data, args.output)
    print(
        f"Distribution list written: {args.output} ({len(data.rows)} order(s), {len(data.pull)} pull line(s), "
        f"{pages} page(s))"
    )
    return 0


def _orders(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.commands._common import write_rows
    from pantry.documents.tabular import Column
    from pantry.measures import format_kg
    from pantry.services import pickups

    with database.session() as session:
        rows = pickups.order_rows(session, pickups.orders_on(session, args.date))
    columns = [
        Column("order", "text", lambda row: row.order),
        Column("household", "text", lambda row: row.household),
        Column("slot", "text", lambda row: row.slot),
        Column("status", "text", lambda row: row.status),
        Column("items", "int", lambda row: row.items),
        Column("weight_kg", "decimal", lambda row: format_kg(row.grams)),
    ]
    write_rows(columns, rows, args.format, f"No orders on {args.date.isoformat()}.")
    return 0


def _walkin(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents import pickup_sheet
    from pantry.services import pickup_papers, pickups

    _pdf(args.output)
    with database.session() as session:
        planned, packed = pickups.walk_in(
            session, args.household, args.template, user_id(session, args), override_reason=args.override
        )
        sheets = pickup_papers.sheets(session, [planned.order_id])
    pickup_sheet.render(sheets, args.output, title=f"Pickup sheet {planned.code}")
    warn(planned.warnings)
    warn([shortage.message for shortage in packed.shortages])
    print(planned.code)
    return 0


def _checkout(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import handover

    with database.session() as session:
        taken = handover.read_quantities(session, args.file)
        done = handover.checkout(session, args.household, taken, user_id(session, args), override_reason=args.override)
    warn(done.warnings)
    print(done.message)
    return 0


def _return(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import handover

    with database.session() as session:
        returned = handover.read_quantities(session, args.file)
        message = handover.return_goods(session, args.order, returned, user_id(session, args))
    print(message)
    return 0


def _rules(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.errors import UserError
    from pantry.services import permissions, pickup_papers, users, visits
    from pantry.services.setup import get_setting, set_setting

    with database.session() as session:
        if args.visit_limit is not None or args.mode is not None or args.declaration is not None:
            user = users.acting_user(session, args.user)
            if user.role not in ("shift_lead", "admin"):
                raise UserError(
                    _("rules: only a shift lead or an admin may change them ({who})").format(
                        who=permissions.who_is(user)
                    )
                )
        limit = visits.set_visit_limit(session, args.visit_limit, args.mode)
        if args.declaration is not None:
            set_setting(session, pickup_papers.DECLARATION, args.declaration.strip())
        declaration = get_setting(session, pickup_papers.DECLARATION)
    print(f"Visit limit: {limit.text} ({limit.mode})")
    print(f"Declaration on pickup sheets: {declaration or '(none)'}")
    return 0


_STEPS = {
    "plan": _plan,
    "pack": _pack,
    "complete": _complete,
    "noshow": _noshow,
    "cancel": _cancel,
    "sheets": _sheets,
    "list": _list,
    "orders": _orders,
    "walkin": _walkin,
    "checkout": _checkout,
    "return": _return,
    "rules": _rules,
}
