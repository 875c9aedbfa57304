"""`pantry template add NAME FILE.csv [--replace]`, `pantry template list`, `pantry template show NAME [--size N]`.

A template file has the columns `item_or_category,per_household,per_person,band`: a line gives `per_household` units
plus `per_person` units for each member; `band` (empty, or a size range such as `1-2`, `3-4`, `5+`) limits it to
households of those sizes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pantry.commands._common import user_id
from pantry.i18n import _

NAME = "template"
DATABASE = "required"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="allotment templates (standard bag, family box ...): add, list, show")
    steps = parser.add_subparsers(dest="step", required=True, metavar="STEP", parser_class=type(parser))
    add = steps.add_parser("add", help="add a template from item_or_category,per_household,per_person,band")
    add.add_argument("name", metavar="NAME")
    add.add_argument("file", type=Path, metavar="FILE.csv")
    add.add_argument("--replace", action="store_true", help="give an existing template these lines")
    steps.add_parser("list", help="every template with its lines")
    show = steps.add_parser("show", help="a template's lines, or what a household of N people gets")
    show.add_argument("name", metavar="NAME")
    show.add_argument("--size", type=int, metavar="N")


def _columns():  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column

    return [
        Column("template", "text", lambda row: row[0]),
        Column("item_or_category", "text", lambda row: row[1].what),
        Column("per_household", "decimal", lambda row: row[1].per_household),
        Column("per_person", "decimal", lambda row: row[1].per_person),
        Column("unit", "text", lambda row: row[1].unit),
        Column("band", "text", lambda row: row[1].band),
    ]


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.documents.tabular import Column, to_table
    from pantry.errors import UserError
    from pantry.services import templates

    if args.step == "add":
        with database.session() as session:
            lines = templates.read_lines(session, args.file)
            info = templates.save_template(session, args.name, lines, user_id(session, args), replace=args.replace)
        print(f"Template '{info.name}' saved with {len(info.lines)} line(s).")
        return 0
    with database.session() as session:
        if args.step == "list":
            rows = [(info.name, line) for info in templates.templates(session) for line in info.lines]
            sys.stdout.write(to_table(_columns(), rows, empty="No templates yet; add one with `pantry template add`."))
            return 0
        template = templates.template_named(session, args.name)
        info = next(info for info in templates.templates(session) if info.id == template.id)
        if args.size is None:
            sys.stdout.write(to_table(_columns(), [(info.name, line) for line in info.lines]))
            return 0
        if args.size < 1:
            raise UserError(_("size: a household has at least 1 person"))
        wanted = {want.position: want.quantity for want in templates.wanted(template, args.size)}
    rows = [
        (line.what, line.unit, wanted[position])
        for position, line in enumerate(info.lines, start=1)
        if position in wanted
    ]
    columns = [
        Column("item_or_category", "text", lambda row: row[0]),
        Column("quantity", "decimal", lambda row: templates.amount(row[2], row[1])),
        Column("unit", "text", lambda row: row[1]),
    ]
    print(f"{info.name} for a household of {args.size}:")
    sys.stdout.write(to_table(columns, rows, empty="(nothing for this size)"))
    return 0
