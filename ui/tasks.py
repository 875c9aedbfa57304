"""What the screens ask the worker to do: core calls composed per user action, each `fn(session, ...)`.

Qt-free and rule-free: every rule lives in `pantry`; these functions only gather what one screen action needs in one
transaction, so the screen gets everything back in one result.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from pantry import barcodes
from pantry.db import Database, open_database, sample_database
from pantry.errors import UserError
from pantry.models import User
from pantry.progress import Progress, ShouldCancel, no_progress
from pantry.services import (
    agencies,
    catalog,
    counts,
    expiry,
    history,
    households,
    intake,
    labels,
    lots,
    packing,
    permissions,
    pickups,
    setup,
    stock,
    stockcare,
    templates,
    users,
    visits,
)
from pantry.services.catalog import ItemInfo, ItemSpec, NamedRow
from pantry.services.counts import SHOW_EXPECTED
from pantry.services.history import LotHistory
from pantry.services.labels import LotLabel
from ui.text import _, ngettext, translator

if TYPE_CHECKING:  # loaded on first use (the sample pantry, handing over, pickup papers): not at the desk's start
    from pantry.services import handover


@dataclass(frozen=True)
class ScanData:
    """What a GS1 barcode says besides the product: its date, the supplier's lot and a net weight."""

    expires: dt.date | None = None
    date_kind: str | None = None  # use_by | best_by, for `expires`
    supplier_lot: str | None = None
    weight_grams: int | None = None

    def __bool__(self) -> bool:
        return any(value is not None for value in (self.expires, self.supplier_lot, self.weight_grams))


@dataclass(frozen=True)
class LineStart:
    """A new intake line as the core would fill it: the item, what one scan adds, and the prefilled expiry/location.
    `data` is what the barcode itself said (GS1): its expiry then replaces the shelf-life guess."""

    item: ItemInfo
    code: str | None
    quantity: int  # counted items: what one scan adds; items counted by weight: 0 (a weight is needed)
    expires_on: dt.date | None
    location_id: int
    data: ScanData = ScanData()


@dataclass(frozen=True)
class LotPlace:
    """A lot where it lies: what the stock actions (move, adjust, labels, release) work on."""

    lot: str
    item: str
    unit: str
    location: str
    quantity: int  # counting units (grams for weighed items)
    quarantined: bool = False


@dataclass(frozen=True)
class LotDetails:
    history: LotHistory
    places: tuple[LotPlace, ...]


@dataclass(frozen=True)
class ScanResult:
    """What a scanned or typed text turned out to be: a line to add, an unknown code, catalog matches, GS1 data for
    the last line, a lot to open, or one of our codes that has no place on a donation (`not_here` says what)."""

    text: str
    line: LineStart | None = None
    unknown_code: str | None = None
    matches: tuple[ItemInfo, ...] = ()
    data: ScanData | None = None
    lot: LotDetails | None = None
    not_here: str | None = None


@dataclass(frozen=True)
class IntakeChoices:
    donors: list[NamedRow]
    locations: list[NamedRow]
    anonymous_id: int


@dataclass(frozen=True)
class Dashboard:
    """The numbers of the strip above the stock tables."""

    expiring: int  # lot-places expiring within EXPIRING_SOON_DAYS, not yet past
    expired: int  # lot-places past their date, still on hand
    below_par: int  # items
    open_counts: tuple[str, ...]  # "count 3 of Walk-in cooler"


@dataclass(frozen=True)
class StockSnapshot:
    items: list[stock.ItemStock]
    lots: list[stock.LotStock]
    locations: list[NamedRow]
    quarantined: frozenset[int] = frozenset()  # lot ids
    dashboard: Dashboard | None = None


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
        from pantry.sample import ensure_sample_database

        return ensure_sample_database(sample_database(), progress=progress)
    return open_database(location)


def pantry_facts(session: Session) -> PantryFacts:
    return PantryFacts(setup.get_setting(session, "org_name", setup.DEFAULT_ORG))


