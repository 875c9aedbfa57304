"""Labels: what goes on them (pantry.services.labels), how each layout places and draws it (pantry.documents.labels,
label_layouts, barcode_drawing) and the ZPL twin (pantry.documents.zpl).

The proof that a label works is reading it back as a scanner and a volunteer would: every layout is rendered with
pdftoppm at 203 dpi (a thermal printer) and 300 dpi (a laser or Dymo), both anti-aliased and thresholded the way a
printer lays dots, and every barcode on every page must decode with zxing-cpp to the code it stands for, at the
position it was meant for; the words are read back with pypdf.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from pantry.codes import make_code
from pantry.documents import barcode_drawing, zpl
from pantry.documents import labels as documents
from pantry.documents.label_layouts import INCH, LAYOUTS, MM, Layout, layout_named
from pantry.errors import UserError
from pantry.models import Location, Lot
from pantry.services import catalog, households, ledger
from pantry.services import labels as service
from pantry.services.intake import IntakeLine
from pantry.services.labels import HouseholdCard, LotLabel, ShelfLabel
from pantry.services.setup import set_setting
from tests import helpers

PANTRY = "Eastside Food Pantry"
RECEIVED = dt.date(2026, 1, 5)
LOT_LAYOUTS = [name for name, layout in LAYOUTS.items() if layout.kind == "lot"]


# --- data ---------------------------------------------------------------------------------------------------------


def _turkey(session) -> catalog.ItemInfo:  # type: ignore[no-untyped-def]
    spec = catalog.ItemSpec(
        name="Ground turkey 1 lb", sku="TURKEY", storage="frozen", date_kind="use_by", unit_weight_g=454
    )
    return catalog.save_item(session, spec, None)[0]


@pytest.fixture
def stocked(database):  # type: ignore[no-untyped-def]
    """Eastside Food Pantry with a cooler and a freezer, and one donation of a dry, a chilled, a weighed and a
    frozen item; returns the donation's lot codes in line order."""
    with database.session() as session:
        set_setting(session, "org_name", PANTRY)
        cooler, _ = catalog.save_location(session, "Walk-in cooler", "chilled", None)
        freezer, _ = catalog.save_location(session, "Chest freezer", "frozen", None)
        beans, milk, produce, turkey = (
            helpers.beans(session),
            helpers.milk(session),
            helpers.produce(session),
            _turkey(session),
        )
        saved = helpers.donate(
            session,
            IntakeLine(beans.id, quantity=24, expires_on=dt.date(2027, 6, 30)),
            IntakeLine(milk.id, quantity=6, expires_on=dt.date(2026, 1, 15), location_id=cooler.id),
            IntakeLine(produce.id, grams=19051, expires_on=dt.date(2026, 1, 12)),
            IntakeLine(turkey.id, quantity=10, expires_on=dt.date(2026, 4, 1), location_id=freezer.id),
            on=RECEIVED,
        )
    return saved


def lot_rows(count: int = 4) -> list[LotLabel]:
    """Label rows without a database: each storage, both date kinds, no date, counted and weighed."""
    kinds = [
        ("Black beans 15 oz", "best_by", dt.date(2027, 6, 30), 24, "each", "dry", "Main"),
        ("Milk 1 gal", "use_by", dt.date(2026, 1, 15), 6, "each", "chilled", "Walk-in cooler"),
        ("Ground turkey 1 lb", "use_by", dt.date(2026, 4, 1), 10, "each", "frozen", "Chest freezer"),
        ("Mixed produce", "none", None, 19051, "lb", "dry", "Main"),
    ]
    return [
        LotLabel(make_code("lot", number + 1), *kinds[number % 4][:3], RECEIVED, *kinds[number % 4][3:], PANTRY)
        for number in range(count)
    ]


def household_rows() -> list[HouseholdCard]:
    """Two generated codes, one with no name (an anonymous household), and a pantry's own long card number."""
    return [
        HouseholdCard(make_code("household", 1), "Maria", PANTRY),
        HouseholdCard(make_code("household", 2), "", PANTRY),
        HouseholdCard("CARD-0042-ABCDEFGHJK", "Kwame", PANTRY),
    ]


