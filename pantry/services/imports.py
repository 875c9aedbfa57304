"""Importing CSV files: items, donors, locations and donations. Each import is all or nothing.

Every row is checked before anything is written; each problem is reported as `row N: <field>: <what is wrong>`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.bulk import collector_paused
from pantry.codes import normalize_product_code
from pantry.dates import parse_iso_date
from pantry.documents.csv_in import CsvRow, read_rows
from pantry.errors import UserError
from pantry.i18n import N_, _
from pantry.measures import UNITS, cents_from, format_money, grams_from, is_weighed, parse_decimal
from pantry.models import Donor, Household, Item, Location, Lot, ProductCode
from pantry.progress import Progress, ShouldCancel, never_cancel, no_progress
from pantry.services import catalog, intake
from pantry.services.permissions import require

ITEM_COLUMNS = (
    "sku",
    "name",
    "category",
    "unit",
    "unit_weight_kg",
    "unit_weight_lb",
    "unit_value",
    "storage",
    "date_kind",
    "shelf_life_days",
    "par_level",
    "barcodes",
    "tags",
)
DONOR_COLUMNS = ("name", "kind", "contact", "email", "phone", "address")
LOCATION_COLUMNS = ("name", "storage")
DONATION_COLUMNS = ("date", "donor", "item", "quantity", "weight_kg", "weight_lb", "expires", "location", "note")
_WHOLE = re.compile(r"[0-9]+")  # str.isdigit() also takes '²', which int() refuses

# What no pantry's file holds unless it is broken: refused with the row, before a number overflows a column.
MAX_LINE_UNITS = 100_000  # units on one donation row
MAX_LINE_GRAMS = 50_000_000  # 50 t on one donation row (a full truck is about 20 t)
MAX_UNIT_GRAMS = 1_000_000  # 1 t for one unit of an item
MAX_UNIT_CENTS = 1_000_000  # $10,000 for one unit of an item
MAX_SHELF_DAYS = 9_999
MAX_PAR = 1_000_000
MAX_PEOPLE = 99  # in one age band of one household
# Text columns and the longest text each may hold (the database's column sizes).
ITEM_TEXT_LIMITS = (("sku", 40), ("name", 200), ("category", 80), ("tags", 500))
DONOR_TEXT_LIMITS = (("name", 200), ("contact", 200), ("email", 200), ("phone", 60), ("address", 1000))
LOCATION_TEXT_LIMITS = (("name", 80),)
DONATION_TEXT_LIMITS = (("donor", 200), ("note", 1000))


# What a summary calls the rows it imported ("Imported 3 items row(s)").
_KIND_WORDS = {
    "items": N_("items"),
    "donors": N_("donors"),
    "locations": N_("locations"),
    "households": N_("households"),
}


@dataclass
class ImportSummary:
    """What an import did (or, on a dry run, would do)."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    lines: int = 0
    grams: int = 0
    value_cents: int = 0
    new_donors: list[str] = field(default_factory=list)
    dry_run: bool = False

    def describe(self) -> str:
        if self.kind == "donations":
            said = (
                _(
                    "Would import {donations} donation(s) with {lines} line(s) from {rows} row(s): {kg} kg, "
                    "value {value}"
                )
                if self.dry_run
                else _(
                    "Imported {donations} donation(s) with {lines} line(s) from {rows} row(s): {kg} kg, value {value}"
                )
            )
            text = said.format(
                donations=self.created,
                lines=self.lines,
                rows=self.rows,
                kg=f"{Decimal(self.grams) / 1000:.3f}",
                value=format_money(self.value_cents),
            )
            if self.new_donors:
                text += "\n" + _("New donor(s): {names}").format(names=", ".join(self.new_donors))
            return text
        said = (
            _("Would import {rows} {kind} row(s): {new} new, {updated} updated")
            if self.dry_run
            else _("Imported {rows} {kind} row(s): {new} new, {updated} updated")
        )
        kind = _(_KIND_WORDS[self.kind]) if self.kind in _KIND_WORDS else self.kind
        return said.format(rows=self.rows, kind=kind, new=self.created, updated=self.updated)


