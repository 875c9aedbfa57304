"""What the screens ask the worker to do: core calls composed per user action, each `fn(session, ...)`.

Qt-free and rule-free: every rule lives in `pantry`; these functions only gather what one screen action needs in one
transaction, so the screen gets everything back in one result.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from sqlalchemy.orm import Session

from pantry.db import Database, open_database, sample_database
from pantry.progress import Progress, ShouldCancel, no_progress
from pantry.sample import ensure_sample_database
from pantry.services import catalog, intake, setup, stock, users
from pantry.services.catalog import ItemInfo, ItemSpec, NamedRow


@dataclass(frozen=True)
class LineStart:
    """A new intake line as the core would fill it: the item, what one scan adds, and the prefilled expiry/location."""

    item: ItemInfo
    code: str | None
    quantity: int  # counted items: what one scan adds; items counted by weight: 0 (a weight is needed)
    expires_on: dt.date | None
    location_id: int


@dataclass(frozen=True)
class ScanResult:
    """What a scanned or typed text turned out to be: a line to add, an unknown code, or catalog matches."""

    text: str
    line: LineStart | None = None
    unknown_code: str | None = None
    matches: tuple[ItemInfo, ...] = ()


@dataclass(frozen=True)
class IntakeChoices:
    donors: list[NamedRow]
    locations: list[NamedRow]
    anonymous_id: int


@dataclass(frozen=True)
class StockSnapshot:
    items: list[stock.ItemStock]
    lots: list[stock.LotStock]
    locations: list[NamedRow]


@dataclass(frozen=True)
class PantryFacts:
    org_name: str


def open_pantry(
    location: str | os.PathLike[str] | None,
    sample: bool,
    *,
    progress: Progress = no_progress,
    should_cancel: ShouldCancel | None = None,
) -> Database:
    """Open the pantry database, or the sample pantry (created and filled on first use)."""
    if sample:
        return ensure_sample_database(sample_database(), progress=progress)
    return open_database(location)


def pantry_facts(session: Session) -> PantryFacts:
    return PantryFacts(setup.get_setting(session, "org_name", setup.DEFAULT_ORG))


def _looks_like_code(text: str) -> bool:
    return bool(text) and not any(char.isspace() for char in text)


def line_start(session: Session, item: ItemInfo, code: str | None, per_scan: int, received_on: dt.date) -> LineStart:
    """A line for `item`, prefilled: expiry from its shelf life, location where it was last put (else the default)."""
    expires, location = intake.line_defaults(session, item.id, item.date_kind, item.shelf_life_days, received_on)
    return LineStart(item, code, 0 if item.weighed else per_scan, expires, location)


def scan(session: Session, text: str, received_on: dt.date) -> ScanResult:
    """A scanned code or a typed name. Raises UserError for a malformed code (a wrong check digit)."""
    query = text.strip()
    if _looks_like_code(query):
        hit = catalog.lookup_code(session, query)
        if hit is not None:
            return ScanResult(query, line=line_start(session, hit.item, hit.code, hit.quantity_per_scan, received_on))
        if query.isdigit():
            return ScanResult(query, unknown_code=query)
    matches = tuple(catalog.find_items(session, query))
    if not matches and _looks_like_code(query) and any(char.isdigit() for char in query):
        return ScanResult(query, unknown_code=query)
    return ScanResult(query, matches=matches)


def pick_item(session: Session, item_id: int, received_on: dt.date) -> LineStart:
    """A line for an item chosen by name: one of it (or a weight to enter)."""
    return line_start(session, catalog.get_item(session, item_id), None, 1, received_on)


def remember_code(session: Session, item_id: int, code: str, per_scan: int, received_on: dt.date) -> LineStart:
    """Teach the catalog that `code` means this item, and start a line for the scan that taught it."""
    stored = catalog.add_code(session, item_id, code, per_scan, users.acting_user(session).id)
    return line_start(session, catalog.get_item(session, item_id), stored, per_scan, received_on)


def create_item(session: Session, spec: ItemSpec, received_on: dt.date) -> LineStart:
    """Create an item (with the scanned code in `spec.codes`) and start a line for it."""
    item, _created = catalog.save_item(session, spec, users.acting_user(session).id)
    code, per_scan = spec.codes[0] if spec.codes else (None, 1)
    stored = catalog.lookup_code(session, code) if code else None
    return line_start(session, item, stored.code if stored else code, per_scan, received_on)


def category_names(session: Session) -> list[str]:
    """Category names for the new-item form."""
    return [row.name for row in catalog.categories(session)]


def intake_choices(session: Session) -> IntakeChoices:
    return IntakeChoices(catalog.donors(session), catalog.locations(session), intake.anonymous_donor_id(session))


def save_donation(session: Session, draft: intake.DonationDraft) -> intake.SavedDonation:
    return intake.record_donation(session, draft, users.acting_user(session).id)


def stock_snapshot(session: Session) -> StockSnapshot:
    return StockSnapshot(stock.stock_by_item(session), stock.stock_by_lot(session), catalog.locations(session))