def shelf_rows() -> list[ShelfLabel]:
    return [
        ShelfLabel(make_code("location", 1), "Main", "dry", PANTRY),
        ShelfLabel(make_code("location", 2), "Walk-in cooler", "chilled", PANTRY),
        ShelfLabel(make_code("location", 3), "Overflow shelf B", "", PANTRY),
    ]


def rows_for(layout: Layout) -> list[documents.Label]:
    return {"lot": lot_rows, "household": household_rows, "shelf": shelf_rows}[layout.kind]()  # type: ignore[return-value]


# --- reading labels back --------------------------------------------------------------------------------------------


def rasterise(pdf: bytes, folder: Path, dpi: int, antialias: bool = True, name: str = "labels") -> list[Image.Image]:
    """Every page of a PDF as a greyscale image, the way poppler draws it (thresholded like a printer's dots when
    `antialias` is off)."""
    source = folder / f"{name}-{dpi}-{antialias}.pdf"
    source.write_bytes(pdf)
    options = [] if antialias else ["-aa", "no", "-aaVector", "no"]
    prefix = folder / f"{name}-{dpi}-{antialias}-page"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", *options, str(source), str(prefix)], check=True)
    return [Image.open(path) for path in sorted(folder.glob(f"{prefix.name}-*.pgm"))]


def decoded(image: Image.Image) -> list[zxingcpp.Barcode]:
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.Code128)


def centre(barcode: zxingcpp.Barcode) -> tuple[float, float]:
    corners = barcode.position
    points = (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)
    return sum(point.x for point in points) / 4, sum(point.y for point in points) / 4


def cell_of(layout: Layout, point: tuple[float, float], dpi: int) -> int | None:
    """The 0-based label position whose rectangle holds a pixel, or None."""
    x, y = point[0] * 72 / dpi, layout.page_size[1] - point[1] * 72 / dpi
    for position in range(layout.per_page):
        left, bottom = layout.position(position)
        if left <= x <= left + layout.width and bottom <= y <= bottom + layout.height:
            return position
    return None


needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is missing")


# --- layouts --------------------------------------------------------------------------------------------------------

PUBLISHED = {  # name: (label width, height in mm; page; columns x rows; left, top margin and pitches in mm)
    "thermal-2x1": (50.8, 25.4, None, 1, 1),
    "thermal-2.25x1.25": (57.15, 31.75, None, 1, 1),
    "thermal-4x6": (101.6, 152.4, None, 1, 1),
    "dymo-30334": (57.0, 32.0, None, 1, 1),
    "dymo-30252": (89.0, 28.0, None, 1, 1),
    "avery-5160": (66.675, 25.4, "letter", 3, 10, 4.7625, 12.7, 69.85, 25.4),
    "avery-5163": (101.6, 50.8, "letter", 2, 5, 3.9624, 12.7, 106.3625, 50.8),
    "a4-24": (70.0, 37.0, "a4", 3, 8, 0.0, 0.5, 70.0, 37.0),
    "household-card": (88.9, 50.8, "letter", 2, 5, 19.05, 12.7, 88.9, 50.8),
    "shelf": (101.6, 50.8, "letter", 2, 5, 3.9624, 12.7, 106.3625, 50.8),
}
PAGES = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}


def test_the_layouts_are_the_issues_list_in_order() -> None:
    assert list(LAYOUTS) == [
        "thermal-2x1",
        "thermal-2.25x1.25",
        "thermal-4x6",
        "dymo-30334",
        "dymo-30252",
        "avery-5160",
        "avery-5163",
        "a4-24",
        "household-card",
        "shelf",
    ]
    assert [name for name, layout in LAYOUTS.items() if layout.zpl] == [
        "thermal-2x1",
        "thermal-2.25x1.25",
        "thermal-4x6",
    ]
    assert layout_named(" Avery-5160 ") is LAYOUTS["avery-5160"]
    with pytest.raises(UserError, match="no layout named 'avery-9999'; choose one of thermal-2x1, "):
        layout_named("avery-9999")