class _Problems:
    """Collects `row N: field: message` lines, reported in row order whichever check found them."""

    def __init__(self) -> None:
        self._found: list[tuple[int, str]] = []

    @property
    def count(self) -> int:
        return len(self._found)

    @property
    def lines(self) -> list[str]:
        return [line for _unused, line in sorted(self._found, key=lambda found: found[0])]

    def add(self, row: CsvRow, column: str, message: str) -> None:
        self._found.append(
            (
                row.number,
                _("row {number}: {column}: {message}").format(number=row.number, column=column, message=message),
            )
        )

    def add_line(self, row: CsvRow, text: str) -> None:
        """A message that names its field already ('barcode: ...')."""
        self._found.append((row.number, _("row {number}: {problem}").format(number=row.number, problem=text)))

    def check(self, row: CsvRow, column: str, parse: Callable[[str], object]) -> object:
        """Parse one cell; on ValueError record the problem and return None."""
        try:
            return parse(row.get(column))
        except ValueError as problem:
            message = str(problem)
            if message.startswith(f"{column} "):  # parsers name the field; the line names it already
                message = message[len(column) + 1 :]
            self.add(row, column, message)
            return None

    def raise_if_any(self, rows: int) -> None:
        if self._found:
            raise UserError(
                _("{count} problem(s) in {rows} row(s); nothing was imported").format(count=self.count, rows=rows),
                self.lines,
            )


def _rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...], problems: _Problems) -> list[CsvRow]:
    rows = list(read_rows(path, columns, required=required))
    for row in rows:
        if row.extra_cells:
            problems.add(
                row,
                "cells",
                _("{extra_cells} cell(s) outside the header's named columns").format(extra_cells=row.extra_cells),
            )
    return rows


def _optional_int(text: str, what: str, limit: int | None = None) -> int | None:
    if not text:
        return None
    if not _WHOLE.fullmatch(text):
        raise ValueError(_("'{text}' is not a whole number of {what}").format(text=text, what=what))
    if limit is not None and int(text) > limit:
        raise ValueError(
            _("{text} {what} is more than {limit:,}; check the number").format(text=text, what=what, limit=limit)
        )
    return int(text)


def _at_most(value: int | None, limit: int, text: str, what: str) -> int | None:
    """`value` (parsed from `text`) unless it is above `limit`: then a ValueError saying so."""
    if value is not None and value > limit:
        raise ValueError(_("'{text}' is more than {what}; check the number").format(text=text, what=what))
    return value


def _check_text(row: CsvRow, limits: Iterable[tuple[str, int]], problems: _Problems) -> None:
    values = row.values
    for column, limit in limits:
        text = values.get(column, "")
        if len(text) <= limit:  # tidying the blanks only ever shortens it
            continue
        length = len(" ".join(text.split()))
        if length > limit:
            problems.add(
                row,
                column,
                _("at most {limit} characters (this one has {length:,})").format(limit=limit, length=length),
            )


def _choice(text: str, choices: Iterable[str], default: str | None) -> str | None:
    value = text.strip().lower()
    if not value:
        return default
    if value not in choices:
        raise ValueError(_("'{text}' is not one of {choices}").format(text=text, choices="|".join(choices)))
    return value


def _barcodes(text: str) -> tuple[tuple[str, int], ...]:
    codes = []
    for token in text.split():
        code, _unused, per_scan = token.partition("*")
        if per_scan and (not _WHOLE.fullmatch(per_scan) or int(per_scan) == 0):
            raise ValueError(_("'{token}': the number after * must be a whole number above zero").format(token=token))
        if not per_scan and token.endswith("*"):
            raise ValueError(_("'{token}': a whole number above zero must follow *").format(token=token))
        codes.append((normalize_product_code(code), int(per_scan or 1)))
    return tuple(codes)


