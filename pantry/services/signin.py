"""PINs and signing in: hashed with argon2id, locked after repeated wrong PINs, unlocked by an admin.

Sign-in is off until an admin has a PIN (`pins_enabled`): a new pantry works at once, and whoever sets up the first
admin PIN turns sign-in on for everyone. From then on the window asks for a user and PIN, and the `pantry` command
for `--user NAME` and that user's PIN.

A wrong PIN counts even though the sign-in fails: `sign_in` counts it in the caller's session and raises `WrongPin`,
which the caller commits anyway; `sign_in_with(sessions, ...)` does that in a transaction of its own. After
`pin_lockout_after` wrong PINs in a row (setting, default 5) the user is locked until an admin unlocks them - except
the last admin, whose lock lifts after SOLE_ADMIN_LOCK_MINUTES, so a pantry can never lock itself out of its data.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from pantry.errors import UserError
from pantry.i18n import N_, _, ngettext
from pantry.models import User, utcnow
from pantry.services.permissions import require
from pantry.services.setup import get_setting, set_setting
from pantry.services.users import UserInfo, info, user_named

MIN_PIN_DIGITS = 4
MAX_PIN_DIGITS = 12
SOLE_ADMIN_LOCK_MINUTES = 30
KEYPAD_LINES = frozenset({"2580", "0852", "1470", "0741", "3690", "0963", "1379", "3179"})  # straight down a keypad
# (setting key, default, smallest, largest, what it is)
PEOPLE_SETTINGS = {
    "idle_lock_minutes": (10, 0, 240, N_("minutes without use before the window locks (0: never)")),
    "pin_lockout_after": (5, 3, 20, N_("wrong PINs in a row before a user is locked")),
    "retention_years": (0, 0, 50, N_("years without a visit before households' details are removed (0: never)")),
}

_hasher = PasswordHasher()  # argon2id with the library's current recommended cost


def check_pin(pin: str) -> str:
    """The PIN if it is acceptable, else a UserError saying why."""
    text = pin.strip()
    if not text.isdigit() or not text.isascii():
        raise UserError(_("PIN: use digits only"))
    if len(text) < MIN_PIN_DIGITS:
        raise UserError(_("PIN: use at least {digits} digits").format(digits=MIN_PIN_DIGITS))
    if len(text) > MAX_PIN_DIGITS:
        raise UserError(_("PIN: use at most {digits} digits").format(digits=MAX_PIN_DIGITS))
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(text)}
    if steps == {0}:
        raise UserError(_("PIN: {text} is all one digit; anyone would guess it").format(text=text))
    if steps in ({1}, {9}):
        raise UserError(_("PIN: {text} is a run of digits; anyone would guess it").format(text=text))
    if (len(text) % 2 == 0 and text == text[:2] * (len(text) // 2)) or text in KEYPAD_LINES:
        raise UserError(_("PIN: {text} is too easy to guess").format(text=text))
    return text


def hash_pin(pin: str) -> str:
    return _hasher.hash(pin)


def set_pin(session: Session, name: str, pin: str, user_id: int | None) -> UserInfo:
    """Give a user a new PIN (and unlock them). Anyone may change their own PIN; an admin anyone's."""
    user = user_named(session, name)
    if user_id is None or user_id != user.id:
        require(session, user_id, "users")
    else:
        session.info["user_id"] = user_id
    if not user.active:
        raise UserError(_("user: {user} is not active").format(user=user.name))
    user.pin_hash = hash_pin(check_pin(pin))
    user.failed_pins = 0
    user.locked_at = None
    session.flush()
    return info(user)


def pins_enabled(session: Session) -> bool:
    """True once an active admin has a PIN: from then on everyone signs in."""
    found = session.scalar(
        select(User.id).where(User.role == "admin", User.active.is_(True), User.pin_hash.is_not(None)).limit(1)
    )
    return found is not None


def setting(session: Session, key: str) -> int:
    default, low, high, _unused = PEOPLE_SETTINGS[key]
    text = get_setting(session, key, str(default))
    try:
        value = int(text)
    except ValueError:
        return default
    return min(max(value, low), high)


def idle_lock_minutes(session: Session) -> int:
    return setting(session, "idle_lock_minutes")


