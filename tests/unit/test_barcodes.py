"""pantry.barcodes.parse_scan over what real scanners type: symbology prefixes, separators, leading zeros, check digits.

Expected values are worked by hand from the rules (GS1 General Specifications: check digits, UPC-E expansion,
"determination of century", day 00) and, where noted, cross-checked against python-stdnum.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from stdnum import ean, gs1_128

from pantry.barcodes import GS, KINDS, Scan, ScanError, expand_upce, gs1_date, parse_scan
from pantry.codes import gtin_check_digit, make_code, normalize_product_code
from pantry.errors import UserError

TODAY = dt.date(2026, 11, 25)
CASE = "10041000123457"  # GTIN-14 of a case of 24 (tests/helpers.py: beans)
CR_LF = "\r\n"


def scan(text: str, today: dt.date = TODAY) -> Scan:
    return parse_scan(text, today=today)


# Product codes: (what the scanner typed, symbology, stored code, GTIN-14)
PRODUCTS = [
    ("036000291452", "upca", "036000291452", "00036000291452"),
    ("0036000291452", "upca", "036000291452", "00036000291452"),  # UPC-A reported as EAN-13
    ("00036000291452", "gtin14", "036000291452", "00036000291452"),  # ... and as GTIN-14 with indicator 0
    ("041000123450", "upca", "041000123450", "00041000123450"),
    ("4006381333931", "ean13", "4006381333931", "04006381333931"),
    ("9780471117094", "ean13", "9780471117094", "09780471117094"),  # ISBN as EAN-13
    ("96385074", "ean8", "96385074", "00000096385074"),
    ("73513537", "ean8", "73513537", "00000073513537"),
    ("04252614", "upce", "042100005264", "00042100005264"),
    ("01234505", "upce", "012000003455", "00012000003455"),
    (CASE, "gtin14", CASE, CASE),
    ("036000291452\r\n", "upca", "036000291452", "00036000291452"),  # the Enter a wedge scanner types
    ("  036000291452\t", "upca", "036000291452", "00036000291452"),
    ("]E00036000291452", "upca", "036000291452", "00036000291452"),  # AIM identifier: EAN/UPC, 13 digits
    ("]E04006381333931", "ean13", "4006381333931", "04006381333931"),
    ("]E004252614", "upce", "042100005264", "00042100005264"),  # ]E0 and 8 digits: UPC-E
    ("]E496385074", "ean8", "96385074", "00000096385074"),  # ]E4: EAN-8
    ("]I110041000123457", "gtin14", CASE, CASE),  # ITF-14 on a case
    ("]C0036000291452", "upca", "036000291452", "00036000291452"),  # plain Code 128 says nothing more
]


@pytest.mark.parametrize(("text", "symbology", "code", "gtin"), PRODUCTS)
def test_product_codes(text: str, symbology: str, code: str, gtin: str) -> None:
    result = scan(text)
    assert (result.kind, result.symbology, result.code, result.gtin) == ("product", symbology, code, gtin)
    assert result.raw == text
    assert result.expires is None and result.elements == {}


@pytest.mark.parametrize(
    ("six", "upca_body"),
    [
        ("123450", "01200000345"),  # last digit 0-2: manufacturer d1 d2 d6 00, product 00 d3 d4 d5
        ("123451", "01210000345"),
        ("123452", "01220000345"),
        ("123453", "01230000045"),  # 3: manufacturer d1 d2 d3 00, product 000 d4 d5
        ("123454", "01234000005"),  # 4: manufacturer d1..d4 0, product 0000 d5
        ("123455", "01234500005"),  # 5-9: manufacturer d1..d5, product 0000 d6
        ("123459", "01234500009"),
        ("425261", "04210000526"),
    ],
)
def test_upc_e_expands_to_upc_a(six: str, upca_body: str) -> None:
    check = str(gtin_check_digit(upca_body))  # UPC-E carries the check digit of its UPC-A
    upce = f"0{six}{check}"
    assert expand_upce(upce) == upca_body + check
    result = scan(upce)
    assert result.symbology in ("upce", "ean8")  # a few are valid EAN-8s too; see the ambiguity test
    assert upca_body + check in (result.code, *result.other_codes)


def test_upc_e_number_system_1() -> None:
    assert expand_upce("11234559") == "112345000059"


@pytest.mark.parametrize("text", ["0123456", "21234567", "012345678", "0123456a"])
def test_expand_upce_refuses_what_is_not_upc_e(text: str) -> None:
    with pytest.raises(ValueError, match="not a UPC-E"):
        expand_upce(text)


def test_eight_digits_valid_both_as_upc_e_and_ean_8() -> None:
    # 01079197 checks as UPC-E (010791000097) and as EAN-8: a leading 0 means UPC-E, EAN-8 kept as fallback
    first = scan("01079197")
    assert (first.symbology, first.code, first.other_codes) == ("upce", "010791000097", ("01079197",))
    # with a leading 1, EAN-8 comes first
    second = scan("11079194")
    assert (second.symbology, second.code, second.other_codes) == ("ean8", "11079194", ("110791000094",))
    # a symbology identifier settles it
    assert scan("]E401079197").other_codes == ()
    assert scan("]E401079197").symbology == "ean8"
    assert scan("]E001079197").symbology == "upce"


def test_a_gtin_8_inside_a_gtin_14_can_be_found_by_its_8_digits() -> None:
    result = scan("(01)00000096385074")
    assert result.gtin == "00000096385074"
    assert "96385074" in (result.code, *result.other_codes)


# Bad check digits: each form, reported (with the expected digit), never looked up
BAD_CHECK_DIGITS = [
    ("036000291453", "'036000291453' has a wrong check digit (expected 2)"),
    ("0036000291453", "'0036000291453' has a wrong check digit (expected 2)"),
    ("036000291453\r\n", "'036000291453' has a wrong check digit (expected 2)"),
    ("4006381333932", "'4006381333932' has a wrong check digit (expected 1)"),
    ("96385075", "'96385075' has a wrong check digit (expected 4)"),
    ("04252615", "'04252615' has a wrong check digit (expected 4 as UPC-E, 0 as EAN-8)"),
    ("10041000123458", "'10041000123458' has a wrong check digit (expected 7)"),
    ("]E00036000291453", "']E00036000291453' has a wrong check digit (expected 2)"),
    ("]E404252614", "']E404252614' has a wrong check digit (expected 0)"),
    ("]C10110041000123458", "GS1: AI 01 GTIN '10041000123458' has a wrong check digit (expected 7)"),
    (f"]d20110041000123458{GS}10A", "GS1: AI 01 GTIN '10041000123458' has a wrong check digit (expected 7)"),
    ("(01)10041000123458(17)270228", "GS1: AI 01 GTIN '10041000123458' has a wrong check digit (expected 7)"),
    ("(02)10041000123458(37)24", "GS1: AI 02 GTIN '10041000123458' has a wrong check digit (expected 7)"),
]


@pytest.mark.parametrize(("text", "message"), BAD_CHECK_DIGITS)
def test_wrong_check_digits_are_reported(text: str, message: str) -> None:
    with pytest.raises(ScanError) as caught:
        scan(text)
    assert str(caught.value) == message
    assert caught.value.reason == "check_digit"
    assert caught.value.text == text
    assert isinstance(caught.value, UserError)


# GS1 element strings as scanners send them
def test_gs1_128_with_separators() -> None:
    result = scan(f"]C101{CASE}{GS}10LOT42{GS}17261231")
    assert (result.kind, result.symbology, result.gtin, result.code) == ("product", "gs1-128", CASE, CASE)
    assert (result.expires, result.date_kind, result.use_by) == (dt.date(2026, 12, 31), "use_by", dt.date(2026, 12, 31))
    assert result.supplier_lot == "LOT42"
    assert result.elements == {"01": CASE, "10": "LOT42", "17": "261231"}


def test_day_00_is_the_last_day_of_the_month() -> None:
    assert scan(f"]C101{CASE}17261200").expires == dt.date(2026, 12, 31)
    assert scan(f"]C101{CASE}17280200").expires == dt.date(2028, 2, 29)  # leap year
    assert scan(f"]C101{CASE}17270200").expires == dt.date(2027, 2, 28)
    assert scan(f"]C101{CASE}15270400").expires == dt.date(2027, 4, 30)


def test_the_brief_examples_one_digit_short_are_refused() -> None:
    # `]C1010041000123457...` has 13 digits after AI 01: not a GTIN-14; the real case code is 10041000123457
    with pytest.raises(ScanError, match="AI 01 needs 14 digits, got '0041000123457'"):
        scan(f"]C1010041000123457{GS}10LOT42{GS}17261231")


def test_printed_form() -> None:
    result = scan(f"(01){CASE}(17)270228(10)ABC")
    assert (result.kind, result.symbology, result.code) == ("product", "gs1-text", CASE)
    assert (result.expires, result.date_kind, result.supplier_lot) == (dt.date(2027, 2, 28), "use_by", "ABC")
    spaced = scan(f"(01) {CASE} (17) 270228 (10) ABC")
    assert (spaced.gtin, spaced.expires, spaced.supplier_lot) == (CASE, dt.date(2027, 2, 28), "ABC")
    assert scan(f"(01){CASE}(10)A(B)").supplier_lot == "A(B)"  # parentheses not around digits stay in a value


@pytest.mark.parametrize(
    ("prefix", "symbology"),
    [("]C1", "gs1-128"), ("]d2", "gs1-datamatrix"), ("]Q3", "gs1-qr"), ("]e0", "gs1-databar"), ("", "gs1")],
)
def test_symbology_prefixes(prefix: str, symbology: str) -> None:
    result = scan(f"{prefix}01{CASE}3103000450{GS}10L1{GS}15270101")
    assert (result.symbology, result.gtin, result.weight_grams, result.supplier_lot) == (symbology, CASE, 450, "L1")
    assert (result.expires, result.date_kind) == (dt.date(2027, 1, 1), "best_by")


@pytest.mark.parametrize(
    ("text", "gtin", "lot"),
    [
        (f"{GS}01{CASE}{GS}10AB", CASE, "AB"),  # leading FNC1 sent as GS
        (f"]C1{GS}01{CASE}10AB{GS}", CASE, "AB"),  # FNC1 after the prefix, trailing GS
        (f"]C101{CASE}{GS}17261231{GS}{GS}10AB", CASE, "AB"),  # GS after fixed-length data, doubled: harmless
        (f"01{CASE}1726123110ABC", CASE, "ABC"),  # no prefix, no GS needed: fixed-length AIs first
        (f"01{CASE}", CASE, None),
        (f"]C101{CASE}10AB\r\n", CASE, "AB"),
    ],
)
def test_separators_and_leading_fnc1(text: str, gtin: str, lot: str | None) -> None:
    result = scan(text)
    assert (result.kind, result.gtin, result.supplier_lot) == ("product", gtin, lot)


def test_without_separators_a_lot_swallows_what_follows() -> None:
    # A scanner set not to send GS runs a variable field into the next: nothing can tell, so the limit is the
    # 20-character maximum. Fixed-length AIs first (as GS1 asks of label makers) avoids it.
    assert scan("]C110LOT4217261231").supplier_lot == "LOT4217261231"
    with pytest.raises(ScanError, match=r"longer than 20 characters .*group separator"):
        scan("]C110" + "A" * 21)


@pytest.mark.parametrize(
    ("elements", "grams", "kg"),
    [
        ("3103000450", 450, 0.45),  # 0.450 kg
        ("3100000002", 2000, 2.0),
        ("3102001234", 12340, 12.34),
        ("3105012345", 123, 0.123),  # 0.12345 kg
        ("3202001250", 5670, 5.67),  # 12.50 lb x 453.59237 = 5669.9 g
        ("3200000001", 454, 0.454),
        ("3203012500", 5670, 5.67),
        ("3103000450" + "3202001250", 450, 0.45),  # both: kilograms win
    ],
)
def test_net_weight(elements: str, grams: int, kg: float) -> None:
    result = scan(f"]C101{CASE}{elements}")
    assert result.weight_grams == grams
    assert result.as_dict()["weight_kg"] == kg


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [
        ("991231", dt.date(1999, 12, 31)),  # 99 - 26 = 73: previous century
        ("761231", dt.date(2076, 12, 31)),  # 50: current
        ("770101", dt.date(1977, 1, 1)),  # 51: previous
        ("000101", dt.date(2000, 1, 1)),  # -26: current
        ("261125", dt.date(2026, 11, 25)),
        ("000229", dt.date(2000, 2, 29)),
    ],
)
def test_century_rule(yymmdd: str, expected: dt.date) -> None:
    assert gs1_date(yymmdd, TODAY) == expected
    assert scan(f"]C101{CASE}17{yymmdd}").expires == expected


def test_century_rule_into_the_next_century() -> None:
    later = dt.date(2080, 6, 1)
    assert gs1_date("300101", later) == dt.date(2130, 1, 1)  # 30 - 80 = -50: next century
    assert gs1_date("310101", later) == dt.date(2031, 1, 1)  # -49: current
    with pytest.raises(ValueError, match="not a YYMMDD date"):
        gs1_date("000229", later)  # 00 - 80 = -80: 2100, which has no 29 February


def test_dates_of_every_kind() -> None:
    result = scan(f"]C101{CASE}11260102132601031526060016260500172607011021AB{GS}21SER9")
    assert result.production_date == dt.date(2026, 1, 2)
    assert result.packaging_date == dt.date(2026, 1, 3)
    assert result.best_before == dt.date(2026, 6, 30)
    assert result.sell_by == dt.date(2026, 5, 31)
    assert result.use_by == dt.date(2026, 7, 1)
    assert (result.expires, result.date_kind) == (dt.date(2026, 7, 1), "use_by")  # 17 wins over 15
    assert (result.supplier_lot, result.serial) == ("21AB", "SER9")


def test_sell_by_alone_is_not_an_expiry() -> None:
    result = scan(f"(01){CASE}(16)270101")
    assert result.sell_by == dt.date(2027, 1, 1)
    assert (result.expires, result.date_kind) == (None, None)


def test_gs1_data_without_a_product_number() -> None:
    # The second symbol of a two-symbol case label: no GTIN, but its dates and lot fill the line being entered
    result = scan(f"]C1{GS}10LOT7{GS}17270315")
    assert (result.kind, result.gtin, result.code) == ("gs1-data", None, None)
    assert (result.expires, result.supplier_lot) == (dt.date(2027, 3, 15), "LOT7")
    pallet = scan("]C100106141411234567896")
    assert (pallet.kind, pallet.elements) == ("gs1-data", {"00": "106141411234567896"})


def test_a_pallet_label_names_the_contained_product_and_count() -> None:
    result = scan(f"(02){CASE}(37)24(15)270101(10)X")
    assert (result.kind, result.gtin, result.count, result.expires) == ("product", CASE, 24, dt.date(2027, 1, 1))


BAD_GS1 = [
    ("(17)261340", "GS1: AI 17 date '261340' is not a date"),
    ("(01)10041000123457(17)261340", "GS1: AI 17 date '261340' is not a date"),
    ("]C11726023 0", "GS1: AI 17 needs 6 digits, got '26023 '"),
    ("(15)260230", "GS1: AI 15 date '260230' is not a date"),
    ("(11)261301", "GS1: AI 11 date '261301' is not a date"),
    ("]C11726134", "GS1: AI 17 needs 6 digits, got '26134'"),
    (f"]C117261{GS}231", "GS1: AI 17 needs 6 digits, got '261'"),
    ("]C1", "GS1: there is no data after the symbology identifier"),
    ("]C1hello", "GS1: no known AI at 'hello'"),
    ("]C1230000", "GS1: no known AI at '230000'"),
    (f"]C101{CASE}99", "GS1: AI 99 has no value"),
    (f"]C101{CASE}3710A", "GS1: AI 37 value '10A' must be digits"),
    (f"]C110A B{GS}", "GS1: AI 10 value 'A B' has characters a GS1 code cannot hold"),
    (f"]C110é{GS}", "GS1: AI 10 value 'é' has characters a GS1 code cannot hold"),
    ("(23)123", "GS1: (23) is not a known AI"),
    ("(01)123", "GS1: AI 01 needs 14 digits, got '123'"),
    ("(10)" + "A" * 21, "GS1: AI 10 value '" + "A" * 21 + "' is longer than 20 characters"),
    (f"(01){CASE}(10)A(10)B", "GS1: AI 10 appears twice with different values ('A', 'B')"),
]


@pytest.mark.parametrize(("text", "message"), BAD_GS1)
def test_broken_gs1_data_is_reported(text: str, message: str) -> None:
    with pytest.raises(ScanError) as caught:
        scan(text)
    assert str(caught.value) == message
    assert caught.value.reason == "gs1"


def test_the_same_ai_twice_with_the_same_value_is_harmless() -> None:
    assert scan(f"(01){CASE}(10)A(10)A").supplier_lot == "A"


# Our own codes
@pytest.mark.parametrize("kind", ["lot", "household", "order", "location"])
@pytest.mark.parametrize("number", [1, 31, 32, 4242, 32**5 + 7])
def test_own_codes(kind: str, number: int) -> None:
    code = make_code(kind, number)
    for text in (code, code.lower(), f"{code}\r\n", f"]C0{code}", f"]d1{code.lower()}", f"]Q1{code}\n"):
        result = scan(text)
        assert (result.kind, result.number, result.code, result.symbology) == (kind, number, code, "own")
        assert result.raw == text


def test_own_codes_as_json() -> None:
    lot, household, order, location = (make_code(kind, 7) for kind in ("lot", "household", "order", "location"))
    assert scan(lot).as_dict()["lot"] == lot
    assert scan(household).as_dict()["household"] == household
    assert scan(order).as_dict()["order"] == order
    assert scan(location).as_dict()["location"] == location
    assert "household" not in scan(lot).as_dict()


def test_a_misread_own_code_is_not_another_kind() -> None:
    household = make_code("household", 42)
    for letter in "LPS":
        with pytest.raises(ScanError, match="not a code we know"):
            scan(letter + household[1:])
    changed = household[:-2] + ("1" if household[-2] != "1" else "2") + household[-1]
    with pytest.raises(ScanError, match="not a code we know"):
        scan(changed)


# Anything else
NOT_CODES = [
    ("hello world", "'hello world' is not a code we know"),
    ("", "'' is not a code we know"),
    ("   \r\n", "'' is not a code we know"),
    ("\x00", "'\\x00' is not a code we know"),
    ("\x1b[A", "'\\x1b[A' is not a code we know"),
    ("😀", "'😀' is not a code we know"),
    ("12345", "'12345' is not a code we know"),
    ("0123456789", "'0123456789' is not a code we know"),
    ("123456789012345", "'123456789012345' is not a code we know"),
    ("3600029145", "'3600029145' is not a code we know"),
    ("٠٣٦٠٠٠٢٩١٤٥٢", "'٠٣٦٠٠٠٢٩١٤٥٢' is not a code we know"),  # Arabic-Indic digits: no scanner sends them
    ("²" * 8, "'²²²²²²²²' is not a code we know"),
    ("]E0hello", "']E0hello' is not a code we know"),
    ("]E023456789", "']E023456789' is not a code we know"),  # ]E0 with 8 digits: UPC-E starts with 0 or 1
    ("(hello)", "'(hello)' is not a code we know"),
    ("]", "']' is not a code we know"),
    ("]Zz", "']Zz' is not a code we know"),
    (f"hello{GS}world", "'hello<GS>world' is not a code we know"),
    ("https://example.com/01/10041000123457", "'https://example.com/01/10041000123457' is not a code we know"),
    ("ſ00001Q", "'ſ00001Q' is not a code we know"),  # 'ſ'.upper() is 'S'
    ("X000015", "'X000015' is not a code we know"),
]


@pytest.mark.parametrize(("text", "message"), NOT_CODES)
def test_anything_else_is_not_a_code_we_know(text: str, message: str) -> None:
    with pytest.raises(ScanError) as caught:
        scan(text)
    assert str(caught.value) == message
    assert (caught.value.reason, caught.value.text) == ("unknown", text)


def test_huge_text_is_refused_and_shortened_in_the_message() -> None:
    with pytest.raises(ScanError) as caught:
        scan("x" * 100_000)
    assert str(caught.value) == "'" + "x" * 60 + "…' is not a code we know"
    with pytest.raises(ScanError, match="not a code we know"):
        scan("1" * 5000)


def test_as_dict_has_only_what_applies() -> None:
    assert scan("036000291452").as_dict() == {
        "kind": "product",
        "symbology": "upca",
        "text": "036000291452",
        "code": "036000291452",
        "gtin": "00036000291452",
    }
    described = scan(f"]C101{CASE}3202001250{GS}10L1{GS}17261200")
    assert described.as_dict() == {
        "kind": "product",
        "symbology": "gs1-128",
        "text": f"]C101{CASE}3202001250{GS}10L1{GS}17261200",
        "code": CASE,
        "gtin": CASE,
        "expires": "2026-12-31",
        "date_kind": "use_by",
        "use_by": "2026-12-31",
        "lot": "L1",
        "weight_kg": 5.67,
        "elements": {"01": CASE, "3202": "001250", "10": "L1", "17": "261200"},
    }


def test_a_scan_is_hashable_and_frozen() -> None:
    result = scan(f"(01){CASE}(10)A")
    assert hash(result) == hash(scan(f"(01){CASE}(10)A"))
    with pytest.raises(AttributeError):
        result.kind = "lot"  # type: ignore[misc]


# Properties
@given(st.text(alphabet="0123456789", min_size=11, max_size=13))
def test_every_valid_gtin_parses_to_its_stored_form(body: str) -> None:
    code = body + str(gtin_check_digit(body))
    result = scan(code)
    assert (result.kind, result.gtin, result.code) == ("product", code.zfill(14), normalize_product_code(code))


@given(st.text(alphabet="0123456789", min_size=7, max_size=7))
def test_eight_digits_with_a_valid_ean_8_check_digit_always_parse(body: str) -> None:
    code = body + str(gtin_check_digit(body))
    result = scan(code)
    assert code in (result.code, *result.other_codes)


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_stdnum_and_our_check_digits_agree(body: str) -> None:
    assert ean.calc_check_digit(body) == str(gtin_check_digit(body))


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2250, 12, 31)),
)
def test_gs1_dates_round_trip_within_the_century_window(today: dt.date, day: dt.date) -> None:
    assume(today.year - 49 <= day.year <= today.year + 50)  # the window GS1's rule gives: [-49, +50] years
    assert gs1_date(f"{day.year % 100:02d}{day.month:02d}{day.day:02d}", today) == day


@given(
    st.text(alphabet="0123456789", min_size=13, max_size=13),
    st.dates(min_value=dt.date(1980, 1, 1), max_value=dt.date(2070, 12, 31)),
    st.text(alphabet="ABCXYZ0123456789-./", min_size=1, max_size=20),
    st.integers(0, 999_999),
    st.sampled_from(["]C1", "]d2", "]Q3", ""]),
)
def test_what_stdnum_encodes_we_read_back(body: str, use_by: dt.date, lot: str, weight: int, prefix: str) -> None:
    gtin = body + ean.calc_check_digit(body)
    kilograms = Decimal(weight).scaleb(-3)
    text = prefix + gs1_128.encode({"01": gtin, "17": use_by, "10": lot, "3100": kilograms}, separator=GS)
    result = scan(text)
    assert (result.gtin, result.expires, result.supplier_lot, result.weight_grams) == (gtin, use_by, lot, weight)


AIS = ["00", "01", "02", "10", "11", "13", "15", "16", "17", "21", "30", "37", "3103", "3202", "422", "7003", "99"]
gs1_pieces = st.lists(
    st.tuples(st.sampled_from([*AIS, "3106", "23", "1"]), st.text(alphabet="0123456789ABz()\x1d -", max_size=22)),
    max_size=6,
)
scanner_text = st.one_of(
    st.text(),
    st.binary().map(lambda raw: raw.decode("latin-1")),
    st.builds(
        lambda prefix, pieces, separator, end: prefix + separator.join(ai + value for ai, value in pieces) + end,
        st.sampled_from(["", "]C1", "]d2", "]Q3", "]e0", "]E0", "]E4", "]C0", GS, "]"]),
        gs1_pieces,
        st.sampled_from(["", GS]),
        st.sampled_from(["", "\r\n", "\n", "\t", GS]),
    ),
    st.builds(lambda pieces: "".join(f"({ai}){value}" for ai, value in pieces), gs1_pieces),
    st.text(alphabet="0123456789", max_size=30),
    st.text(alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyzLIOU", max_size=10),
)


@settings(max_examples=1000)
@given(scanner_text, st.dates())
@example(f"]C101{CASE}17000000", TODAY)
@example("]C11700013", dt.date(9999, 12, 31))
@example("]C117990101", dt.date(1, 1, 1))
@example("(3103)", TODAY)
def test_arbitrary_text_never_raises_anything_but_our_error(text: str, today: dt.date) -> None:
    try:
        result = parse_scan(text, today=today)
    except UserError as problem:
        assert str(problem)
    else:
        assert result.kind in KINDS
        assert result.raw == text
        result.as_dict()