def _fresh_skus(session: Session, reserved: set[str]) -> Iterator[str]:
    """Generated skus (as catalog.next_sku makes them) that no item has and that the file does not name."""
    taken = set(session.scalars(select(Item.sku))) | reserved
    number = (session.scalar(select(func.count(Item.id))) or 0) + 1
    while True:
        sku = f"P{number:05d}"
        if sku not in taken:
            taken.add(sku)
            yield sku
        number += 1


def import_items(session: Session, path: Path, user_id: int | None, *, dry_run: bool = False) -> ImportSummary:
    require(session, user_id, "import")
    problems = _Problems()
    rows = _rows(path, ITEM_COLUMNS, ("name",), problems)
    existing = {row.sku: (row.id, row.unit) for row in session.execute(select(Item.sku, Item.id, Item.unit))}
    specs: list[tuple[CsvRow, catalog.ItemSpec]] = []
    seen_skus: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    unit_changes: list[tuple[CsvRow, str, int, str, str]] = []  # (row, sku, item id, old unit, new unit)
    for row in rows:
        name = row.get("name")
        if not name:
            problems.add(row, "name", _("an item needs a name"))
        _check_text(row, ITEM_TEXT_LIMITS, problems)
        unit = problems.check(row, "unit", lambda text: _choice(text, UNITS, None))
        storage = problems.check(row, "storage", lambda text: _choice(text, catalog.STORAGES, None))
        date_kind = problems.check(row, "date_kind", lambda text: _choice(text, catalog.DATE_KINDS, None))
        weight_kg, weight_lb = row.get("unit_weight_kg"), row.get("unit_weight_lb")
        unit_weight = None
        if weight_kg and weight_lb:
            problems.add(row, "unit_weight_kg", _("give unit_weight_kg or unit_weight_lb, not both"))
        elif weight_kg or weight_lb:
            column = "unit_weight_kg" if weight_kg else "unit_weight_lb"
            unit_weight = problems.check(
                row,
                column,
                lambda text, c=column: _at_most(
                    grams_from(parse_decimal(text, c), c[-2:]), MAX_UNIT_GRAMS, text, "1 t"
                ),
            )
        value = problems.check(
            row,
            "unit_value",
            lambda text: _at_most(cents_from(text, "unit_value"), MAX_UNIT_CENTS, text, "$10,000") if text else None,
        )
        shelf = problems.check(row, "shelf_life_days", lambda text: _optional_int(text, "days", MAX_SHELF_DAYS))
        sku = row.get("sku") or None
        old = existing.get(sku) if sku else None
        if old is not None and unit is not None and unit != old[1]:
            unit_changes.append((row, sku, old[0], old[1], unit))  # type: ignore[arg-type]
        counted_in = unit or (old[1] if old else "each")  # an update that leaves unit empty keeps the item's unit
        par_text = row.get("par_level")
        par = None
        if par_text:
            if is_weighed(counted_in):  # type: ignore[arg-type]
                par = problems.check(
                    row,
                    "par_level",
                    lambda text, u=counted_in: _at_most(
                        grams_from(parse_decimal(text, "par_level"), u), MAX_PAR * 1000, text, f"{MAX_PAR:,} kg"
                    ),
                )
            else:
                par = problems.check(row, "par_level", lambda text: _optional_int(text, "units", MAX_PAR))
        codes = problems.check(row, "barcodes", _barcodes) or ()
        if sku:
            if sku in seen_skus:
                problems.add(row, "sku", _("'{sku}' is already on row {number}").format(sku=sku, number=seen_skus[sku]))
            seen_skus.setdefault(sku, row.number)
        for code, _unused in codes:  # type: ignore[attr-defined]
            if seen_codes.get(code) == row.number:
                problems.add(row, "barcodes", _("{code} is given twice").format(code=code))
            elif code in seen_codes:
                problems.add(
                    row, "barcodes", _("{code} is already on row {number}").format(code=code, number=seen_codes[code])
                )
            seen_codes.setdefault(code, row.number)
        tags = tuple(tag.strip() for tag in row.get("tags").split(";") if tag.strip())
        specs.append(
            (
                row,
                catalog.ItemSpec(
                    name=name,
                    sku=sku,
                    category=row.get("category") or None,
                    unit=unit,  # type: ignore[arg-type]
                    unit_weight_g=unit_weight,  # type: ignore[arg-type]
                    unit_value_cents=value,  # type: ignore[arg-type]
                    storage=storage,  # type: ignore[arg-type]
                    date_kind=date_kind,  # type: ignore[arg-type]
                    shelf_life_days=shelf,  # type: ignore[arg-type]
                    par_level=par,  # type: ignore[arg-type]
                    tags=tags,
                    codes=codes,  # type: ignore[arg-type]
                ),
            )
        )
    _check_codes_owned_elsewhere(session, specs, problems)
    _check_unit_changes(session, unit_changes, problems)
    problems.raise_if_any(len(rows))
    # Generate missing skus up front, clear of every sku the file names: a later row's sku must never turn out to
    # be the sku just generated for an earlier row (which would silently overwrite that new item).
    fresh = _fresh_skus(session, set(seen_skus))
    for _row, spec in specs:
        if spec.sku is None:
            spec.sku = next(fresh)
    summary = ImportSummary("items", rows=len(rows), dry_run=dry_run)
    for row, spec in specs:
        try:
            _unused, created = catalog.save_item(session, spec, user_id)
        except UserError as problem:
            problems.add_line(row, str(problem))
            continue
        summary.created += created
        summary.updated += not created
    problems.raise_if_any(len(rows))
    return summary


