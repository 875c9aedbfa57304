"""The printables' languages: the catalogue is complete and up to date with the source, a Spanish desk's printables
hold none of the English fixed wording, each household's pickup sheet is in its own language inside one PDF, and dates
and numbers read as Spanish readers write them (codes never change)."""

from __future__ import annotations

import datetime as dt
import re
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pantry import i18n
from pantry.cli import main
from pantry.documents import labels
from pantry.documents.label_layouts import LAYOUTS, layout_named
from pantry.services import households
from scripts import translations
from tests.unit.test_labels import check_geometry, decoded, rasterise, rows_for
from tests.unit.test_pickup_documents import _plan_day
from tests.unit.test_pickups import DAY

# --- the catalogue ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("part", list(translations.PARTS))
def test_every_marked_string_has_a_spanish_translation_and_the_catalogue_is_current(part: str) -> None:
    source = {message.id for message in translations.extract(part) if message.id}
    for language in translations.LANGUAGES:
        catalogue = translations.read(language, part)
        name = translations.po_path(language, part).name
        known = {message.id for message in catalogue if message.id}
        assert not source - known, f"{language}: not in {name} (run scripts/translations.py update): {source - known}"
        assert not known - source, f"{language}: {name} has strings the source no longer marks: {known - source}"
        untranslated = [
            message.id
            for message in catalogue
            if message.id and (not all(message.string) if isinstance(message.string, tuple) else not message.string)
        ]
        assert not untranslated, f"{language}: no translation in {name} for {untranslated}"
        fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
        assert not fuzzy, f"{language}: fuzzy (unchecked) translations in {name}: {fuzzy}"
        for message in catalogue:  # a placeholder lost or misspelt in a translation would raise when printed
            if message.id:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                wanted = set(re.findall(r"\{(\w*)\}", ids[-1]))
                for string in strings:
                    assert set(re.findall(r"\{(\w*)\}", string)) <= wanted | set(re.findall(r"\{(\w*)\}", ids[0]))
        mo = translations.po_path(language, part).with_suffix(".mo")
        assert mo.read_bytes() == translations.compiled(language, part), f"{mo} is stale: run translations.py compile"


def test_the_window_reads_every_window_part() -> None:
    from ui import text

    assert set(text.WINDOW_DOMAINS) == set(translations.WINDOW_PARTS)


def test_the_bundle_takes_the_catalogues_along() -> None:
    import sys

    sys.path.insert(0, str(translations.ROOT / "packaging"))
    try:
        import bundle_common
    finally:
        sys.path.pop(0)
    bundled = {Path(source) for source, _ in bundle_common.DATAS}
    assert any(i18n.TRANSLATIONS.is_relative_to(folder) for folder in bundled)


# --- choosing a language ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "language"),
    [
        ("es", "es"),
        ("Spanish", "es"),
        ("Español", "es"),
        ("spa", "es"),
        ("es_MX.UTF-8", "es"),
        ("  castellano ", "es"),
        ("English", "en"),
        ("en_US", "en"),
        ("Somali", None),
        ("", None),
        (None, None),
    ],
)
def test_a_household_language_is_free_text(written: str | None, language: str | None) -> None:
    assert i18n.supported(written) == language


