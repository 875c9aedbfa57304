"""Pickup sheets, the distribution list with its pull list, and agency packing slips, read back from the PDF; the
order barcode decodes at 203 and 300 dpi, and scanning it completes the order."""

from __future__ import annotations

import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from pantry.cli import main
from pantry.services import agencies, catalog, households, packing, pickup_papers, pickups, templates
from pantry.services.intake import IntakeLine
from pantry.services.setup import set_setting
from tests import helpers
from tests.unit.test_pickups import DAY, RECEIVED, build_pantry


def _pages(path: Path) -> list[str]:
    """Each page's text on one line (pypdf puts each drawn string on a line of its own)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def _decoded(pdf: Path, folder: Path, dpi: int) -> list[str]:
    prefix = folder / f"page{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return [
        result.text
        for page in sorted(folder.glob(f"page{dpi}*.png"))
        for result in zxingcpp.read_barcodes(Image.open(page))
    ]


def _plan_day(database) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Three households and an agency planned and packed for DAY; returns order code by household code/agency."""
    with database.session() as session:
        ids = build_pantry(session)
        templates.save_template(
            session,
            "Standard bag",
            [
                templates.LineSpec(ids["BB15"], None, per_household=1, per_person=1),
                templates.LineSpec(ids["PB"], None, per_household=1),
                templates.LineSpec(ids["PRODUCE"], None, per_household=454),
                templates.LineSpec(ids["MILK"], None, per_household=9),  # only 6: a shortage
            ],
            None,
        )
        ann = households.register_household(
            session,
            households.HouseholdSpec(
                name="Ann Lee", members={"adults": 1, "children": 2}, dietary=("nut_allergy", "halal"), proxy="Bo Lee"
            ),
            None,
        ).household.code
        cy = households.register_household(
            session, households.HouseholdSpec(code="CARD-77", name="Cy", size=1), None
        ).household.code
        planned = pickups.plan_many(session, DAY, "Standard bag", [ann, cy], None, slot="10:00")
        agencies.save_agency(session, "Riverside Shelter", None, people=10, contact="Jo Park", address="1 River Rd")
        shelter = pickups.plan(session, DAY, "Standard bag", None, agency="Riverside Shelter", slot="09:00")
        packing.pack(session, [order.order_id for order in planned] + [shelter.order_id], None)
        unpacked = pickups.plan(
            session, DAY, "Standard bag", None, household=households.register(session, "Di", 2, None).code
        )
        set_setting(
            session, pickup_papers.DECLARATION, "I declare that my household's income is at or below the limit."
        )
        return {ann: planned[0].code, cy: planned[1].code, "Riverside Shelter": shelter.code, "Di": unpacked.code}


def test_pickup_sheets_read_back_and_their_barcodes_complete_the_orders(
    database, db_path: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    orders = _plan_day(database)
    pdf = tmp_path / "sheets.pdf"
    assert main(["--db", str(db_path), "pickup", "sheets", "--date", DAY.isoformat(), "-o", str(pdf)]) == 0
    assert capsys.readouterr().out == f"Pickup sheets written: {pdf} (4 order(s), 4 page(s))\n"
    shelter, ann, cy, di = _pages(pdf)  # by slot, then order
    ann_code = next(code for code in orders if code.startswith("H") and orders[code] in ann)
    for text in (ann_code, "Ann", "3 people", "2 Children, 1 Adults", "ALLERGY: NUT ALLERGY", "DIET: HALAL"):
        assert text in ann, text
    assert "May pick up for them: Bo Lee" in ann and "10:00" in ann
    # packed by slot: the shelter (09:00) took the earliest beans and all the milk; Ann gets the next lot of beans,
    # jam instead of peanut butter (her allergy), 1 lb of produce, and her milk is short
    assert "Black beans 15 oz 4 Main L00001Q" in ann
    assert "Grape jelly instead of Peanut butter (nut allergy) 1 Main" in ann and "Peanut butter" not in ann.replace(
        "instead of Peanut butter", ""
    )
    # the quantity and its unit are drawn one above the other: pypdf reads them as "1 lb" or "1lb" depending on font
    assert "Mixed produce 1 lb Main" in ann.replace("1lb", "1 lb")
    assert "SHORT: Milk 1 gal 9" in ann and "not in stock: nothing to pick" in ann
    assert "I declare that my household" in ann and "Signature:" in ann
    assert "CARD-77" in cy and "Peanut butter 1 Main" in cy
    assert "PACKING SLIP" in shelter and "Riverside Shelter" in shelter and "Received by:" in shelter
    assert "Delivered by:" in shelter and "I declare" not in shelter
    assert "Black beans 15 oz 3 not packed yet" in di

    for dpi in (203, 300):
        decoded = _decoded(pdf, tmp_path, dpi)
        assert sorted(decoded) == sorted(orders.values()), dpi

    # scanning a sheet completes its order: the decoded text is what `pickup complete` takes
    scanned = _decoded(pdf, tmp_path, 300)
    for code in scanned:
        if code == orders["Di"]:
            continue
        assert main(["--db", str(db_path), "pickup", "complete", code, "--date", DAY.isoformat()]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "pickup", "orders", "--date", DAY.isoformat(), "--format", "csv"]) == 0
    statuses = {line.split(",")[0]: line.split(",")[3] for line in capsys.readouterr().out.splitlines()[1:]}
    assert statuses == {
        orders["Riverside Shelter"]: "picked_up",
        orders[ann_code]: "picked_up",
        orders["CARD-77"]: "picked_up",
        orders["Di"]: "planned",
    }


