import datetime as dt

import pytest
from sqlalchemy import func, select

from pantry.errors import UserError
from pantry.models import Donation, Lot, Movement
from pantry.services import catalog, intake, stock
from pantry.services.intake import IntakeLine
from tests import helpers


def test_a_donation_becomes_lots_and_ledger_entries(database) -> None:
    with database.session() as session:
        beans, produce = helpers.beans(session), helpers.produce(session)
        saved = helpers.donate(session, IntakeLine(beans.id, quantity=24), IntakeLine(produce.id, grams=19051))
    assert len(saved.lot_codes) == 2 and len(set(saved.lot_codes)) == 2
    assert saved.grams == 24 * 480 + 19051
    assert saved.value_cents == 24 * 129 + 7014
    with database.session() as session:
        rows = {row.sku: row for row in stock.stock_by_item(session)}
        assert (rows["BB15"].quantity, rows["BB15"].grams, rows["BB15"].value_cents) == (24, 11520, 3096)
        assert (rows["PRODUCE"].quantity, rows["PRODUCE"].grams) == (19051, 19051)
        lot = session.scalars(select(Lot).where(Lot.code == saved.lot_codes[0])).one()
        assert lot.unit_value_cents == 129 and lot.unit_weight_g == 480
        assert lot.expires_on == dt.date.today() + dt.timedelta(days=540)  # shelf life fills an empty expiry
        movement = session.scalars(select(Movement).where(Movement.lot_id == lot.id)).one()
        assert movement.kind == "intake" and movement.user_id == helpers.admin_id(session)
        assert movement.created_at.tzinfo is not None


def test_old_lines_keep_the_value_they_had(database) -> None:
    with database.session() as session:
        beans = helpers.beans(session)
        helpers.donate(session, IntakeLine(beans.id, quantity=10))
    with database.session() as session:
        catalog.save_item(session, catalog.ItemSpec(name="Black beans 15 oz", sku="BB15", unit_value_cents=999), None)
    with database.session() as session:
        (row,) = stock.stock_by_item(session)
        assert row.value_cents == 1290


def test_a_weighed_line_with_its_own_weight(database) -> None:
    with database.session() as session:
        beans = helpers.beans(session)
        helpers.donate(session, IntakeLine(beans.id, quantity=10, grams=5000))
    with database.session() as session:
        assert stock.stock_by_item(session)[0].grams == 5000


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (dict(quantity=0), "line 1: quantity"),
        (dict(quantity=-3), "line 1: quantity"),
        (dict(quantity=None), "line 1: quantity"),
        (dict(quantity=2, location_id=999), "line 1: location"),
    ],
)
def test_bad_lines_write_nothing(database, line: dict, message: str) -> None:
    with database.session() as session:
        beans = helpers.beans(session)
    with pytest.raises(UserError) as raised, database.session() as session:
        helpers.donate(session, IntakeLine(beans.id, quantity=5), IntakeLine(beans.id, **line))
    assert any(problem.startswith(message.replace("line 1", "line 2")) for problem in raised.value.problems)
    with database.session() as session:
        assert session.scalar(select(func.count(Donation.id))) == 0
        assert session.scalar(select(func.count(Movement.id))) == 0


def test_a_future_date_and_a_weighed_item_without_weight_are_refused(database) -> None:
    with database.session() as session:
        produce = helpers.produce(session)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(UserError) as raised, database.session() as session:
        helpers.donate(session, IntakeLine(produce.id), on=tomorrow)
    text = "\n".join(raised.value.problems)
    assert "is in the future" in text and "counted by weight" in text


def test_expired_use_by_food_is_refused_at_intake(database) -> None:
    with database.session() as session:
        milk = helpers.milk(session)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    with pytest.raises(UserError, match="use-by"), database.session() as session:
        helpers.donate(session, IntakeLine(milk.id, quantity=2, expires_on=yesterday))


def test_the_next_line_goes_where_the_item_was_last_put(database) -> None:
    with database.session() as session:
        beans = helpers.beans(session)
        assert intake.last_location_id(session, beans.id) is None
        shelf, _ = catalog.save_location(session, "Shelf B", "dry", None)
        helpers.donate(session, IntakeLine(beans.id, quantity=2, location_id=shelf.id))
        assert intake.last_location_id(session, beans.id) == shelf.id


def test_find_items_by_sku_code_and_name_prefix(database) -> None:
    with database.session() as session:
        helpers.beans(session), helpers.milk(session)
        assert [item.sku for item in catalog.find_items(session, "bla")] == ["BB15"]
        assert [item.sku for item in catalog.find_items(session, "MILK")] == ["MILK"]
        assert [item.sku for item in catalog.find_items(session, "0012345678905")] == ["MILK"]
        assert [item.sku for item in catalog.find_items(session, "beans")] == ["BB15"]  # contains, too
        assert catalog.find_items(session, "%") == []
        hit = catalog.lookup_code(session, "10041000123457")
        assert hit is not None and hit.quantity_per_scan == 24 and hit.item.sku == "BB15"
        assert catalog.lookup_code(session, "036000291452") is None
        with pytest.raises(UserError, match="check digit"):
            catalog.lookup_code(session, "036000291453")


def test_a_code_belongs_to_one_item(database) -> None:
    with database.session() as session:
        helpers.beans(session)
        milk = helpers.milk(session)
        with pytest.raises(UserError, match="already belongs to Black beans"):
            catalog.add_code(session, milk.id, helpers.BEANS_UPC, 1, None)


def test_categories_are_created_when_first_named_and_matched_regardless_of_case(database) -> None:
    with database.session() as session:
        one, _ = catalog.save_item(session, catalog.ItemSpec(name="Soap", category="Hygiene"), None)
        two, _ = catalog.save_item(session, catalog.ItemSpec(name="Shampoo", category="  hygiene "), None)
        assert one.category == two.category == "Hygiene"


def test_goods_without_a_unit_value_take_the_default_rate_when_saved(database) -> None:
    from pantry.services import valuation

    with database.session() as session:
        loose, _ = catalog.save_item(session, catalog.ItemSpec(name="Mixed produce", unit="lb"), None)
        valuation.use_feeding_america_rate(session)  # $1.67 per lb
        saved = helpers.donate(session, IntakeLine(loose.id, grams=19051))  # 42 lb
        assert saved.value_cents == 7014
    with database.session() as session:
        valuation.set_valuation(session, rate="2.00/lb")  # a later rate never changes what was saved
    with database.session() as session:
        (row,) = stock.stock_by_item(session)
        assert row.value_cents == 7014
