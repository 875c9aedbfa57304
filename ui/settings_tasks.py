"""What the sign-in panel and the Settings screen ask the worker to do. Rule-free, like ui/tasks.py: every rule (who may
do what, PIN checks, lockout, ranges) lives in `pantry`; these functions only gather one screen action, and say what
they did in the desk's language (ui.text, gettext only: no widget is touched here).

Signing in binds the database's session factory to the user (`permissions.bind_user`), on the worker, in the order the
operations were asked for: every operation queued after a sign-in acts as that user, every one after a lock is refused
until someone signs in again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from pantry import audit
from pantry.db import Database, sqlite_path
from pantry.errors import UserError
from pantry.models import User
from pantry.services import backup, households, permissions, restore, setup, signin, users, valuation
from pantry.services.reports import settings as report_settings
from ui import format as fmt
from ui.tasks import _acting_user_id
from ui.text import N_, _

# "Pat is now a treasurer.": one sentence per role (the article differs).
NOW_ROLE = {
    "volunteer": N_("{name} is now a volunteer."),
    "shift_lead": N_("{name} is now a shift lead."),
    "treasurer": N_("{name} is now a treasurer."),
    "admin": N_("{name} is now an admin."),
}


@dataclass(frozen=True)
class Desk:
    """Who works at the desk now, and what the window shows them. `user` None: locked (PINs on, nobody signed in)."""

    pins: bool
    user: signin.SignedIn | None
    actions: frozenset[str]
    idle_minutes: int
    names: tuple[str, ...] = ()  # whom the sign-in panel offers


def _desk(session: Session, pins: bool, user: signin.SignedIn | None) -> Desk:
    actions = permissions.actions_for(user.role) if user is not None else frozenset()
    return Desk(pins, user, actions, signin.idle_lock_minutes(session), tuple(signin.sign_in_names(session)))


def start_desk(session: Session, sessions: sessionmaker[Session]) -> Desk:
    """The window's first operation: with PINs on the desk starts locked (every later operation is refused until
    someone signs in); with PINs off it works as the first admin, as a new pantry always has."""
    pins = signin.pins_enabled(session)
    permissions.bind_user(sessions, None, sign_in_required=pins)
    if pins:
        return _desk(session, True, None)
    session.info.pop(permissions.SIGNED_IN, None)
    session.info.pop(permissions.SIGN_IN_REQUIRED, None)
    admin = users.acting_user(session)
    return _desk(session, False, signin.SignedIn(admin.id, admin.name, admin.role))


def sign_in_desk(sessions: sessionmaker[Session], name: str, pin: str) -> Desk:
    """Check the PIN (a wrong one is counted and committed), then make every later operation act as that user."""
    signed = signin.sign_in_with(sessions, name, pin)
    permissions.bind_user(sessions, signed.id)
    with sessions() as session:
        return _desk(session, True, signed)


def lock_desk(sessions: sessionmaker[Session]) -> Desk:
    """Lock: nobody acts at this desk until the next sign-in."""
    permissions.bind_user(sessions, None, sign_in_required=True)
    with sessions() as session:
        return _desk(session, signin.pins_enabled(session), None)


# --- the Settings screen -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupFile:
    name: str
    path: Path
    taken: str  # local time, as the desk's language writes it
    size_kb: int


@dataclass(frozen=True)
class SettingsData:
    """Everything the Settings screen shows, as the acting user may see it (`may`: their actions)."""

    may: frozenset[str]
    org_name: str
    address: str
    tax_id: str
    tax_id_label: str
    people: dict[str, int]
    users: tuple[users.UserInfo, ...]
    user_names: tuple[str, ...]  # every user who may appear in the audit trail
    valuation: valuation.Valuation
    backup_folder: str
    backups: tuple[BackupFile, ...] = ()
    database_file: str = ""
    is_sqlite: bool = True


def _backups(folder: Path, database: Path | None) -> tuple[BackupFile, ...]:
    """The newest copies of this pantry's database in `folder` (a shared folder may hold other pantries' too)."""
    if not folder.is_dir() or database is None:
        return ()
    mine = [path for path in folder.glob(f"{database.stem}-*.sqlite") if path.is_file()]
    files = sorted(mine, key=lambda path: path.stat().st_mtime, reverse=True)[:12]
    return tuple(
        BackupFile(
            path.name,
            path,
            fmt.moment(dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()),
            max(1, path.stat().st_size // 1024),
        )
        for path in files
    )


def settings_data(session: Session) -> SettingsData:
    user = session.get(User, _acting_user_id(session))
    may = permissions.actions_for(user.role) if user is not None else frozenset()
    org = report_settings.organisation(session)
    database = sqlite_path(str(session.get_bind().engine.url))
    folder = setup.get_setting(session, backup.FOLDER_SETTING) or str(backup.default_folder())
    return SettingsData(
        may=may,
        org_name=org.name,
        address=org.address,
        tax_id=org.tax_id,
        tax_id_label=org.tax_id_label,
        people={key: signin.setting(session, key) for key in signin.PEOPLE_SETTINGS},
        users=tuple(users.list_users(session)) if "users" in may else (),
        user_names=tuple(info.name for info in users.list_users(session)) if "audit" in may else (),
        valuation=valuation.valuation(session),
        backup_folder=folder,
        backups=_backups(Path(folder), database) if "backup" in may else (),
        database_file=str(database or ""),
        is_sqlite=database is not None,
    )


def save_pantry(session: Session, name: str, address: str, tax_id: str, tax_id_label: str) -> str:
    user_id = _acting_user_id(session)
    permissions.require(session, user_id, "settings")
    clean = " ".join(name.split())
    if not clean:
        raise UserError(_("pantry name: the pantry needs a name (it is printed on every document)"))
    if len(clean) > 120:
        raise UserError(_("pantry name: at most 120 characters (got {count})").format(count=len(clean)))
    setup.set_setting(session, "org_name", clean)
    report_settings.set_report_settings(
        session,
        {
            report_settings.ORG_ADDRESS: address,
            report_settings.ORG_TAX_ID: tax_id,
            report_settings.ORG_TAX_ID_LABEL: tax_id_label,
        },
        user_id,
    )
    return _("Saved the pantry's name, address and tax id ({name}).").format(name=clean)


def save_people_settings(session: Session, values: dict[str, int | None]) -> str:
    saved = signin.set_people_settings(session, values, _acting_user_id(session))
    retention = saved["retention_years"]
    if retention:
        text = _(
            "Saved: lock after {minutes} idle minutes, lock a user after {wrong} wrong PINs, households' details "
            "{years} years."
        )
    else:
        text = _(
            "Saved: lock after {minutes} idle minutes, lock a user after {wrong} wrong PINs, households' details "
            "kept until forgotten by hand."
        )
    return text.format(minutes=saved["idle_lock_minutes"], wrong=saved["pin_lockout_after"], years=retention)


def add_user(session: Session, name: str, role: str) -> str:
    added = users.add_user(session, name, role, _acting_user_id(session))
    return _("Added {name} ({role}). Give them a PIN (Set PIN…) so they can sign in.").format(
        name=added.name, role=permissions.role_word(added.role)
    )


def set_role(session: Session, name: str, role: str) -> str:
    changed = users.set_role(session, name, role, _acting_user_id(session))
    sentence = NOW_ROLE.get(changed.role)
    if sentence is None:
        return f"{changed.name}: {changed.role}"
    return _(sentence).format(name=changed.name)


def set_pin(session: Session, name: str, pin: str) -> str:
    was_on = signin.pins_enabled(session)
    changed = signin.set_pin(session, name, pin, _acting_user_id(session))
    now_on = signin.pins_enabled(session)
    text = _("Set a new PIN for {name}.").format(name=changed.name)
    if now_on > was_on:
        text += " " + _("Sign-in is now on: from the next start (or Lock), everyone signs in with a PIN.")
    return text


def unlock_user(session: Session, name: str) -> str:
    changed = signin.unlock(session, name, _acting_user_id(session))
    return _("Unlocked {name}: they may try their PIN again.").format(name=changed.name)


def deactivate_user(session: Session, name: str) -> str:
    changed = users.deactivate(session, name, _acting_user_id(session))
    return _("{name} can no longer sign in; what they recorded keeps their name.").format(name=changed.name)


def save_valuation(session: Session, currency: str, rate: str, year: str, source: str) -> str:
    done = valuation.set_valuation(
        session, currency=currency, rate=rate, year=year, source=source, user_id=_acting_user_id(session)
    )
    return _("Saved. {description}").format(description=done.description)


def forget_inactive(session: Session, years: int) -> households.Forgotten:
    return households.forget_inactive(session, years, _acting_user_id(session))


def households_not_seen(session: Session, years: int) -> list[str]:
    """The codes the retention rule would forget now (the confirmation names how many)."""
    permissions.require(session, _acting_user_id(session), "household.forget")
    return [household.code for household in households.not_seen_in(session, years)]


def forget_household(session: Session, code: str) -> households.Forgotten:
    return households.forget(session, code, _acting_user_id(session))


# --- backups: they work on the database file, outside a session ----------------------------------------------------


def backup_now(database: Database) -> str:
    with database.session() as session:
        user_id = _acting_user_id(session)
    path, warning = backup.make_copy(database, user_id)
    return _("Backed up to {path}.").format(path=path) + (f" {warning}" if warning else "")


def set_backup_folder(database: Database, folder: str) -> str:
    with database.session() as session:
        user_id = _acting_user_id(session)
    path = backup.set_folder(database, folder, user_id)
    return _("Backups now go to {path}.").format(path=path)


def check_restore(database: Database, source: Path) -> backup.BackupInfo:
    """Before asking "replace everything?": the core says whether this user may restore and the copy is one it can
    restore (a UserError says why not)."""
    with database.session() as session:
        return restore.check_restore(session, source, _acting_user_id(session))


# --- the audit trail -----------------------------------------------------------------------------------------------


def audit_entries(
    session: Session, start: dt.date | None = None, end: dt.date | None = None, user: str | None = None
) -> list[audit.Entry]:
    return audit.entries(session, start, end, user or None, user_id=_acting_user_id(session))


AUDIT_HEADER = ("when", "user", "action", "what", "before", "after")


def audit_csv(rows: list[audit.Entry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(AUDIT_HEADER)
    for row in rows:
        when = row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        writer.writerow([_safe(value) for value in (when, row.user, row.action, row.what, row.before, row.after)])
    return out.getvalue()


def _safe(text: str) -> str:
    """Text that a spreadsheet would run as a formula is written with a leading apostrophe."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def start_desk_again(session: Session, sessions: sessionmaker[Session]) -> Desk:
    """After a change in Settings > People: the same user, with sign-in and idle minutes as they are now."""
    user = users.acting_user(session)
    return _desk(session, signin.pins_enabled(session), signin.SignedIn(user.id, user.name, user.role))
