import datetime as dt

import pytest

from pantry.codes import (
    gtin_check_digit,
    is_valid_gtin,
    lot_code,
    lot_id_from_code,
    make_code,
    make_codes,
    normalize_product_code,
)
from pantry.dates import parse_expiry

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize("lot_id", [1, 31, 32, 1000, 123456, 32**5 - 1, 32**5 + 7])
def test_lot_codes_round_trip(lot_id: int) -> None:
    code = lot_code(lot_id)
    assert code.startswith("L") and code.isalnum() and code == code.upper()
    assert lot_id_from_code(code) == lot_id
    assert lot_id_from_code(code.lower()) == lot_id


def test_a_mistyped_lot_code_is_caught() -> None:
    code = lot_code(4242)
    wrong = code[:3] + ("1" if code[3] != "1" else "2") + code[4:]
    assert lot_id_from_code(wrong) is None
    assert lot_id_from_code("X000015") is None


def test_gtin_check_digits() -> None:
    assert gtin_check_digit("04100012345") == 0
    assert is_valid_gtin("041000123450")
    assert not is_valid_gtin("041000123451")
    assert is_valid_gtin("10041000123457")


def test_upc_read_in_any_length_is_one_code() -> None:
    assert normalize_product_code("041000123450") == "041000123450"
    assert normalize_product_code("0041000123450") == "041000123450"
    assert normalize_product_code("00041000123450") == "041000123450"
    assert normalize_product_code("4006381333931") == "4006381333931"  # EAN-13 stays 13
    assert normalize_product_code("ABC-123") == "ABC-123"


@pytest.mark.parametrize("text", ["041000123451", "", "two words", "x" * 49])
def test_bad_codes_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        normalize_product_code(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("+7d", dt.date(2026, 12, 2)),
        ("+2w", dt.date(2026, 12, 9)),
        ("+3m", dt.date(2027, 2, 25)),
        ("+1y", dt.date(2027, 11, 25)),
        ("2027-03-15", dt.date(2027, 3, 15)),
        ("20270315", dt.date(2027, 3, 15)),
        ("2027-02", dt.date(2027, 2, 28)),
        ("1231", dt.date(2026, 12, 31)),
        ("0315", dt.date(2027, 3, 15)),  # March has passed this year: next March
    ],
)
def test_expiry_shorthands(text: str, expected: dt.date | None) -> None:
    assert parse_expiry(text, TODAY) == expected


@pytest.mark.parametrize("text", ["tomorrow", "2027-13-01", "1340", "+7x", "2027-02-30"])
def test_bad_expiry_says_what_is_accepted(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_expiry(text, TODAY)


def test_one_kind_of_code_never_reads_as_another() -> None:
    from pantry.codes import OWN_CODE_KINDS, make_code, parse_own_code

    for number in (1, 77, 40_000):
        for kind in OWN_CODE_KINDS.values():
            code = make_code(kind, number)
            assert parse_own_code(code).kind == kind
            for other in OWN_CODE_KINDS:
                if other != code[0]:
                    assert parse_own_code(other + code[1:]) is None


def test_an_ean8_written_long_is_the_same_code() -> None:
    assert normalize_product_code("96385074") == "96385074"
    assert normalize_product_code("00000096385074") == "96385074"
    assert normalize_product_code("000096385074") == "96385074"


def test_non_ascii_digits_are_not_a_gtin() -> None:
    assert not is_valid_gtin("²" * 12)
    assert normalize_product_code("٠٤١٠٠٠١٢٣٤٥٠") == "٠٤١٠٠٠١٢٣٤٥٠"  # stored as text, never as a GTIN


@pytest.mark.parametrize("kind", ["lot", "household", "order", "location"])
def test_codes_made_many_at_once_are_those_made_one_by_one(kind: str) -> None:
    numbers = [
        *range(1, 3000),
        *range(1_048_000, 1_050_000),  # the body's third digit turns over
        32**5 - 1,
        32**5,  # six digits
        32**5 + 1025,
        2**40 + 7,
        5,  # again, after larger ones
    ]
    assert make_codes(kind, numbers) == [make_code(kind, number) for number in numbers]
    with pytest.raises(ValueError):
        make_codes(kind, [3, 0])
