"""Households: the few facts a card and a pickup need (registration in full comes with the pickups issue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.codes import make_code, parse_own_code
from pantry.errors import UserError
from pantry.models import Household


@dataclass(frozen=True)
class HouseholdInfo:
    id: int
    code: str
    first_name: str
    size: int


def _info(household: Household) -> HouseholdInfo:
    return HouseholdInfo(household.id, make_code("household", household.id), household.first_name, household.size)


def register(
    session: Session, first_name: str, size: int, user_id: int | None, *, today: dt.date | None = None
) -> HouseholdInfo:
    """A new household: a first name (or none, for an anonymous household) and how many people it has."""
    if size < 1:
        raise UserError(f"size: a household has at least 1 person (got {size})")
    household = Household(
        first_name=" ".join(first_name.split()),
        size=size,
        registered_on=today or dt.date.today(),
        created_by_id=user_id,
    )
    session.add(household)
    session.flush()
    return _info(household)


def by_code(session: Session, code: str) -> HouseholdInfo:
    """The household a printed code names; UserError when the code is malformed or unknown."""
    parsed = parse_own_code(code)
    if parsed is None or parsed.kind != "household":
        raise UserError(f"household: '{code}' is not a household code")
    household = session.get(Household, parsed.number)
    if household is None:
        raise UserError(f"household: no household with code {parsed.text}")
    return _info(household)


def all_households(session: Session) -> list[HouseholdInfo]:
    return [_info(row) for row in session.scalars(select(Household).where(Household.active.is_(True)))]