def _check_unit_changes(
    session: Session, changes: list[tuple[CsvRow, str, int, str, str]], problems: _Problems
) -> None:
    """An item's quantities are counts or grams by its unit: once it has lots, the unit cannot change under them."""
    if not changes:
        return
    with_lots = set(session.scalars(select(Lot.item_id).where(Lot.item_id.in_([c[2] for c in changes])).distinct()))
    for row, sku, item_id, old, new in changes:
        if item_id in with_lots:
            problems.add(
                row,
                "unit",
                _("{sku} already has lots counted in {old}; it cannot change to {new}").format(
                    sku=sku, old=old, new=new
                ),
            )


def _check_codes_owned_elsewhere(
    session: Session, specs: list[tuple[CsvRow, catalog.ItemSpec]], problems: _Problems
) -> None:
    wanted = {code: (row, spec.sku) for row, spec in specs for code, _unused in spec.codes}
    if not wanted:
        return
    owners = session.execute(
        select(ProductCode.code, Item.sku, Item.name).join(Item).where(ProductCode.code.in_(list(wanted)))
    )
    for code, sku, name in owners:
        row, row_sku = wanted[code]
        if row_sku != sku:
            problems.add(
                row, "barcodes", _("{code} already belongs to {name} ({sku})").format(code=code, name=name, sku=sku)
            )


def import_donors(session: Session, path: Path, user_id: int | None, *, dry_run: bool = False) -> ImportSummary:
    require(session, user_id, "import")
    problems = _Problems()
    rows = _rows(path, DONOR_COLUMNS, ("name",), problems)
    specs = []
    for row in rows:
        if not row.get("name"):
            problems.add(row, "name", _("a donor needs a name"))
        _check_text(row, DONOR_TEXT_LIMITS, problems)
        kind = problems.check(row, "kind", lambda text: _choice(text, catalog.DONOR_KINDS, "individual"))
        specs.append(
            catalog.DonorSpec(
                name=row.get("name"),
                kind=kind or "individual",  # type: ignore[arg-type]
                contact=row.get("contact"),
                email=row.get("email"),
                phone=row.get("phone"),
                address=row.get("address"),
            )
        )
    problems.raise_if_any(len(rows))
    summary = ImportSummary("donors", rows=len(rows), dry_run=dry_run)
    for spec in specs:
        _unused, created = catalog.save_donor(session, spec, user_id)
        summary.created += created
        summary.updated += not created
    return summary


