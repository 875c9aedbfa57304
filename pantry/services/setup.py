"""What every database has: an admin, the Main location, the Anonymous donor and the pantry's settings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry import __version__
from pantry.i18n import BUILTIN_LABELS
from pantry.models import AdjustmentReason, Donor, Location, Setting, User

DEFAULT_ORG = "My Pantry"
# (code, label, counted as a loss, a note is required); the labels are stored in English and read in the desk's
# language until the pantry renames them (pantry.i18n.builtin_label).
_REASONS = BUILTIN_LABELS["reason"]
BUILTIN_REASONS = (
    ("spoiled", _REASONS["spoiled"], True, False),
    ("expired", _REASONS["expired"], True, False),
    ("damaged", _REASONS["damaged"], True, False),
    ("recalled", _REASONS["recalled"], True, False),
    ("pest", _REASONS["pest"], True, False),
    ("recount", _REASONS["recount"], False, False),
    ("returned", _REASONS["returned"], False, False),
    ("other", _REASONS["other"], True, True),
)
ANONYMOUS = BUILTIN_LABELS["donor"]["anonymous"]
MAIN_LOCATION = BUILTIN_LABELS["location"]["main"]


_READ = "pantry.settings"  # session.info: (the transaction, every setting's value) as read in that transaction


def get_setting(session: Session, key: str, default: str = "") -> str:
    """A setting's value. Every setting is read at the first call in a transaction (a scan and its save read half a
    dozen, most of them not set: a query each, a round trip each on a server)."""
    read = session.info.get(_READ)
    if read is None or read[0] is not session.get_transaction():
        values = dict(session.execute(select(Setting.key, Setting.value)).all())  # (begins the transaction if need be)
        read = session.info[_READ] = (session.get_transaction(), values)
    return read[1].get(key, default)


def set_setting(session: Session, key: str, value: str) -> None:
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value
    read = session.info.get(_READ)
    if read is not None:
        read[1][key] = value


def ensure_defaults(session: Session, *, org_name: str | None = None) -> None:
    """Create what a new database needs; leave an existing one as it is (but for a new org name, when given)."""
    admin = session.scalars(select(User).where(User.role == "admin").order_by(User.id)).first()
    if admin is None:
        admin = User(name="admin", role="admin")
        session.add(admin)
        session.flush()
    if session.scalar(select(Location.id).limit(1)) is None:
        main = Location(name=MAIN_LOCATION, name_key=MAIN_LOCATION.casefold(), storage="dry", created_by_id=admin.id)
        session.add(main)
        session.flush()
        set_setting(session, "default_location_id", str(main.id))
    if session.scalar(select(Donor.id).where(Donor.name_key == ANONYMOUS.casefold())) is None:
        session.add(Donor(name=ANONYMOUS, name_key=ANONYMOUS.casefold(), kind="anonymous", created_by_id=admin.id))
    for code, label, is_loss, needs_note in BUILTIN_REASONS:
        if session.get(AdjustmentReason, code) is None:
            session.add(AdjustmentReason(code=code, label=label, is_loss=is_loss, needs_note=needs_note, builtin=True))
    if org_name:
        set_setting(session, "org_name", org_name)
    elif session.get(Setting, "org_name") is None:
        set_setting(session, "org_name", DEFAULT_ORG)
    set_setting(session, "app_version", __version__)
