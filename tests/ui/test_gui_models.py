"""Every table model passes Qt's model tester with data in it, and keeps passing while its rows change."""

from __future__ import annotations

import datetime as dt

from gui_helpers import Catalog
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from pantry.db import Database
from pantry.services import catalog, stock
from pantry.services.stock import ItemStock, expiry_state
from ui.models.intake_lines import EXPIRES, LOCATION, QUANTITY, WEIGHT, IntakeLinesModel
from ui.models.items import ItemListModel
from ui.models.stock import ItemStockModel, LotStockModel
from ui.models.table import BELOW_PAR_FOREGROUND, EXPIRED_BACKGROUND, EXPIRING_BACKGROUND
from ui.tasks import LineStart

TODAY = dt.date(2026, 3, 10)


def _starts(database: Database, pantry_catalog: Catalog) -> list[LineStart]:
    with database.session() as session:
        locations = catalog.locations(session)
    main = locations[0].id
    return [
        LineStart(pantry_catalog.beans, "041000123450", 1, TODAY + dt.timedelta(days=700), main),
        LineStart(pantry_catalog.beans, "10041000123457", 24, TODAY + dt.timedelta(days=700), main),
        LineStart(pantry_catalog.rice, "96385074", 1, TODAY + dt.timedelta(days=5), pantry_catalog.cooler_id),
        LineStart(pantry_catalog.apples, None, 0, None, main),
    ]


def test_intake_lines_model(qtmodeltester: ModelTester, database: Database, pantry_catalog: Catalog) -> None:
    model = IntakeLinesModel(today=TODAY)
    with database.session() as session:
        model.set_locations(catalog.locations(session))
    starts = _starts(database, pantry_catalog)
    for start in starts:
        model.add_scan(start)
    qtmodeltester.check(model)

    model.add_scan(starts[0])  # changes while the tester watches
    assert model.row_at(0).quantity == 2
    assert model.setData(model.index(3, WEIGHT), "2.5")
    assert model.row_at(3).grams == 1134  # 2.5 lb
    assert model.setData(model.index(0, WEIGHT), "1.2 kg")
    assert model.setData(model.index(1, EXPIRES), "2026-05")
    assert model.row_at(1).expires_on == dt.date(2026, 5, 31)
    assert model.setData(model.index(2, LOCATION), pantry_catalog.cooler_id)
    assert not model.flags(model.index(3, QUANTITY)) & Qt.ItemFlag.ItemIsEditable  # weighed: no count
    assert model.total_grams() == 1200 + 24 * 440 + 907 + 1134
    model.undo_last_scan()
    model.remove_line(1)
    model.undo_last_scan()
    model.clear()
    assert model.rowCount() == 0


def test_received_date_moves_prefilled_expiries_only(database: Database, pantry_catalog: Catalog) -> None:
    model = IntakeLinesModel(today=TODAY)
    starts = _starts(database, pantry_catalog)
    model.add_scan(starts[0])
    model.add_scan(starts[2])
    assert model.setData(model.index(1, EXPIRES), "+3d")
    model.set_received_on(TODAY - dt.timedelta(days=2))
    assert model.row_at(0).expires_on == TODAY - dt.timedelta(days=2) + dt.timedelta(days=700)
    assert model.row_at(1).expires_on == TODAY + dt.timedelta(days=3)  # typed by a person: kept


def test_stock_models_filter_and_sort(qtmodeltester: ModelTester, database: Database, stocked: Catalog) -> None:
    with database.session() as session:
        items, lots = stock.stock_by_item(session), stock.stock_by_lot(session)
    assert items and lots
    for model in (ItemStockModel(today=dt.date.today()), LotStockModel(today=dt.date.today())):
        qtmodeltester.check(model)
        model.set_rows(items if isinstance(model, ItemStockModel) else lots)
        qtmodeltester.check(model)
        item = 1 if isinstance(model, ItemStockModel) else 2
        model.sort(item, Qt.SortOrder.DescendingOrder)
        names = [row.item for row in model.visible_rows()]
        assert names == sorted(names, key=str.casefold, reverse=True)
        assert model.index(0, item).data() == names[0]
        model.set_predicate(lambda row: "rice" in row.item.casefold())
        assert [row.item for row in model.visible_rows()] == ["Rice, long grain 2 lb"]
        model.set_predicate(None)
        assert model.rowCount() == model.total()
        assert [row.item for row in model.visible_rows()] == names  # still in the order chosen
        model.sort(-1)
        assert model.visible_rows() == model.all_rows()  # the core's order again
        model.set_rows([])


def test_item_list_model(qtmodeltester: ModelTester, pantry_catalog: Catalog) -> None:
    model = ItemListModel()
    model.set_items([pantry_catalog.beans, pantry_catalog.apples])
    qtmodeltester.check(model)
    assert "by weight (lb)" in model.index(1, 0).data()
    model.set_items([])


def test_stock_highlights(database: Database, stocked: Catalog) -> None:
    with database.session() as session:
        items = {row.item: row for row in stock.stock_by_item(session)}
    model = ItemStockModel(today=dt.date.today())
    model.set_rows(list(items.values()))
    rows = {row.item: number for number, row in enumerate(model.rows())}

    beans = model.index(rows["Black beans, canned 15 oz"], 0)
    assert beans.data(Qt.ItemDataRole.ForegroundRole).color() == BELOW_PAR_FOREGROUND  # 30 < par 100
    rice = model.index(rows["Rice, long grain 2 lb"], 0)
    assert rice.data(Qt.ItemDataRole.BackgroundRole).color() == EXPIRING_BACKGROUND  # 5 days of shelf life
    assert "Expires in 5 days" in rice.data(Qt.ItemDataRole.ToolTipRole)
    apples = model.index(rows["Apples (by weight)"], 5)
    assert apples.data() == "10.000 lb"
    assert model.index(rows["Apples (by weight)"], 4).data() == "10.000 lb"
    assert model.index(rows["Black beans, canned 15 oz"], 6).data() == "$38.70"

    expired = ItemStock(9, "P9", "Milk", "Dairy", "each", "chilled", None, 1, 1, 1, dt.date.today() - dt.timedelta(1))
    model.set_rows([expired])
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == EXPIRED_BACKGROUND
    assert expiry_state(dt.date.today() + dt.timedelta(days=8), dt.date.today()) is None
    assert expiry_state(dt.date.today() + dt.timedelta(days=7), dt.date.today()) == "soon"
