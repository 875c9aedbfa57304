"""Partner agencies (a shelter, another mutual-aid group) that receive bulk distributions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import _
from pantry.models import Agency
from pantry.services.permissions import require


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    name: str
    contact: str
    phone: str
    address: str
    people: int
    notes: str
    active: bool


def _info(agency: Agency) -> AgencyInfo:
    return AgencyInfo(
        agency.id, agency.name, agency.contact, agency.phone, agency.address, agency.people, agency.notes, agency.active
    )


def save_agency(
    session: Session,
    name: str,
    user_id: int | None,
    *,
    people: int = 1,
    contact: str = "",
    phone: str = "",
    address: str = "",
    notes: str = "",
) -> tuple[AgencyInfo, bool]:
    """Create an agency, or update the one of that name (any capitalisation). Returns it and whether it is new."""
    require(session, user_id, "agency.edit")
    clean = " ".join(name.split())
    if not clean:
        raise UserError(_("name: an agency needs a name"))
    if people < 1:
        raise UserError(_("people: an agency serves at least 1 person (got {people})").format(people=people))
    agency = session.scalars(select(Agency).where(Agency.name_key == clean.casefold())).first()
    created = agency is None
    if agency is None:
        agency = Agency(name=clean, name_key=clean.casefold(), created_by_id=user_id)
        session.add(agency)
    agency.name = clean
    agency.people = people
    agency.contact = " ".join(contact.split())
    agency.phone = " ".join(phone.split())
    agency.address = address.strip()
    agency.notes = notes.strip()
    session.flush()
    return _info(agency), created


def agency_named(session: Session, name: str) -> Agency:
    agency = session.scalars(select(Agency).where(Agency.name_key == " ".join(name.split()).casefold())).first()
    if agency is None or not agency.active:
        known = ", ".join(row.name for row in agencies(session)) or "none yet"
        raise UserError(_("agency: no agency named '{name}' (known: {known})").format(name=name, known=known))
    return agency


def agencies(session: Session) -> list[AgencyInfo]:
    return [_info(row) for row in session.scalars(select(Agency).where(Agency.active.is_(True)).order_by(Agency.name))]