def _looks_like_code(text: str) -> bool:
    return bool(text) and not any(char.isspace() for char in text)


def line_start(
    session: Session,
    item: ItemInfo,
    code: str | None,
    per_scan: int,
    received_on: dt.date,
    data: ScanData | None = None,
) -> LineStart:
    """A line for `item`, prefilled: expiry from its shelf life (or from the barcode), location where it was last put
    (else the default)."""
    expires, location = intake.line_defaults(session, item.id, item.date_kind, item.shelf_life_days, received_on)
    data = data or ScanData()
    if data.expires is not None:
        expires = data.expires
    return LineStart(item, code, 0 if item.weighed else per_scan, expires, location, data)


def _scan_data(parsed: barcodes.Scan) -> ScanData:
    return ScanData(parsed.expires, parsed.date_kind, parsed.supplier_lot, parsed.weight_grams)


def _not_on_a_donation(session: Session, parsed: barcodes.Scan) -> str:
    if parsed.kind == "order":
        return _(
            "{code} is a pickup order, not a product: it does not belong on a donation. It belongs on the Pickups "
            "screen (Ctrl+4): scan it there to hand over the order."
        ).format(code=parsed.code)
    if parsed.kind == "household":
        return _(
            "{code} is a household card, not a product: it does not belong on a donation. Scan it on the Pickups "
            "screen (Ctrl+4) for a walk-in."
        ).format(code=parsed.code)
    if parsed.kind == "location":
        names = {row.id: row.name for row in catalog.locations(session)}
        if parsed.number in names:
            return _(
                "{code} is the shelf label of {location}, not a product: it does not belong on a donation. Scan the "
                "barcode on the food itself."
            ).format(code=parsed.code, location=names[parsed.number])
        return _(
            "{code} is a location (shelf) label, not a product: it does not belong on a donation. Scan the barcode "
            "on the food itself."
        ).format(code=parsed.code)
    return _("{code} is not a product: it does not belong on a donation. Scan the barcode on the food itself.").format(
        code=parsed.code
    )


def scan(session: Session, text: str, received_on: dt.date) -> ScanResult:
    """A scanned code or a typed name, read by `barcodes.parse_scan`. Raises UserError (ScanError) for a code with a
    wrong check digit or malformed GS1 data."""
    query = text.strip()
    try:
        parsed = barcodes.parse_scan(text, today=received_on)
    except barcodes.ScanError as problem:
        if problem.reason != "unknown":
            raise
        parsed = None
    if parsed is None:  # not a code we know: a typed name, or a shop's own code the catalog may have
        hit = catalog.lookup_code(session, query) if _looks_like_code(query) else None
        if hit is not None:
            return ScanResult(query, line=line_start(session, hit.item, hit.code, hit.quantity_per_scan, received_on))
        matches = tuple(catalog.find_items(session, query))
        if not matches and _looks_like_code(query) and any(char.isdigit() for char in query):
            return ScanResult(query, unknown_code=query)
        return ScanResult(query, matches=matches)
    if parsed.kind == "product":
        assert parsed.code is not None
        data = _scan_data(parsed)
        for code in (parsed.code, *parsed.other_codes):
            hit = catalog.lookup_code(session, code)
            if hit is not None:
                start = line_start(session, hit.item, hit.code, hit.quantity_per_scan, received_on, data)
                return ScanResult(query, line=start)
        return ScanResult(query, unknown_code=parsed.code, data=data or None)
    if parsed.kind == "gs1-data":
        return ScanResult(query, data=_scan_data(parsed))
    if parsed.kind == "lot":
        assert parsed.code is not None
        return ScanResult(query, lot=lot_details(session, parsed.code))
    return ScanResult(query, not_here=_not_on_a_donation(session, parsed))


def lot_details(session: Session, code: str) -> LotDetails:
    """A lot's history and where it lies now (UserError when no lot has that code)."""
    lot = lots.lot_by_code(session, code)
    found = history.lot_history(session, lot.code)
    places = tuple(
        LotPlace(lot.code, found.item, found.unit, place.location, place.quantity, lot.quarantined)
        for place in lots.places(session, lot.id)
    )
    return LotDetails(found, places)


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


