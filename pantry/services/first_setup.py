"""A new pantry set up in one go by the first person at the desk: its name and address, the weight unit on paper, the
currency, and the first admin (named, with a PIN or without one).

`create(path, new)` builds the database beside `path` under a temporary name and moves it into place only when every
step succeeded, so bad input (a PIN too short, a currency that is not a code) leaves no half-made file behind. Each
step is the service the Settings screen uses; the only rule of this module is `name_first_admin`.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.db import open_database
from pantry.errors import UserError
from pantry.i18n import _
from pantry.models import User
from pantry.progress import Progress, ShouldCancel, no_progress
from pantry.services import setup, signin, users, valuation
from pantry.services.reports import settings as report_settings

MAX_NAME = 120  # the pantry's name (as the Settings screen allows)
MAX_USER_NAME = 80  # a user's name (pantry.services.users)
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class NewPantry:
    """What the first-run setup asks. `pin` empty: no PIN yet (sign-in stays off until an admin has one)."""

    name: str
    address: str = ""
    tax_id: str = ""
    weight_unit: str = "lb"
    currency: str = "USD"
    admin: str = "admin"
    pin: str = ""


def check(new: NewPantry) -> None:
    """The problems that need no database, found before any file is made (a UserError naming the field)."""
    name = " ".join(new.name.split())
    if not name:
        raise UserError(_("pantry name: the pantry needs a name (it is printed on every document)"))
    if len(name) > MAX_NAME:
        raise UserError(
            _("pantry name: at most {limit} characters (got {count})").format(limit=MAX_NAME, count=len(name))
        )
    if new.weight_unit not in ("lb", "kg"):
        raise UserError(_("weight unit: '{value}' must be kg or lb").format(value=new.weight_unit))
    code = new.currency.strip()
    if len(code) != 3 or not code.isalpha():
        raise UserError(
            _("currency: '{currency}' is not a three-letter currency code (like USD, CAD, EUR)").format(
                currency=new.currency
            )
        )
    admin = " ".join(new.admin.split())
    if not admin:
        raise UserError(_("admin name: the first admin needs a name"))
    if len(admin) > MAX_USER_NAME:
        raise UserError(
            _("admin name: at most {limit} characters (got {count})").format(limit=MAX_USER_NAME, count=len(admin))
        )
    if new.pin:
        signin.check_pin(new.pin)


def name_first_admin(session: Session, name: str) -> users.UserInfo:
    """Give the admin a new database starts with (named "admin") the name of the person setting it up. Only while the
    pantry is new: one user, no PIN yet."""
    clean = " ".join(name.split())
    if not clean:
        raise UserError(_("admin name: the first admin needs a name"))
    if len(clean) > MAX_USER_NAME:
        raise UserError(
            _("admin name: at most {limit} characters (got {count})").format(limit=MAX_USER_NAME, count=len(clean))
        )
    count = session.scalar(select(func.count(User.id))) or 0
    admin = session.scalars(select(User).where(User.role == "admin").order_by(User.id)).first()
    if count != 1 or admin is None or admin.pin_hash is not None:
        raise UserError(_("admin name: only a new pantry's first admin can be named here; use Settings > People"))
    admin.name = clean
    session.flush()
    return users.info(admin)


def set_up(session: Session, new: NewPantry) -> None:
    """Write the new pantry's settings and its first admin, through the services the Settings screen uses."""
    check(new)
    admin = name_first_admin(session, new.admin)
    setup.set_setting(session, "org_name", " ".join(new.name.split()))
    report_settings.set_report_settings(
        session,
        {
            report_settings.ORG_ADDRESS: new.address,
            report_settings.ORG_TAX_ID: new.tax_id,
            report_settings.WEIGHT_UNIT: new.weight_unit,
        },
        admin.id,
    )
    valuation.set_valuation(session, currency=new.currency, user_id=admin.id)
    if new.pin:
        signin.set_pin(session, admin.name, new.pin, admin.id)
    session.flush()


def _remove(path: Path) -> None:
    for file in (path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError):
            file.unlink()


def create(
    path: Path,
    new: NewPantry,
    *,
    progress: Progress = no_progress,
    should_cancel: ShouldCancel | None = None,
) -> Path:
    """Make the new pantry's database at `path` (which must not exist yet), all or nothing."""
    check(new)
    path = Path(path).expanduser().resolve()
    if path.exists():
        raise UserError(_("database: there is already a database at {path}; open it instead").format(path=path))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.new-{os.getpid()}")
    _remove(building)
    progress(0, 2)
    try:
        database = open_database(building)
        try:
            with database.session() as session:
                set_up(session, new)
        finally:
            database.dispose()
        progress(1, 2)
        for suffix in ("-wal", "-shm"):  # a clean close folds the log into the file; move whatever is left along
            side = building.with_name(building.name + suffix)
            if side.exists():
                side.replace(path.with_name(path.name + suffix))
        building.replace(path)
    except BaseException:
        _remove(building)
        raise
    progress(2, 2)
    return path