def test_the_distribution_list_and_its_pull_list(database, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    orders = _plan_day(database)
    pdf = tmp_path / "list.pdf"
    assert main(["--db", str(db_path), "pickup", "list", "--date", DAY.isoformat(), "-o", str(pdf)]) == 0
    assert "4 order(s)" in capsys.readouterr().out
    some = tmp_path / "some.pdf"
    two = [orders["Di"], orders["CARD-77"]]
    assert main(["--db", str(db_path), "pickup", "sheets", "--order", *two, "-o", str(some)]) == 0
    assert [code in page for code, page in zip(two, _pages(some), strict=True)] == [True, True]  # order as named
    assert (
        main(["--db", str(db_path), "pickup", "sheets", "--date", "2030-01-05", "--order", two[0], "-o", str(some)])
        == 1
    )
    assert "is for" in capsys.readouterr().err
    pages = _pages(pdf)
    first, pull = pages[0], " ".join(pages[1:])
    assert PdfReader(pdf).pages[0].mediabox.width > PdfReader(pdf).pages[0].mediabox.height  # landscape
    for household in orders:
        if household not in ("Riverside Shelter", "Di"):
            assert household in first
    assert "Riverside Shelter" in first and "agency, serves 10" in first
    assert "ALLERGY: NUT ALLERGY" in first and "halal" in first
    assert "Picked up" in first and "No-show" in first
    # beans: Ann 4, Cy 2, the shelter 11 (6 + 4 + 1 from three lots): per location
    assert "PULL LIST" in pull and "Back room" in pull and "Main" in pull
    assert "Back room Black beans 15 oz 6 L00002X ×6 Main Black beans 15 oz 11 L000034 ×4, L00001Q ×7" in pull
    assert "Not packed yet (pack these orders to know where from) Black beans 15 oz 3" in pull  # Di's order
    # a slot range leaves the shelter (09:00) out
    assert (
        main(["--db", str(db_path), "pickup", "list", "--date", DAY.isoformat(), "--from", "10:00", "-o", str(pdf)])
        == 0
    )
    assert "Riverside Shelter" not in PdfReader(pdf).pages[0].extract_text()


def test_a_long_order_runs_over_pages_with_its_code_on_each(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        lines = []
        for number in range(30):
            item, _ = catalog.save_item(
                session, catalog.ItemSpec(name=f"Item {number:02d}", sku=f"I{number:02d}", unit_weight_g=100), None
            )
            helpers.donate(session, IntakeLine(item.id, quantity=3), on=RECEIVED)
            lines.append(templates.LineSpec(item.id, None, per_household=2))
        templates.save_template(session, "Big box", lines, None)
        code = households.register(session, "Ann", 1, None).code
        planned = pickups.plan(session, DAY, "Big box", None, household=code)
        packing.pack(session, [planned.order_id], None)
        sheets = pickup_papers.sheets(session, [planned.order_id])
    from pantry.documents import pickup_sheet

    pdf = tmp_path / "long.pdf"
    pages = pickup_sheet.render(sheets, pdf)
    assert pages == 3
    text = _pages(pdf)
    assert all(planned.code in page and code in page for page in text)
    assert "page 1 of 3" in text[0] and "Item 29" in "".join(text) and "Signature:" in text[-1]
    assert sorted(_decoded(pdf, tmp_path, 203)) == [planned.code] * 3


def test_a_volunteer_s_sheets_and_list_leave_out_who_may_pick_up_for_the_household(
    database, db_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from pantry.services import users

    _plan_day(database)
    with database.session() as session:
        users.add_user(session, "Sam", "volunteer", None)
        users.add_user(session, "Lee", "shift_lead", None)
    seen = {}
    for name in ("Sam", "Lee"):
        sheets, day_list = tmp_path / f"sheets-{name}.pdf", tmp_path / f"list-{name}.pdf"
        assert (
            main(
                ["--db", str(db_path), "--user", name, "pickup", "sheets", "--date", DAY.isoformat(), "-o", str(sheets)]
            )
            == 0
        )
        assert (
            main(
                ["--db", str(db_path), "--user", name, "pickup", "list", "--date", DAY.isoformat(), "-o", str(day_list)]
            )
            == 0
        )
        seen[name] = " ".join(_pages(sheets) + _pages(day_list))
    assert "Bo Lee" in seen["Lee"]
    assert "Bo Lee" not in seen["Sam"]
    assert "Ann" in seen["Sam"] and "NUT ALLERGY" in seen["Sam"]  # first name and diet stay on a volunteer's sheet
