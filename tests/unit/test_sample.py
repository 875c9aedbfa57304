import datetime as dt

from sqlalchemy import func, select

from pantry import sample
from pantry.codes import is_valid_gtin
from pantry.db import open_database
from pantry.models import Category, Donor, Item, Location, ProductCode
from pantry.services import stock
from pantry.services.verify import verify

TODAY = dt.date(2026, 11, 25)


def _fingerprint(path) -> list[tuple]:
    database = open_database(path)
    try:
        with database.session() as session:
            summary = sample.fill(session, today=TODAY, seed=5)
        with database.session() as session:
            assert verify(session).ok
            rows = [(r.sku, r.quantity, r.grams, r.value_cents) for r in stock.stock_by_item(session)]
            counts = (
                session.scalar(select(func.count(Item.id))),
                session.scalar(select(func.count(Category.id))),
                session.scalar(select(func.count(Location.id))),
                set(session.scalars(select(Donor.kind))),
            )
            codes = list(session.scalars(select(ProductCode.code)))
        return [summary, counts, rows, codes]
    finally:
        database.dispose()


def test_the_sample_pantry_is_realistic_and_deterministic(tmp_path) -> None:
    first = _fingerprint(tmp_path / "a.sqlite")
    summary, (items, categories, locations, kinds), rows, codes = first
    assert items == 150 and categories >= 15 and locations == 3
    assert kinds >= {"individual", "business", "farm", "food_drive", "food_bank", "government", "purchase", "anonymous"}
    assert summary.donations > 300 and summary.movements > 5000
    assert rows and all(quantity > 0 for _, quantity, _, _ in rows)
    assert codes and all(is_valid_gtin(code) for code in codes)
    assert _fingerprint(tmp_path / "b.sqlite") == first


def test_the_sample_goes_only_into_an_empty_database(database) -> None:
    import pytest

    from pantry.errors import UserError

    with database.session() as session:
        sample.fill(session, today=TODAY)
    with pytest.raises(UserError, match="already has items"), database.session() as session:
        sample.fill(session, today=TODAY)