@pytest.mark.parametrize("name", list(PUBLISHED))
def test_each_layout_is_exact_to_its_stock(name: str) -> None:
    layout = LAYOUTS[name]
    width, height, page, columns, rows, *sheet = PUBLISHED[name]
    assert layout.width / MM == pytest.approx(width, abs=0.001)
    assert layout.height / MM == pytest.approx(height, abs=0.001)
    assert (layout.columns, layout.rows) == (columns, rows)
    if page is None:
        assert layout.stock == "roll" and layout.page_size == (layout.width, layout.height)
        return
    assert layout.stock == "sheet"
    assert tuple(side / MM for side in layout.page_size) == pytest.approx(PAGES[page], abs=0.001)
    left, top, pitch_x, pitch_y = sheet
    page_height = layout.page_size[1]
    first_x, first_y = layout.position(0)
    assert first_x / MM == pytest.approx(left, abs=0.001)
    assert (page_height - first_y - layout.height) / MM == pytest.approx(top, abs=0.001)
    second_x, _ = layout.position(1)
    _, below_y = layout.position(columns)
    assert (second_x - first_x) / MM == pytest.approx(pitch_x, abs=0.001)
    assert (first_y - below_y) / MM == pytest.approx(pitch_y, abs=0.001)
    last_x, last_y = layout.position(layout.per_page - 1)
    assert last_x + layout.width <= layout.page_size[0] + 0.01 and last_y >= -0.01  # the last label is on the page


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_bars_are_whole_printer_dots(name: str) -> None:
    layout = LAYOUTS[name]
    assert layout.module * layout.dpi / 72 == pytest.approx(layout.module_dots)
    if layout.dpi == 203:
        assert layout.module_dots >= 2  # 0.25 mm or more: what a 203 dpi head prints cleanly
    else:
        assert layout.module >= 0.25 * MM - 0.01  # 3 dots at 300 dpi: also 2 dots of a 203 dpi thermal printer


# --- what each label shows, in primitives ---------------------------------------------------------------------------


def _text_box(text: documents.Text) -> tuple[float, float, float, float]:
    width = documents.text_width(text.text, text.size, text.bold)
    x = text.x + {"left": 0.0, "center": (text.width - width) / 2, "right": text.width - width}[text.align]
    hangs = any(char in "gjpqy,;()[]{}_" for char in text.text)  # what reaches below the baseline
    descent = text.size * (documents.DESCENT if hangs else 0.05)
    return x, text.y - descent, x + width, text.y + text.size * documents.ASCENT


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] - 0.01 and b[0] < a[2] - 0.01 and a[1] < b[3] - 0.01 and b[1] < a[3] - 0.01


def _inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    return (
        outer[0] - 0.01 <= inner[0]
        and inner[2] <= outer[2] + 0.01
        and outer[1] - 0.01 <= inner[1] <= inner[3] <= outer[3] + 0.01
    )


def check_geometry(primitives: list[documents.Primitive], layout: Layout) -> None:
    """Everything on the label; no two texts overlap (white text lies on its black fill); each symbol's quiet zone of
    10 modules on either side is free of any other ink and lies on the label, inside any frame."""
    label = (0.0, 0.0, layout.width, layout.height)
    texts = [item for item in primitives if isinstance(item, documents.Text)]
    fills = [item for item in primitives if isinstance(item, documents.Fill)]
    frames = [item for item in primitives if isinstance(item, documents.Frame)]
    (bars,) = [item for item in primitives if isinstance(item, documents.Bars)]
    for text in texts:
        assert _inside(_text_box(text), label), text
    for first, second in itertools.combinations(texts, 2):
        assert not _overlap(_text_box(first), _text_box(second)), (first, second)
    for text in texts:
        on_fill = any(_inside(_text_box(text), (f.x, f.y, f.x + f.width, f.y + f.height)) for f in fills)
        assert on_fill == text.white, text
    quiet = barcode_drawing.QUIET_MODULES * bars.module
    symbol = barcode_drawing.symbol_modules(bars.code) * bars.module
    zone = (bars.x - quiet, bars.y, bars.x + symbol + quiet, bars.y + bars.height)
    assert _inside(zone, label)
    for text in texts:
        assert not _overlap(_text_box(text), zone), text
    for fill in fills:
        assert not _overlap((fill.x, fill.y, fill.x + fill.width, fill.y + fill.height), zone), fill
    for frame in frames:
        box = (frame.x, frame.y, frame.x + frame.width, frame.y + frame.height)
        inner = (box[0] + frame.line, box[1] + frame.line, box[2] - frame.line, box[3] - frame.line)
        assert _inside(zone, inner) or not _overlap(box, zone), frame