def set_people_settings(session: Session, values: dict[str, int | None], user_id: int | None) -> dict[str, int]:
    """Change idle lock minutes, the lockout threshold or the retention years (None: leave as it is)."""
    require(session, user_id, "settings")
    for key, value in values.items():
        if key not in PEOPLE_SETTINGS:
            raise UserError(
                _("setting: '{key}' is not one of {known}").format(key=key, known=", ".join(PEOPLE_SETTINGS))
            )
        if value is None:
            continue
        _unused, low, high, what = PEOPLE_SETTINGS[key]
        if not low <= value <= high:
            raise UserError(
                _("{key}: {value} is out of range; {what}: {low} to {high}").format(
                    key=key, value=value, what=_(what), low=low, high=high
                )
            )
        set_setting(session, key, str(value))
    session.flush()
    return {key: setting(session, key) for key in PEOPLE_SETTINGS}


def _other_admins(session: Session, user: User) -> int:
    return int(
        session.scalar(
            select(func.count(User.id)).where(
                User.role == "admin", User.active.is_(True), User.locked_at.is_(None), User.id != user.id
            )
        )
        or 0
    )


def is_locked(session: Session, user: User, now: dt.datetime | None = None) -> bool:
    if user.locked_at is None:
        return False
    if user.role == "admin" and _other_admins(session, user) == 0:
        return (now or utcnow()) - user.locked_at < dt.timedelta(minutes=SOLE_ADMIN_LOCK_MINUTES)
    return True


@dataclass(frozen=True)
class SignedIn:
    """Who signed in: what the window keeps and shows in its status bar."""

    id: int
    name: str
    role: str


class WrongPin(UserError):
    """A wrong PIN, already counted in the session: commit it even though the sign-in failed (`sign_in_with` does)."""


def sign_in(session: Session, name: str, pin: str, *, now: dt.datetime | None = None) -> SignedIn:
    """The user, when the PIN is theirs; else a UserError ("wrong PIN, 2 tries left"). A wrong PIN is counted in
    `session` and raised as WrongPin: the caller commits it anyway (or use `sign_in_with`)."""
    try:
        user = user_named(session, name)
    except UserError:
        raise UserError(_("sign in: there is no user named '{name}'").format(name=name.strip())) from None
    if not user.active:
        raise UserError(_("sign in: {user} is no longer active; ask an admin").format(user=user.name))
    if user.pin_hash is None:
        raise UserError(
            _("sign in: {user} has no PIN yet; ask an admin to set one (pantry user pin {user})").format(user=user.name)
        )
    limit = setting(session, "pin_lockout_after")
    if is_locked(session, user, now):
        raise UserError(
            _(
                "sign in: {user} is locked after {limit} wrong PINs; ask an admin to unlock (pantry user unlock {user})"
            ).format(user=user.name, limit=limit)
        )
    try:
        _hasher.verify(user.pin_hash, pin.strip())
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        failed = _count_wrong_pin(session, user, limit, now)
        if failed >= limit:
            raise WrongPin(
                _(
                    "sign in: wrong PIN; {user} is now locked after {limit} wrong PINs. Ask an admin to unlock "
                    "(pantry user unlock {user})"
                ).format(user=user.name, limit=limit)
            ) from None
        left = limit - failed
        raise WrongPin(
            ngettext("sign in: wrong PIN, {left} try left", "sign in: wrong PIN, {left} tries left", left).format(
                left=left
            )
        ) from None
    if user.failed_pins or user.locked_at is not None:
        user.failed_pins = 0
        user.locked_at = None
    if _hasher.check_needs_rehash(user.pin_hash):
        user.pin_hash = _hasher.hash(pin.strip())
    session.flush()
    return SignedIn(user.id, user.name, user.role)


def _count_wrong_pin(session: Session, user: User, limit: int, now: dt.datetime | None) -> int:
    session.execute(update(User).where(User.id == user.id).values(failed_pins=User.failed_pins + 1))
    session.refresh(user)
    if user.failed_pins >= limit and user.locked_at is None:
        user.locked_at = now or utcnow()
    session.flush()
    return user.failed_pins


def sign_in_with(sessions: sessionmaker[Session], name: str, pin: str) -> SignedIn:
    """`sign_in` in a transaction of its own, committed even when the PIN is wrong (so the wrong PIN counts).
    What the `pantry` command and the window call; `sessions` is `Database.sessions`."""
    with sessions() as session:
        with session.begin():
            try:
                return sign_in(session, name, pin)
            except WrongPin as wrong:
                problem = wrong
        raise problem


def unlock(session: Session, name: str, user_id: int | None) -> UserInfo:
    """Let a locked user try again (an admin's)."""
    require(session, user_id, "users")
    user = user_named(session, name)
    user.failed_pins = 0
    user.locked_at = None
    session.flush()
    return info(user)


def sign_in_names(session: Session) -> list[str]:
    """The names a sign-in dialog offers: active users, by name."""
    return list(session.scalars(select(User.name).where(User.active.is_(True)).order_by(func.lower(User.name))))