def import_locations(session: Session, path: Path, user_id: int | None, *, dry_run: bool = False) -> ImportSummary:
    require(session, user_id, "import")
    problems = _Problems()
    rows = _rows(path, LOCATION_COLUMNS, ("name",), problems)
    entries = []
    for row in rows:
        if not row.get("name"):
            problems.add(row, "name", _("a location needs a name"))
        _check_text(row, LOCATION_TEXT_LIMITS, problems)
        storage = problems.check(row, "storage", lambda text: _choice(text, catalog.STORAGES, None))
        entries.append((row.get("name"), storage))
    problems.raise_if_any(len(rows))
    summary = ImportSummary("locations", rows=len(rows), dry_run=dry_run)
    for name, storage in entries:
        _unused, created = catalog.save_location(session, name, storage, user_id)  # type: ignore[arg-type]
        summary.created += created
        summary.updated += not created
    return summary


@dataclass(frozen=True)
class _ItemRef:
    id: int
    sku: str
    name: str
    unit: str
    date_kind: str


@dataclass
class _ItemRefs:
    """Every way a donations file may name an item: sku, product code (any barcode), exact name (casefolded)."""

    skus: dict[str, _ItemRef]
    codes: dict[str, _ItemRef]
    names: dict[str, list[_ItemRef]]


def _item_references(session: Session) -> _ItemRefs:
    connection = session.connection()  # plain rows: the whole catalogue is read, 20,000 items at a food bank
    items = connection.execute(select(Item.id, Item.sku, Item.name, Item.name_key, Item.unit, Item.date_kind)).all()
    by_id = {row.id: _ItemRef(row.id, row.sku, row.name, row.unit, row.date_kind) for row in items}
    names: dict[str, list[_ItemRef]] = {}
    for row in items:
        names.setdefault(row.name_key, []).append(by_id[row.id])
    codes = {
        code: by_id[item_id] for code, item_id in connection.execute(select(ProductCode.code, ProductCode.item_id))
    }
    return _ItemRefs({ref.sku: ref for ref in by_id.values()}, codes, names)


def _find_item(refs: _ItemRefs, text: str) -> _ItemRef | str:
    """The item `text` names (by sku, then barcode, then exact name), or a message saying why there is none."""
    found = refs.skus.get(text)
    if found is not None:
        return found
    bad_code = ""
    try:
        found = refs.codes.get(normalize_product_code(text))
    except ValueError as problem:
        bad_code = f"barcode {problem}" if text.isdigit() else ""
    if found is not None:
        return found
    named = refs.names.get(" ".join(text.split()).casefold(), [])
    if len(named) == 1:
        return named[0]
    if named:
        skus = ", ".join(sorted(ref.sku for ref in named))
        return _("'{text}' is the name of {count} items ({skus}); give the sku").format(
            text=text, count=len(named), skus=skus
        )
    return bad_code or _("no item with sku, barcode or name '{text}'").format(text=text)


def _donation_weight(row: CsvRow, problems: _Problems) -> int | None:
    kg, lb = row.values.get("weight_kg", ""), row.values.get("weight_lb", "")
    if kg and lb:
        problems.add(row, "weight_kg", _("give weight_kg or weight_lb, not both"))
        return None
    if not (kg or lb):
        return None
    column = "weight_kg" if kg else "weight_lb"
    grams = problems.check(
        row,
        column,
        lambda text: _at_most(grams_from(parse_decimal(text, column), column[-2:]), MAX_LINE_GRAMS, text, "50 t"),
    )
    return grams  # type: ignore[return-value]


