"""The database: SQLAlchemy 2 typed models.

Stock is an append-only ledger (`Movement`); `Balance` caches its sum per lot and location, and `LedgerMonth` and
`StockMonth` its sums per month and item; all are written in the same transaction by `services.ledger`, the only
writer of any of them. Quantities are integers in counting units (grams for
items counted by weight), weights integer grams, money integer cents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored as naive UTC and read back as an aware UTC datetime, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    @property
    def python_type(self) -> type[dt.datetime]:
        return dt.datetime

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Recorded:
    """Who wrote a row and when (UTC)."""

    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # volunteer | shift_lead | treasurer | admin
    pin_hash: Mapped[str | None] = mapped_column(String(255))  # argon2id; never shown, never audited
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    failed_pins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # wrong PINs in a row
    locked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # locked after too many; an admin unlocks


class Category(Recorded, Base):
    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80), unique=True)  # casefolded name: one category per spelling


class Item(Recorded, Base):
    __tablename__ = "item"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)  # casefolded, for prefix search
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    unit: Mapped[str] = mapped_column(String(8), default="each")  # each | lb | kg
    unit_weight_g: Mapped[int | None] = mapped_column(Integer)  # grams per each; None for weighed items
    unit_value_cents: Mapped[int | None] = mapped_column(Integer)  # per each, or per lb / kg
    storage: Mapped[str] = mapped_column(String(8), default="dry")  # dry | chilled | frozen
    date_kind: Mapped[str] = mapped_column(String(8), default="best_by")  # use_by | best_by | none
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    par_level: Mapped[int | None] = mapped_column(Integer)  # counting units (grams for weighed items)
    tags: Mapped[str] = mapped_column(String(400), default="")  # ';'-separated dietary and allergen tags
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    category: Mapped[Category] = relationship(lazy="joined")
    codes: Mapped[list[ProductCode]] = relationship(back_populates="item", order_by="ProductCode.id")


class ProductCode(Recorded, Base):
    """A barcode value that means an item, and how many counting units one scan adds (a case code: 24 cans)."""

    __tablename__ = "product_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    quantity_per_scan: Mapped[int] = mapped_column(Integer, default=1)

    item: Mapped[Item] = relationship(back_populates="codes")


class Location(Recorded, Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80), unique=True)
    storage: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Donor(Recorded, Base):
    __tablename__ = "donor"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="individual")
    contact: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(Text, default="")


class AgeBand(Base):
    """An age band households are counted by. Food banks differ (seniors from 60 or from 65 ...): a pantry's own."""

    __tablename__ = "age_band"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)  # children | adults | seniors | the pantry's own
    label: Mapped[str] = mapped_column(String(40))
    min_age: Mapped[int] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)  # None: and older
    position: Mapped[int] = mapped_column(Integer, default=0)


