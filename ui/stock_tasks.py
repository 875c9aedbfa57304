"""What the Stock screen asks the worker for, in two parts: the item view (with the dashboard, which is quick even on a
food bank's ledger) and the lot view (one row per lot and place: the long one, loaded after the items are shown)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.models import Balance, Location
from pantry.services import catalog, stock, stockcare
from pantry.services.catalog import NamedRow
from ui import tasks


@dataclass(frozen=True)
class ItemView:
    items: list[stock.ItemStock]
    locations: list[NamedRow]
    items_at: dict[str, frozenset[int]]  # location name -> ids of the items with stock there (the location filter)
    dashboard: tasks.Dashboard


@dataclass(frozen=True)
class LotView:
    lots: list[stock.LotStock]
    quarantined: frozenset[int]  # lot ids


def item_view(session: Session, today: dt.date | None = None) -> ItemView:
    items_at: dict[str, set[int]] = {}
    query = select(Location.name, Balance.item_id).join(Location, Location.id == Balance.location_id).distinct()
    for location, item_id in session.execute(query):
        items_at.setdefault(location, set()).add(item_id)
    return ItemView(
        stock.stock_by_item(session),
        catalog.locations(session),
        {location: frozenset(ids) for location, ids in items_at.items()},
        tasks.dashboard(session, today),
    )


def lot_view(session: Session) -> LotView:
    return LotView(stock.stock_by_lot(session), frozenset(stockcare.quarantined_lot_ids(session)))