@collector_paused()  # every row of the file is kept until the end
def import_donations(
    session: Session,
    path: Path,
    user_id: int | None,
    *,
    dry_run: bool = False,
    today: dt.date | None = None,
    progress: Progress = no_progress,
    should_cancel: ShouldCancel = never_cancel,
) -> ImportSummary:
    require(session, user_id, "import.donations")
    today = today or dt.date.today()
    problems = _Problems()
    rows = _rows(path, DONATION_COLUMNS, ("date", "item"), problems)  # no donor column: all Anonymous
    refs = _item_references(session)
    donors = {key: donor_id for key, donor_id in session.execute(select(Donor.name_key, Donor.id))}
    locations = {key: location_id for key, location_id in session.execute(select(Location.name_key, Location.id))}
    dates: dict[str, dt.date | None] = {}
    items_named: dict[str, _ItemRef | str] = {}  # a file names the same few items over and over
    donor_keys: dict[str, tuple[str, str]] = {}
    new_donors: dict[str, str] = {}
    groups: dict[tuple[dt.date, str], intake.DonationDraft] = {}

    def parse_date(text: str, column: str, row: CsvRow, required: bool) -> dt.date | None:
        if not text:
            if required:
                problems.add(row, column, _("a date is needed (YYYY-MM-DD)"))
            return None
        if text not in dates:
            try:
                dates[text] = parse_iso_date(text, column)
            except ValueError:
                dates[text] = None
        if dates[text] is None:
            problems.add(row, column, _("'{text}' is not a date (use YYYY-MM-DD)").format(text=text))
        return dates[text]

    for row in rows:
        values = row.values  # the cells by column name (`row.get`, without a call per cell)
        before = problems.count
        _check_text(row, DONATION_TEXT_LIMITS, problems)
        day = parse_date(values.get("date", ""), "date", row, required=True)
        if day is not None and day > today:
            problems.add(row, "date", _("{day} is in the future").format(day=day.isoformat()))
        donor_text = values.get("donor", "")
        if donor_text not in donor_keys:
            name = " ".join(donor_text.split()) or "Anonymous"
            donor_keys[donor_text] = (name, name.casefold())
        donor_name, donor_key = donor_keys[donor_text]
        if donor_key not in donors and donor_key not in new_donors:
            new_donors[donor_key] = donor_name
        item_text = values.get("item", "")
        item: _ItemRef | None = None
        if not item_text:
            problems.add(row, "item", _("name the item by sku, barcode or exact name"))
        else:
            found = items_named.get(item_text)
            if found is None:
                found = items_named[item_text] = _find_item(refs, item_text)
            if isinstance(found, str):
                problems.add(row, "item", found)
            else:
                item = found
        location_text = values.get("location", "")
        location_id = None
        if location_text:
            location_id = locations.get(" ".join(location_text.split()).casefold())
            if location_id is None:
                problems.add(row, "location", _("no location named '{location}'").format(location=location_text))
        expires = parse_date(values.get("expires", ""), "expires", row, required=False)
        if item is not None and item.date_kind == "use_by" and expires and day and expires < day:
            problems.add(
                row,
                "expires",
                _(
                    "{item} is use-by and its date {expires} is before the date received {day}; it cannot be given out"
                ).format(item=item.name, expires=expires.isoformat(), day=day.isoformat()),
            )
        grams = _donation_weight(row, problems)
        quantity_text = values.get("quantity", "")
        quantity: int | None = None
        if item is not None and is_weighed(item.unit):
            if grams is None and quantity_text:
                amount = problems.check(row, "quantity", lambda text: parse_decimal(text, "quantity"))
                grams = grams_from(amount, item.unit) if amount is not None else None  # type: ignore[arg-type]
                if grams is not None and grams > MAX_LINE_GRAMS:
                    problems.add(
                        row,
                        "quantity",
                        _("'{quantity_text}' {unit} is more than 50 t; check the number").format(
                            quantity_text=quantity_text, unit=item.unit
                        ),
                    )
                    grams = None
            if grams is None and problems.count == before:
                problems.add(
                    row,
                    "weight_kg",
                    _("{item} is counted by weight: give weight_kg, weight_lb or quantity in {unit}").format(
                        item=item.name, unit=item.unit
                    ),
                )
            elif grams == 0:
                problems.add(row, "weight_kg", _("the weight must be above zero"))
        elif item is not None:
            if not _WHOLE.fullmatch(quantity_text) or int(quantity_text) == 0:
                problems.add(
                    row,
                    "quantity",
                    _("'{quantity_text}' is not a whole number above zero").format(quantity_text=quantity_text),
                )
            elif int(quantity_text) > MAX_LINE_UNITS:
                problems.add(
                    row,
                    "quantity",
                    _("{quantity_text} is more than {limit:,} units; check the number").format(
                        quantity_text=quantity_text, limit=MAX_LINE_UNITS
                    ),
                )
            else:
                quantity = int(quantity_text)
        if problems.count > before:
            continue
        assert item is not None and day is not None
        key = (day, donor_key)
        draft = groups.get(key)
        if draft is None:
            draft = groups[key] = intake.DonationDraft(received_on=day, lines=[], label=f"row {row.number}")
            draft.note = ""
        note = values.get("note", "")
        if note and note not in draft.note.split("; "):
            draft.note = f"{draft.note}; {note}" if draft.note else note
        draft.lines.append(
            intake.IntakeLine(
                item.id,
                quantity=quantity,
                grams=grams,
                expires_on=expires,
                location_id=location_id,
                label=f"row {row.number}",
            )
        )
    problems.raise_if_any(len(rows))
    for key, name in new_donors.items():
        row_id, _unused = catalog.save_donor(session, catalog.DonorSpec(name=name), user_id)
        donors[key] = row_id.id
    drafts = []
    for (_day, donor_key), draft in groups.items():
        draft.donor_id = donors[donor_key]
        drafts.append(draft)
    saved = intake.record_donations(
        session, drafts, user_id, today=today, progress=progress, should_cancel=should_cancel
    )
    return ImportSummary(
        "donations",
        rows=len(rows),
        created=len(saved),
        lines=sum(len(draft.lines) for draft in drafts),
        grams=sum(donation.grams for donation in saved),
        value_cents=sum(donation.value_cents for donation in saved),
        new_donors=sorted(new_donors.values(), key=str.casefold),
        dry_run=dry_run,
    )


