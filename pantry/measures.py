"""Units, weights and money: parsing what people type and the arithmetic that keeps ledgers exact.

Weights are integer grams and money integer cents everywhere; conversion to lb/kg/currency happens only here.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pantry.i18n import _

UNITS = ("each", "lb", "kg")
WEIGHED_UNITS = ("lb", "kg")
GRAMS_PER_UNIT = {"lb": Decimal("453.59237"), "kg": Decimal(1000)}


def is_weighed(unit: str) -> bool:
    """True for items counted by weight, whose quantities are grams."""
    return unit in WEIGHED_UNITS


def parse_decimal(text: str, what: str) -> Decimal:
    """A non-negative decimal from what a person typed ('1.5' or '1,5'); ValueError names what is wrong."""
    cleaned = text.strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("{what} '{text}' is not a number").format(what=what, text=text)) from None
    if not value.is_finite() or value < 0:
        raise ValueError(_("{what} '{text}' must be a positive number").format(what=what, text=text))
    return value


def grams_from(amount: Decimal, unit: str) -> int:
    """Grams in an amount of kg or lb, rounded to the gram."""
    return int((amount * GRAMS_PER_UNIT[unit]).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cents_from(text: str, what: str = "value") -> int:
    """Cents in a typed money amount ('1.67')."""
    amount = parse_decimal(text, what)
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(_("{what} '{text}' has more than two decimals").format(what=what, text=text))
    return int(cents)


def format_kg(grams: int) -> str:
    return f"{Decimal(grams) / 1000:.3f}"


def format_in_unit(grams: int, unit: str) -> str:
    """A weight in lb or kg with three decimals."""
    return f"{(Decimal(grams) / GRAMS_PER_UNIT[unit]).quantize(Decimal('0.001'), rounding=ROUND_HALF_UP):.3f}"


def format_money(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def format_quantity(quantity: int, unit: str) -> str:
    """Quantity as shown and exported: a count, or for weighed items the weight in the item's unit."""
    return format_in_unit(quantity, unit) if is_weighed(unit) else str(quantity)


def line_value_cents(unit: str, quantity: int, unit_value_cents: int | None) -> int:
    """What a received line is worth: per each, or per lb/kg of its grams."""
    if not unit_value_cents:
        return 0
    if is_weighed(unit):
        exact = Decimal(quantity) * unit_value_cents / GRAMS_PER_UNIT[unit]
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return quantity * unit_value_cents


def share(total: int, received: int, on_hand: int) -> int:
    """The part of a lot's received total (grams or cents) that `on_hand` of its `received` units carry.

    A movement from on-hand h to h+d is given share(h+d) - share(h): the parts telescope, so a lot that goes back to
    zero leaves exactly zero grams and cents behind, however it was split on the way.
    """
    if received <= 0:
        return 0
    numerator = 2 * on_hand * total + received
    return numerator // (2 * received) if numerator >= 0 else -((-numerator) // (2 * received))