def stock_snapshot(session: Session, today: dt.date | None = None) -> StockSnapshot:
    return StockSnapshot(
        stock.stock_by_item(session),
        stock.stock_by_lot(session),
        catalog.locations(session),
        frozenset(stockcare.quarantined_lot_ids(session)),
        dashboard(session, today),
    )


def dashboard(session: Session, today: dt.date | None = None) -> Dashboard:
    soon = expiry.expiring(session, stock.EXPIRING_SOON_DAYS, today)
    return Dashboard(
        expiring=sum(1 for row in soon if row.days_left >= 0),
        expired=sum(1 for row in soon if row.days_left < 0),
        below_par=len(expiry.below_par(session)),
        open_counts=tuple(
            _("count {number} of {scope}").format(number=row.id, scope=row.scope) for row in counts.open_counts(session)
        ),
    )


# -- stock care --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    code: str
    label: str
    is_loss: bool
    needs_note: bool


@dataclass(frozen=True)
class Changed:
    """What a stock action did, in the core's words, with its warnings (an open count to redo ...)."""

    message: str
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join((self.message, *self.warnings))


def _acting_user_id(session: Session) -> int:
    """Who works at the desk: the user signed in (the window binds its sessions, `settings_tasks.sign_in_desk`);
    with PINs off, the first admin; with PINs on and nobody signed in, a UserError ("sign in: ...")."""
    return users.acting_user(session).id


def _acting_role(session: Session) -> str:
    """The role of whoever `_acting_user_id` names: every role decision of the window starts here."""
    user = session.get(User, _acting_user_id(session))
    return user.role if user is not None else ""


def _changed(done: list[stockcare.Done]) -> Changed:
    warnings = tuple(dict.fromkeys(warning for one in done for warning in one.warnings))
    return Changed(" ".join(one.message for one in done), warnings)


def adjust_reasons(session: Session) -> list[Reason]:
    return [Reason(row.code, row.label, row.is_loss, row.needs_note) for row in stockcare.reasons(session)]


def move_lots(
    session: Session, moves: Sequence[tuple[str, str, int | None]], to_location: str, today: dt.date | None = None
) -> Changed:
    """Move each (lot, from location, quantity or None for all of it) to one location: all of them, or none."""
    user_id = _acting_user_id(session)
    return _changed(
        [
            stockcare.transfer(session, code, to_location, user_id, quantity=quantity, from_location=where, today=today)
            for code, where, quantity in moves
        ]
    )


def adjust_lots(
    session: Session,
    changes: Sequence[tuple[str, str, int]],
    reason: str,
    note: str,
    today: dt.date | None = None,
) -> Changed:
    """Adjust each (lot, location, signed quantity) with one reason and note: all of them, or none."""
    user_id = _acting_user_id(session)
    return _changed(
        [
            stockcare.adjust(session, code, quantity, reason, user_id, note=note, location=where, today=today)
            for code, where, quantity in changes
        ]
    )


def release_lots(session: Session, codes: Sequence[str], note: str = "") -> Changed:
    user_id = _acting_user_id(session)
    return _changed([stockcare.release(session, code, user_id, note) for code in dict.fromkeys(codes)])


def last_change(session: Session) -> str | None:
    """The acting user's last stock change as a person would name it, or None when there is nothing to undo."""
    operation = history.last_operation(session, _acting_user_id(session))
    if operation is None:
        return None
    when = operation.created_at.astimezone().strftime("%H:%M") if operation.created_at else ""
    what = history.operation_name(operation.kind) + (f" ({operation.note})" if operation.note else "")
    return (_("your {change} at {time}") if when else _("your {change}")).format(change=what, time=when)


def undo_last_change(session: Session) -> Changed:
    undone = history.undo_last(session, _acting_user_id(session))
    return Changed(undone.message, undone.warnings)


# -- labels ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelLine:
    """One lot label and the item it belongs to (choices such as "one label per unit" are per item)."""

    label: LotLabel
    sku: str


