"""`pantry households add|list|show|forget|bands|band|agency|agencies`: registering households, their age bands, and
partner agencies. (`pantry import households FILE.csv` imports many at once.)

Personal details (names, phone, postcode ...) are shown only to roles that may see them (shift leads and admins);
others see a household's code, first name, size and diet. `list --format csv` is an export of households' data:
shift leads and admins. `forget` removes a household's personal details but keeps its code, counts and visits, so
reports stay the same; `forget --not-seen-years N` applies that to every household not seen in N years (admins).

`add` prints only the new household's code on stdout; a possible duplicate (same name and postcode, or same phone)
is a warning on stderr, not a refusal.
"""

from __future__ import annotations

import argparse
import sys

from pantry.commands._common import iso_date, user_id, warn
from pantry.i18n import _

NAME = "households"
DATABASE = "required"


def _count(text: str) -> int:
    if not text.strip().isdecimal():
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number, 0 or more")
    return int(text)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="households and partner agencies: add, list, show; age bands")
    steps = parser.add_subparsers(dest="step", required=True, metavar="STEP", parser_class=type(parser))
    add = steps.add_parser("add", help="register a household; prints only its code")
    add.add_argument("--name", default="", help="who registers (empty: an anonymous household)")
    add.add_argument("--code", help="the pantry's own card code (default: generated)")
    add.add_argument("--adults", type=_count)
    add.add_argument("--children", type=_count)
    add.add_argument("--seniors", type=_count)
    add.add_argument("--members", action="append", default=[], metavar="BAND=N", help="a count for another age band")
    add.add_argument("--size", type=_count, help="the number of people, when not counted by age band")
    add.add_argument("--postcode", default="")
    add.add_argument("--phone", default="")
    add.add_argument("--language", default="")
    add.add_argument("--dietary", default="", metavar="FLAGS", help="';'-separated: no_pork;nut_allergy;...")
    add.add_argument("--dietary-note", default="", metavar="TEXT")
    add.add_argument("--proxy", default="", metavar="NAME", help="who may pick up for them")
    add.add_argument("--notes", default="")
    add.add_argument("--declared", type=iso_date, metavar="DATE", help="eligibility self-declared on this date")
    add.add_argument("--basis", default="", help="what eligibility was self-declared on (income, SNAP, ...)")
    add.add_argument("--consent", action="store_true", help="they agree that their data is kept")

    listing = steps.add_parser("list", help="every active household")
    listing.add_argument("--format", choices=("table", "csv"), default="table")
    show = steps.add_parser("show", help="a household's details and visits")
    show.add_argument("code", metavar="CODE")
    forget = steps.add_parser("forget", help="remove personal details, keep the counts (one household, or by age)")
    forget.add_argument("code", nargs="?", metavar="CODE")
    forget.add_argument("--not-seen-years", type=_count, metavar="N", help="every household not seen in N years")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    steps.add_parser("bands", help="the age bands households are counted by")
    band = steps.add_parser("band", help="add or change an age band (e.g. seniors 65+)")
    band.add_argument("key", metavar="KEY")
    band.add_argument("ages", metavar="AGES", help="like 0-17 or 65+")
    band.add_argument("--label", default="")

    agency = steps.add_parser("agency", help="add or change a partner agency (a shelter, a mutual-aid group)")
    agency.add_argument("name", metavar="NAME")
    agency.add_argument("--people", type=int, default=1, help="people it serves (per-person lines scale by it)")
    agency.add_argument("--contact", default="")
    agency.add_argument("--phone", default="")
    agency.add_argument("--address", default="")
    steps.add_parser("agencies", help="the partner agencies")


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    return int(_STEPS[args.step](args, database))