LONG = LotLabel(
    make_code("lot", 32**5 - 1),
    "Peanut butter, creamy, reduced fat, family size 40 oz jar",
    "best_by",
    dt.date(2027, 12, 31),
    RECEIVED,
    123456,
    "each",
    "chilled",
    "Overflow storage room behind the gym",
    "St. Bartholomew's Community Food Pantry and Clothing Closet",
)


@pytest.mark.parametrize("name", LOT_LAYOUTS)
@pytest.mark.parametrize("label", [*lot_rows(), LONG, replace(LONG, storage="frozen")], ids=lambda row: row.item)
def test_lot_labels_fit_their_stock_with_clear_quiet_zones(name: str, label: LotLabel) -> None:
    layout = LAYOUTS[name]
    primitives = documents.plan(label, layout)
    check_geometry(primitives, layout)
    (bars,) = [item for item in primitives if isinstance(item, documents.Bars)]
    if layout.height >= 1.2 * INCH:
        assert bars.height >= 8 * MM  # the bar height a hand scanner wants ...
    else:
        assert bars.height >= 7.5 * MM  # ... almost, on the 1 in tall labels that also carry six lines of text


@pytest.mark.parametrize("name", ["household-card", "shelf"])
def test_cards_and_shelf_labels_fit_with_clear_quiet_zones(name: str) -> None:
    layout = LAYOUTS[name]
    long_card = HouseholdCard("CARD-0042-ABCDEFGHJK", "Maximiliana-Josefina", LONG.pantry)  # a pantry's own card
    long_shelf = ShelfLabel(make_code("location", 12), "Overflow storage room behind the gym", "frozen", LONG.pantry)
    for row in [*rows_for(layout), long_card if layout.kind == "household" else long_shelf]:
        check_geometry(documents.plan(row, layout), layout)


def _words(primitives: list[documents.Primitive]) -> list[str]:
    return [item.text for item in primitives if isinstance(item, documents.Text)]


def test_a_lot_label_says_what_when_how_much_where_and_whose() -> None:
    beans, milk, turkey, produce = lot_rows()
    words = _words(documents.plan(beans, LAYOUTS["thermal-2x1"]))
    assert words[:3] == ["Black beans 15 oz", "BEST BY 2027-06-30", "24 each · Main"]
    assert {"Rcvd 2026-01-05", "L00001Q", "DRY"} <= set(words)
    assert PANTRY in " ".join(words)  # on one line or wrapped
    assert "USE BY 2026-01-15" in _words(documents.plan(milk, LAYOUTS["thermal-2x1"]))
    assert "NO DATE" in _words(documents.plan(produce, LAYOUTS["thermal-2x1"]))
    assert "42 lb · Main" in _words(documents.plan(produce, LAYOUTS["thermal-2x1"]))  # 19051 g = 42.000 lb
    tall = _words(documents.plan(turkey, LAYOUTS["thermal-4x6"]))
    assert {"FROZEN", "USE BY", "2026-04-01", "10 each", "Chest freezer", "2026-01-05", "L000034", PANTRY} <= set(tall)


@pytest.mark.parametrize("name", LOT_LAYOUTS)
def test_storage_reads_in_black_and_white(name: str) -> None:
    """DRY an outlined tag, CHILLED white on black, FROZEN white on black inside a heavy frame round the label."""
    layout = LAYOUTS[name]
    beans, milk, turkey, _ = lot_rows()

    def look(label: LotLabel) -> tuple[bool, bool, bool]:
        primitives = documents.plan(label, layout)
        white = any(isinstance(item, documents.Text) and item.white for item in primitives)
        frames = [item for item in primitives if isinstance(item, documents.Frame)]
        round_the_label = [item for item in frames if item.x < 1 * MM and item.width > layout.width - 2 * MM]
        framed = any(item.line >= 2 for item in round_the_label)
        outlined = any(item not in round_the_label for item in frames)
        return outlined, white, framed

    assert look(beans) == (True, False, False)
    assert look(milk) == (False, True, False)
    assert look(turkey) == (False, True, True)