@dataclass(frozen=True)
class LabelBatch:
    title: str  # "donation #12", "3 lots"
    file_stem: str  # "labels-donation-12"
    lines: tuple[LabelLine, ...]


def _label_lines(session: Session, found: Sequence[LotLabel]) -> tuple[LabelLine, ...]:
    skus: dict[str, str] = {}
    for label in found:
        if label.code not in skus:
            skus[label.code] = lots.lot_by_code(session, label.code).item.sku
    return tuple(LabelLine(label, skus[label.code]) for label in found)


def donation_label_batch(session: Session, donation_id: int) -> LabelBatch:
    lines = _label_lines(session, labels.donation_labels(session, donation_id))
    return LabelBatch(_("donation #{number}").format(number=donation_id), f"labels-donation-{donation_id}", lines)


def lot_label_batch(session: Session, places: Sequence[tuple[str, str]]) -> LabelBatch:
    """Labels of these (lot, location) rows: the core gives one per place each lot lies; only the chosen places."""
    codes = list(dict.fromkeys(code for code, _where in places))
    found = labels.lot_labels(session, codes)
    chosen = set(places)
    kept = [label for label in found if (label.code, label.location) in chosen] or found
    title = (
        _("lot {code}").format(code=codes[0])
        if len(codes) == 1
        else ngettext("{count} lot", "{count} lots", len(codes)).format(count=len(codes))
    )
    stem = f"labels-{codes[0]}" if len(codes) == 1 else f"labels-{len(codes)}-lots"
    return LabelBatch(title, stem, _label_lines(session, kept))


def render_labels(session: Session, chosen: Sequence[LotLabel], layout_name: str, start: int = 1) -> bytes:
    """The labels as a PDF on a layout, with the printer offset kept for that layout."""
    from pantry.documents import label_layouts  # the PDF library loads when something first prints, not at start
    from pantry.documents import labels as label_documents

    layout = label_layouts.layout_named(layout_name)
    offset = labels.label_offset(session, layout.name)
    return label_documents.render_pdf(chosen, layout, start=start, offset_mm=offset, title=_("Lot labels"))


# -- counts ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountChoices:
    locations: list[NamedRow]
    open_counts: list[counts.CountSummary]
    show_expected: bool


def count_choices(session: Session) -> CountChoices:
    return CountChoices(
        catalog.locations(session),
        counts.open_counts(session),
        setup.get_setting(session, SHOW_EXPECTED) == "1",
    )


def start_count(session: Session, location: str) -> counts.CountSummary:
    count_id = counts.start(session, _acting_user_id(session), location=location)
    return counts.summary(session, count_id)


def count_summary(session: Session, count_id: int) -> counts.CountSummary:
    return counts.summary(session, count_id)


def enter_count(session: Session, count_id: int, lot_code: str, counted: int) -> counts.CountSummary:
    counts.enter(session, count_id, [counts.Entry(lot_code, counted)], _acting_user_id(session))
    return counts.summary(session, count_id)


def post_count(session: Session, count_id: int) -> counts.Posted:
    return counts.post(session, count_id, _acting_user_id(session))


def cancel_count(session: Session, count_id: int) -> None:
    counts.cancel(session, count_id)


def set_show_expected(session: Session, show: bool) -> None:
    setup.set_setting(session, SHOW_EXPECTED, "1" if show else "0")


def count_sheet_pdf(session: Session, count_id: int, show_expected: bool) -> bytes:
    """The count sheet of a count as PDF bytes (the core writes it to a file)."""
    from pantry.documents import count_sheet

    summary = counts.summary(session, count_id)
    org = setup.get_setting(session, "org_name", setup.DEFAULT_ORG)
    with tempfile.TemporaryDirectory(prefix="pantry-count-") as folder:
        path = Path(folder) / f"count-{count_id}.pdf"
        count_sheet.render(summary, org, path, show_expected=show_expected)
        return path.read_bytes()


def location_rows(session: Session) -> list[NamedRow]:
    return catalog.locations(session)


