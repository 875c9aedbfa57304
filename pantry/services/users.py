"""Who is writing: every write records a user (sign-in comes later; until then the first admin)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.models import User

ROLES = ("volunteer", "shift_lead", "treasurer", "admin")
PERSONAL_DETAIL_ROLES = ("shift_lead", "admin")  # who sees a household's personal details (name, phone, address ...)


def sees_personal_details(role: str) -> bool:
    """Shift leads and admins see households' personal details; others see the code, first name, size and diet."""
    return role in PERSONAL_DETAIL_ROLES


def acting_user(session: Session, name: str | None = None) -> User:
    """The named active user, or the first admin when no name is given."""
    if name:
        user = session.scalars(select(User).where(User.name == name)).first()
        if user is None or not user.active:
            raise UserError(f"user: there is no active user named '{name}'")
        return user
    user = session.scalars(select(User).where(User.role == "admin", User.active.is_(True)).order_by(User.id)).first()
    if user is None:
        raise UserError("user: this database has no active admin")
    return user
