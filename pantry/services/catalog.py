"""The catalog: items, their categories and product codes, locations and donors; and finding them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from pantry.codes import normalize_product_code
from pantry.errors import UserError
from pantry.i18n import N_, _
from pantry.measures import UNITS, is_weighed
from pantry.models import Category, Donor, Item, Location, ProductCode, utcnow
from pantry.services.permissions import require

STORAGES = ("dry", "chilled", "frozen")
DATE_KINDS = ("use_by", "best_by", "none")
DONOR_KINDS = (
    "individual",
    "business",
    "farm",
    "food_drive",
    "food_bank",
    "government",
    "purchase",
    "anonymous",
    "other",
)


@dataclass(frozen=True)
class ItemInfo:
    """An item as screens and commands see it."""

    id: int
    sku: str
    name: str
    category: str
    unit: str
    unit_weight_g: int | None
    unit_value_cents: int | None
    storage: str
    date_kind: str
    shelf_life_days: int | None
    par_level: int | None
    tags: tuple[str, ...]
    active: bool

    @property
    def weighed(self) -> bool:
        return is_weighed(self.unit)


@dataclass(frozen=True)
class ScanHit:
    item: ItemInfo
    code: str
    quantity_per_scan: int


@dataclass(frozen=True)
class NamedRow:
    id: int
    name: str
    kind: str


def item_info(item: Item) -> ItemInfo:
    return ItemInfo(
        id=item.id,
        sku=item.sku,
        name=item.name,
        category=item.category.name,
        unit=item.unit,
        unit_weight_g=item.unit_weight_g,
        unit_value_cents=item.unit_value_cents,
        storage=item.storage,
        date_kind=item.date_kind,
        shelf_life_days=item.shelf_life_days,
        par_level=item.par_level,
        tags=tuple(tag for tag in item.tags.split(";") if tag),
        active=item.active,
    )


def category_named(session: Session, name: str, user_id: int | None) -> Category:
    """The category of that name (any capitalisation), created when first named."""
    clean = " ".join(name.split())
    key = clean.casefold()
    category = session.scalars(select(Category).where(Category.name_key == key)).first()
    if category is None:
        category = Category(name=clean, name_key=key, created_by_id=user_id)
        session.add(category)
        session.flush()
    return category


@dataclass
class ItemSpec:
    """Fields of an item to create or update. None leaves a field as it is (or at its default for a new item)."""

    name: str
    sku: str | None = None
    category: str | None = None
    unit: str | None = None
    unit_weight_g: int | None = None
    unit_value_cents: int | None = None
    storage: str | None = None
    date_kind: str | None = None
    shelf_life_days: int | None = None
    par_level: int | None = None
    tags: tuple[str, ...] | None = None
    codes: tuple[tuple[str, int], ...] = ()  # (code, quantity per scan)


# The fields `validate_choice` names, as a message says them.
FIELD_WORDS = {"unit": N_("unit"), "storage": N_("storage"), "date_kind": N_("date_kind"), "kind": N_("kind")}


def validate_choice(value: str | None, choices: tuple[str, ...], field: str) -> None:
    if value is not None and value not in choices:
        said = _(FIELD_WORDS[field]) if field in FIELD_WORDS else field
        raise UserError(
            _("{field}: '{value}' is not one of {choices}").format(field=said, value=value, choices="|".join(choices))
        )


def next_sku(session: Session) -> str:
    number = (session.scalar(select(func.count(Item.id))) or 0) + 1
    while session.scalar(select(Item.id).where(Item.sku == f"P{number:05d}")) is not None:
        number += 1
    return f"P{number:05d}"


def save_item(session: Session, spec: ItemSpec, user_id: int | None) -> tuple[ItemInfo, bool]:
    """Create an item, or update the one with that sku. Returns the item and whether it was created."""
    require(session, user_id, "catalog")
    name = " ".join(spec.name.split())
    if not name:
        raise UserError(_("name: an item needs a name"))
    validate_choice(spec.unit, UNITS, "unit")
    validate_choice(spec.storage, STORAGES, "storage")
    validate_choice(spec.date_kind, DATE_KINDS, "date_kind")
    item = session.scalars(select(Item).where(Item.sku == spec.sku)).first() if spec.sku else None
    created = item is None
    if item is None:
        item = Item(
            sku=spec.sku or next_sku(session),
            name=name,
            name_key=name.casefold(),
            category=category_named(session, spec.category or "Uncategorised", user_id),
            created_by_id=user_id,
            tags="",
        )
        session.add(item)
    else:
        item.name, item.name_key = name, name.casefold()
        if spec.category:
            item.category = category_named(session, spec.category, user_id)
        item.updated_at, item.updated_by_id = utcnow(), user_id
    fields: dict[str, Any] = {
        "unit": spec.unit,
        "unit_weight_g": spec.unit_weight_g,
        "unit_value_cents": spec.unit_value_cents,
        "storage": spec.storage,
        "date_kind": spec.date_kind,
        "shelf_life_days": spec.shelf_life_days,
        "par_level": spec.par_level,
    }
    for field, value in fields.items():
        if value is not None or (created and field not in ("unit", "storage", "date_kind")):
            setattr(item, field, value)
    if created:
        item.unit = spec.unit or "each"
        item.storage = spec.storage or "dry"
        item.date_kind = spec.date_kind or "best_by"
    if is_weighed(item.unit):
        item.unit_weight_g = None
    if spec.tags is not None:
        item.tags = ";".join(dict.fromkeys(tag.strip().casefold() for tag in spec.tags if tag.strip()))
    session.flush()
    for code, per_scan in spec.codes:
        add_code(session, item.id, code, per_scan, user_id)
    return item_info(item), created


def add_code(session: Session, item_id: int, code: str, quantity_per_scan: int, user_id: int | None) -> str:
    """Remember that scanning `code` means `quantity_per_scan` of the item. Returns the stored form of the code."""
    require(session, user_id, "code.add")
    try:
        stored = normalize_product_code(code)
    except ValueError as problem:
        raise UserError(_("barcode: {problem}").format(problem=problem)) from None
    if quantity_per_scan <= 0:
        raise UserError(_("barcode: {stored} must add at least 1 per scan").format(stored=stored))
    existing = session.scalars(select(ProductCode).where(ProductCode.code == stored)).first()
    if existing is not None:
        if existing.item_id != item_id:
            raise UserError(
                _("barcode: {stored} already belongs to {item}").format(stored=stored, item=existing.item.name)
            )
        existing.quantity_per_scan = quantity_per_scan
        return stored
    session.add(ProductCode(code=stored, item_id=item_id, quantity_per_scan=quantity_per_scan, created_by_id=user_id))
    session.flush()
    return stored


def lookup_code(session: Session, code: str) -> ScanHit | None:
    """The item a scanned product code means, or None when the code is unknown. Raises UserError for a bad code."""
    try:
        stored = normalize_product_code(code)
    except ValueError as problem:
        raise UserError(_("barcode: {problem}").format(problem=problem)) from None
    product = session.scalars(select(ProductCode).where(ProductCode.code == stored)).first()
    if product is None:
        return None
    return ScanHit(item_info(product.item), stored, product.quantity_per_scan)


def get_item(session: Session, item_id: int) -> ItemInfo:
    item = session.get(Item, item_id)
    if item is None:
        raise UserError(_("item: no item with id {item_id}").format(item_id=item_id))
    return item_info(item)


def find_items(session: Session, text: str, limit: int = 25) -> list[ItemInfo]:
    """Items matching a sku or barcode exactly, then names starting with the text, then names containing it."""
    query = text.strip()
    if not query:
        return []
    found: dict[int, Item] = {}
    exact = session.scalars(select(Item).where(Item.sku == query)).all()
    try:
        code = normalize_product_code(query)
        exact += session.scalars(select(Item).join(ProductCode).where(ProductCode.code == code)).all()
    except ValueError:
        pass
    key = query.casefold()
    pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    if session.get_bind().dialect.name == "sqlite":
        # A range on the casefolded name rather than LIKE 'text%': SQLite's LIKE ignores case, so it cannot use the
        # name_key index and read all 20,000 items of a food bank's catalog on every keystroke. (Byte order: the
        # range holds exactly the names that start with the text; PostgreSQL's collations are not byte order.)
        starts = and_(Item.name_key >= key, Item.name_key < key + "\U0010ffff")
    else:
        starts = Item.name_key.like(f"{pattern}%", escape="\\")
    prefix = select(Item).where(Item.active.is_(True), starts)
    contains = select(Item).where(
        Item.active.is_(True),
        or_(Item.name_key.like(f"%{pattern}%", escape="\\"), Item.sku.like(f"{pattern}%", escape="\\")),
    )
    for batch in (exact, session.scalars(prefix.order_by(Item.name_key).limit(limit)).all()):
        for item in batch:
            found.setdefault(item.id, item)
    if len(found) < limit:
        for item in session.scalars(contains.order_by(Item.name_key).limit(limit)).all():
            found.setdefault(item.id, item)
    return [item_info(item) for item in list(found.values())[:limit]]


def item_by_reference(session: Session, reference: str) -> Item | None:
    """An item named by sku, product code or exact name (as import files do)."""
    text = reference.strip()
    item = session.scalars(select(Item).where(Item.sku == text)).first()
    if item is None:
        try:
            code = normalize_product_code(text)
            item = session.scalars(select(Item).join(ProductCode).where(ProductCode.code == code)).first()
        except ValueError:
            pass
    if item is None:
        item = session.scalars(select(Item).where(Item.name_key == " ".join(text.split()).casefold())).first()
    return item


def categories(session: Session) -> list[NamedRow]:
    """Every category, by name."""
    rows = session.execute(select(Category.id, Category.name).order_by(Category.name_key))
    return [NamedRow(row.id, row.name, "") for row in rows]


def locations(session: Session) -> list[NamedRow]:
    rows = session.execute(select(Location.id, Location.name, Location.storage).where(Location.active.is_(True)))
    return [NamedRow(row.id, row.name, row.storage or "") for row in rows]


def donors(session: Session) -> list[NamedRow]:
    rows = session.execute(select(Donor.id, Donor.name, Donor.kind).order_by(Donor.name_key))
    return [NamedRow(row.id, row.name, row.kind) for row in rows]


def location_named(session: Session, name: str) -> Location | None:
    return session.scalars(select(Location).where(Location.name_key == " ".join(name.split()).casefold())).first()


def donor_named(session: Session, name: str) -> Donor | None:
    return session.scalars(select(Donor).where(Donor.name_key == " ".join(name.split()).casefold())).first()


def save_location(session: Session, name: str, storage: str | None, user_id: int | None) -> tuple[NamedRow, bool]:
    require(session, user_id, "catalog")
    clean = " ".join(name.split())
    if not clean:
        raise UserError(_("name: a location needs a name"))
    validate_choice(storage or None, STORAGES, "storage")
    location = location_named(session, clean)
    created = location is None
    if location is None:
        location = Location(name=clean, name_key=clean.casefold(), storage=storage or None, created_by_id=user_id)
        session.add(location)
    elif storage:
        location.storage = storage
    session.flush()
    return NamedRow(location.id, location.name, location.storage or ""), created


@dataclass
class DonorSpec:
    name: str
    kind: str = "individual"
    contact: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""


def save_donor(session: Session, spec: DonorSpec, user_id: int | None) -> tuple[NamedRow, bool]:
    """Create a donor, or update the one with that name."""
    require(session, user_id, "catalog")
    clean = " ".join(spec.name.split())
    if not clean:
        raise UserError(_("name: a donor needs a name"))
    validate_choice(spec.kind, DONOR_KINDS, "kind")
    donor = donor_named(session, clean)
    created = donor is None
    if donor is None:
        donor = Donor(name=clean, name_key=clean.casefold(), created_by_id=user_id)
        session.add(donor)
    donor.kind, donor.contact, donor.email = spec.kind, spec.contact, spec.email
    donor.phone, donor.address = spec.phone, spec.address
    session.flush()
    return NamedRow(donor.id, donor.name, donor.kind), created