# -- pickups -----------------------------------------------------------------------------------------------------

sees_personal_details = users.sees_personal_details  # the rule lives in the core


@dataclass(frozen=True)
class PickupDay:
    day: dt.date
    rows: list[pickups.OrderRow]
    templates: list[str]
    agencies: list[str] = field(default_factory=list)
    may_override: bool = False  # the acting user may let a household over the visit limit (with a reason)
    actions: frozenset[str] = frozenset()  # what the acting user may do (`permissions.actions_for`)


class OverrideNeeded(UserError):
    """Planning stopped at a blocking visit limit only: with a reason, a shift lead may let these households come."""

    def __init__(self, error: UserError, household_codes: Sequence[str], may_override: bool) -> None:
        super().__init__(str(error.args[0]), list(error.problems))
        self.households = tuple(household_codes)
        self.may_override = may_override


def _may_override(session: Session) -> bool:
    return permissions.allowed(_acting_role(session), "override")


def _override_needed(
    session: Session, error: UserError, household_codes: Sequence[str], day: dt.date, override: str | None
) -> OverrideNeeded | None:
    """`error` as an OverrideNeeded when what the core refused is only the visit limit in block mode (so a reason
    would let it through), else None."""
    if override is not None:
        return None
    limit = visits.visit_limit(session)
    if limit.mode != "block":
        return None
    try:
        found = [households.household_by_code(session, code) for code in household_codes]
    except UserError:
        return None
    problems = visits.limit_problems(session, found, day, limit=limit)
    if not problems or not all(any(line.startswith(text) for text in problems.values()) for line in error.problems):
        return None
    blocked = [household.code for household in found if household.id in problems]
    return OverrideNeeded(error, blocked, _may_override(session))


@dataclass(frozen=True)
class PackedLine:
    """One item of a packed order, for correcting what was actually given."""

    item_id: int
    item: str
    unit: str
    packed: int  # counting units


@dataclass(frozen=True)
class WalkIn:
    planned: pickups.Planned
    packed: packing.PackResult
    pdf: bytes


def pickup_day(session: Session, day: dt.date) -> PickupDay:
    rows = pickups.order_rows(session, pickups.orders_on(session, day))
    return PickupDay(
        day,
        rows,
        [row.name for row in templates.templates(session)],
        [row.name for row in agencies.agencies(session)],
        _may_override(session),
        permissions.actions_for(_acting_role(session)),
    )


def complete_order(session: Session, code: str, given: dict[int, int] | None = None) -> handover.Completed:
    """Hand over an order: everything packed, or (item id → counting units) what was actually given."""
    from pantry.services import handover

    return handover.complete(session, code, _acting_user_id(session), given=given)


def packed_lines(session: Session, code: str) -> tuple[str, list[PackedLine]]:
    """The order's label and what it holds per item, for the "not everything was given" window."""
    from pantry.services import handover

    order = pickups.order_by_code(session, code)
    label = pickups.order_code(order.id)
    if order.status not in pickups.OPEN:
        raise UserError(
            _("order: {order} is {status}; it cannot be picked up").format(
                order=label, status=pickups.status_text(order.status)
            )
        )
    if order.status == "planned":  # as `handover.complete` does: whoever may hand it over may pack it for that
        user_id = _acting_user_id(session)
        permissions.require(session, user_id, "pickup.complete")
        with permissions.granted(session, "pickup.pack"):
            packing.pack(session, [order.id], user_id)
    lines = []
    for item_id, quantity in handover.packed_items(session, label).items():
        item = catalog.get_item(session, item_id)
        lines.append(PackedLine(item_id, item.name, item.unit, quantity))
    return label, lines


def plan_order(
    session: Session, day: dt.date, template: str, household: str, slot: str | None, override: str | None = None
) -> pickups.Planned:
    """One order for a household. OverrideNeeded when only the visit limit (block mode) stands in the way."""
    try:
        return pickups.plan(
            session, day, template, _acting_user_id(session), household=household, slot=slot, override_reason=override
        )
    except UserError as error:
        needed = _override_needed(session, error, [household], day, override)
        if needed is not None:
            raise needed from None
        raise


