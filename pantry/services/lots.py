"""Finding a lot and where it lies, for every operation that names a lot by its code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.codes import lot_id_from_code
from pantry.errors import UserError
from pantry.i18n import _
from pantry.measures import format_quantity
from pantry.models import Balance, Category, Item, Location, Lot, StockCount
from pantry.services import catalog


@dataclass(frozen=True)
class Place:
    location_id: int
    location: str
    quantity: int


def lot_by_code(session: Session, code: str) -> Lot:
    """The lot a printed code names; UserError when the code is malformed or unknown."""
    lot_id = lot_id_from_code(code)
    lot = session.get(Lot, lot_id) if lot_id else None
    if lot is None:
        lot = session.scalars(select(Lot).where(Lot.code == code.strip().upper())).first()
    if lot is None:
        raise UserError(_("lot: '{code}' is not a lot code we know").format(code=code))
    return lot


def places(session: Session, lot_id: int) -> list[Place]:
    """Where a lot lies now, with how much in each place."""
    rows = session.execute(
        select(Balance.location_id, Location.name, Balance.quantity)
        .join(Location, Location.id == Balance.location_id)
        .where(Balance.lot_id == lot_id)
        .order_by(Location.name)
    )
    return [Place(*row) for row in rows]


def describe(lot: Lot, quantity: int) -> str:
    """'12 each of Black beans (lot L00001Q)' for messages."""
    item: Item = lot.item
    return f"{format_quantity(quantity, item.unit)} {item.unit} of {item.name} (lot {lot.code})"


def place_of(session: Session, lot: Lot, location_name: str | None) -> Place:
    """The place an operation on `lot` works on: the named location, or the only place the lot lies."""
    here = places(session, lot.id)
    if location_name:
        location = catalog.location_named(session, location_name)
        if location is None:
            raise UserError(_("location: no location named '{location_name}'").format(location_name=location_name))
        for place in here:
            if place.location_id == location.id:
                return place
        return Place(location.id, location.name, 0)
    if len(here) == 1:
        return here[0]
    if not here:
        raise UserError(
            _("lot: {code} ({item}) has nothing on hand; name a --location").format(code=lot.code, item=lot.item.name)
        )
    names = ", ".join(f"{place.location} ({place.quantity})" for place in here)
    raise UserError(
        _("location: lot {code} lies in more than one place ({names}); say which with --location").format(
            code=lot.code, names=names
        )
    )


def open_count_warning(session: Session, location_id: int) -> str | None:
    """A warning when a count is open at this location: what moves now makes the count's paper sheet stale."""
    count_id = session.scalar(
        select(StockCount.id).where(StockCount.status == "open", StockCount.location_id == location_id)
    )
    if count_id is None:
        return None
    location = session.get(Location, location_id)
    return _("Count {count_id} is open at {location}: recount what you moved.").format(
        count_id=count_id, location=location.name if location else location_id
    )


def open_count_warnings(session: Session, location_ids: Sequence[int], lot: Lot) -> tuple[str, ...]:
    """Warnings for a move of `lot` at these locations: a count open at one of them, or of the lot's category."""
    warnings = [
        warning for location_id in dict.fromkeys(location_ids) if (warning := open_count_warning(session, location_id))
    ]
    category_id = lot.item.category_id
    for count_id, name in session.execute(
        select(StockCount.id, Category.name)
        .join(Category, Category.id == StockCount.category_id)
        .where(StockCount.status == "open", StockCount.category_id == category_id)
    ):
        warnings.append(
            _("Count {count_id} of category {name} is open: recount what you moved.").format(
                count_id=count_id, name=name
            )
        )
    return tuple(warnings)
