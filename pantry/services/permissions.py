"""Who may do what: one table of actions and the roles allowed each, enforced in the core.

Roles form a ladder, volunteer < shift_lead < treasurer < admin: each role may do what the one below it may, and more.
One exception, for privacy: households' personal details (names, phone, postcode, proxy, notes) are seen, entered
and exported only by shift leads and admins. A treasurer keeps the books and never needs a household's name, so a
treasurer has every other right of a shift lead (transfers, adjustments, counts, planning ...) but not those.
Reading the audit trail is an admin's: its before/after columns hold households' details too.

Every write service starts with `require(session, user_id, ACTION)`, and so do the report and letter builders. A
refusal is a `PermissionDenied` raised before anything is written. `user_id=None` is an internal caller (the sample
generator, migrations, tests that do not care) and is allowed - unless the session was opened for a signed-in desk:
`bind_user` puts the signed-in user (or "nobody has signed in yet") in every session a session factory opens, and
`require(session, None, ...)` then checks that user. `require` records the acting user in `session.info["user_id"]`,
where pantry.audit finds who made each change.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pantry import audit  # noqa: F401  (imported for its flush listener: every service write is audited)
from pantry.errors import UserError
from pantry.i18n import N_, _
from pantry.models import User

ROLES = ("volunteer", "shift_lead", "treasurer", "admin")
ROLE_NAMES = {
    "volunteer": N_("a volunteer"),
    "shift_lead": N_("a shift lead"),
    "treasurer": N_("a treasurer"),
    "admin": N_("an admin"),
}
# A role in a sentence or a table cell, the one wording of the core's messages and the window: "Lee (shift lead) may
# not ...", the People table's Role column, the window's title (say it with `role_word`).
ROLE_WORDS = {
    "volunteer": N_("volunteer"),
    "shift_lead": N_("shift lead"),
    "treasurer": N_("treasurer"),
    "admin": N_("admin"),
}

SIGNED_IN = "signed_in_user_id"  # session.info: the user a desk signed in as
SIGN_IN_REQUIRED = "sign_in_required"  # session.info: PINs are on and nobody signed in
ACTOR = "user_id"  # session.info: who the last permitted write was done by (read by pantry.audit)
GRANTED = "granted_actions"  # session.info: what a permitted service lets the services it calls do (`granted`)


def _from(role: str) -> frozenset[str]:
    return frozenset(ROLES[ROLES.index(role) :])


PERSONAL = frozenset({"shift_lead", "admin"})  # who sees, enters and exports households' personal details


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    doing: str  # completes "Sam (volunteer) may not ..." (marked with N_, said with _)


# The one table. Keys are what services pass to `require`; the window asks `allowed(role, action)` to grey out buttons.
ACTIONS: dict[str, Rule] = {
    # volunteers: the desk's daily work
    "intake": Rule(_from("volunteer"), N_("record donations")),
    "code.add": Rule(_from("volunteer"), N_("remember a barcode for an item")),
    "labels": Rule(_from("volunteer"), N_("print or calibrate labels")),
    "pickup.complete": Rule(_from("volunteer"), N_("complete pickups")),
    "pickup.walk_in": Rule(_from("volunteer"), N_("serve walk-ins")),
    "count.enter": Rule(_from("volunteer"), N_("enter counted quantities")),
    "household.view": Rule(_from("volunteer"), N_("see households (code, first name, size, diet)")),
    # shift leads (and up): stock care, planning, corrections
    "pickup.plan": Rule(_from("shift_lead"), N_("plan pickups")),
    "pickup.pack": Rule(_from("shift_lead"), N_("pack pickups")),
    "pickup.close": Rule(_from("shift_lead"), N_("cancel pickups or mark no-shows")),
    "pickup.return": Rule(_from("shift_lead"), N_("take goods back from a pickup")),
    "agency.edit": Rule(_from("shift_lead"), N_("add or change partner agencies")),
    "stock.transfer": Rule(_from("shift_lead"), N_("transfer stock")),
    "stock.adjust": Rule(_from("shift_lead"), N_("adjust stock")),
    "stock.recall": Rule(_from("shift_lead"), N_("recall or release lots")),
    "count": Rule(_from("shift_lead"), N_("start, post or cancel counts")),
    "override": Rule(_from("shift_lead"), N_("override a use-by date or a visit limit")),
    "undo": Rule(_from("shift_lead"), N_("undo")),
    "import.donations": Rule(_from("shift_lead"), N_("import donations")),
    "visits.rules": Rule(_from("shift_lead"), N_("change the visit limit")),
    # households' personal details: shift leads and admins only (not treasurers)
    "household.details": Rule(PERSONAL, N_("see households' personal details")),
    "household.edit": Rule(PERSONAL, N_("register or change households")),
    "household.export": Rule(PERSONAL, N_("export households' details")),
    # treasurers (and admins): the books
    "reports": Rule(_from("treasurer"), N_("make reports")),
    "letters": Rule(_from("treasurer"), N_("write donor letters")),
    "valuation": Rule(_from("treasurer"), N_("change valuation and report settings")),
    # admins: people, settings, the catalog, backups, master-data imports, the audit trail, forgetting
    "users": Rule(_from("admin"), N_("manage users")),
    "settings": Rule(_from("admin"), N_("change settings")),
    "catalog": Rule(_from("admin"), N_("change the catalog (items, donors, locations, reasons, templates, age bands)")),
    "backup": Rule(_from("admin"), N_("make or restore backups")),
    "import": Rule(_from("admin"), N_("import master data")),
    "audit": Rule(_from("admin"), N_("read the audit trail")),
    "household.forget": Rule(_from("admin"), N_("remove households' personal details")),
}


class PermissionDenied(UserError):
    """A user tried something their role does not allow. Raised before anything is written."""

    def __init__(self, message: str, *, user: str, role: str, action: str) -> None:
        super().__init__(message)
        self.user = user
        self.role = role
        self.action = action


def allowed(role: str, action: str) -> bool:
    """Whether `role` may do `action` (an unknown action is a bug: KeyError)."""
    return role in ACTIONS[action].roles


def actions_for(role: str) -> frozenset[str]:
    """Everything `role` may do: what the window uses to show or hide its buttons."""
    return frozenset(action for action, rule in ACTIONS.items() if role in rule.roles)


def lowest_role(action: str) -> str:
    return min(ACTIONS[action].roles, key=ROLES.index)


def sees_personal_details(role: str) -> bool:
    """Shift leads and admins see households' personal details; others see the code, first name, size and diet."""
    return allowed(role, "household.details")