def plan_agency_order(session: Session, day: dt.date, template: str, agency: str, slot: str | None) -> pickups.Planned:
    """A bulk order for a partner agency (per-person lines scale by the people it serves)."""
    return pickups.plan_for_agency(session, day, template, agency, _acting_user_id(session), slot=slot)


@dataclass(frozen=True)
class DayPlan:
    """Orders for many households at once: who, which box, and how to spread them over time slots."""

    day: dt.date
    template: str
    household_codes: tuple[str, ...] = ()
    every_household: bool = False  # instead of the codes: every active household without this box that day yet
    first_slot: str | None = None  # HH:MM; None: no slots
    minutes_apart: int = 15
    per_slot: int = 10
    override: str | None = None


def households_to_plan(session: Session, day: dt.date, template: str) -> list[str]:
    """Every active household that has no open order of this box on `day` yet, by code."""
    chosen = templates.template_named(session, template)
    taken = {
        order.household_id
        for order in pickups.orders_on(session, day, statuses=pickups.OPEN)
        if order.template_id == chosen.id
    }
    return sorted(row.code for row in households.all_households(session) if row.id not in taken)


def slot_times(first: str, minutes_apart: int, count: int) -> list[str]:
    """`count` slots from `first` (HH:MM), `minutes_apart` apart, never past 23:59."""
    start = pickups.parse_slot(first)
    minutes = int(start[:2]) * 60 + int(start[3:])
    return [f"{min(m, 23 * 60 + 59) // 60:02d}:{min(m, 23 * 60 + 59) % 60:02d}" for m in
            (minutes + number * minutes_apart for number in range(count))]  # fmt: skip


def plan_day(session: Session, plan: DayPlan) -> list[pickups.Planned]:
    """Orders from one box for many households, all or none; slots filled `per_slot` households at a time."""
    if plan.every_household:
        codes = households_to_plan(session, plan.day, plan.template)
        if not codes:
            raise UserError(
                _("households: every active household has {box} on {day} already").format(
                    box=plan.template, day=translator().date(plan.day)
                )
            )
    else:
        codes = list(plan.household_codes)
        if not codes:
            raise UserError(_("households: list at least one household code (or plan for every household)"))
    groups: list[tuple[str | None, list[str]]] = [(None, codes)]
    if plan.first_slot:
        per_slot = max(1, plan.per_slot)
        chunks = [codes[start : start + per_slot] for start in range(0, len(codes), per_slot)]
        try:
            times = slot_times(plan.first_slot, max(1, plan.minutes_apart), len(chunks))
        except ValueError as problem:
            raise UserError(_("slot: {problem}").format(problem=problem)) from None
        groups = list(zip(times, chunks, strict=True))
    user_id = _acting_user_id(session)
    planned: list[pickups.Planned] = []
    for slot, chunk in groups:
        try:
            planned += pickups.plan_many(
                session, plan.day, plan.template, chunk, user_id, slot=slot, override_reason=plan.override
            )
        except UserError as error:
            needed = _override_needed(session, error, chunk, plan.day, plan.override)
            if needed is not None:
                raise needed from None
            raise
    return planned


def no_show_orders(session: Session, codes: Sequence[str]) -> list[str]:
    """These orders' households did not come: nothing is posted. One message per order."""
    user_id = _acting_user_id(session)
    return [pickups.no_show(session, code, user_id) for code in codes]


def cancel_orders(session: Session, codes: Sequence[str]) -> list[str]:
    user_id = _acting_user_id(session)
    return [pickups.cancel(session, code, user_id) for code in codes]


def close_day(session: Session, day: dt.date) -> list[str]:
    """Every order of `day` still planned or packed becomes a no-show; their codes."""
    return pickups.close_day(session, day, _acting_user_id(session))


