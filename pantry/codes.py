"""Code rules in one place: our own codes (lots, households, pickup orders, locations) and GTIN check digits.

Our codes are a kind letter, a base-32 number of at least five characters and a check character computed over the
whole text, letter included: a misread or mistyped character, or a code of one kind read as another, fails the check.
All characters are Code128-friendly and unambiguous when read aloud (Crockford base 32: no I, L, O, U in the body).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from pantry.i18n import _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
_DIGITS = 5
OWN_CODE_KINDS = {"L": "lot", "H": "household", "P": "order", "S": "location"}
_PREFIX = {kind: prefix for prefix, kind in OWN_CODE_KINDS.items()}
_PREFIX_VALUE = {"L": 17, "H": 11, "P": 23, "S": 5}  # distinct weights per kind, so one kind never checks as another


@dataclass(frozen=True)
class OwnCode:
    kind: str  # lot | household | order | location
    number: int  # the row id it stands for
    text: str


def _check_char(prefix: str, body: str) -> str:
    total = _PREFIX_VALUE[prefix] + sum(map(int.__mul__, range(2, len(body) + 2), map(_VALUE.__getitem__, body)))
    return ALPHABET[total % 31]


def make_code(kind: str, number: int) -> str:
    """The printed code of row `number` of a kind: e.g. lot 1 is 'L00001' plus its check character."""
    if number <= 0:
        raise ValueError(_("code numbers start at 1"))
    prefix = _PREFIX[kind]
    values = []
    while number:
        number, remainder = divmod(number, 32)
        values.append(remainder)
    values.extend([0] * (_DIGITS - len(values)))
    values.reverse()
    # The check of _check_char, from the digits' values (an import makes 100,000 lot codes at once).
    check = (_PREFIX_VALUE[prefix] + sum(map(int.__mul__, range(2, len(values) + 2), values))) % 31
    return prefix + "".join(map(ALPHABET.__getitem__, values)) + ALPHABET[check]


def make_codes(kind: str, numbers: Iterable[int]) -> list[str]:
    """`make_code` for many numbers at once (an import's 100,000 lots): each number is its high digits, worked out
    once per 1,024 numbers, and two low digits whose characters and check weights come from a table."""
    prefix = _PREFIX[kind]
    heads: dict[int, tuple[str, int, list[int]]] = {}
    codes = []
    for number in numbers:
        if number <= 0:
            raise ValueError(_("code numbers start at 1"))
        high, low = divmod(number, 1024)
        head = heads.get(high)
        if head is None:
            text = make_code(kind, high * 1024 + 1)[1:-3]  # the high digits as make_code writes them
            weighted = sum(map(int.__mul__, range(2, len(text) + 2), map(_VALUE.__getitem__, text)))
            head = heads[high] = (prefix + text, _PREFIX_VALUE[prefix] + weighted, _low_weights(len(text)))
        codes.append(head[0] + _LOW_TEXT[low] + ALPHABET[(head[1] + head[2][low]) % 31])
    return codes


_LOW_TEXT = [ALPHABET[low >> 5] + ALPHABET[low & 31] for low in range(1024)]


@functools.cache
def _low_weights(high_digits: int) -> list[int]:
    """What the two low digits add to the check, after `high_digits` digits."""
    return [(high_digits + 2) * (low >> 5) + (high_digits + 3) * (low & 31) for low in range(1024)]


def parse_own_code(text: str) -> OwnCode | None:
    """Our code in `text` (any case, blanks around it ignored), or None when it is not a well-formed one."""
    code = text.strip().upper()
    prefix = code[:1]
    if len(code) < _DIGITS + 2 or prefix not in OWN_CODE_KINDS:
        return None
    body, check = code[1:-1], code[-1]
    if any(char not in _VALUE for char in body) or _check_char(prefix, body) != check:
        return None
    number = 0
    for char in body:
        number = number * 32 + _VALUE[char]
    return OwnCode(OWN_CODE_KINDS[prefix], number, code) if number else None


def lot_code(lot_id: int) -> str:
    return make_code("lot", lot_id)


def lot_id_from_code(text: str) -> int | None:
    """The lot number in a lot code, or None when the text is not a well-formed lot code."""
    parsed = parse_own_code(text)
    return parsed.number if parsed is not None and parsed.kind == "lot" else None


GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(body: str) -> int:
    """GS1 check digit for the digits before it: weights 3,1,3,1... from the right."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    return (
        code.isascii() and code.isdigit() and len(code) in GTIN_LENGTHS and gtin_check_digit(code[:-1]) == int(code[-1])
    )


def normalize_product_code(text: str) -> str:
    """The one stored form of a product code, so a UPC-A read as 12 or 13 digits (or as GTIN-14) is the same code.

    Raises ValueError for a GTIN-shaped code with a wrong check digit and for text no scanner would send.
    """
    code = text.strip()
    if not code or any(char.isspace() for char in code) or len(code) > 48 or not code.isprintable():
        raise ValueError(_("'{text}' is not a barcode (no spaces, at most 48 characters)").format(text=text))
    if code.isascii() and code.isdigit() and len(code) in GTIN_LENGTHS:
        if not is_valid_gtin(code):
            raise ValueError(
                _("'{code}' has a wrong check digit (expected {expected})").format(
                    code=code, expected=gtin_check_digit(code[:-1])
                )
            )
        padded = code.zfill(14)
        if len(code) > 8 and padded.startswith("000000"):
            return padded[6:]  # an EAN-8 written as GTIN-12/13/14 (GS1 pads GTIN-8 with six zeros)
        while len(code) > 12 and code.startswith("0"):
            code = code[1:]
    return code