def _spec(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from pantry.errors import UserError
    from pantry.services import diet
    from pantry.services.households import HouseholdSpec

    members: dict[str, int] | None = None
    for key in ("adults", "children", "seniors"):
        value = getattr(args, key)
        if value is not None:
            members = members or {}
            members[key] = value
    for entry in args.members:
        key, _unused, count = entry.partition("=")
        if not key.strip() or not count.strip().isdecimal():
            raise UserError(_("members: '{entry}' is not BAND=N").format(entry=entry))
        members = members or {}
        members[key.strip().lower()] = int(count)
    try:
        flags = diet.parse_flags(args.dietary)
    except ValueError as problem:
        raise UserError(_("dietary: {problem}").format(problem=problem)) from None
    return HouseholdSpec(
        name=args.name,
        code=args.code,
        members=members,
        size=args.size,
        postcode=args.postcode,
        phone=args.phone,
        language=args.language,
        dietary=flags,
        dietary_note=args.dietary_note,
        proxy=args.proxy,
        notes=args.notes,
        eligibility_declared_on=args.declared,
        eligibility_basis=args.basis,
        consent=args.consent,
    )


def _add(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import households

    spec = _spec(args)
    with database.session() as session:
        registered = households.register_household(session, spec, user_id(session, args))
    warn(registered.warnings)
    print(registered.household.code)
    return 0


def _role(session, args: argparse.Namespace) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """The acting user and their role (reading households needs one, like writing)."""
    from pantry.services import permissions

    acting = user_id(session, args)
    user = permissions.require(session, acting, "household.view")
    return acting, user.role if user else "admin"


def _list(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.commands._common import write_rows
    from pantry.documents.tabular import Column
    from pantry.services import households, permissions

    with database.session() as session:
        acting, role = _role(session, args)
        if args.format == "csv":
            permissions.require(session, acting, "household.export")
        rows = households.household_list(session)
    personal = permissions.sees_personal_details(role)
    columns = [
        Column("code", "text", lambda row: row.code),
        Column("first_name", "text", lambda row: row.first_name),
        Column("size", "int", lambda row: row.size),
        Column("members", "text", lambda row: row.members_text),
        *([Column("postcode", "text", lambda row: row.postcode)] if personal else []),
        Column("dietary", "text", lambda row: ";".join(row.dietary)),
        Column("registered", "date", lambda row: row.registered_on),
    ]
    write_rows(columns, rows, args.format, "No households yet.")
    return 0


def _show(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column, to_table
    from pantry.measures import format_kg
    from pantry.services import households, permissions, visits

    with database.session() as session:
        _unused, role = _role(session, args)
        details = households.details(session, args.code)
        history = visits.visits_of(session, details.id)
    personal = permissions.sees_personal_details(role)
    declared = details.eligibility_declared_on
    basis = details.eligibility_basis or "no basis given"
    eligibility = f"self-declared {declared.isoformat()} ({basis})" if declared else ""
    fields = [
        ("Code", details.code),
        ("Name", details.name or "(anonymous)"),
        ("People", f"{details.size}: {details.members_text}"),
        ("Postcode", details.postcode),
        ("Phone", details.phone),
        ("Language", details.language),
        ("Dietary", ", ".join(details.dietary)),
        ("Dietary note", details.dietary_note),
        ("Proxy", details.proxy),
        ("Notes", details.notes),
        ("Registered", details.registered_on.isoformat()),
        ("Eligibility", eligibility),
        ("Consent", "yes" if details.consent else "no"),
    ]
    if not personal:  # a volunteer sees the code, first name, size and diet
        shown = ("Code", "People", "Dietary", "Registered")
        fields = [("First name", details.first_name), *((label, value) for label, value in fields if label in shown)]
    for label, value in fields:
        if value:
            print(f"{label + ':':<14}{value}")
    print(f"\nVisits: {len(history)}")
    columns = [
        Column("date", "date", lambda row: row.date),
        Column("order", "text", lambda row: row.order),
        Column("template", "text", lambda row: row.template or row.kind),
        Column("items", "int", lambda row: row.items),
        Column("weight_kg", "decimal", lambda row: format_kg(row.grams)),
    ]
    sys.stdout.write(to_table(columns, history, empty="(no visits yet)"))
    return 0


def _forget(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.errors import UserError
    from pantry.services import households, permissions

    if (args.code is None) == (args.not_seen_years is None):
        raise UserError(_("forget: give a household CODE or --not-seen-years N"))
    with database.session() as session:
        acting = user_id(session, args)
        if args.code is not None:
            done = households.forget(session, args.code, acting)
            print(done.message if done.codes else f"{done.already[0]}: its details were removed before")
            return 0
        permissions.require(session, acting, "household.forget")
        due = [household.code for household in households.not_seen_in(session, args.not_seen_years)]
    if not due:
        print(f"No household is unseen for {args.not_seen_years} years.")
        return 0
    question = f"Remove the personal details of {len(due)} household(s) not seen in {args.not_seen_years} years?"
    if not args.yes:
        if not sys.stdin.isatty():
            print("\n".join(due))
            raise UserError(
                _(
                    "forget: remove the personal details of {count} household(s) not seen in {years} years: add --yes "
                    "to remove them"
                ).format(count=len(due), years=args.not_seen_years)
            )
        print("\n".join(due))
        if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
            print("Nothing changed.")
            return 1
    with database.session() as session:
        done = households.forget_inactive(session, args.not_seen_years, user_id(session, args))
    print(done.message)
    return 0


def _bands(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column, to_table
    from pantry.services import households

    with database.session() as session:
        bands = households.age_bands(session)
    columns = [
        Column("key", "text", lambda row: row.key),
        Column("label", "text", lambda row: row.label),
        Column("ages", "text", lambda row: row.ages),
    ]
    sys.stdout.write(to_table(columns, bands, empty="No age bands."))
    return 0


def _band(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import households

    with database.session() as session:
        band = households.save_age_band(session, args.key, args.label, args.ages, user_id(session, args))
    print(f"Age band {band.key}: {band.label} {band.ages}")
    return 0


def _agency(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import agencies

    with database.session() as session:
        info, created = agencies.save_agency(
            session,
            args.name,
            user_id(session, args),
            people=args.people,
            contact=args.contact,
            phone=args.phone,
            address=args.address,
        )
    print(f"Agency {'added' if created else 'updated'}: {info.name} (serves {info.people})")
    return 0


def _agencies(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column, to_table
    from pantry.services import agencies

    with database.session() as session:
        rows = agencies.agencies(session)
    columns = [
        Column("name", "text", lambda row: row.name),
        Column("people", "int", lambda row: row.people),
        Column("contact", "text", lambda row: row.contact),
        Column("phone", "text", lambda row: row.phone),
    ]
    sys.stdout.write(to_table(columns, rows, empty="No agencies yet."))
    return 0


_STEPS = {
    "add": _add,
    "list": _list,
    "show": _show,
    "forget": _forget,
    "bands": _bands,
    "band": _band,
    "agency": _agency,
    "agencies": _agencies,
}