def pack_day(session: Session, day: dt.date, codes: Sequence[str] = ()) -> packing.PackResult:
    """Pack the chosen orders, or (none chosen) every planned order of the day."""
    if codes:
        ids = [pickups.order_by_code(session, code).id for code in codes]
    else:
        ids = [order.id for order in pickups.orders_on(session, day, statuses=("planned",))]
    if not ids:
        raise UserError(_("pack: no planned orders on {day}: nothing to pack").format(day=translator().date(day)))
    return packing.pack(session, ids, _acting_user_id(session))


def sheets_pdf(session: Session, day: dt.date | None, codes: Sequence[str] = ()) -> bytes:
    from pantry.documents import pickup_sheet
    from pantry.services import pickup_papers

    ids = pickup_papers.sheet_order_ids(session, day, list(codes))
    found = pickup_papers.sheets(session, ids)
    with tempfile.TemporaryDirectory(prefix="pantry-sheets-") as folder:
        path = Path(folder) / "sheets.pdf"
        pickup_sheet.render(found, path)
        return path.read_bytes()


def distribution_list_pdf(session: Session, day: dt.date) -> bytes:
    from pantry.documents import distribution_list
    from pantry.services import pickup_papers

    data = pickup_papers.distribution_list(session, day)
    with tempfile.TemporaryDirectory(prefix="pantry-list-") as folder:
        path = Path(folder) / "list.pdf"
        distribution_list.render(data, path)
        return path.read_bytes()


def walk_in(session: Session, household: str, template: str, override: str | None = None) -> WalkIn:
    """A household at the door: plan and pack an order for today, and its sheet ready to print."""
    try:
        planned, packed = pickups.walk_in(
            session, household, template, _acting_user_id(session), override_reason=override
        )
    except UserError as error:
        needed = _override_needed(session, error, [household], dt.date.today(), override)
        if needed is not None:
            raise needed from None
        raise
    return WalkIn(planned, packed, sheets_pdf(session, None, [planned.code]))


# -- households --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HouseholdRow:
    """A household as the list shows it; personal fields are "" for a user who may not see them."""

    code: str
    first_name: str
    size: int
    dietary: tuple[str, ...]
    name: str = ""
    phone: str = ""
    postcode: str = ""
    registered_on: dt.date | None = None


@dataclass(frozen=True)
class HouseholdFile:
    """One household opened: what the user may see, its visits and its warnings."""

    row: HouseholdRow
    details: households.HouseholdDetails | None  # None: not for this user's eyes
    past_visits: list[visits.Visit]
    warnings: tuple[str, ...]


def _row(found: households.HouseholdDetails, personal: bool) -> HouseholdRow:
    if not personal:
        return HouseholdRow(found.code, found.first_name, found.size, found.dietary)
    return HouseholdRow(
        found.code, found.first_name, found.size, found.dietary, found.name, found.phone, found.postcode,
        found.registered_on,
    )  # fmt: skip


def _may_see(session: Session, role: str | None = None) -> bool:
    """`role` None: the acting user's (the signed-in user; the first admin while PINs are off)."""
    return sees_personal_details(role if role is not None else _acting_role(session))


def find_households(session: Session, text: str, role: str | None = None) -> tuple[list[HouseholdRow], bool]:
    """Households whose code, name or phone holds `text` (all when empty), and whether personal details show.
    A volunteer's search only looks at what they may see (code and first name)."""
    personal = _may_see(session, role)
    needle = text.strip().casefold()
    digits = households.phone_key(text) if any(char.isdigit() for char in text) else ""
    found = []
    for one in households.household_list(session):
        fields = [one.code, one.first_name] + ([one.name] if personal else [])
        hit = not needle or any(needle in field.casefold() for field in fields)
        if not hit and personal and digits and len(digits) >= 3:
            hit = digits in households.phone_key(one.phone)
        if hit:
            found.append(_row(one, personal))
    return found, personal