def role_word(role: str) -> str:
    """A role as a sentence or a table cell says it, in the desk's language ("shift lead", "jefe de turno"); a role
    this version does not know is shown as stored, its underscores as spaces."""
    known = ROLE_WORDS.get(role)
    return _(known) if known else role.replace("_", " ")


def refusal(user: User, action: str) -> str:
    rule = ACTIONS[action]
    return _("{user} ({role}) may not {doing}: ask {who}").format(
        user=user.name,
        role=role_word(user.role),
        doing=_(rule.doing),
        who=_(ROLE_NAMES[lowest_role(action)]),
    )


def who_is(user: User | None) -> str:
    """Who tried, for a refusal: 'nobody signed in', 'Sam is not active', 'Sam is a volunteer'."""
    if user is None:
        return _("nobody signed in")
    if not user.active:
        return _("{user} is not active").format(user=user.name)
    return _("{user} is {role}").format(user=user.name, role=_(ROLE_NAMES.get(user.role, user.role)))


def require(session: Session, user_id: int | None, action: str) -> User | None:
    """The acting user when their role may do `action`; else PermissionDenied. None for an internal caller."""
    rule = ACTIONS[action]
    if user_id is None:
        user_id = session.info.get(SIGNED_IN)
        if user_id is None:
            if session.info.get(SIGN_IN_REQUIRED):
                raise UserError(
                    _("sign in: PINs are on, so only a signed-in user may {doing} (pantry --user NAME ...)").format(
                        doing=_(rule.doing)
                    )
                )
            return None
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise UserError(_("user: {user_id} is not an active user").format(user_id=user_id))
    if user.role not in rule.roles and action not in session.info.get(GRANTED, ()):
        raise PermissionDenied(refusal(user, action), user=user.name, role=user.role, action=action)
    session.info[ACTOR] = user.id
    return user


@contextmanager
def granted(session: Session, *actions: str) -> Iterator[None]:
    """Inside a service the user was allowed, let the services it calls do `actions` as part of it (a volunteer's
    walk-in plans and packs its order; completing a planned pickup packs it first)."""
    previous = session.info.get(GRANTED, frozenset())
    session.info[GRANTED] = previous | frozenset(actions)
    try:
        yield
    finally:
        session.info[GRANTED] = previous


def current_user_id(session: Session, user_id: int | None = None) -> int | None:
    """`user_id`, else the user the session was opened for (bind_user), else None."""
    return user_id if user_id is not None else session.info.get(SIGNED_IN)


def bind_user(sessions: sessionmaker[Session], user_id: int | None, *, sign_in_required: bool = False) -> None:
    """Make every session `sessions` opens from now on act as `user_id` (a desk signed in), or, with
    `sign_in_required`, refuse every permission-checked call until someone signs in."""
    info: dict[str, Any] = {}
    if user_id is not None:
        info[SIGNED_IN] = user_id
        info[ACTOR] = user_id
    elif sign_in_required:
        info[SIGN_IN_REQUIRED] = True
    sessions.configure(info=info)
