"""The database: SQLAlchemy 2 typed models.

Stock is an append-only ledger (`Movement`); `Balance` caches its sum per lot and location and is written in the same
transaction by `services.ledger`, the only writer of either. Quantities are integers in counting units (grams for
items counted by weight), weights integer grams, money integer cents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
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
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


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


class Household(Recorded, Base):
    """A household that picks up food. Its printed code is derived from the id (codes.make_code("household", id))."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(80), default="")  # or empty: an anonymous household
    size: Mapped[int] = mapped_column(Integer, default=1)
    registered_on: Mapped[dt.date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


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
        # Covers stock-as-of-a-date: the movements after a date, summed per item, without touching the table.
        Index("ix_movement_date_item", "business_date", "item_id", "quantity", "grams", "value_cents"),
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
