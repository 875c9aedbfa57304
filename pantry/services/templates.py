"""Allotment templates ("standard bag", "family box", "baby kit"): what a household gets, scaled by its size.

A line names an item or a whole category ("any canned vegetable"): it gives `per_household` units, plus `per_person`
units for each member, to households whose size is within its band (`1-2`, `3-4`, `5+`; no band: every size).
Quantities are counting units; for an item counted by weight they are given in its unit (lb or kg) and kept in grams.
Category lines are filled with counted items only (a can, a box), earliest expiry first across the category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pantry.documents.csv_in import read_rows
from pantry.errors import UserError
from pantry.i18n import _
from pantry.measures import GRAMS_PER_UNIT, grams_from, is_weighed, parse_decimal
from pantry.models import Category, Item, Template, TemplateLine
from pantry.services import catalog
from pantry.services.permissions import require

TEMPLATE_COLUMNS = ("item_or_category", "per_household", "per_person", "band")
_BAND = re.compile(r"(\d{1,3})(?:\s*-\s*(\d{1,3})|(\+))?")
_WHOLE = re.compile(r"[0-9]{1,6}")


@dataclass(frozen=True)
class LineSpec:
    item_id: int | None
    category_id: int | None
    per_household: int = 0
    per_person: int = 0
    band_min: int | None = None
    band_max: int | None = None


@dataclass(frozen=True)
class TemplateLineInfo:
    what: str  # the item's name, or "any <category>"
    item_id: int | None
    category_id: int | None
    unit: str
    per_household: str  # in the item's unit
    per_person: str
    band: str  # "" for every size


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    name: str
    lines: tuple[TemplateLineInfo, ...]


@dataclass(frozen=True)
class Wanted:
    """One line of a template for a household of a given size: what to pack and how much."""

    position: int
    item_id: int | None
    category_id: int | None
    quantity: int


def amount(quantity: int, unit: str) -> str:
    """A quantity as people read it on paper: a count, or a weight in lb/kg to two decimals at most ("1.5")."""
    if not is_weighed(unit):
        return str(quantity)
    value = (Decimal(quantity) / GRAMS_PER_UNIT[unit]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{value:f}".rstrip("0").rstrip(".")
    return text or "0"


def parse_band(text: str) -> tuple[int | None, int | None]:
    """'' → every size; '1-2', '5+' or '3' → (min, max or None for 'and more'). ValueError otherwise."""
    value = text.strip()
    if not value:
        return None, None
    match = _BAND.fullmatch(value)
    if not match:
        raise ValueError(_("'{text}' is not a household size range (like 1-2, 3-4 or 5+)").format(text=text))
    low = int(match.group(1))
    high = None if match.group(3) else int(match.group(2) or low)
    if low < 1:
        raise ValueError(_("'{text}': sizes start at 1").format(text=text))
    if high is not None and high < low:
        raise ValueError(_("'{text}': the range ends before it starts").format(text=text))
    return low, high


def band_text(band_min: int | None, band_max: int | None) -> str:
    if band_min is None:
        return ""
    if band_max is None:
        return f"{band_min}+"
    return str(band_min) if band_min == band_max else f"{band_min}-{band_max}"


def line_quantity(line: TemplateLine | LineSpec, size: int) -> int:
    """What a line gives a household of `size` people (0 when the size is outside its band)."""
    if line.band_min is not None and (size < line.band_min or (line.band_max is not None and size > line.band_max)):
        return 0
    return line.per_household + line.per_person * size


def wanted(template: Template, size: int) -> list[Wanted]:
    """The template's lines for a household of `size` people, without the ones that give nothing."""
    lines = []
    for line in template.lines:
        quantity = line_quantity(line, size)
        if quantity > 0:
            lines.append(Wanted(line.position, line.item_id, line.category_id, quantity))
    return lines


def _resolve(session: Session, text: str) -> Item | Category | str:
    """The item or category a line names; 'item:' or 'category:' in front settles a name both could have."""
    prefix, _unused, rest = text.partition(":")
    kind = prefix.strip().lower()
    if kind in ("item", "category") and rest.strip():
        text = rest.strip()
    else:
        kind = ""
    item = catalog.item_by_reference(session, text) if kind != "category" else None
    category = None
    if kind != "item":
        category = session.scalars(
            select(Category).where(Category.name_key == " ".join(text.split()).casefold())
        ).first()
    if item is not None and category is not None:
        return _("'{text}' is both an item and a category; write item:{text} or category:{text}").format(text=text)
    found = item or category
    if found is None:
        if kind == "item":
            return _("no item '{text}'").format(text=text)
        if kind == "category":
            return _("no category '{text}'").format(text=text)
        return _("no item (sku, barcode or name) or category '{text}'").format(text=text)
    return found


MAX_LINE_AMOUNT = 10_000  # units (or kg) a template line gives one household or person


def _amount(text: str, column: str, unit: str) -> int:
    """A line quantity: a whole number of units, or an amount in lb/kg for an item counted by weight."""
    if not text:
        return 0
    if is_weighed(unit):
        grams = grams_from(parse_decimal(text, column), unit)
        if grams > MAX_LINE_AMOUNT * 1000:
            raise ValueError(
                _("'{text}' {unit} is more than any household takes; check the number").format(text=text, unit=unit)
            )
        return grams
    if not _WHOLE.fullmatch(text):
        raise ValueError(_("'{text}' is not a whole number of units").format(text=text))
    if int(text) > MAX_LINE_AMOUNT:
        raise ValueError(
            _("{text} is more than {limit:,} units; check the number").format(text=text, limit=MAX_LINE_AMOUNT)
        )
    return int(text)


