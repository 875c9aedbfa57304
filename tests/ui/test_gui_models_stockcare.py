"""The stock-care table models pass Qt's model tester with data in them, and while their rows change."""

from __future__ import annotations

import datetime as dt

from gui_helpers import Catalog, lot_codes
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from pantry.db import Database
from pantry.services import counts, history, labels, stockcare, users
from ui import tasks
from ui.models.counts import (
    AS_EXPECTED_BACKGROUND,
    COUNTED,
    DIFFERENCE,
    OVER_BACKGROUND,
    SHORT_BACKGROUND,
    CountLinesModel,
)
from ui.models.history import LotHistoryModel
from ui.models.intake_lines import EXPIRES, SUPPLIER_LOT, IntakeLinesModel
from ui.models.labels import LABELS, PER_UNIT, LabelItemsModel
from ui.models.stock import QUARANTINE_TEXT, LotStockModel
from ui.models.table import QUARANTINED_BACKGROUND

TODAY = dt.date(2026, 3, 10)


def test_lot_history_model(qtmodeltester: ModelTester, database: Database, stocked: Catalog) -> None:
    code = lot_codes(database, "Black beans, canned 15 oz")[0]
    with database.session() as session:
        user = users.acting_user(session).id
        stockcare.adjust(session, code, -3, "damaged", user, note="dented")
        stockcare.transfer(session, code, "Walk-in cooler", user, quantity=5)
        found = history.lot_history(session, code)
    model = LotHistoryModel()
    qtmodeltester.check(model)
    model.set_rows(found.lines)
    qtmodeltester.check(model)
    assert [model.index(row, 1).data() for row in range(model.rowCount())] == [
        "Received",
        "Adjusted",
        "Moved",
        "Moved",
    ]
    assert model.index(1, 4).data() == "Damaged" and model.index(1, 5).data() == "dented"
    assert "by admin" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    model.set_rows([])


def test_count_lines_model_colours_differences(
    qtmodeltester: ModelTester, database: Database, stocked: Catalog
) -> None:
    with database.session() as session:
        user = users.acting_user(session).id
        count_id = counts.start(session, user, location="Main")
        beans, apples = (
            lot_codes(database, "Black beans, canned 15 oz")[0],
            lot_codes(database, "Apples (by weight)")[0],
        )
        counts.enter(session, count_id, [counts.Entry(beans, 31)], user)
        first = counts.summary(session, count_id)
        counts.enter(session, count_id, [counts.Entry(beans, 30), counts.Entry(apples, 4000)], user)
        second = counts.summary(session, count_id)
    model = CountLinesModel()
    model.set_rows(first.rows)
    qtmodeltester.check(model)
    row = model.row_of_lot(beans.lower())
    assert row is not None
    assert model.index(row, DIFFERENCE).data() == "+1"
    assert model.index(row, DIFFERENCE).data(Qt.ItemDataRole.BackgroundRole).color() == OVER_BACKGROUND
    other = model.row_of_lot(apples)
    assert other is not None and model.index(other, DIFFERENCE).data() == "not counted"
    assert model.index(other, COUNTED).data(Qt.ItemDataRole.BackgroundRole) is None

    model.set_rows(second.rows)
    assert model.index(model.row_of_lot(beans), COUNTED).data(Qt.ItemDataRole.BackgroundRole).color() == (
        AS_EXPECTED_BACKGROUND
    )
    assert model.index(other, DIFFERENCE).data() == "-1.182"  # 536 g short, in lb
    assert model.index(other, DIFFERENCE).data(Qt.ItemDataRole.BackgroundRole).color() == SHORT_BACKGROUND
    model.set_rows([])


def test_label_items_model(qtmodeltester: ModelTester, database: Database, stocked: Catalog) -> None:
    with database.session() as session:
        batch = tasks.donation_label_batch(session, 1)
        assert [line.label for line in batch.lines] == labels.donation_labels(session, 1)
    model = LabelItemsModel()
    model.set_lines(batch.lines, set())
    qtmodeltester.check(model)
    assert model.label_count() == 3
    items = [row.item for row in model.rows()]
    beans, apples = items.index("Black beans, canned 15 oz"), items.index("Apples (by weight)")
    assert model.index(apples, PER_UNIT).data(Qt.ItemDataRole.CheckStateRole) is None  # by weight: per lot only
    assert not model.setData(model.index(apples, PER_UNIT), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(beans, PER_UNIT), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.index(beans, LABELS).data() == "30"
    assert model.label_count() == 32
    chosen = model.chosen_labels()
    assert len(chosen) == 32 and sum(label.item.startswith("Black beans") for label in chosen) == 30
    assert model.per_unit_skus() == ({stocked.beans.sku}, {stocked.rice.sku})
    model.set_lines(batch.lines, {stocked.beans.sku, stocked.apples.sku})  # remembered choices come back
    assert model.label_count() == 32
    model.set_lines([], set())


def test_lot_stock_model_marks_quarantined_lots(
    qtmodeltester: ModelTester, database: Database, stocked: Catalog
) -> None:
    with database.session() as session:
        stockcare.recall(session, stocked.rice.sku, users.acting_user(session).id, quarantine=True)
        snapshot = tasks.stock_snapshot(session)
    model = LotStockModel(today=dt.date.today())
    model.set_stock(snapshot.lots, snapshot.quarantined)
    qtmodeltester.check(model)
    status = model.columnCount() - 1
    rows = {row.item: number for number, row in enumerate(model.rows())}
    rice = rows["Rice, long grain 2 lb"]
    assert model.index(rice, status).data() == QUARANTINE_TEXT
    assert model.index(rice, 0).data(Qt.ItemDataRole.BackgroundRole).color() == QUARANTINED_BACKGROUND
    assert "Release it" in model.index(rice, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(rows["Black beans, canned 15 oz"], status).data() == ""
    assert snapshot.dashboard is not None and snapshot.dashboard.below_par == 1
    model.set_stock([], frozenset())


def test_intake_lines_keep_barcode_data(
    qtmodeltester: ModelTester, database: Database, pantry_catalog: Catalog
) -> None:
    with database.session() as session:
        main = tasks.location_rows(session)[0].id
    model = IntakeLinesModel(today=TODAY)
    data = tasks.ScanData(dt.date(2027, 1, 31), "use_by", "LOTA1", None)
    model.add_scan(tasks.LineStart(pantry_catalog.beans, "10041000123457", 24, data.expires, main, data))
    model.add_scan(tasks.LineStart(pantry_catalog.rice, "96385074", 1, TODAY, main))
    qtmodeltester.check(model)
    assert model.index(0, EXPIRES).data() == "2027-01-31 (use by)"
    assert model.setData(model.index(1, SUPPLIER_LOT), "  B 12 ")
    assert model.row_at(1).supplier_lot == "B 12"
    assert model.fill_last(tasks.ScanData(dt.date(2026, 4, 1), "best_by", "X9", 950)) == 1
    assert (model.row_at(1).supplier_lot, model.row_at(1).grams) == ("X9", 950)
    model.undo_last_scan()
    assert (model.row_at(1).supplier_lot, model.row_at(1).grams) == ("B 12", None)
    assert [line.supplier_lot for line in model.intake_lines()] == ["LOTA1", "B 12"]
    assert model.setData(model.index(0, EXPIRES), "2027-02")
    assert model.index(0, EXPIRES).data() == "2027-02-28"  # typed: the item's own kind of date
    model.clear()