def test_household_cards_carry_no_personal_detail_beyond_the_first_name() -> None:
    maria, anonymous, _ = household_rows()
    assert _words(documents.plan(maria, LAYOUTS["household-card"])) == [
        PANTRY,
        "HOUSEHOLD CARD",
        "Maria",
        "Show this card at each visit.",
        "H00001H",
    ]
    assert "Maria" not in _words(documents.plan(anonymous, LAYOUTS["household-card"]))


def test_text_is_shrunk_then_cut_to_fit() -> None:
    assert documents.fit("Rice", 10, 6, 100) == ("Rice", 10)
    text, size = documents.fit("Black beans 15 oz", 10, 6, 60)
    assert text == "Black beans 15 oz" and 6 <= size < 10 and documents.text_width(text, size) <= 60
    text, size = documents.fit("Peanut butter creamy 16 oz jar, family size", 10, 6, 60)
    assert text.endswith("…") and size == 6 and documents.text_width(text, size) <= 60
    assert documents.wrap("Eastside Community Food Pantry", 10, 90, 3) == ["Eastside", "Community Food", "Pantry"]
    assert documents.wrap("Eastside Community Food Pantry", 10, 90, 2) == ["Eastside", "Community Food…"]
    assert documents.wrap("Supercalifragilistic Pantry", 10, 60, 3) == ["Supercalifr…", "Pantry"]
    assert documents.wrap("", 10, 60, 3) == []


def test_quantities_and_dates_as_printed() -> None:
    assert documents.quantity_text(24, "each") == "24 each"
    assert documents.quantity_text(19051, "lb") == "42 lb"
    assert documents.quantity_text(5670, "lb") == "12.5 lb"
    assert documents.quantity_text(2500, "kg") == "2.5 kg"
    assert documents.quantity_text(19051, "kg") == "19.051 kg"
    assert documents.date_text("use_by", dt.date(2026, 12, 31)) == "USE BY 2026-12-31"
    assert documents.date_text("best_by", dt.date(2026, 12, 31)) == "BEST BY 2026-12-31"
    assert documents.date_text("none", None) == "NO DATE"
    assert documents.date_text("use_by", None) == "NO DATE"


def test_the_bars_follow_python_barcodes_module_pattern() -> None:
    pattern = barcode_drawing.code128_pattern("L00001Q")
    assert len(pattern) == barcode_drawing.symbol_modules("L00001Q") == 112
    rebuilt = ["0"] * len(pattern)
    for start, width in barcode_drawing.bar_runs("L00001Q"):
        rebuilt[start : start + width] = ["1"] * width
    assert "".join(rebuilt) == pattern
    assert barcode_drawing.modules_for_length(7) == 112
    operators = barcode_drawing.bars_operators("L00001Q", 0.75, 20)
    assert operators.startswith("0 g 0 0 ") and operators.endswith(" re f")
    assert operators.count(" re") == len(barcode_drawing.bar_runs("L00001Q"))


# --- PDF: every layout decodes --------------------------------------------------------------------------------------


def expected_positions(layout: Layout, count: int, start: int) -> list[tuple[int, int]]:
    return [divmod(index, layout.per_page) for index in range(start - 1, start - 1 + count)]


