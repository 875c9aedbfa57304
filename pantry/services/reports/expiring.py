"""Expiring soon and below par: the lots on hand now whose date falls in a period (past dates included: food still on
the shelf after its date), and the items with less on hand than their par level."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.i18n import N_, Phrase
from pantry.models import Balance, Location, Lot
from pantry.services import expiry
from pantry.services.reports import settings
from pantry.services.reports.period import Period
from pantry.services.reports.rows import (
    TOTAL,
    WEIGHT_AND_VALUE,
    Amount,
    Column,
    Report,
    Section,
    load_items,
    make_report,
    money_value,
    total_of,
    unit_amount,
    weight_value,
)


@dataclass(frozen=True)
class LotRow:
    lot: str  # TOTAL on the totals row
    sku: str
    item: str
    category: str
    location: str
    expires: dt.date | None
    date_kind: str
    days_left: int | None
    quantity: int | Decimal
    unit: str
    amount: Amount
    on_hold: str


@dataclass(frozen=True)
class ParRow:
    sku: str
    item: str
    category: str
    unit: str
    par_level: int | Decimal
    on_hand: int | Decimal
    short_by: int | Decimal


LOT_COLUMNS = (
    Column("lot", N_("Lot"), "text", lambda r: r.lot, total="none"),
    Column("sku", N_("SKU"), "text", lambda r: r.sku, total="none"),
    Column("item", N_("Item"), "text", lambda r: r.item, total="none"),
    Column("category", N_("Category"), "text", lambda r: r.category, total="none"),
    Column("location", N_("Location"), "text", lambda r: r.location, total="none"),
    Column("expires", N_("Expires"), "date", lambda r: r.expires, total="none"),
    Column("date_kind", N_("Date kind"), "text", lambda r: r.date_kind, total="none"),
    Column("days_left", N_("Days left"), "count", lambda r: r.days_left, total="none"),
    Column("quantity", N_("Quantity"), "amount", lambda r: r.quantity, total="value"),
    Column("unit", N_("Unit"), "text", lambda r: r.unit, total="none"),
    *WEIGHT_AND_VALUE,
    Column("on_hold", N_("On hold"), "text", lambda r: r.on_hold, total="none"),
)
PAR_COLUMNS = (
    Column("sku", N_("SKU"), "text", lambda r: r.sku, total="none"),
    Column("item", N_("Item"), "text", lambda r: r.item, total="none"),
    Column("category", N_("Category"), "text", lambda r: r.category, total="none"),
    Column("unit", N_("Unit"), "text", lambda r: r.unit, total="none"),
    Column("par_level", N_("Par level"), "amount", lambda r: r.par_level, total="none"),
    Column("on_hand", N_("On hand"), "amount", lambda r: r.on_hand, total="none"),
    Column("short_by", N_("Short by"), "amount", lambda r: r.short_by, total="none"),
)


def expiring_report(
    session: Session, period: Period, *, today: dt.date | None = None, generated_by: str = ""
) -> Report:
    """Lots on hand now dated within the period (soonest first), then the items below par."""
    today = today or dt.date.today()
    items = load_items(session)
    query = (
        select(
            Lot.code,
            Lot.item_id,
            Location.name,
            Lot.expires_on,
            Lot.quarantined,
            Balance.quantity,
            Balance.grams,
            Balance.value_cents,
        )
        .join(Lot, Lot.id == Balance.lot_id)
        .join(Location, Location.id == Balance.location_id)
        .where(Balance.expires_on.between(period.start, period.end))
    )
    rows = []
    for code, item_id, location, expires, on_hold, quantity, grams, cents in session.execute(query):
        item = items[item_id]
        rows.append(
            LotRow(
                code,
                item.sku,
                item.name,
                item.category,
                location,
                expires,
                item.date_kind,
                (expires - today).days if expires else None,
                unit_amount(quantity, item.unit),
                item.unit,
                Amount.of(item.unit, quantity, grams, cents),
                "yes" if on_hold else "",
            )
        )
    rows.sort(key=lambda row: (row.expires or dt.date.max, row.item.casefold(), row.lot, row.location))
    total = total_of(row.amount for row in rows)
    par_rows = [
        ParRow(
            row.sku,
            row.item,
            row.category,
            row.unit,
            unit_amount(row.par_level, row.unit),
            unit_amount(row.quantity, row.unit),
            unit_amount(row.short_by, row.unit),
        )
        for row in expiry.below_par(session)
    ]
    past = [row for row in rows if row.days_left is not None and row.days_left < 0]
    unit = settings.weight_unit(session)  # the check lines weigh in the unit the tables show
    checks = [
        Phrase(
            N_(
                "{lots} lot(s) on hand dated {first} to {last}: {pieces} pieces, {weight} {unit}, value {value}; "
                "{past} of them already past their date on {today}."
            ),
            lots=len(rows),
            first=period.start,
            last=period.end,
            pieces=total.pieces,
            weight=weight_value(total.grams, unit),
            unit=unit,
            value=money_value(total.cents),
            past=len(past),
            today=today,
        ),
        Phrase(N_("{items} item(s) below their par level."), items=len(par_rows)),
    ]
    return make_report(
        session,
        kind="expiring",
        title=N_("Expiring soon and below par"),
        scope=f"dated {period.label}, on hand {today.isoformat()}",
        sections=[
            Section(
                "expiring",
                N_("Lots on hand by date"),
                LOT_COLUMNS,
                rows,
                LotRow(TOTAL, "", "", "", "", None, "", None, total.pieces, "", total, ""),
                note=N_(
                    "Days left counts from today; a negative number is past its date. Use-by food past its date "
                    "cannot be given out."
                ),
            ),
            Section("below_par", N_("Below par"), PAR_COLUMNS, par_rows, note=N_("Furthest below par first.")),
        ],
        generated_by=generated_by,
        checks=checks,
    )
