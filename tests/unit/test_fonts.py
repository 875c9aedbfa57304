"""Printables in the bundled DejaVu Sans Condensed: names with ñ, é, ü, €, ł and ő read back from the PDF as written,
the font is embedded, and no document names a font of its own."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from pantry.db import Database
from pantry.documents import fonts, pickup_sheet
from pantry.documents import labels as label_documents
from pantry.documents.label_layouts import LAYOUTS
from pantry.services import catalog, households, packing, pickup_papers, pickups, templates
from pantry.services import labels as label_service
from pantry.services.intake import IntakeLine
from tests import helpers

DOCUMENTS = Path(fonts.__file__).parent
HOUSEHOLD = "Begoña Łukasz Ő"  # the name sheets and cards print (the first name: they show no surname)
ITEM = "Café crème €"
DAY = dt.date.today() + dt.timedelta(days=2)


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _embedded_fonts(path: Path) -> set[str]:
    """BaseFont names of the fonts the pages use that carry their own glyphs (FontFile2: TrueType)."""
    found: set[str] = set()
    for page in PdfReader(path).pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).get_object().values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                found.add(str(font["/BaseFont"]))
    return found


@pytest.fixture
def order_and_household(database: Database) -> tuple[int, str]:
    """A household and an item with letters beyond Latin-1, the item donated, planned for the household, packed."""
    with database.session() as session:
        uid = helpers.admin_id(session)
        item, _ = catalog.save_item(session, catalog.ItemSpec(name=ITEM, category="Drinks", unit_weight_g=250), uid)
        helpers.donate(session, IntakeLine(item.id, quantity=6, expires_on=DAY + dt.timedelta(days=90)))
        code = households.register_household(
            session, households.HouseholdSpec(name=HOUSEHOLD, first_name=HOUSEHOLD, size=2), uid
        )
        templates.save_template(session, "Coffee bag", [templates.LineSpec(item.id, None, per_household=1)], uid)
        planned = pickups.plan(session, DAY, "Coffee bag", uid, household=code.household.code)
        packing.pack(session, [planned.order_id], uid)
        return planned.order_id, code.household.code


def test_fonts_are_bundled_with_their_licence_and_registered() -> None:
    assert fonts.find_font_folder() == fonts.RESOURCE_FONTS
    assert "Bitstream Vera" in (fonts.RESOURCE_FONTS / "LICENSE.txt").read_text()
    assert fonts.UNICODE
    assert (fonts.REGULAR, fonts.BOLD, fonts.ITALIC) == ("PantrySans", "PantrySans-Bold", "PantrySans-Oblique")


def test_no_document_names_a_font_of_its_own() -> None:
    """Every printable takes its fonts from pantry.documents.fonts: a literal 'Helvetica' elsewhere would print
    Łukasz as boxes again."""
    offenders = [
        f"{path.name}:{number}"
        for path in sorted(DOCUMENTS.glob("*.py"))
        if path.name != "fonts.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"""["'](Helvetica|Times|Courier|Symbol|ZapfDingbats)[-"']""", line)
    ]
    assert offenders == []


def test_a_pickup_sheet_prints_names_beyond_latin1(
    database: Database, order_and_household: tuple[int, str], tmp_path: Path
) -> None:
    order_id, _ = order_and_household
    with database.session() as session:
        sheets = pickup_papers.sheets(session, [order_id])
    pdf = tmp_path / "sheet.pdf"

    pickup_sheet.render(sheets, pdf)

    text = _text(pdf)
    assert HOUSEHOLD in text
    assert ITEM in text
    assert {name.split("+")[-1] for name in _embedded_fonts(pdf)} >= {"DejaVuSansCondensed-Bold"}


def test_labels_print_names_beyond_latin1_and_their_barcodes_still_decode(
    database: Database, order_and_household: tuple[int, str], tmp_path: Path
) -> None:
    _, household = order_and_household
    with database.session() as session:
        cards = label_service.household_cards(session, [household])
        lots = label_service.in_stock_labels(session)
    card_pdf, lot_pdf = tmp_path / "card.pdf", tmp_path / "lot.pdf"
    card_pdf.write_bytes(label_documents.render_pdf(cards, LAYOUTS["household-card"]))
    lot_pdf.write_bytes(label_documents.render_pdf(lots, LAYOUTS["thermal-2x1"]))

    assert HOUSEHOLD in _text(card_pdf)
    assert ITEM in _text(lot_pdf)
    assert {name.split("+")[-1] for name in _embedded_fonts(lot_pdf)} >= {"DejaVuSansCondensed-Bold"}
    for pdf, code in ((card_pdf, household), (lot_pdf, lots[0].code)):
        prefix = tmp_path / f"{pdf.stem}-203"
        subprocess.run(["pdftoppm", "-r", "203", "-png", "-singlefile", str(pdf), str(prefix)], check=True)
        decoded = [result.text for result in zxingcpp.read_barcodes(Image.open(f"{prefix}.png"))]
        assert decoded == [code]


def test_text_past_a_subset_of_256_characters_reads_back(tmp_path: Path) -> None:
    """An embedded TrueType font is written in subsets of 256 characters: a label sheet with more different letters
    than that switches subsets inside one string and still reads back whole."""
    alphabet = "".join(
        chr(code)
        for code in (
            *range(0x41, 0x5B),
            *range(0xC0, 0x17F),
            *range(0x391, 0x3A2),
            *range(0x3A3, 0x3AA),
            *range(0x410, 0x450),
        )
    )
    names = [alphabet[start : start + 24] for start in range(0, len(alphabet), 24)]
    cards = [label_service.HouseholdCard(f"H{index:05d}X", name, "Ő") for index, name in enumerate(names)]
    pdf = tmp_path / "many.pdf"
    pdf.write_bytes(label_documents.render_pdf(cards, LAYOUTS["household-card"]))
    text = _text(pdf)
    for name in names:
        assert name in text