class Household(Recorded, Base):
    """A household that picks up food: what a pantry needs and nothing more (a name or none, and how many people).

    `code` is printed on its card: generated ones are codes.make_code("household", id); imported ones are the
    pantry's own card numbers (3-20 Code128-safe characters, upper case). `size` is the number of people; when the
    members are counted by age band (HouseholdMembers) it is their total.
    """

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    first_name: Mapped[str] = mapped_column(String(80), default="")  # or empty: an anonymous household
    name: Mapped[str] = mapped_column(String(200), default="", server_default="")  # who registered, as given
    name_key: Mapped[str] = mapped_column(String(200), default="", server_default="", index=True)  # casefolded
    size: Mapped[int] = mapped_column(Integer, default=1)
    registered_on: Mapped[dt.date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    postcode: Mapped[str] = mapped_column(String(20), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    phone_key: Mapped[str] = mapped_column(String(40), default="", server_default="", index=True)  # digits only
    language: Mapped[str] = mapped_column(String(40), default="", server_default="")
    dietary: Mapped[str] = mapped_column(String(400), default="", server_default="")  # ';'-separated flags
    dietary_note: Mapped[str] = mapped_column(Text, default="", server_default="")  # free text
    proxy: Mapped[str] = mapped_column(String(200), default="", server_default="")  # who may pick up for them
    notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    eligibility_declared_on: Mapped[dt.date | None] = mapped_column(Date)  # self-declared (TEFAP): no proof asked
    eligibility_basis: Mapped[str] = mapped_column(String(80), default="", server_default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # to keep their data
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    # Personal details removed (on request or by the retention rule): code, counts and visits stay for the reports.
    forgotten_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    members: Mapped[list[HouseholdMembers]] = relationship(
        order_by="HouseholdMembers.band_key", cascade="all, delete-orphan"
    )


class HouseholdMembers(Base):
    """How many people of a household fall in one age band."""

    __tablename__ = "household_members"

    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), primary_key=True)
    band_key: Mapped[str] = mapped_column(ForeignKey("age_band.key"), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class Agency(Recorded, Base):
    """A partner group receiving bulk distributions (a shelter, another mutual-aid group)."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    contact: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    people: Mapped[int] = mapped_column(Integer, default=1)  # people it serves: per-person quantities scale by it
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Template(Recorded, Base):
    """An allotment ("standard bag", "family box", "baby kit"): lines whose quantities scale by household size."""

    __tablename__ = "allotment_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    lines: Mapped[list[TemplateLine]] = relationship(
        order_by="TemplateLine.position", cascade="all, delete-orphan", back_populates="template"
    )


class TemplateLine(Base):
    """An item or a whole category: `per_household` units plus `per_person` units for each member, for households
    whose size is within the band (no band: every size). Units are counting units (grams for weighed items)."""

    __tablename__ = "allotment_template_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("allotment_template.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    per_household: Mapped[int] = mapped_column(Integer, default=0)
    per_person: Mapped[int] = mapped_column(Integer, default=0)
    band_min: Mapped[int | None] = mapped_column(Integer)
    band_max: Mapped[int | None] = mapped_column(Integer)  # None with band_min set: and larger

    template: Mapped[Template] = relationship(back_populates="lines")


class PickupOrder(Recorded, Base):
    """A pickup for a household (or a delivery to an agency) on a date: planned → packed → picked_up, or no_show /
    cancelled (those three are final). Its printed code is codes.make_code("order", id). A picked-up order is a
    visit; its goods count as distributed on `picked_up_on`."""

    __tablename__ = "pickup_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    template_id: Mapped[int | None] = mapped_column(ForeignKey("allotment_template.id"))
    kind: Mapped[str] = mapped_column(String(12), default="order")  # order | walk_in | choice
    pickup_date: Mapped[dt.date] = mapped_column(Date, index=True)
    slot: Mapped[str | None] = mapped_column(String(5))  # HH:MM
    status: Mapped[str] = mapped_column(String(12), default="planned")
    size: Mapped[int] = mapped_column(Integer, default=1)  # people the allotment was scaled for
    note: Mapped[str] = mapped_column(Text, default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")  # a visit limit overridden, and why
    override_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    packed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    packed_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)  # picked up, no-show or cancelled
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    picked_up_on: Mapped[dt.date | None] = mapped_column(Date)
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operation.id"))

    lines: Mapped[list[OrderLine]] = relationship(order_by="OrderLine.position", cascade="all, delete-orphan")


class OrderLine(Base):
    """What an order asks for: an item or any item of a category, and the shortage found when it was packed."""

    __tablename__ = "pickup_order_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("pickup_order.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("item.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    quantity: Mapped[int] = mapped_column(Integer)  # asked for, counting units
    shortage: Mapped[int] = mapped_column(Integer, default=0)  # what packing could not find
    note: Mapped[str] = mapped_column(String(200), default="")  # a substitution for a diet, ...


class OrderAllocation(Base):
    """Units of one lot at one location set aside for an order line when it was packed (nothing moves in the ledger
    until pickup), and how many of them were given."""

    __tablename__ = "pickup_allocation"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("pickup_order.id"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("pickup_order_line.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    given: Mapped[int | None] = mapped_column(Integer)  # set at pickup


class Donation(Recorded, Base):
    __tablename__ = "donation"

    id: Mapped[int] = mapped_column(primary_key=True)
    donor_id: Mapped[int] = mapped_column(ForeignKey("donor.id"), index=True)
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    note: Mapped[str] = mapped_column(Text, default="")

    donor: Mapped[Donor] = relationship()
    lots: Mapped[list[Lot]] = relationship(back_populates="donation", order_by="Lot.id")


class Lot(Recorded, Base):
    """One intake line: what came in together, with the value and weight it had when it was saved."""

    __tablename__ = "lot"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    donation_id: Mapped[int | None] = mapped_column(ForeignKey("donation.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)  # received, counting units
    grams: Mapped[int] = mapped_column(Integer)  # received weight
    value_cents: Mapped[int] = mapped_column(Integer)  # received value
    unit_value_cents: Mapped[int | None] = mapped_column(Integer)  # the item's unit value when saved
    unit_weight_g: Mapped[int | None] = mapped_column(Integer)  # the item's unit weight when saved
    expires_on: Mapped[dt.date | None] = mapped_column(Date)
    supplier_lot: Mapped[str | None] = mapped_column(String(40))
    received_on: Mapped[dt.date] = mapped_column(Date)
    # On hold (a recall): stays on hand and visible, is never picked or given out until released or written off.
    quarantined: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    item: Mapped[Item] = relationship()
    donation: Mapped[Donation | None] = relationship(back_populates="lots")


class Operation(Base):
    """One thing a person did to the shelves (a donation, a transfer, an adjustment, a posted count, an undo ...),
    grouping its movements: who, when, why. An undo is a new operation that reverses an earlier one."""

    __tablename__ = "operation"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("operation.id"))


class LotEvent(Base):
    """Something that happened to a lot without moving it: quarantined, released, a use-by override when given out."""

    __tablename__ = "lot_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # quarantine | release | override
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AdjustmentReason(Base):
    """Why stock was adjusted. The built-in ones can't be removed; an admin may add the pantry's own."""

    __tablename__ = "adjustment_reason"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    label: Mapped[str] = mapped_column(String(80))
    is_loss: Mapped[bool] = mapped_column(Boolean, default=True)  # counted as lost (never as distributed)
    needs_note: Mapped[bool] = mapped_column(Boolean, default=False)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StockCount(Base):
    """A stocktake of one location (or one category): opened, counted (and saved, resumed), posted once."""

    __tablename__ = "stock_count"

    id: Mapped[int] = mapped_column(primary_key=True)
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | posted | cancelled
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    posted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    posted_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operation.id"))


class CountLine(Base):
    """One lot at one location in a count: what the books said when the count started, and what was counted."""

    __tablename__ = "count_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    count_id: Mapped[int] = mapped_column(ForeignKey("stock_count.id"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    expected: Mapped[int] = mapped_column(Integer)
    counted: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    counted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    counted_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class Movement(Base):
    """One ledger entry. Never updated or deleted: history is corrected by new entries."""

    __tablename__ = "movement"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    grams: Mapped[int] = mapped_column(Integer)
    value_cents: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))  # intake | distribution | transfer | adjustment | count
    reason: Mapped[str | None] = mapped_column(String(32))
    reference: Mapped[str | None] = mapped_column(String(64))
    business_date: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    operation_id: Mapped[int | None] = mapped_column(ForeignKey("operation.id"), index=True)

    __table_args__ = (
        # Covers stock as of a date and every period report: movements in a date range, summed per item, kind and
        # reason, or per lot and location (where stock lay as of a date), without touching the table.
        Index(
            "ix_movement_date_item_kind",
            "business_date",
            "item_id",
            "kind",
            "reason",
            "quantity",
            "grams",
            "value_cents",
            "lot_id",
            "location_id",
        ),
    )


class Balance(Base):
    """On-hand per lot and location: the sum of its movements, kept in step by services.ledger. Empty rows go."""

    __tablename__ = "balance"

    lot_id: Mapped[int] = mapped_column(ForeignKey("lot.id"), primary_key=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    grams: Mapped[int] = mapped_column(Integer)
    value_cents: Mapped[int] = mapped_column(Integer)
    expires_on: Mapped[dt.date | None] = mapped_column(Date)  # the lot's, copied so stock by item needs no join

    __table_args__ = (
        # Covers stock by item: totals and earliest expiry per item from the index alone.
        Index("ix_balance_item", "item_id", "quantity", "grams", "value_cents", "expires_on"),
    )


class LedgerMonth(Base):
    """What moved per item, month, kind and reason: the sums of the movements, written by services.ledger in the same
    transaction as the movements, so that a period's reports read a row per item and month instead of every movement.
    """

    __tablename__ = "ledger_month"

    # Month first: a period's months are one run of the table (stored in key order on SQLite, WITHOUT ROWID).
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # 'YYYY-MM' of the movements' business date
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    reason: Mapped[str] = mapped_column(String(32), primary_key=True, default="")  # "" for a movement without one
    quantity: Mapped[int] = mapped_column(BigInteger)
    grams: Mapped[int] = mapped_column(BigInteger)
    value_cents: Mapped[int] = mapped_column(BigInteger)
    movements: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


class StockMonth(Base):
    """An item's stock at the end of a month it moved in (the sum of its movements up to that month's end), written by
    services.ledger with the movements: stock as of any date is the row of the month before it plus part of a month
    of movements. A movement dated in an earlier month moves that month's row and every later one."""

    __tablename__ = "stock_month"

    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    quantity: Mapped[int] = mapped_column(BigInteger)
    grams: Mapped[int] = mapped_column(BigInteger)
    value_cents: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = ({"sqlite_with_rowid": False},)  # an item's months side by side: its latest row is one seek away


class AuditEntry(Base):
    """One change to master data (items, donors, locations, households, users, settings, templates ...): who, when,
    what, and the fields before and after as JSON. Written by pantry.audit in the same transaction as the change.
    Stock movements are not copied here: their operations already say who and when (pantry.audit unions both)."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))  # household.add | household.change | household.remove ...
    what: Mapped[str] = mapped_column(String(200))  # the row as a person names it: "household H0001", "item BB15"
    before: Mapped[str] = mapped_column(Text, default="")  # JSON object of the changed fields, or ""
    after: Mapped[str] = mapped_column(Text, default="")
