"""Our own codes: lot codes (short, Code128-friendly, with a check character so a misread is caught)."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U
LOT_PREFIX = "L"
LOT_DIGITS = 5
_VALUE = {char: value for value, char in enumerate(ALPHABET)}


def _check_char(body: str) -> str:
    return ALPHABET[sum(map(int.__mul__, range(1, len(body) + 1), map(_VALUE.__getitem__, body))) % 31]


def lot_code(lot_id: int) -> str:
    """The printed code of lot number `lot_id`: 'L' + base-32 number (5 or more characters) + check character."""
    if lot_id <= 0:
        raise ValueError("lot ids start at 1")
    digits = []
    number = lot_id
    while number:
        number, remainder = divmod(number, 32)
        digits.append(ALPHABET[remainder])
    body = "".join(reversed(digits)).rjust(LOT_DIGITS, "0")
    return f"{LOT_PREFIX}{body}{_check_char(body)}"


def lot_id_from_code(text: str) -> int | None:
    """The lot number in a lot code, or None when the text is not a well-formed lot code."""
    code = text.strip().upper()
    if len(code) < LOT_DIGITS + 2 or not code.startswith(LOT_PREFIX):
        return None
    body, check = code[1:-1], code[-1]
    if any(char not in _VALUE for char in body) or _check_char(body) != check:
        return None
    number = 0
    for char in body:
        number = number * 32 + _VALUE[char]
    return number or None


GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(body: str) -> int:
    """GS1 check digit for the digits before it: weights 3,1,3,1... from the right."""
    total = sum(int(digit) * (3 if index % 2 == 0 else 1) for index, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(code: str) -> bool:
    return code.isdigit() and len(code) in GTIN_LENGTHS and gtin_check_digit(code[:-1]) == int(code[-1])


def normalize_product_code(text: str) -> str:
    """The one stored form of a product code, so a UPC-A read as 12 or 13 digits (or as GTIN-14) is the same code.

    Raises ValueError for a GTIN-shaped code with a wrong check digit and for text no scanner would send.
    """
    code = text.strip()
    if not code or any(char.isspace() for char in code) or len(code) > 48 or not code.isprintable():
        raise ValueError(f"'{text}' is not a barcode (no spaces, at most 48 characters)")
    if code.isdigit() and len(code) in GTIN_LENGTHS:
        if not is_valid_gtin(code):
            raise ValueError(f"'{code}' has a wrong check digit (expected {gtin_check_digit(code[:-1])})")
        while len(code) > 12 and code.startswith("0"):
            code = code[1:]
    return code
