"""Who is writing: the users of a pantry, their roles, and the acting user of a call.

The rules of what each role may do live in pantry.services.permissions; PINs and signing in in pantry.services.signin.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import N_, _
from pantry.models import User
from pantry.services import permissions
from pantry.services.permissions import ROLE_WORDS, ROLES, SIGN_IN_REQUIRED, SIGNED_IN, require

__all__ = ["ROLES", "UserInfo", "acting_user", "add_user", "deactivate", "list_users", "sees_personal_details"]

sees_personal_details = permissions.sees_personal_details  # one table decides (pantry.services.permissions)
PERSONAL_DETAIL_ROLES = tuple(role for role in ROLES if sees_personal_details(role))


@dataclass(frozen=True)
class UserInfo:
    id: int
    name: str
    role: str
    active: bool
    has_pin: bool
    locked: bool


def info(user: User) -> UserInfo:
    return UserInfo(user.id, user.name, user.role, user.active, user.pin_hash is not None, user.locked_at is not None)


def user_named(session: Session, name: str) -> User:
    """The user of that name (any capitalisation), active or not."""
    clean = " ".join(name.split())
    user = session.scalars(select(User).where(User.name == clean)).first()
    if user is None:
        user = session.scalars(select(User).where(func.lower(User.name) == clean.lower())).first()
    if user is None:
        raise UserError(_("user: there is no user named '{name}'").format(name=clean))
    return user


def acting_user(session: Session, name: str | None = None) -> User:
    """The named active user; else the user the session was opened for (permissions.bind_user); else the first
    admin - unless PINs are on and nobody signed in, which is an error."""
    if name:
        user = session.scalars(select(User).where(User.name == name)).first()
        if user is None or not user.active:
            raise UserError(_("user: there is no active user named '{name}'").format(name=name))
        return user
    signed_in = session.info.get(SIGNED_IN)
    if signed_in is not None:
        user = session.get(User, signed_in)
        if user is None or not user.active:
            raise UserError(_("user: {user} is not an active user").format(user=signed_in))
        return user
    if session.info.get(SIGN_IN_REQUIRED):
        raise UserError(_("sign in: PINs are on; say who you are (pantry --user NAME ...)"))
    user = session.scalars(select(User).where(User.role == "admin", User.active.is_(True)).order_by(User.id)).first()
    if user is None:
        raise UserError(_("user: this database has no active admin"))
    return user


def _role(role: str) -> str:
    clean = role.strip().lower().replace("-", "_").replace(" ", "_")
    if clean not in ROLES:
        raise UserError(_("role: '{role}' is not one of {roles}").format(role=role, roles=", ".join(ROLES)))
    return clean


def add_user(session: Session, name: str, role: str, user_id: int | None) -> UserInfo:
    """A new active user with no PIN yet."""
    require(session, user_id, "users")
    clean = " ".join(name.split())
    if not clean:
        raise UserError(_("name: a user needs a name"))
    if len(clean) > 80:
        raise UserError(_("name: at most 80 characters (got {count})").format(count=len(clean)))
    chosen = _role(role)
    taken = session.scalars(select(User).where(func.lower(User.name) == clean.lower())).first()
    if taken is not None:
        raise UserError(
            _("name: there is already a user named '{user}' ({role})").format(
                user=taken.name, role=_(ROLE_WORDS.get(taken.role, taken.role))
            )
        )
    user = User(name=clean, role=chosen, active=True)
    session.add(user)
    session.flush()
    return info(user)


def set_role(session: Session, name: str, role: str, user_id: int | None) -> UserInfo:
    require(session, user_id, "users")
    user = user_named(session, name)
    chosen = _role(role)
    if user.role == "admin" and chosen != "admin":
        _keep_an_admin(
            session, user, N_("user: cannot change the role of {user}, the last active admin; add another admin first")
        )
    user.role = chosen
    session.flush()
    return info(user)


def _keep_an_admin(session: Session, user: User, refusal: str) -> None:
    others = session.scalar(
        select(func.count(User.id)).where(User.role == "admin", User.active.is_(True), User.id != user.id)
    )
    if not others:
        raise UserError(_(refusal).format(user=user.name))


def deactivate(session: Session, name: str, user_id: int | None) -> UserInfo:
    """A user who left: kept for the history they wrote, no longer able to sign in or act."""
    require(session, user_id, "users")
    user = user_named(session, name)
    if user.role == "admin" and user.active:
        _keep_an_admin(
            session, user, N_("user: cannot deactivate {user}, the last active admin; add another admin first")
        )
    user.active = False
    session.flush()
    return info(user)


def list_users(session: Session) -> list[UserInfo]:
    """Every user, active first, by name."""
    rows = session.scalars(select(User).order_by(User.active.desc(), func.lower(User.name)))
    return [info(user) for user in rows]