@needs_poppler
@pytest.mark.parametrize("antialias", [True, False], ids=["anti-aliased", "printer-dots"])
@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("name", list(LAYOUTS))
def test_every_barcode_of_every_layout_decodes_where_it_belongs(
    name: str, dpi: int, antialias: bool, tmp_path: Path
) -> None:
    layout = LAYOUTS[name]
    rows = rows_for(layout)
    start = 3 if layout.stock == "sheet" else 1
    copies = 2 if layout.kind == "lot" else 1
    pdf = documents.render_pdf(rows, layout, start=start, copies=copies)
    pages = rasterise(pdf, tmp_path, dpi, antialias)
    codes = [row.code for row in rows for _ in range(copies)]
    placed = expected_positions(layout, len(codes), start)
    assert len(pages) == placed[-1][0] + 1
    for number, image in enumerate(pages):
        assert image.size == pytest.approx((layout.page_size[0] * dpi / 72, layout.page_size[1] * dpi / 72), abs=1)
        wanted = sorted(
            (position, code) for code, (page, position) in zip(codes, placed, strict=True) if page == number
        )
        found = sorted((cell_of(layout, centre(barcode), dpi), barcode.text) for barcode in decoded(image))
        assert found == wanted, f"page {number + 1}"


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_the_words_read_back_from_the_pdf(name: str) -> None:
    layout = LAYOUTS[name]
    rows = rows_for(layout)
    reader = PdfReader(io.BytesIO(documents.render_pdf(rows, layout)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(layout.page_size, abs=0.01)
    for row in rows:
        assert row.code in text
    assert PANTRY in " ".join(text.split())  # on one line or wrapped
    if layout.kind == "lot":
        for word in ("Black beans 15 oz", "BEST BY 2027-06-30", "USE BY 2026-01-15", "DRY", "CHILLED", "FROZEN"):
            assert word in text or word.replace("BY ", "BY\n") in text, word
        assert "Walk-in cooler" in text and "2026-01-05" in text
    elif layout.kind == "household":
        assert "Maria" in text
    else:
        assert "Walk-in cooler" in text and "Overflow shelf B" in text


def test_start_and_copies_place_labels_on_the_sheet() -> None:
    layout = LAYOUTS["avery-5163"]
    rows = lot_rows(4)
    reader = PdfReader(io.BytesIO(documents.render_pdf(rows, layout, start=8, copies=2)))
    assert len(reader.pages) == 2  # positions 8, 9, 10, then 1 to 5 of a second sheet
    first, second = (page.extract_text() for page in reader.pages)
    assert first.count("L00001Q") == 2 and "L00002X" in first and "L00002X" in second
    assert documents.render_pdf(rows, layout, start=10).count(b"/Type /Page\n") == 2
    with pytest.raises(ValueError, match="start must be 1 to 10"):
        documents.render_pdf(rows, layout, start=11)
    with pytest.raises(ValueError, match="prints lot labels, not household labels"):
        documents.render_pdf(household_rows(), layout)


@needs_poppler
def test_an_offset_moves_everything_printed(tmp_path: Path) -> None:
    layout = LAYOUTS["avery-5160"]
    rows = lot_rows(1)
    (plain,) = rasterise(documents.render_pdf(rows, layout), tmp_path, 300, name="plain")
    (moved,) = rasterise(documents.render_pdf(rows, layout, offset_mm=(2.0, 3.0)), tmp_path, 300, name="moved")
    (before,), (after,) = decoded(plain), decoded(moved)
    dx, dy = (b - a for a, b in zip(centre(before), centre(after), strict=True))
    assert dx == pytest.approx(2.0 / 25.4 * 300, abs=1.5)  # right
    assert dy == pytest.approx(3.0 / 25.4 * 300, abs=1.5)  # down (image rows grow downwards)


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_a_calibration_page_outlines_every_position(name: str) -> None:
    layout = LAYOUTS[name]
    reader = PdfReader(io.BytesIO(documents.calibration_pdf(layout, (0.5, -0.3))))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(layout.page_size, abs=0.01)
    text = reader.pages[0].extract_text()
    assert layout.name in text
    if layout.stock == "sheet":
        numbers = set(text.split())
        assert {str(position) for position in range(1, layout.per_page + 1)} <= numbers
        assert "+0.5 mm across, -0.3 mm down." in text
    else:
        assert "offset +0.5,-0.3 mm" in text


def test_text_beyond_the_standard_fonts_still_prints() -> None:
    label = replace(lot_rows(1)[0], item="Leche entera · Молоко", pantry="Despensa Ñandú")
    text = PdfReader(io.BytesIO(documents.render_pdf([label], LAYOUTS["thermal-2x1"]))).pages[0].extract_text()
    assert "Despensa Ñandú" in " ".join(text.split()) and "Leche entera · Молоко" in text


# --- ZPL --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "width", "length", "module"),
    [("thermal-2x1", 406, 203, 2), ("thermal-2.25x1.25", 457, 254, 2), ("thermal-4x6", 812, 1218, 4)],
)
def test_zpl_is_one_format_per_label_with_the_same_code(name: str, width: int, length: int, module: int) -> None:
    rows = lot_rows()
    text = zpl.render_zpl(rows, LAYOUTS[name], copies=3)
    formats = text.split("^XZ\n")[:-1]
    assert len(formats) == len(rows) and text.endswith("^XZ\n") and text.count("^XA") == len(rows)
    for row, body in zip(rows, formats, strict=True):
        assert body.startswith("^XA\n^CI28\n") and f"^PW{width}\n^LL{length}\n" in body
        assert f"^BY{module},3^BCN," in body and f",N,N,N,A^FH^FD{row.code}^FS" in body
        assert body.count("^BC") == 1 and "^PQ3\n" in body
        assert f"^FH^FD{row.item}^FS" in body and "^FH^FDEastside" in body
    assert "^PQ" not in zpl.render_zpl(rows, LAYOUTS[name])


def test_zpl_storage_and_escapes() -> None:
    beans, milk, turkey, _ = lot_rows()
    layout = LAYOUTS["thermal-2x1"]
    assert "^FR" not in zpl.render_zpl([beans], layout)  # DRY: an outline, black text
    assert "^FR^FH^FDCHILLED^FS" in zpl.render_zpl([milk], layout)  # white on the black tag
    frozen = zpl.render_zpl([turkey], layout)
    assert "^FR^FH^FDFROZEN^FS" in frozen and "^FO5,5^GB396,193,7^FS" in frozen  # heavy frame round the label
    odd = zpl.render_zpl([replace(beans, item="Soup ^XZ ~JA 50_50")], layout)
    assert "^FH^FDSoup _5EXZ _7EJA 50_5F50^FS" in odd and odd.count("^XZ") == 1


def test_zpl_offset_moves_fields_and_needs_a_thermal_layout() -> None:
    layout = LAYOUTS["thermal-2x1"]
    plain = zpl.render_zpl(lot_rows(1), layout)
    moved = zpl.render_zpl(lot_rows(1), layout, offset_mm=(1.0, 2.0))  # 1 mm = 8 dots, 2 mm = 16 dots at 203 dpi
    assert "^FO24,96^BY2" in plain and "^FO32,112^BY2" in moved
    with pytest.raises(ValueError, match="not a thermal layout"):
        zpl.render_zpl(lot_rows(1), LAYOUTS["avery-5160"])
    calibration = zpl.calibration_zpl(layout)
    assert calibration.count("^XA") == 1 and "^GB406,203,1^FS" in calibration


# --- gathering label rows from the database -------------------------------------------------------------------------


def test_lot_labels_show_what_is_on_hand_where(database, stocked) -> None:
    beans_code, milk_code, produce_code, turkey_code = stocked.lot_codes
    with database.session() as session:
        labels = service.lot_labels(session, [milk_code.lower(), beans_code, produce_code, turkey_code, milk_code])
    assert [label.code for label in labels] == [milk_code, beans_code, produce_code, turkey_code]  # as given, once
    milk, beans, produce, turkey = labels
    assert beans == LotLabel(
        beans_code, "Black beans 15 oz", "best_by", dt.date(2027, 6, 30), RECEIVED, 24, "each", "dry", "Main", PANTRY
    )
    assert (milk.storage, milk.date_kind, milk.location, milk.quantity) == ("chilled", "use_by", "Walk-in cooler", 6)
    assert (produce.unit, produce.quantity) == ("lb", 19051)
    assert (turkey.storage, turkey.location) == ("frozen", "Chest freezer")


def test_a_lot_in_two_places_gets_two_labels_and_a_lot_gone_its_intake_label(database, stocked) -> None:
    beans_code, milk_code, *_ = stocked.lot_codes
    with database.session() as session:
        beans = session.query(Lot).filter_by(code=beans_code).one()
        milk = session.query(Lot).filter_by(code=milk_code).one()
        main = catalog.location_named(session, "Main")
        cooler = catalog.location_named(session, "Walk-in cooler")
        changes = [
            ledger.Change(beans.id, main.id, -10, "transfer"),
            ledger.Change(beans.id, cooler.id, 10, "transfer"),
            ledger.Change(milk.id, cooler.id, -6, "distribution"),
        ]
        ledger.post(session, changes, business_date=RECEIVED, user_id=None)
    with database.session() as session:
        labels = service.lot_labels(session, [beans_code, milk_code])
    assert [(label.code, label.location, label.quantity) for label in labels] == [
        (beans_code, "Main", 14),
        (beans_code, "Walk-in cooler", 10),
        (milk_code, "Walk-in cooler", 6),  # all given out: the label it had when it came in
    ]


def test_bad_lot_codes_are_all_named(database, stocked) -> None:
    with database.session() as session, pytest.raises(UserError) as refused:
        service.lot_labels(session, ["L99999X", "hello", stocked.lot_codes[0], make_code("lot", 999)])
    assert refused.value.problems == [
        "lots: 'L99999X' is not a lot code",
        "lots: 'hello' is not a lot code",
        f"lots: no lot with code {make_code('lot', 999)}",
    ]


def test_donation_location_and_in_stock_labels(database, stocked) -> None:
    beans_code, milk_code, produce_code, turkey_code = stocked.lot_codes
    with database.session() as session:
        donation_id = session.query(Lot).filter_by(code=beans_code).one().donation_id
        assert [label.code for label in service.donation_labels(session, donation_id)] == list(stocked.lot_codes)
        with pytest.raises(UserError, match="donation: no donation with id 99"):
            service.donation_labels(session, 99)
        at_main = service.location_lot_labels(session, ["main"])
        assert [label.code for label in at_main] == [beans_code, produce_code]  # by item name
        assert [label.code for label in service.location_lot_labels(session, ["Chest freezer", "Walk-in cooler"])] == [
            turkey_code,
            milk_code,
        ]
        with pytest.raises(UserError, match="location: no location named 'Garage' \\(there are: Main, "):
            service.location_lot_labels(session, ["Garage"])
        everything = service.in_stock_labels(session)
    assert [label.item for label in everything] == [
        "Black beans 15 oz",
        "Ground turkey 1 lb",
        "Milk 1 gal",
        "Mixed produce",
    ]


def test_household_cards_and_shelf_labels_from_the_database(database, stocked) -> None:
    with database.session() as session:
        maria = households.register(session, "Maria", 4, None)
        quiet = households.register(session, "", 1, None)
        cards = service.household_cards(session, [maria.code.lower(), quiet.code, maria.code])
        assert cards == [HouseholdCard(maria.code, "Maria", PANTRY), HouseholdCard(quiet.code, "", PANTRY)]
        with pytest.raises(UserError) as refused:
            service.household_cards(session, ["L00001Q", make_code("household", 99)])
        assert len(refused.value.problems) == 2
        cooler = session.query(Location).filter_by(name="Walk-in cooler").one()
        shelves = service.shelf_labels(session, ["walk-in cooler", "Main"])
    assert shelves[0] == ShelfLabel(make_code("location", cooler.id), "Walk-in cooler", "chilled", PANTRY)
    assert shelves[1].code.startswith("S") and shelves[1].location == "Main"


def test_offsets_are_kept_per_layout(database) -> None:
    with database.session() as session:
        assert service.label_offset(session, "avery-5160") == (0.0, 0.0)
        service.set_label_offset(session, "avery-5160", 0.5, -0.3)
    with database.session() as session:
        assert service.label_offset(session, "avery-5160") == (0.5, -0.3)
        assert service.label_offset(session, "a4-24") == (0.0, 0.0)
        set_setting(session, "label_offset_mm.a4-24", "nonsense")
        assert service.label_offset(session, "a4-24") == (0.0, 0.0)
    assert service.parse_offset(" 1,5 , -2 ".replace("1,5", "1.5")) == (1.5, -2.0)
    for bad in ("1", "a,b", "1,2,3", "25,0"):
        with pytest.raises(UserError, match="offset"):
            service.parse_offset(bad)
