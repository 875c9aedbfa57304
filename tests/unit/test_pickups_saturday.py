"""Done means: a shift lead plans a Saturday for 200 households from a template, prints the sheets and the pull list,
and on the day completes each pickup with one scan; stock, visits and each household's history agree."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select

from pantry.cli import main
from pantry.models import Movement, OrderAllocation, PickupOrder
from pantry.services import catalog, households, stock, visits
from pantry.services.intake import IntakeLine
from pantry.services.verify import verify
from tests import helpers

TODAY = dt.date.today()
SATURDAY = TODAY + dt.timedelta(days=(5 - TODAY.weekday()) % 7 or 7)
TEMPLATE = """\
item_or_category,per_household,per_person,band
BB15,0,1,
Canned vegetables,2,,
RICE,1,,1-2
RICE,2,,3+
PB,1,,
APPLES,1,0.5,
"""


def _stock_the_warehouse(database) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        uid = helpers.admin_id(session)
        back, _ = catalog.save_location(session, "Back room", "dry", uid)
        cooler, _ = catalog.save_location(session, "Walk-in cooler", "chilled", uid)
        main_id = catalog.location_named(session, "Main").id
        beans = helpers.beans(session)
        items = {"BB15": beans.id}
        for sku, name, category, tags in (
            ("CORN", "Sweet corn", "Canned vegetables", "vegan"),
            ("PEAS", "Peas", "Canned vegetables", "vegan"),
            ("RICE", "Rice 2 lb", "Grains", "vegan"),
            ("PB", "Peanut butter", "Spreads", "peanuts"),
            ("JAM", "Grape jelly", "Spreads", "vegan"),
        ):
            info, _ = catalog.save_item(
                session,
                catalog.ItemSpec(name=name, sku=sku, category=category, unit_weight_g=450, tags=(tags,)),
                uid,
            )
            items[sku] = info.id
        apples, _ = catalog.save_item(
            session, catalog.ItemSpec(name="Apples", sku="APPLES", unit="lb", unit_value_cents=149), uid
        )
        items["APPLES"] = apples.id
        received = TODAY - dt.timedelta(days=7)
        soon, later = SATURDAY + dt.timedelta(days=20), SATURDAY + dt.timedelta(days=200)
        helpers.donate(
            session,
            IntakeLine(items["BB15"], quantity=300, expires_on=soon, location_id=back.id),
            IntakeLine(items["BB15"], quantity=600, expires_on=later, location_id=main_id),
            IntakeLine(items["CORN"], quantity=250, expires_on=later, location_id=main_id),
            IntakeLine(items["PEAS"], quantity=200, expires_on=soon, location_id=back.id),
            IntakeLine(items["RICE"], quantity=500, expires_on=later, location_id=main_id),
            IntakeLine(items["PB"], quantity=250, expires_on=later, location_id=main_id),
            IntakeLine(items["JAM"], quantity=100, expires_on=later, location_id=main_id),
            IntakeLine(
                items["APPLES"], grams=454_000, expires_on=SATURDAY + dt.timedelta(days=5), location_id=cooler.id
            ),
            on=received,
        )


def _households(database) -> list[str]:  # type: ignore[no-untyped-def]
    codes = []
    with database.session() as session:
        for number in range(200):
            spec = households.HouseholdSpec(
                name=f"Person {number}",
                members={"adults": 1 + number % 2, "children": number % 4, "seniors": 1 if number % 9 == 0 else 0},
                phone=f"555{number:07d}",
                dietary=("nut_allergy",) if number % 10 == 0 else (),
            )
            codes.append(households.register_household(session, spec, None).household.code)
    return codes


def _decode(pdf: Path, folder: Path, first: int, last: int) -> list[str]:
    prefix = folder / "scan"
    subprocess.run(
        ["pdftoppm", "-r", "203", "-f", str(first), "-l", str(last), "-png", str(pdf), str(prefix)], check=True
    )
    return [
        result.text for page in sorted(folder.glob("scan*.png")) for result in zxingcpp.read_barcodes(Image.open(page))
    ]


def test_a_saturday_for_200_households(database, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _stock_the_warehouse(database)
    codes = _households(database)
    db = ["--db", str(db_path)]
    template = tmp_path / "standard.csv"
    template.write_text(TEMPLATE, encoding="utf-8")
    assert main([*db, "template", "add", "Standard bag", str(template)]) == 0

    # plan: one command for the whole day, a slot per 20 households; only the order codes on stdout
    orders: dict[str, str] = {}
    for slot in range(10):
        group = codes[slot * 20 : (slot + 1) * 20]
        capsys.readouterr()
        args = [arg for code in group for arg in ("--household", code)]
        time = f"{9 + slot // 2:02d}:{30 * (slot % 2):02d}"
        assert (
            main(
                [
                    *db,
                    "pickup",
                    "plan",
                    "--date",
                    SATURDAY.isoformat(),
                    "--slot",
                    time,
                    *args,
                    "--template",
                    "Standard bag",
                ]
            )
            == 0
        )
        out = capsys.readouterr()
        assert out.err == ""
        orders.update(zip(group, out.out.split(), strict=True))
    assert main([*db, "pickup", "pack", "--date", SATURDAY.isoformat()]) == 0
    packed = capsys.readouterr()
    assert packed.out == "Packed 200 order(s): " + packed.out.split(": ", 1)[1] and packed.err == ""

    sheets, pull = tmp_path / "sheets.pdf", tmp_path / "list.pdf"
    assert main([*db, "pickup", "sheets", "--date", SATURDAY.isoformat(), "-o", str(sheets)]) == 0
    assert main([*db, "pickup", "list", "--date", SATURDAY.isoformat(), "-o", str(pull)]) == 0
    reader = PdfReader(sheets)
    assert len(reader.pages) == 200
    printed = [next(code for code in page.extract_text().split() if code in orders.values()) for page in reader.pages]
    assert sorted(printed) == sorted(orders.values())
    assert _decode(sheets, tmp_path, 1, 4) == printed[:4]  # the barcodes say what the text says
    list_text = " ".join(page.extract_text() for page in PdfReader(pull).pages)
    assert "PULL LIST" in list_text and all(code in list_text for code in codes)

    with database.session() as session:
        before = {row.sku: row.quantity for row in stock.stock_by_item(session)}

    # the day: each pickup is one scan; one household takes less, one does not come
    partial = tmp_path / "given.csv"
    partial.write_text("sku,quantity\nBB15,1\n", encoding="utf-8")
    late, missing = codes[3], codes[7]
    for household, order in orders.items():
        if household == missing:
            continue
        extra = ["--given", str(partial)] if household == late else []
        assert main([*db, "pickup", "complete", order, "--date", SATURDAY.isoformat(), *extra]) == 0, household
    capsys.readouterr()

    with database.session() as session:
        assert verify(session).ok
        after = {row.sku: row.quantity for row in stock.stock_by_item(session)}
        given = dict(
            session.execute(
                select(OrderAllocation.item_id, func.sum(OrderAllocation.given)).group_by(OrderAllocation.item_id)
            ).all()
        )
        skus = {row.item_id: row.sku for row in stock.stock_by_item(session)}
        assert {sku: before[sku] - after.get(sku, 0) for sku in before} == {
            skus[item_id]: int(amount) for item_id, amount in given.items()
        }
        distributed = session.scalar(
            select(func.sum(Movement.quantity)).where(
                Movement.kind == "distribution", Movement.business_date == SATURDAY
            )
        )
        assert -distributed == sum(before.values()) - sum(after.values())
        household_ids = {households.by_code(session, code).id: code for code in codes}
        counted = visits.visit_counts(session, SATURDAY, SATURDAY)
        assert counted == {household_id: 1 for household_id, code in household_ids.items() if code != missing}
        for household_id, code in list(household_ids.items())[:20]:
            history = visits.visits_of(session, household_id)
            assert [visit.order for visit in history] == ([] if code == missing else [orders[code]])
        statuses = dict(session.execute(select(PickupOrder.status, func.count()).group_by(PickupOrder.status)).all())
        assert statuses == {"picked_up": 199, "packed": 1}
        # the allergy was honoured for every household that lists it
        allergic = {households.by_code(session, code).id for number, code in enumerate(codes) if number % 10 == 0}
        pb = catalog.item_by_reference(session, "PB").id
        given_pb = session.scalars(
            select(PickupOrder.household_id)
            .join(OrderAllocation, OrderAllocation.order_id == PickupOrder.id)
            .where(OrderAllocation.item_id == pb, OrderAllocation.given > 0)
        ).all()
        assert not allergic.intersection(given_pb)
    assert main([*db, "pickup", "noshow", orders[missing]]) == 1  # Saturday is still to come (today's view)
