"""Expiry rules: what is expiring, the order goods are picked in (FEFO) and what may not go out at all.

Judged on the day the goods go out. Use-by food past its date is never picked and cannot be given out (only a shift
lead or admin may override, with a reason that is recorded); best-by food past its date is picked in FEFO order and
marked, or skipped when the pantry's setting says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import _, translator
from pantry.measures import format_quantity
from pantry.models import Balance, Category, Item, Location, Lot, LotEvent, User
from pantry.services.permissions import ROLES, allowed, who_is
from pantry.services.setup import get_setting

OVERRIDE_ROLES = tuple(role for role in ROLES if allowed(role, "override"))  # pantry.services.permissions
SKIP_PAST_BEST_BY = "skip_past_best_by"  # setting: "1" skips best-by food past its date when picking


@dataclass(frozen=True)
class ExpiringLot:
    lot: str
    sku: str
    item: str
    location: str
    expires: dt.date
    date_kind: str
    quantity: str  # in the item's unit
    days_left: int  # negative when already past
    quarantined: bool


def expiring(session: Session, within_days: int, today: dt.date | None = None) -> list[ExpiringLot]:
    """Lots on hand whose date falls within `within_days` of today, past ones included, soonest first."""
    if within_days < 0:
        raise UserError(
            _("within: give a number of days, 0 or more (not {within_days})").format(within_days=within_days)
        )
    today = today or dt.date.today()
    limit = today + dt.timedelta(days=within_days)
    rows = session.execute(
        select(
            Lot.code,
            Item.sku,
            Item.name,
            Location.name,
            Lot.expires_on,
            Item.date_kind,
            Balance.quantity,
            Item.unit,
            Lot.quarantined,
        )
        .join(Lot, Lot.id == Balance.lot_id)
        .join(Item, Item.id == Lot.item_id)
        .join(Location, Location.id == Balance.location_id)
        .where(Balance.expires_on.is_not(None), Balance.expires_on <= limit)
        .order_by(Balance.expires_on, Item.name_key, Lot.code, Location.name)
    )
    return [
        ExpiringLot(
            code,
            sku,
            name,
            location,
            expires,
            kind,
            format_quantity(quantity, unit),
            (expires - today).days,
            quarantined,
        )
        for code, sku, name, location, expires, kind, quantity, unit, quarantined in rows
    ]


@dataclass(frozen=True)
class Pickable:
    """A lot-place that may be picked, in FEFO order, with a mark when its best-by date has passed."""

    lot_id: int
    lot: str
    location_id: int
    location: str
    expires: dt.date | None
    received_on: dt.date
    quantity: int
    past_best_by: bool


def use_by_blocked(date_kind: str, expires: dt.date | None, on_day: dt.date) -> bool:
    """True when food may not go out on `on_day`: use-by and past its date."""
    return date_kind == "use_by" and expires is not None and expires < on_day


def pick_order(session: Session, item_id: int, on_day: dt.date, *, location_id: int | None = None) -> list[Pickable]:
    """The item's lots that may be picked on `on_day`, earliest expiry first, then earliest received.

    Quarantined lots and use-by lots past their date are left out; best-by lots past their date are marked (or left
    out when the pantry's setting says to skip them).
    """
    picks = pick_orders(session, [item_id], on_day).get(item_id, [])
    return picks if location_id is None else [pick for pick in picks if pick.location_id == location_id]


def pick_orders(session: Session, item_ids: Sequence[int], on_day: dt.date) -> dict[int, list[Pickable]]:
    """`pick_order` for many items at once (one query per 500 items), by item id."""
    skip_past_best_by = get_setting(session, SKIP_PAST_BEST_BY) == "1"
    result: dict[int, list[Pickable]] = {}
    for start in range(0, len(item_ids), 500):
        query = (
            select(
                Balance.item_id,
                Lot.id,
                Lot.code,
                Balance.location_id,
                Location.name,
                Lot.expires_on,
                Lot.received_on,
                Balance.quantity,
                Item.date_kind,
            )
            .join(Lot, Lot.id == Balance.lot_id)
            .join(Item, Item.id == Lot.item_id)
            .join(Location, Location.id == Balance.location_id)
            .where(Balance.item_id.in_(item_ids[start : start + 500]), Lot.quarantined.is_(False))
            .order_by(Lot.expires_on.is_(None), Lot.expires_on, Lot.received_on, Lot.id, Location.name)
        )
        for item_id, lot_id, code, place_id, place, expires, received, quantity, date_kind in session.execute(query):
            if use_by_blocked(date_kind, expires, on_day):
                continue
            past = expires is not None and expires < on_day
            if past and skip_past_best_by:
                continue
            result.setdefault(item_id, []).append(
                Pickable(lot_id, code, place_id, place, expires, received, quantity, past)
            )
    return result


def override_use_by(session: Session, lot_id: int, user_id: int, reason: str, *, on_day: dt.date | None = None) -> None:
    """Record that a shift lead or admin let a use-by lot past its date (on `on_day`, today) go out, and why."""
    lot = session.get(Lot, lot_id)
    if lot is None:
        raise UserError(_("lot: there is no lot {lot_id}").format(lot_id=lot_id))
    user = session.get(User, user_id)
    if user is None or not user.active or user.role not in OVERRIDE_ROLES:
        who = who_is(user)
        raise UserError(
            _("override: only a shift lead or an admin may let use-by food past its date go out ({who})").format(
                who=who
            )
        )
    if not reason.strip():
        raise UserError(_("reason: say why this use-by food may still go out"))
    item = lot.item
    if item.date_kind != "use_by":
        kind = _("best-by") if item.date_kind == "best_by" else _("not dated")
        raise UserError(
            _("override: lot {code} ({item}) is {kind}; only use-by food needs an override").format(
                code=lot.code, item=item.name, kind=kind
            )
        )
    if lot.expires_on is None:
        raise UserError(
            _("override: lot {code} ({item}) has no use-by date; no override is needed").format(
                code=lot.code, item=item.name
            )
        )
    day = on_day or dt.date.today()
    if not use_by_blocked(item.date_kind, lot.expires_on, day):
        raise UserError(
            _("override: lot {code} ({item}) is good until {expires_on}; no override is needed").format(
                code=lot.code, item=item.name, expires_on=translator().date(lot.expires_on)
            )
        )
    session.add(LotEvent(lot_id=lot_id, kind="override", note=reason.strip(), user_id=user_id))
    session.flush()


@dataclass(frozen=True)
class BelowPar:
    sku: str
    item: str
    unit: str
    par_level: int
    quantity: int
    short_by: int
    category: str


def below_par(session: Session) -> list[BelowPar]:
    """Items with a par level and less than that on hand (no stock at all included), furthest below first."""
    totals: dict[int, int] = {}
    for item_id, quantity in session.execute(select(Balance.item_id, Balance.quantity)):
        totals[item_id] = totals.get(item_id, 0) + quantity
    rows = session.execute(
        select(Item.id, Item.sku, Item.name, Item.unit, Item.par_level, Category.name)
        .join(Category, Category.id == Item.category_id)
        .where(Item.par_level.is_not(None), Item.active.is_(True))
    )
    result = []
    for item_id, sku, name, unit, par, category in rows:
        on_hand = totals.get(item_id, 0)
        if on_hand < par:
            result.append(BelowPar(sku, name, unit, par, on_hand, par - on_hand, category))
    return sorted(result, key=lambda row: (-row.short_by / max(row.par_level, 1), row.item.casefold()))