HOUSEHOLD_COLUMNS = (
    "code",
    "name",
    "adults",
    "children",
    "seniors",
    "postcode",
    "phone",
    "language",
    "dietary",
    "proxy",
    "notes",
)
_HOUSEHOLD_TEXT_LIMITS = (("name", 200), ("postcode", 20), ("phone", 40), ("language", 40), ("proxy", 200))


@dataclass
class HouseholdImportSummary(ImportSummary):
    """A household import, with the possible duplicates it found (warnings: nothing was refused for them)."""

    warnings: list[str] = field(default_factory=list)

    def describe(self) -> str:
        text = super().describe()
        if self.warnings:
            text += (
                "\n" + _("Possible duplicates (check them):") + "\n" + "\n".join(f"  {line}" for line in self.warnings)
            )
        return text


def import_households(
    session: Session, path: Path, user_id: int | None, *, dry_run: bool = False, today: dt.date | None = None
) -> ImportSummary:
    """Households from `code,name,adults,children,seniors,postcode,phone,language,dietary,proxy,notes`.

    A row needs a name or a code (an anonymous household) and at least one person. An empty code is generated; a
    code that a household has already updates that household (a column the file does not have keeps its value)."""
    require(session, user_id, "import")
    from pantry.codes import parse_own_code
    from pantry.services import diet, households

    problems = _Problems()
    rows = _rows(path, HOUSEHOLD_COLUMNS, (), problems)
    bands = {band.key for band in households.age_bands(session)}
    existing = dict(session.execute(select(Household.code, Household.id)).all())
    seen_codes: dict[str, int] = {}
    entries: list[tuple[CsvRow, str | None, households.HouseholdSpec]] = []
    for row in rows:
        code = None
        if row.get("code"):
            code = problems.check(row, "code", households.normalize_code)  # type: ignore[assignment]
        if code:
            if code in seen_codes:
                problems.add(
                    row, "code", _("{code} is already on row {number}").format(code=code, number=seen_codes[code])
                )
            seen_codes.setdefault(code, row.number)
            parsed = parse_own_code(code)
            if parsed is not None and code not in existing:
                problems.add(
                    row, "code", _(
"{code} looks like a code Pantry Desk generates, but no household has it; leave code empty to "
"get one"
).format(code=code)
                )  # fmt: skip
        name = " ".join(row.get("name").split())
        if not name and not row.get("code"):
            problems.add(row, "name", _("give a name, or a code for an anonymous household"))
        for column, limit in _HOUSEHOLD_TEXT_LIMITS:
            length = len(" ".join(row.get(column).split()))
            if length > limit:
                problems.add(
                    row,
                    column,
                    _("at most {limit} characters (this one has {length})").format(limit=limit, length=length),
                )
        counted = [column for column in ("adults", "children", "seniors") if column in row.values]
        members: dict[str, int] = {}
        bad_count = False
        for column in counted:
            value = problems.check(row, column, lambda text: _optional_int(text, "people", MAX_PEOPLE))
            if value is None and row.get(column):
                bad_count = True
            elif value:
                if column not in bands:
                    problems.add(row, column, _("this pantry has no age band '{column}'").format(column=column))
                members[column] = value  # type: ignore[assignment]
        updating = bool(code) and code in existing
        if not bad_count and not members and (counted or not updating):
            problems.add(
                row,
                counted[0] if counted else "adults",
                _("a household needs at least 1 person (adults + children + seniors is 0)"),
            )
        flags = problems.check(row, "dietary", diet.parse_flags)
        spec = households.HouseholdSpec(
            name=name,
            code=code,
            members=members if counted else None,
            postcode=row.get("postcode"),
            phone=row.get("phone"),
            language=row.get("language"),
            dietary=flags or (),  # type: ignore[arg-type]
            proxy=row.get("proxy"),
            notes=row.get("notes"),
        )
        entries.append((row, code if updating else None, spec))
    problems.raise_if_any(len(rows))
    summary = HouseholdImportSummary("households", rows=len(rows), dry_run=dry_run)
    for row, update_code, spec in entries:
        try:
            if update_code is not None:
                result = households.update_household(
                    session, update_code, _keep_missing(session, update_code, spec, row), user_id
                )
                summary.updated += 1
            else:
                result = households.register_household(session, spec, user_id, today=today)
                summary.created += 1
        except UserError as problem:
            problems.add_line(row, str(problem))
            continue
        summary.warnings += [f"row {row.number}: {duplicate.message}" for duplicate in result.duplicates]
    problems.raise_if_any(len(rows))
    return summary


def _keep_missing(session: Session, code: str, spec: object, row: CsvRow) -> object:
    """An update's spec, with what the file has no column for (and what it never holds) kept as it was."""
    from dataclasses import replace

    from pantry.services import households

    current = households.details(session, code)
    household = households.household_by_code(session, code)
    kept: dict[str, object] = {
        "first_name": current.first_name if "name" not in row.values else None,
        "dietary_note": current.dietary_note,
        "eligibility_declared_on": current.eligibility_declared_on,
        "eligibility_basis": current.eligibility_basis,
        "consent": current.consent,
    }
    for column in ("name", "postcode", "phone", "language", "proxy", "notes"):
        if column not in row.values:
            kept[column] = getattr(current, column)
    if "dietary" not in row.values:
        kept["dietary"] = current.dietary
    if not any(column in row.values for column in ("adults", "children", "seniors")):
        counts = {member.band_key: member.count for member in household.members}
        kept["members"] = counts or None
        kept["size"] = None if counts else current.size
    return replace(spec, **kept)  # type: ignore[type-var]
