"""`pantry user add|pin|list|unlock|role|deactivate|settings`: the people who use Pantry Desk.

`pin` reads the new PIN twice on a terminal (not echoed), or one line from stdin when stdin is not a terminal:
`echo 4711 | pantry user pin Sam`. Setting the first admin PIN turns sign-in on for everyone.
"""

from __future__ import annotations

import argparse
import sys

from pantry.i18n import _

NAME = "user"
DATABASE = "required"
ROLES = ("volunteer", "shift_lead", "treasurer", "admin")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(NAME, help="users: add, set a PIN, list, unlock, change role, deactivate")
    steps = parser.add_subparsers(dest="step", required=True, metavar="STEP", parser_class=type(parser))
    add = steps.add_parser("add", help="a new user (no PIN yet)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    pin = steps.add_parser("pin", help="set a user's PIN (from the terminal, or one line of stdin)")
    pin.add_argument("name", metavar="NAME")
    listing = steps.add_parser("list", help="every user: role, active, has a PIN, locked")
    listing.add_argument("--format", choices=("table", "csv"), default="table")
    unlock = steps.add_parser("unlock", help="let a user locked after wrong PINs try again")
    unlock.add_argument("name", metavar="NAME")
    role = steps.add_parser("role", help="change a user's role")
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", choices=ROLES)
    deactivate = steps.add_parser("deactivate", help="a user who left: kept in the history, cannot sign in")
    deactivate.add_argument("name", metavar="NAME")
    settings = steps.add_parser("settings", help="idle lock, wrong-PIN lockout and retention (show or change)")
    settings.add_argument("--idle-lock-minutes", type=int, metavar="N", help="lock the window after N idle minutes")
    settings.add_argument("--lockout-after", type=int, metavar="N", help="lock a user after N wrong PINs in a row")
    settings.add_argument(
        "--retention-years", type=int, metavar="N", help="households not seen in N years may be forgotten (0: off)"
    )


def run(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    return int(_STEPS[args.step](args, database))


def _acting(session, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from pantry.commands._common import user_id

    return user_id(session, args)


def _add(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import users

    with database.session() as session:
        added = users.add_user(session, args.name, args.role, _acting(session, args))
    print(f"User added: {added.name} ({added.role}); set a PIN with `pantry user pin {added.name}`")
    return 0


def read_new_pin(name: str) -> str:
    """A new PIN: typed twice on a terminal, or the first line of stdin."""
    from pantry.errors import UserError

    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass(f"New PIN for {name}: ")
        if getpass.getpass("Again: ") != first:
            raise UserError(_("PIN: the two PINs differ; nothing changed"))
        return first
    line = sys.stdin.readline()
    if not line.strip():
        raise UserError(_("PIN: give the new PIN as one line on stdin (or run on a terminal)"))
    return line.strip()


def _pin(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import signin, users

    with database.session() as session:
        users.user_named(session, args.name)  # an unknown name is refused before a PIN is asked
        acting = _acting(session, args)
    pin = read_new_pin(args.name)
    with database.session() as session:
        was_on = signin.pins_enabled(session)
        changed = signin.set_pin(session, args.name, pin, acting)
        now_on = signin.pins_enabled(session)
    print(f"PIN set for {changed.name}")
    if now_on and not was_on:
        print("Sign-in is now on: every user needs a PIN (the window asks for one; `pantry --user NAME` too)")
    return 0


def _list(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.commands._common import write_rows
    from pantry.documents.tabular import Column
    from pantry.services import users

    with database.session() as session:
        rows = users.list_users(session)

    def yes(value: bool) -> str:
        return "yes" if value else "no"

    columns = [
        Column("name", "text", lambda row: row.name),
        Column("role", "text", lambda row: row.role),
        Column("active", "text", lambda row: yes(row.active)),
        Column("pin", "text", lambda row: yes(row.has_pin)),
        Column("locked", "text", lambda row: yes(row.locked)),
    ]
    write_rows(columns, rows, args.format, "No users.")
    return 0


def _unlock(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import signin

    with database.session() as session:
        done = signin.unlock(session, args.name, _acting(session, args))
    print(f"Unlocked: {done.name}")
    return 0


def _role(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import users

    with database.session() as session:
        done = users.set_role(session, args.name, args.role, _acting(session, args))
    print(f"{done.name} is now {done.role}")
    return 0


def _deactivate(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import users

    with database.session() as session:
        done = users.deactivate(session, args.name, _acting(session, args))
    print(f"Deactivated: {done.name}")
    return 0


def _settings(args: argparse.Namespace, database) -> int:  # type: ignore[no-untyped-def]
    from pantry.services import signin

    values = {
        "idle_lock_minutes": args.idle_lock_minutes,
        "pin_lockout_after": args.lockout_after,
        "retention_years": args.retention_years,
    }
    with database.session() as session:
        if any(value is not None for value in values.values()):
            shown = signin.set_people_settings(session, values, _acting(session, args))
        else:
            shown = {key: signin.setting(session, key) for key in signin.PEOPLE_SETTINGS}
    for key, value in shown.items():
        print(f"{key}: {value}")
    return 0


_STEPS = {
    "add": _add,
    "pin": _pin,
    "list": _list,
    "unlock": _unlock,
    "role": _role,
    "deactivate": _deactivate,
    "settings": _settings,
}
