"""What every report is made of: exact amounts, columns declared once, sections of rows with their total, charts.

A report is rows first. A service builds a `Report` (plain values: integer grams and cents, dates, counts), and the
writers in `pantry.documents` (CSV, XLSX, PDF) render those same rows, so one figure is the same in every format.

Quantities: `pieces` counts the counting units of items counted by the piece. Items counted by weight (unit lb or kg)
keep their quantity in grams; adding grams to cans means nothing, so they count in weight and value only and add no
pieces. Weight (grams) and value (cents) are exact sums of what was fixed on each movement when it was written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.i18n import N_, Phrase
from pantry.measures import GRAMS_PER_UNIT, format_in_unit, format_money, is_weighed
from pantry.models import Category, Item
from pantry.services.reports import settings
from pantry.services.setup import get_setting

KINDS = ("text", "count", "qty", "amount", "kg", "money", "date", "month", "percent")
TOTAL = "TOTAL"


class Amount(NamedTuple):
    """Pieces (items counted by the piece), grams and cents: exact, and added and taken away as integers.

    A named tuple rather than a dataclass: a report over 20,000 items makes a few hundred thousand of them, and a
    tuple is made in a fifth of the time."""

    pieces: int = 0
    grams: int = 0
    cents: int = 0

    @staticmethod
    def of(unit: str, quantity: int, grams: int, cents: int) -> Amount:
        return Amount(0 if is_weighed(unit) else quantity, grams, cents)

    def __add__(self, other: Amount) -> Amount:  # type: ignore[override]
        return Amount(self[0] + other[0], self[1] + other[1], self[2] + other[2])

    def __sub__(self, other: Amount) -> Amount:
        return Amount(self[0] - other[0], self[1] - other[1], self[2] - other[2])

    def __neg__(self) -> Amount:
        return Amount(-self[0], -self[1], -self[2])

    def __bool__(self) -> bool:
        return bool(self[0] or self[1] or self[2])


ZERO = Amount()


def total_of(amounts: Iterable[Amount]) -> Amount:
    pieces = grams = cents = 0
    for amount in amounts:
        pieces += amount.pieces
        grams += amount.grams
        cents += amount.cents
    return Amount(pieces, grams, cents)


@dataclass(frozen=True)
class Column:
    """One column of a section, declared once for every format.

    kind: "text"; "count" (a whole number); "qty" (pieces, or None for a blank cell: a weighed item); "amount" (a
    quantity in the item's own unit: int, or Decimal lb/kg); "kg" (value is grams); "money" (value is cents);
    "date"; "month" ('YYYY-MM'); "percent" (a Decimal fraction, or None).
    total: how a spreadsheet's totals row gets this cell: "sum" (a SUM formula over the rows, which equals the
    service's total), "value" (the service's total as it is: unduplicated counts, pieces of a mixed column) or
    "none" (blank).
    """

    key: str  # the CSV header: a contract, never translated
    title: str  # the heading people read (XLSX, PDF)
    kind: str
    get: Callable[[Any], Any]
    total: str = "sum"
    csv: bool = True  # False: shown in XLSX and PDF only (the CSV columns are a contract)
    short: str = ""  # the heading inside a PDF view whose own heading names the measure ("Opening")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")
        if self.total not in ("sum", "value", "none"):
            raise ValueError(f"unknown total rule {self.total!r}")


# Pieces, weight and value of a row's `amount`: the three columns every amount table ends with.
WEIGHT_AND_VALUE = (  # every report's weight and value of a row's Amount (kg in CSV and XLSX, money in cents)
    Column("weight_kg", N_("Weight"), "kg", lambda r: r.amount.grams),
    Column("value", N_("Value"), "money", lambda r: r.amount.cents),
)
AMOUNT_COLUMNS = (Column("quantity", N_("Pieces"), "qty", lambda r: r.amount.pieces), *WEIGHT_AND_VALUE)


@dataclass(frozen=True)
class Chart:
    """A bar chart drawn in the PDF: one group of bars per label, one bar per series."""

    title: str  # without its unit: the PDF adds it
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]  # (name, one raw value per label: grams for "kg", cents...)
    kind: str = "kg"  # "kg" (values are grams), "money" (cents) or "count"
    horizontal: bool = False


@dataclass(frozen=True)
class Section:
    """A table of a report: one XLSX sheet, one PDF table (or several narrower views of it), the CSV's rows when it
    is the report's first section."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Any]
    total: Any = None  # a row of the same shape whose first column reads TOTAL, or None
    note: str = ""
    chart: Chart | None = None
    pdf_views: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (heading, column keys): narrower tables for paper

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


@dataclass(frozen=True)
class Report:
    kind: str  # stock | rollforward | donations | distributions | monthly | waste | expiring | valuation
    title: str
    scope: str  # "2026-07-01 to 2026-09-30" or "as of 2026-09-30"
    org_name: str
    generated_at: dt.datetime
    generated_by: str
    currency: str
    sections: tuple[Section, ...]
    checks: tuple[str, ...] = ()  # statements that the figures reconcile, shown first
    notes: tuple[str, ...] = ()  # how the figures were made (valuation basis, what qty counts)
    weight_unit: str = "kg"  # what the PDF shows weights in (kg or lb); CSV and XLSX always carry kg
    balanced: bool = True

    @property
    def primary(self) -> Section:
        return self.sections[0]


