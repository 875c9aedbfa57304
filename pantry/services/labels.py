"""What goes on labels, gathered from the database as plain rows: lots, household cards and shelf labels.

A lot gets one label per place it is on hand (what is there now, and where). A lot with nothing left on hand gets
the label it had at intake: what was received and where it was put away. The drawing is in pantry.documents.labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from pantry.codes import lot_id_from_code, make_code
from pantry.errors import UserError
from pantry.i18n import _
from pantry.models import Balance, Donation, Item, Location, Lot, Movement
from pantry.services import catalog, households
from pantry.services.permissions import require
from pantry.services.setup import DEFAULT_ORG, get_setting, set_setting

_CHUNK = 500
OFFSET_KEY = "label_offset_mm.{layout}"
MAX_OFFSET_MM = 20.0


@dataclass(frozen=True)
class LotLabel:
    code: str
    item: str
    date_kind: str  # use_by | best_by | none
    expires: dt.date | None
    received: dt.date
    quantity: int  # counting units (grams for weighed items)
    unit: str  # each | lb | kg
    storage: str  # dry | chilled | frozen
    location: str
    pantry: str


@dataclass(frozen=True)
class HouseholdCard:
    code: str
    first_name: str  # may be empty: an anonymous household
    pantry: str


@dataclass(frozen=True)
class ShelfLabel:
    code: str
    location: str
    storage: str  # dry | chilled | frozen, or "" when the location does not say
    pantry: str


def pantry_name(session: Session) -> str:
    return get_setting(session, "org_name", DEFAULT_ORG) or DEFAULT_ORG


def _chunks(values: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


_LOT_COLUMNS = (
    Lot.id,
    Lot.code,
    Item.name,
    Item.date_kind,
    Lot.expires_on,
    Lot.received_on,
    Item.unit,
    Item.storage,
)


def _on_hand(session: Session, pantry: str, *condition: ColumnElement[bool]) -> list[tuple[int, LotLabel]]:
    """(lot id, label) for every lot and location with stock matching `condition`, in the order of
    `pantry stock --by lot`: by item, then earliest expiry, then lot, then location."""
    query = (
        select(*_LOT_COLUMNS, Balance.quantity, Location.name)
        .join(Item, Item.id == Lot.item_id)
        .join(Balance, Balance.lot_id == Lot.id)
        .join(Location, Location.id == Balance.location_id)
        .where(*condition)
        .order_by(Item.name_key, Item.sku, Lot.expires_on.is_(None), Lot.expires_on, Lot.id, Location.name)
    )
    return [
        (lot_id, LotLabel(code, item, kind, expires, received, quantity, unit, storage, location, pantry))
        for lot_id, code, item, kind, expires, received, unit, storage, quantity, location in session.execute(query)
    ]


def _at_intake(session: Session, pantry: str, lot_ids: Sequence[int]) -> dict[int, LotLabel]:
    """The label each lot had when it came in: the quantity received and where the intake put it."""
    labels = {}
    for chunk in _chunks(lot_ids):
        first = (
            select(Movement.lot_id, func.min(Movement.id).label("movement_id"))
            .where(Movement.lot_id.in_(chunk))
            .group_by(Movement.lot_id)
            .subquery()
        )
        query = (
            select(*_LOT_COLUMNS, Lot.quantity, Location.name)
            .join(Item, Item.id == Lot.item_id)
            .join(first, first.c.lot_id == Lot.id)
            .join(Movement, Movement.id == first.c.movement_id)
            .join(Location, Location.id == Movement.location_id)
        )
        for lot_id, code, item, kind, expires, received, unit, storage, quantity, location in session.execute(query):
            labels[lot_id] = LotLabel(code, item, kind, expires, received, quantity, unit, storage, location, pantry)
    return labels


def _lots_labels(session: Session, lot_ids: Sequence[int]) -> list[LotLabel]:
    """Labels of these lots, in this order: one per location where each is on hand, else its intake label."""
    pantry = pantry_name(session)
    on_hand: dict[int, list[LotLabel]] = {}
    for chunk in _chunks(lot_ids):
        for lot_id, label in _on_hand(session, pantry, Lot.id.in_(chunk)):
            on_hand.setdefault(lot_id, []).append(label)
    gone = [lot_id for lot_id in lot_ids if lot_id not in on_hand]
    intake = _at_intake(session, pantry, gone) if gone else {}
    labels: list[LotLabel] = []
    for lot_id in lot_ids:
        labels.extend(on_hand.get(lot_id) or ([intake[lot_id]] if lot_id in intake else []))
    return labels


def lot_labels(session: Session, codes: Sequence[str]) -> list[LotLabel]:
    """Labels of the lots these codes name (any case), in the order given; UserError names every bad code."""
    problems = []
    wanted: dict[str, None] = {}
    for text in codes:
        code = text.strip().upper()
        if lot_id_from_code(code) is None:
            problems.append(_("lots: '{text}' is not a lot code").format(text=text))
        else:
            wanted.setdefault(code)
    ids: dict[str, int] = {}
    codes_list = list(wanted)
    for start in range(0, len(codes_list), _CHUNK):
        chunk = codes_list[start : start + _CHUNK]
        ids.update(
            (code, lot_id) for code, lot_id in session.execute(select(Lot.code, Lot.id).where(Lot.code.in_(chunk)))
        )
    problems += [_("lots: no lot with code {code}").format(code=code) for code in codes_list if code not in ids]
    if problems:
        raise UserError(
            problems[0] if len(problems) == 1 else _("{count} bad lot codes").format(count=len(problems)), problems
        )
    return _lots_labels(session, [ids[code] for code in codes_list])


def donation_labels(session: Session, donation_id: int) -> list[LotLabel]:
    """Labels of every lot of a donation, in the order of its lines."""
    if session.get(Donation, donation_id) is None:
        raise UserError(_("donation: no donation with id {donation_id}").format(donation_id=donation_id))
    lot_ids = list(session.scalars(select(Lot.id).where(Lot.donation_id == donation_id).order_by(Lot.id)))
    return _lots_labels(session, lot_ids)


def _location(session: Session, name: str) -> Location:
    location = catalog.location_named(session, name)
    if location is None:
        known = ", ".join(row.name for row in catalog.locations(session))
        raise UserError(_("location: no location named '{name}' (there are: {known})").format(name=name, known=known))
    return location


def location_lot_labels(session: Session, names: Sequence[str]) -> list[LotLabel]:
    """Labels of every lot on hand at these locations, location by location."""
    pantry = pantry_name(session)
    labels = []
    for name in names:
        location = _location(session, name)
        labels += [label for _unused, label in _on_hand(session, pantry, Balance.location_id == location.id)]
    return labels


def in_stock_labels(session: Session) -> list[LotLabel]:
    """A label for every lot and location with stock, in the order of `pantry stock --by lot`."""
    return [label for _unused, label in _on_hand(session, pantry_name(session))]


def household_cards(session: Session, codes: Sequence[str]) -> list[HouseholdCard]:
    """Cards of the households these codes name, in the order given; UserError names every bad code."""
    pantry = pantry_name(session)
    cards: dict[str, HouseholdCard] = {}
    problems = []
    for code in codes:
        try:
            info = households.by_code(session, code)
        except UserError as problem:
            problems.append(str(problem))
            continue
        cards.setdefault(info.code, HouseholdCard(info.code, info.first_name, pantry))
    if problems:
        raise UserError(
            problems[0] if len(problems) == 1 else _("{count} bad household codes").format(count=len(problems)),
            problems,
        )
    return list(cards.values())


def shelf_labels(session: Session, names: Sequence[str]) -> list[ShelfLabel]:
    """A shelf label for each location named: its name, storage and location code (what `pantry scan` reads)."""
    pantry = pantry_name(session)
    labels = []
    for name in names:
        location = _location(session, name)
        labels.append(ShelfLabel(make_code("location", location.id), location.name, location.storage or "", pantry))
    return labels


def parse_offset(text: str) -> tuple[float, float]:
    """'x,y' in millimetres (x to the right, y down), each within MAX_OFFSET_MM; UserError otherwise."""
    parts = text.replace(" ", "").split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        x, y = (float(part) for part in parts)
    except ValueError:
        raise UserError(
            _("offset: '{text}' is not X,Y in millimetres (for example 0.5,-0.3)").format(text=text)
        ) from None
    if not (abs(x) <= MAX_OFFSET_MM and abs(y) <= MAX_OFFSET_MM):
        raise UserError(
            _("offset: {text} mm is more than {limit:g} mm; check the calibration page again").format(
                text=text, limit=MAX_OFFSET_MM
            )
        )
    return x, y


def label_offset(session: Session, layout: str) -> tuple[float, float]:
    """The calibration offset kept for a layout, in millimetres (0, 0 when none was set)."""
    text = get_setting(session, OFFSET_KEY.format(layout=layout))
    if not text:
        return 0.0, 0.0
    try:
        return parse_offset(text)
    except UserError:
        return 0.0, 0.0  # a setting edited by hand into nonsense prints uncorrected rather than not at all


def set_label_offset(session: Session, layout: str, x_mm: float, y_mm: float, user_id: int | None = None) -> None:
    require(session, user_id, "labels")
    set_setting(session, OFFSET_KEY.format(layout=layout), f"{x_mm:g},{y_mm:g}")
