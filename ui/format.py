"""How numbers, weights, money and dates read on screen (Qt-free; the arithmetic is in `pantry.measures`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pantry.measures import format_in_unit, format_kg, format_money, grams_from, is_weighed, parse_decimal

CURRENCY = "$"


def _grouped(number: str) -> str:
    """'11081.55' as '11,081.55': thousands are easier to read at a glance."""
    whole, dot, fraction = number.partition(".")
    return f"{int(whole):,}{dot}{fraction}"


def money(cents: int) -> str:
    text = _grouped(format_money(abs(cents)))
    return f"{CURRENCY}{text}" if cents >= 0 else f"-{CURRENCY}{text}"


def weight(grams: int | None, unit: str = "each") -> str:
    """A weight in kg, or in lb for items counted in lb; empty when unknown."""
    if grams is None:
        return ""
    if unit == "lb":
        return f"{_grouped(format_in_unit(grams, 'lb'))} lb"
    return f"{_grouped(format_kg(grams))} kg"


def quantity(amount: int, unit: str) -> str:
    """A count for counted items; for items counted by weight, the weight in their own unit."""
    if is_weighed(unit):
        return f"{_grouped(format_in_unit(amount, unit))} {unit}"
    return str(amount)


def date(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else ""


def lot_range(codes: Sequence[str]) -> str:
    """Lot codes as a person can read them back: all of a few, else the first and the last."""
    if not codes:
        return ""
    if len(codes) <= 3:
        return ", ".join(codes)
    return f"{codes[0]} … {codes[-1]}"


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def amount_from_text(text: str, unit: str) -> int:
    """A typed amount in counting units: a whole number of items, or grams from a weight in the item's unit (lb or
    kg) for items counted by weight. ValueError says what is wrong."""
    cleaned = text.strip()
    if is_weighed(unit):
        return grams_from(parse_decimal(cleaned, "amount"), unit)
    if not cleaned.isdecimal():
        raise ValueError(f"'{cleaned}' is not a whole number")
    return int(cleaned)
