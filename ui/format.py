"""How numbers, weights, money and dates read on screen, in the desk's language: 11,081.550 kg and 2026-11-28 on an
English desk, 11.081,550 kg and 28/11/2026 on a Spanish one (the desk's `Translator`, cached per language). The
arithmetic is in `pantry.measures`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from decimal import Decimal

from pantry import i18n
from pantry.i18n import ENGLISH, Translator
from pantry.measures import format_in_unit, format_kg, format_money, grams_from, is_weighed, parse_decimal
from ui.text import _, ngettext

CURRENCY = "$"

_last: tuple[str | None, Translator] | None = None


def translator() -> Translator:
    """The desk's translator, worked out again only when the desk's choice (`pantry --lang`, Settings, a test's
    `i18n.desk`) or PANTRY_LANG changed: asking pantry.i18n every time costs ~20 µs (it reads the system locale),
    too much for a table of 20,000 lots. The system's locale variables are read once: they do not change while the
    window runs."""
    global _last
    key = getattr(i18n, "_desk_language", None) or "env:" + (os.environ.get(i18n.ENV) or "")
    if _last is None or _last[0] != key:
        _last = (key, i18n.translator())
    return _last[1]


def _grouped(number: str) -> str:
    """'11081.55' as '11,081.55' (English) or '11.081,55' (Spanish): thousands are easier to read at a glance."""
    tr = translator()
    if tr.language != ENGLISH:
        _whole, _dot, fraction = number.partition(".")
        return tr.number(Decimal(number), len(fraction))
    whole, dot, fraction = number.partition(".")
    return f"{int(whole):,}{dot}{fraction}"


def number(value: int) -> str:
    """A count as the desk's language writes it (1,234 / 1234; 12.345)."""
    return f"{value:,}" if translator().language == ENGLISH else translator().number(value)


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
    """A day as the desk's language writes it (2026-11-28 in English, 28/11/2026 in Spanish)."""
    return translator().date(day)


def date_edit_format() -> str:
    """A date field's display format in the desk's language (as `date` writes a day)."""
    return "yyyy-MM-dd" if translator().language == ENGLISH else "dd/MM/yyyy"


def moment(at: dt.datetime) -> str:
    """A stored (UTC) time as the desk's clock reads it, the day as `date` writes it: 2026-11-28 14:05."""
    local = at.astimezone()
    return f"{date(local.date())} {local:%H:%M}"


def lot_range(codes: Sequence[str]) -> str:
    """Lot codes as a person can read them back: all of a few, else the first and the last."""
    if not codes:
        return ""
    if len(codes) <= 3:
        return ", ".join(codes)
    return f"{codes[0]} … {codes[-1]}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """English only ("3 lots"): a sentence shown in the window takes `ngettext` instead (ui.text)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def people(count: int) -> str:
    """'1 person' / '3 people', in the desk's language."""
    return ngettext("{count} person", "{count} people", count).format(count=count)


def amount_from_text(text: str, unit: str) -> int:
    """A typed amount in counting units: a whole number of items, or grams from a weight in the item's unit (lb or
    kg) for items counted by weight. ValueError says what is wrong."""
    cleaned = text.strip()
    if is_weighed(unit):
        return grams_from(parse_decimal(cleaned, "amount"), unit)
    if not cleaned.isdecimal():
        raise ValueError(_("'{text}' is not a whole number").format(text=cleaned))
    return int(cleaned)