def read_lines(session: Session, path: Path) -> list[LineSpec]:
    """The lines of a template file (`item_or_category,per_household,per_person,band`); every bad row is named."""
    problems: list[str] = []
    specs: list[LineSpec] = []
    rows = list(read_rows(path, TEMPLATE_COLUMNS, ("item_or_category",)))
    for row in rows:
        where = _("row {number}").format(number=row.number)
        if row.extra_cells:
            problems.append(
                _("{where}: cells: {extra_cells} cell(s) outside the header's named columns").format(
                    where=where, extra_cells=row.extra_cells
                )
            )
        reference = row.get("item_or_category")
        target: Item | Category | str = (
            _resolve(session, reference) if reference else _("name an item (sku, barcode or name) or a category")
        )
        if isinstance(target, str):
            problems.append(_("{where}: item_or_category: {target}").format(where=where, target=target))
            continue
        unit = target.unit if isinstance(target, Item) else "each"
        amounts = []
        for column in ("per_household", "per_person"):
            try:
                amounts.append(_amount(row.get(column), column, unit))
            except ValueError as problem:
                message = str(problem)
                problems.append(f"{where}: {column}: {message.removeprefix(column + ' ')}")
                amounts.append(0)
        try:
            band_min, band_max = parse_band(row.get("band"))
        except ValueError as problem:
            problems.append(_("{where}: band: {problem}").format(where=where, problem=problem))
            continue
        if amounts == [0, 0]:
            if not any(line.startswith(f"{where}: per_") for line in problems):
                problems.append(
                    _("{where}: per_household: the line gives nothing (per_household and per_person are 0)").format(
                        where=where
                    )
                )
            continue
        if isinstance(target, Item):
            specs.append(LineSpec(target.id, None, amounts[0], amounts[1], band_min, band_max))
        else:
            specs.append(LineSpec(None, target.id, amounts[0], amounts[1], band_min, band_max))
    if not rows:
        problems.append(_("the file has no lines"))
    if problems:
        raise UserError(_("{count} problem(s); the template was not saved").format(count=len(problems)), problems)
    return specs


def template_named(session: Session, name: str) -> Template:
    template = session.scalars(
        select(Template)
        .where(Template.name_key == " ".join(name.split()).casefold())
        .options(selectinload(Template.lines))
    ).first()
    if template is None or not template.active:
        known = ", ".join(info.name for info in templates(session)) or _("none yet; add one with `pantry template add`")
        raise UserError(_("template: no template named '{name}' (known: {known})").format(name=name, known=known))
    return template


def save_template(
    session: Session, name: str, lines: list[LineSpec], user_id: int | None, *, replace: bool = False
) -> TemplateInfo:
    """Add a template (or, with `replace`, give an existing one new lines: orders planned already keep theirs)."""
    require(session, user_id, "catalog")
    clean = " ".join(name.split())
    if not clean:
        raise UserError(_("name: a template needs a name"))
    if len(clean) > 80:
        raise UserError(_("name: at most 80 characters (this one has {count})").format(count=len(clean)))
    if not lines:
        raise UserError(_("lines: a template needs at least one line"))
    template = session.scalars(select(Template).where(Template.name_key == clean.casefold())).first()
    if template is not None and template.active and not replace:
        raise UserError(
            _("template: '{name}' exists already; give --replace to change its lines").format(name=template.name)
        )
    if template is None:
        template = Template(name=clean, name_key=clean.casefold(), created_by_id=user_id)
        session.add(template)
    template.active = True  # replacing keeps the name as first written
    template.lines = [
        TemplateLine(
            position=position,
            item_id=line.item_id,
            category_id=line.category_id,
            per_household=line.per_household,
            per_person=line.per_person,
            band_min=line.band_min,
            band_max=line.band_max,
        )
        for position, line in enumerate(lines, start=1)
    ]
    session.flush()
    return _describe(session, template)


def _describe(session: Session, template: Template) -> TemplateInfo:
    items = {item.id: item for item in session.scalars(select(Item).where(Item.id.in_(_ids(template, "item_id"))))}
    categories = dict(
        session.execute(select(Category.id, Category.name).where(Category.id.in_(_ids(template, "category_id")))).all()
    )
    lines = []
    for line in template.lines:
        if line.item_id is not None:
            item = items[line.item_id]
            what, unit = item.name, item.unit
        else:
            what, unit = f"any {categories[line.category_id]}", "each"
        lines.append(
            TemplateLineInfo(
                what,
                line.item_id,
                line.category_id,
                unit,
                amount(line.per_household, unit),
                amount(line.per_person, unit),
                band_text(line.band_min, line.band_max),
            )
        )
    return TemplateInfo(template.id, template.name, tuple(lines))


def _ids(template: Template, attribute: str) -> list[int]:
    return [value for line in template.lines if (value := getattr(line, attribute)) is not None]


def templates(session: Session) -> list[TemplateInfo]:
    rows = session.scalars(
        select(Template)
        .where(Template.active.is_(True))
        .order_by(Template.name_key)
        .options(selectinload(Template.lines))
    )
    return [_describe(session, template) for template in rows]