def test_the_desk_language_comes_from_the_choice_the_environment_or_the_system(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for variable in ("PANTRY_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.desk_language() == "en"
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert i18n.desk_language() == "es"
    monkeypatch.setenv("PANTRY_LANG", "en")
    assert i18n.desk_language() == "en"
    with i18n.desk("es"):
        assert i18n.desk_language() == "es" and i18n.translator().language == "es"
    assert i18n.desk_language() == "en"
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_desk_language("tlh")


def test_translators_share_nothing_between_threads() -> None:
    seen: dict[str, str] = {}

    def sheet(language: str) -> None:
        tr = i18n.translator(language)
        for _ in range(200):
            seen[language] = tr._("PICKUP SHEET")

    threads = [threading.Thread(target=sheet, args=(language,)) for language in ("en", "es")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"en": "PICKUP SHEET", "es": "HOJA DE RECOGIDA"}


# --- dates and numbers -----------------------------------------------------------------------------------------------


def test_dates_and_numbers_as_a_spanish_reader_writes_them() -> None:
    es, en = i18n.translator("es"), i18n.translator("en")
    day = dt.date(2026, 11, 28)
    assert es.date(day) == "28/11/2026" and en.date(day) == "2026-11-28"
    assert es.weekday(day) == "sáb" and es.weekday(day, short=False) == "sábado" and en.weekday(day) == "Sat"
    assert es.number(Decimal("1234.5"), 1) == "1.234,5" and en.number(Decimal("1234.5"), 1) == "1,234.5"
    assert es.number(Decimal("0.25"), 3) == "0,250"
    assert es.money(Decimal("1234.5"), "USD") == "1.234,50\xa0US$"
    assert es.ngettext("{n} person", "{n} people", 1).format(n=1) == "1 persona"
    assert es.ngettext("{n} person", "{n} people", 3).format(n=3) == "3 personas"
    assert i18n.diet_label("nut_allergy", es) == "alergia a frutos secos"
    assert i18n.diet_label("no_msg", es) == "no msg"  # the pantry's own flag is data


# --- the printables in Spanish ---------------------------------------------------------------------------------------

# The fixed English wording of the pickup papers (case-sensitive, whole words): none may be left on a Spanish page.
PICKUP_ENGLISH = (
    "PICKUP SHEET",
    "HOUSEHOLD",
    "Notes:",
    "Signature:",
    "Date:",
    "Item",
    "Qty",
    "Given",
    "Where:",
    "Page",
    "page",
    "people",
    "person",
    "ALLERGY",
    "DIET",
    "SHORT",
    "not in stock",
    "Order",
    "household",
    "packed",
    "PICKED UP",
    "Nothing",
    "use-by",
    "no date",
    "May pick up",
    "Language:",
    "PACKING SLIP",
    "DELIVER TO",
    "Delivered by",
    "Received by",
    "serves",
    "lines",
    "about",
    "name",
    "nut allergy",
    "Sat",
    "Saturday",
    "Distribution list",
    "PULL LIST",
    "Slot",
    "Household",
    "Name",
    "People",
    "Diet",
    "Items",
    "Picked up",
    "No-show",
    "Bring out",
    "Lots",
    "orders",
    "proxy",
)
DECLARATION = "I declare that my household's income is at or below the limit."


def _texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def _english_left(text: str, words: tuple[str, ...], data: tuple[str, ...] = ()) -> list[str]:
    for value in data:  # names, items, the pantry's own declaration: data, printed as given
        text = text.replace(value, " ")
    return [word for word in words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


def test_a_spanish_desk_prints_pickup_sheets_slips_and_the_distribution_list_without_english(
    database, db_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    orders = _plan_day(database)
    sheets, day_list = tmp_path / "sheets.pdf", tmp_path / "list.pdf"
    common = ["--db", str(db_path), "--lang", "es", "pickup"]
    assert main([*common, "sheets", "--date", DAY.isoformat(), "-o", str(sheets)]) == 0
    assert main([*common, "list", "--date", DAY.isoformat(), "-o", str(day_list)]) == 0
    data = (DECLARATION, "Peanut butter", "Standard bag", "Riverside Shelter", "Ann", "Bo Lee", "Jo Park", "Cy", "Di")
    pages = _texts(sheets) + _texts(day_list)
    for page in pages:
        assert not _english_left(page, PICKUP_ENGLISH, data), page
    text = " ".join(pages)
    for spanish in ("HOJA DE RECOGIDA", "HOGAR", "NOTA DE ENTREGA", "ENTREGAR A", "Lista de reparto", "Firma:"):
        assert spanish in text, spanish
    assert "ALERGIA: ALERGIA A FRUTOS SECOS" in text and "DIETA: HALAL" in text
    assert re.search(r"\d\d/\d\d/\d{4}", text) and DAY.isoformat() not in text.replace(DECLARATION, "")
    for code in orders.values():  # codes never change
        assert code in text


def test_one_pdf_holds_each_household_in_its_own_language(database, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    orders = _plan_day(database)
    ann = next(code for code in orders if code not in ("Riverside Shelter", "Di", "CARD-77"))
    with database.session() as session:
        for code, language in ((ann, "Español"), ("CARD-77", "English")):
            household = households.household_by_code(session, code)
            household.language = language
        session.commit()
    pdf = tmp_path / "sheets.pdf"
    # An English desk: Ann's sheet in Spanish, Cy's in English; a Spanish desk: Cy's still in English.
    for desk in ("en", "es"):
        assert (
            main(["--db", str(db_path), "--lang", desk, "pickup", "sheets", "--date", DAY.isoformat(), "-o", str(pdf)])
            == 0
        )
        by_order = {code: next(page for page in _texts(pdf) if code in page) for code in orders.values()}
        spanish, english = by_order[orders[ann]], by_order[orders["CARD-77"]]
        assert "HOJA DE RECOGIDA" in spanish and "Idioma: Español" in spanish and "PICKUP SHEET" not in spanish
        assert "PICKUP SHEET" in english and "Language: English" in english and "HOJA DE RECOGIDA" not in english
        assert "Page 1 of 1" in english and "Página 1 de 1" in spanish
        unknown = by_order[orders["Di"]]  # no language recorded: the desk's
        assert ("HOJA DE RECOGIDA" if desk == "es" else "PICKUP SHEET") in unknown


def test_a_spanish_count_sheet_letter_and_report(database, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _plan_day(database)
    pdf, xlsx = tmp_path / "stock.pdf", tmp_path / "stock.xlsx"
    common = ["--db", str(db_path), "--lang", "es"]
    assert main([*common, "report", "stock", "--as-of", DAY.isoformat(), "--format", "pdf", "-o", str(pdf)]) == 0
    text = " ".join(_texts(pdf))
    for spanish in (
        "Existencias por artículo",
        "Artículo",
        "Página 1 de",
        "Generado el",
        "Cómo se obtuvieron",
        f"al {DAY:%d/%m/%Y}",  # DAY is a few days from today: the date as Spanish readers write it
    ):
        assert spanish in text, spanish
    for english in ("Stock by item", "Page 1 of", "Generated", "How these figures", "Nothing in this period", "as of"):
        assert english not in text, english
    assert f"Existencias al cierre del {DAY:%d/%m/%Y}:" in text  # a check line
    assert "Stock on hand at the end" not in text
    assert "Reconciles" not in text and "Cuadra" in text
    assert main([*common, "report", "stock", "--as-of", DAY.isoformat(), "--format", "xlsx", "-o", str(xlsx)]) == 0
    workbook = load_workbook(xlsx)
    assert workbook.sheetnames[0] == "Acerca de" and "Existencias por artículo" in workbook.sheetnames
    about = [row[0] for row in workbook["Acerca de"].iter_rows(values_only=True) if row[0]]
    assert about[:3] == ["Informe", "Banco de alimentos", "Periodo"]
    headers = [cell.value for cell in workbook["Existencias por artículo"][1]]
    assert "Artículo" in headers and "Item" not in headers
    csv = tmp_path / "stock.csv"  # the CSV's headers are a contract: English in every language
    assert main([*common, "report", "stock", "--as-of", DAY.isoformat(), "--format", "csv", "-o", str(csv)]) == 0
    english_csv = tmp_path / "stock-en.csv"
    assert (
        main(
            [
                "--db",
                str(db_path),
                "report",
                "stock",
                "--as-of",
                DAY.isoformat(),
                "--format",
                "csv",
                "-o",
                str(english_csv),
            ]
        )
        == 0
    )
    assert csv.read_text().splitlines()[0] == english_csv.read_text().splitlines()[0]


# --- labels ----------------------------------------------------------------------------------------------------------

LABEL_ENGLISH = ("NO DATE", "USE BY", "BEST BY", "each", "Rcvd", "Received", "QUANTITY", "LOCATION", "RECEIVED")
LABEL_ENGLISH += ("HOUSEHOLD CARD", "Show this card", "DRY", "CHILLED", "FROZEN")


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_spanish_labels_fit_their_stock_and_their_barcodes_still_decode(name: str, tmp_path: Path) -> None:
    layout = layout_named(name)
    rows = rows_for(layout)
    words = labels.label_words(i18n.translator("es"))
    for row in rows:
        check_geometry(labels.plan(row, layout, words), layout)  # the longer Spanish words fit too
    pdf = labels.render_pdf(rows, layout, tr=i18n.translator("es"))
    source = tmp_path / "labels.pdf"
    source.write_bytes(pdf)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(source).pages)
    data = ("Black beans 15 oz", "Milk 1 gal", "Ground turkey 1 lb", "Mixed produce", "Walk-in cooler", "Chest freezer")
    assert not _english_left(text, LABEL_ENGLISH, data), text
    if layout.kind == "lot":
        assert "CONSUMO PREF." in text and "30/06/2027" in text and "2027-06-30" not in text
    if layout.kind == "household":
        assert "TARJETA DEL HOGAR" in text
    found = {barcode.text for image in rasterise(pdf, tmp_path, 300) for barcode in decoded(image)}
    assert {row.code for row in rows} <= found  # codes never change


# --- donor letters ---------------------------------------------------------------------------------------------------


def test_a_spanish_donor_letter_says_nothing_was_given_in_return(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pantry.documents.letters import render_letters
    from pantry.services.reports import settings
    from pantry.services.reports.letters import acknowledgements
    from tests.unit.test_letters import QUARTER, _gifts

    _gifts(database)
    with database.session() as session:
        settings.set_report_settings(session, {"letter_closing": "Un abrazo de todo el equipo,"})  # the pantry's own
        letters = acknowledgements(session, QUARTER, today=dt.date(2025, 4, 2))
    path = tmp_path / "cartas.pdf"
    assert render_letters(letters, path, tr=i18n.translator("es")) == 3
    page = _texts(path)[2]
    for wanted in (
        "Número de identificación fiscal (EIN): 12-3456789",
        "02/04/2025",
        "Estimado/a Riverside Grocery:",
        "Gracias por su donación de alimentos a My Pantry",
        "(entre el 03/02/2025 y el 10/03/2025):",
        "Fecha Categoría Artículos Piezas Peso (lb)",
        "Total 2 donación(es) 30 96,986",
        "No se entregaron bienes ni servicios a cambio de esta donación.",
        "no le asigna ningún valor; corresponde al donante determinar el valor de su donación.",
        "no se venderán ni se intercambiarán por dinero, bienes ni servicios.",
        "Un abrazo de todo el equipo,",
    ):
        assert wanted in page, wanted
    english = ("Dear", "No goods or services", "between", "Tax ID", "donation", "Weight", "With our thanks", "Page")
    assert not _english_left(page, english, ("Riverside Grocery", "My Pantry", "Black beans 15 oz", "Mixed produce"))


ROLLFORWARD_ENGLISH = ("Roll-forward", "Opening", "Closing", "Corrected", "Balances", "Transfers", "pieces", "value")
ROLLFORWARD_ENGLISH += ("Received by source", "Lost by reason", "Per month", "Weight", "Page", "Generated", "TOTAL by")


def test_a_spanish_roll_forward_has_no_english_heading_or_check(database, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _plan_day(database)
    pdf = tmp_path / "rollforward.pdf"
    period = ["--from", "2025-01-01", "--to", DAY.isoformat()]
    args = ["--db", str(db_path), "--lang", "es", "report", "rollforward", *period, "--format", "pdf"]
    assert main([*args, "-o", str(pdf)]) == 0
    text = " ".join(_texts(pdf))
    assert not _english_left(text, ROLLFORWARD_ENGLISH), text[:3000]
    for spanish in (
        "Movimiento por categoría",
        "Inicial",
        "Final",
        "Cuadra:",
        "Final = existencias al cierre",
        "Por mes",
    ):
        assert spanish in text, spanish


def test_a_spanish_count_sheet(database, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from tests.unit.test_count_command import _stock_the_freezer

    _stock_the_freezer(database)
    assert main(["--db", str(db_path), "count", "start", "--location", "Chest freezer"]) == 0
    count_id = capsys.readouterr().out.strip()
    sheet = tmp_path / "conteo.pdf"
    assert main(["--db", str(db_path), "--lang", "es", "count", "sheet", count_id, "-o", str(sheet)]) == 0
    text = " ".join(_texts(sheet))
    for spanish in ("Conteo de inventario", "Lote", "Artículo", "Vence", "Contado", "Notas", "Contado por:", "Fecha:"):
        assert spanish in text, spanish
    english = ("Stock count", "Lot", "Item", "Expires", "Counted", "Notes", "Page", "started", "lots", "Date:")
    assert not _english_left(text, english, ("Chest freezer",)), text


def test_a_phrase_is_its_english_text_and_says_it_again_in_spanish() -> None:
    import copy
    import pickle

    phrase = i18n.Phrase(
        "{items} item(s) have no unit value of their own.", items=1234
    )  # a msgid the catalogue knows (valuation report)
    assert phrase == "1234 item(s) have no unit value of their own." and isinstance(phrase, str)
    for again in (copy.deepcopy(phrase), pickle.loads(pickle.dumps(phrase))):
        assert again == phrase and again.translated(i18n.translator("es")) == phrase.translated(i18n.translator("es"))
    assert phrase.translated(i18n.translator("es")) == "1.234 artículo(s) no tienen valor unitario propio."