class ItemFacts(NamedTuple):  # a named tuple: load_items makes one per item of the catalogue
    id: int
    sku: str
    name: str
    name_key: str
    category: str
    category_key: str
    unit: str
    storage: str
    active: bool
    unit_value_cents: int | None
    unit_weight_g: int | None
    par_level: int | None
    date_kind: str

    @property
    def weighed(self) -> bool:
        return is_weighed(self.unit)

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.name_key, self.sku)


_MOST_IDS_IN_ONE_QUERY = 30_000  # SQLite takes at most 32,766 parameters in one statement


def load_items(session: Session, ids: Collection[int] | None = None) -> dict[int, ItemFacts]:
    """Every item (inactive ones too: history still names them) with its category; or only the items `ids` names
    (a food bank's catalogue is several times what is on its shelves)."""
    query = select(
        Item.id,
        Item.sku,
        Item.name,
        Item.name_key,
        Category.name,
        Category.name_key,
        Item.unit,
        Item.storage,
        Item.active,
        Item.unit_value_cents,
        Item.unit_weight_g,
        Item.par_level,
        Item.date_kind,
    ).join(Category, Category.id == Item.category_id)
    if ids is not None and len(ids) < _MOST_IDS_IN_ONE_QUERY:
        query = query.where(Item.id.in_(sorted(ids)))
    return {row[0]: ItemFacts(*row) for row in session.connection().execute(query).all()}


class ItemName(NamedTuple):  # a named tuple: a roll-forward by item lists every item of the catalogue
    """What a report that lists the whole catalogue needs of an item: its names, its category and its unit."""

    id: int
    sku: str
    name: str
    name_key: str
    category: str
    unit: str


# A whole catalogue of ItemNames in name order (name_key, then sku), without a call per item
BY_NAME = itemgetter(3, 1)


def load_item_names(session: Session) -> dict[int, ItemName]:
    """Every item (inactive ones too) with its category and unit: six columns of the catalogue, not all of it."""
    query = select(Item.id, Item.sku, Item.name, Item.name_key, Category.name, Item.unit).join(
        Category, Category.id == Item.category_id
    )
    make = ItemName._make
    return {row[0]: make(row) for row in session.connection().execute(query).all()}


def category_names(session: Session) -> list[str]:
    """Every category, by name: reports list them all, so that spreadsheets built on them keep their shape."""
    return sorted(session.scalars(select(Category.name)), key=str.casefold)


@dataclass
class Grouped:
    """Amounts added up under keys, remembering the order keys should be listed in."""

    amounts: dict[Any, Amount] = field(default_factory=dict)

    def add(self, key: Any, amount: Amount) -> None:
        self.amounts[key] = self.amounts.get(key, ZERO) + amount

    def get(self, key: Any) -> Amount:
        return self.amounts.get(key, ZERO)


def unit_amount(quantity: int, unit: str) -> int | Decimal:
    """A quantity in the item's own unit: pieces, or lb / kg to three decimals for items counted by weight."""
    if not is_weighed(unit):
        return quantity
    return (Decimal(quantity) / GRAMS_PER_UNIT[unit]).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def valuation_note(rate: Any) -> str:
    """`rate.description` (pantry.services.valuation) as a Phrase the printables can translate; the same English."""
    if not rate.rate_cents:
        return N_("No default value: goods of items without a unit value are valued at 0.")
    values = {"rate": f"{rate.symbol}{format_money(rate.rate_cents)}", "per": rate.per}
    origin = ", ".join(part for part in (rate.source, rate.year) if part)
    if origin:
        template = N_("Default value for goods of items without a unit value: {rate} per {per} ({origin}).")
        phrase = Phrase(template, origin=origin, **values)
    else:
        phrase = Phrase(N_("Default value for goods of items without a unit value: {rate} per {per}."), **values)
    return phrase if phrase == rate.description else rate.description  # its wording changed: print it as it is


def weight_value(grams: int, unit: str) -> Decimal:
    """Grams in `unit` (kg or lb) with three decimals, rounded as the tables round them: a check line's weight in the
    unit the report's tables show (`Report.weight_unit`), printed by a Phrase as '20.000' (or as the reader's locale
    writes it) before '{unit}'."""
    return Decimal(format_in_unit(grams, unit))


def money_value(cents: int) -> Decimal:
    return Decimal(format_money(cents))


def make_report(
    session: Session,
    *,
    kind: str,
    title: str,
    scope: str,
    sections: Sequence[Section],
    generated_by: str,
    checks: Sequence[str] = (),
    notes: Sequence[str] = (),
    balanced: bool = True,
    now: dt.datetime | None = None,
) -> Report:
    """A report with the pantry's name, currency and weight unit, stamped with when and by whom it was made."""
    rate = settings.valuation(session)
    return Report(
        kind=kind,
        title=title,
        scope=scope,
        org_name=get_setting(session, "org_name"),
        generated_at=(now or dt.datetime.now(dt.UTC)).astimezone(),
        generated_by=generated_by,
        currency=rate.currency,
        sections=tuple(sections),
        checks=tuple(checks),
        notes=tuple(notes),
        weight_unit=settings.weight_unit(session),
        balanced=balanced,
    )