def household_file(session: Session, code: str, today: dt.date | None = None, role: str | None = None) -> HouseholdFile:
    found = households.details(session, code)
    personal = _may_see(session, role)
    warnings = []
    problem = visits.limit_problem(session, found.id, today or dt.date.today())
    if problem:
        warnings.append(problem)
    eligibility = households.eligibility_warning(found.eligibility_declared_on, today or dt.date.today())
    if eligibility:
        warnings.append(eligibility)
    return HouseholdFile(
        _row(found, personal), found if personal else None, visits.visits_of(session, found.id), tuple(warnings)
    )


@dataclass(frozen=True)
class HouseholdForm:
    """What the household dialog shows: the pantry's age bands and, to edit one, the household as this user may see
    it (`details` None: its personal details are not for this user's eyes, and the user may not change it)."""

    bands: list[households.BandInfo]
    personal: bool
    code: str | None = None
    first_name: str = ""
    size: int = 1
    members: dict[str, int] = field(default_factory=dict)  # band key → people; empty: not counted by age
    dietary: tuple[str, ...] = ()
    details: households.HouseholdDetails | None = None


def household_form(session: Session, code: str | None = None, role: str | None = None) -> HouseholdForm:
    """The dialog's start: empty to register (code None), or filled with the household to change."""
    personal = _may_see(session, role)
    bands = households.age_bands(session)
    if code is None:
        return HouseholdForm(bands, personal)
    found = households.household_by_code(session, code)
    members = {member.band_key: member.count for member in found.members if member.count}
    details = households.details_of(session, [found])[0]
    return HouseholdForm(
        bands,
        personal,
        found.code,
        found.first_name,
        found.size,
        members,
        details.dietary,
        details if personal else None,
    )


class PossibleDuplicates(UserError):
    """Registering stopped (nothing written) because the household may be registered already; ask, then save with
    `anyway=True`."""

    def __init__(self, duplicates: Sequence[households.Duplicate]) -> None:
        self.duplicates = tuple(duplicates)
        lines = [duplicate.message for duplicate in self.duplicates]
        many = ngettext("{count} possible duplicate", "{count} possible duplicates", len(lines))
        super().__init__(lines[0] if len(lines) == 1 else many.format(count=len(lines)), lines)


def save_household(
    session: Session, spec: households.HouseholdSpec, code: str | None = None, anyway: bool = False
) -> households.Registered:
    """Register a household (code None) or change one. A new household that looks like one already registered (same
    name and postcode, or same phone) raises PossibleDuplicates and nothing is written, unless `anyway`; a change
    returns such look-alikes as warnings."""
    if code is None:
        registered = households.register_household(session, spec, _acting_user_id(session))
        if registered.duplicates and not anyway:
            raise PossibleDuplicates(registered.duplicates)  # the worker rolls the registration back
        return registered
    return households.update_household(session, code, spec, _acting_user_id(session))


def household_code_of(session: Session, text: str) -> str:
    """The code of a scanned household card (UserError when it is none we know)."""
    return households.by_code(session, text).code


@dataclass(frozen=True)
class PickupScan:
    """What a scan on the Pickups screen did: an order handed over, a household card (for a walk-in), or an order's
    lines to correct before handing over (when only part was given)."""

    completed: handover.Completed | None = None
    household: str | None = None
    order: str | None = None
    lines: tuple[PackedLine, ...] = ()


def pickup_scan(session: Session, text: str, partial: bool = False) -> PickupScan:
    """An order sheet: hand it over (or, `partial`, give its lines back to correct). A household card: its code."""
    try:
        parsed = barcodes.parse_scan(text)
    except UserError:
        parsed = None
    if parsed is not None and parsed.kind == "order":
        if partial:
            label, lines = packed_lines(session, text)
            return PickupScan(order=label, lines=tuple(lines))
        return PickupScan(completed=complete_order(session, text))
    if parsed is None or parsed.kind == "household":
        try:
            return PickupScan(household=households.by_code(session, text).code)
        except UserError:
            if parsed is not None:
                raise
    raise UserError(
        _(
            "'{text}' is not an order sheet or a household card. Scan the barcode at the top of the pickup sheet, or "
            "the household's card."
        ).format(text=text.strip())
    )
