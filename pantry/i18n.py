"""Languages of the printables: gettext catalogues and Babel's dates and numbers, one `Translator` per language.

A desk chooses its language (``PANTRY_LANG`` or ``pantry --lang``, else the system locale, else English); a document
writer takes a `Translator` and asks it for every fixed string and every date or number it prints. Nothing here is
global per thread or per process beyond a cache of read-only catalogues, so one PDF can hold a Spanish household's
sheet next to an English one, and two desks on one database each print in their own language (the database is never
asked).

Catalogues live in ``resources/translations/<lang>/LC_MESSAGES/pantry.po``; the compiled ``pantry.mo`` beside it is
committed (``scripts/translations.py compile`` rebuilds it; tests/unit/test_i18n.py fails when it is stale).

Marking: ``tr.gettext("...")`` (written ``tr._("...")``) where the text is printed; ``N_("...")`` for a constant defined
at module level and translated where it is printed (``tr._(COLUMN.title)``); ``tr.ngettext(singular, plural, n)``.

The core's messages to the person at the desk (a `UserError`, a refusal, a result a service returns as text) are
marked with this module's ``_("...")`` and ``ngettext``: they are said in the desk's language at the moment they are
made (the CLI's ``--lang``, else PANTRY_LANG, else the system; the window's choice). Whole sentences with named
placeholders (``_("{field}: must be more than 0").format(field=...)``), never glued fragments.
"""

from __future__ import annotations

import datetime as dt
import gettext
import locale as _locale
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "pantry"
ENGLISH = "en"
LANGUAGES = ("en", "es")  # every language with a catalogue (English needs none: the msgids are English)
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
ENV = "PANTRY_LANG"

# What people write in a household's "language" field, mapped to a language we print in.
_ALIASES = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "inglés": "en",
    "ingles": "en",
    "es": "es",
    "spa": "es",
    "esp": "es",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "castellano": "es",
    "castilian": "es",
}


def N_(message: str) -> str:  # gettext's own name: mark now, translate where printed
    """Mark a string for extraction without translating it (translated later with `Translator.gettext`)."""
    return message


def _(message: str) -> str:
    """A message for the person at the desk, in the desk's language when it is said (English when untranslated)."""
    if not message:
        return message
    return translator().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """A message about `n` things in the desk's language (``ngettext("{n} lot", "{n} lots", n).format(n=n)``)."""
    return translator().ngettext(singular, plural, n)


def supported(language: str | None) -> str | None:
    """A supported language code for free text ("es", "Spanish", "Español", "spa", "es_MX.UTF-8"...), else None."""
    if not language:
        return None
    text = language.strip().lower()
    if not text:
        return None
    if text in _ALIASES:
        return _ALIASES[text]
    for separator in ("_", "-", ".", "@", " ", "("):
        head = text.split(separator, 1)[0].strip()
        if head in _ALIASES:
            return _ALIASES[head]
    return None


def system_language() -> str | None:
    """The system locale's language when we print in it (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else None."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable)
        if value:
            for part in value.split(":"):
                found = supported(part)
                if found:
                    return found
            if variable != "LANGUAGE":
                return None  # the first one set decides (C, POSIX: English)
    try:
        code = _locale.getlocale()[0]
    except ValueError:
        code = None
    return supported(code)


_desk_language: str | None = None
_desk_lock = threading.Lock()


def set_desk_language(language: str | None) -> None:
    """This process's choice (``pantry --lang``, the window's setting): wins over PANTRY_LANG and the system."""
    global _desk_language
    chosen = supported(language) if language else None
    if language and chosen is None:
        raise ValueError(f"unknown language {language!r}: choose one of {', '.join(LANGUAGES)}")
    with _desk_lock:
        _desk_language = chosen


def desk_language() -> str:
    """The desk's language: the process's choice, else PANTRY_LANG, else the system locale, else English."""
    return _desk_language or supported(os.environ.get(ENV)) or system_language() or ENGLISH


class Translator:
    """One language's strings, dates and numbers. Immutable; share it freely between threads."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalogue = _catalogue(language)
        self._cache: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    @cached_property
    def locale(self) -> Locale:
        """Babel's locale, loaded on first use (a message needs only the catalogue; `pantry --help` needs neither)."""
        from babel import Locale

        return Locale.parse(self.language)

    # --- strings

    def gettext(self, message: str) -> str:
        if not message:
            return message
        found = self._cache.get(message)
        if found is None:
            found = self._catalogue.gettext(message)
            self._cache[message] = found
        return found

    _ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    # --- dates

    def date(self, day: dt.date | None, missing: str = "") -> str:
        """A day as the locale writes it: ISO in English (2026-11-28, as the pantry's CSVs and codes), 28/11/2026 in
        Spanish."""
        if day is None:
            return missing
        if self.language == ENGLISH:
            return day.isoformat()
        from babel.dates import format_date

        return format_date(day, "dd/MM/y", locale=self.locale)

    def weekday(self, day: dt.date, *, short: bool = True) -> str:
        """Sat / sáb; Saturday / sábado."""
        from babel.dates import format_date

        return format_date(day, "EEE" if short else "EEEE", locale=self.locale).rstrip(".")

    def long_date(self, day: dt.date) -> str:
        """28 November 2026 / 28 de noviembre de 2026 (letters)."""
        from babel.dates import format_date

        if self.language == ENGLISH:
            return format_date(day, "d MMMM y", locale=self.locale)
        return format_date(day, "long", locale=self.locale)

    # --- numbers

    def number(self, value: int | float | Decimal, digits: int | None = None) -> str:
        """1,234.5 / 1234,5 (Spanish groups thousands from five digits, as the RAE writes them: 12.345,5)."""
        from babel.numbers import format_decimal

        if digits is None:
            return format_decimal(value, locale=self.locale, group_separator=True)
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale, decimal_quantization=True)

    def value(self, value: object) -> str:
        """A value inside a sentence: numbers and dates as the locale writes them, text as it is."""
        if isinstance(value, bool) or not isinstance(value, int | Decimal | dt.date):
            return str(value)
        if isinstance(value, int):
            return self.number(value)
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            return self.number(value, max(0, -exponent) if isinstance(exponent, int) else None)
        return self.date(value)

    def money(self, amount: Decimal | float, currency: str) -> str:
        from babel.numbers import format_currency

        return format_currency(amount, currency, locale=self.locale)


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == ENGLISH:
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, localedir=str(TRANSLATIONS), languages=[language])
    except FileNotFoundError:
        return gettext.NullTranslations()


class Phrase(str):
    """A sentence a service writes in English (a report's check line) that a printable can say again in its reader's
    language: the English text as a str, plus its msgid (marked with N_) and its values (ints, Decimals, dates and
    strings; a Spanish reader gets 1.234,5 and 28/11/2026)."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, /, **values: object) -> Phrase:
        phrase = super().__new__(cls, template.format(**values))
        phrase.template, phrase.values = template, values
        return phrase

    def __reduce__(self) -> tuple[object, ...]:  # copies and pickles keep the msgid and the values
        return (_phrase, (self.template, self.values))

    def translated(self, tr: Translator) -> str:
        if tr.language == ENGLISH:
            return str(self)
        return tr.gettext(self.template).format(**{key: tr.value(value) for key, value in self.values.items()})


def _phrase(template: str, values: dict[str, object]) -> Phrase:
    return Phrase(template, **values)


def translator(language: str | None = None) -> Translator:
    """The translator for a language (free text accepted: "Spanish", "es_MX"); None: the desk's language."""
    return _translator((supported(language) if language else None) or desk_language())


@cache
def _translator(language: str) -> Translator:
    return Translator(language)


def for_household(language: str | None, desk: Translator) -> Translator:
    """A household's sheet language: its own preference when we print in it, else the desk's."""
    chosen = supported(language)
    return translator(chosen) if chosen else desk


def get(tr: Translator | None) -> Translator:
    """`tr`, or the desk's translator when a caller passes none."""
    return tr if tr is not None else translator(desk_language())


# How the dietary flags a pantry picks from (pantry.services.diet) read on paper; a flag the pantry made up itself is
# data and prints as written.
DIET_LABELS = {
    "no_pork": N_("no pork"),
    "no_beef": N_("no beef"),
    "halal": N_("halal"),
    "kosher": N_("kosher"),
    "vegetarian": N_("vegetarian"),
    "vegan": N_("vegan"),
    "diabetic": N_("diabetic"),
    "sugar_free": N_("sugar free"),
    "gluten_free": N_("gluten free"),
    "celiac": N_("celiac"),
    "dairy_free": N_("dairy free"),
    "lactose_intolerant": N_("lactose intolerant"),
    "nut_allergy": N_("nut allergy"),
    "peanut_allergy": N_("peanut allergy"),
    "tree_nut_allergy": N_("tree nut allergy"),
    "egg_allergy": N_("egg allergy"),
    "soy_allergy": N_("soy allergy"),
    "fish_allergy": N_("fish allergy"),
    "shellfish_allergy": N_("shellfish allergy"),
    "sesame_allergy": N_("sesame allergy"),
    "nuts": N_("nuts"),
    "peanuts": N_("peanuts"),
    "gluten": N_("gluten"),
    "dairy": N_("dairy"),
    "egg": N_("egg"),
    "soy": N_("soy"),
    "fish": N_("fish"),
    "shellfish": N_("shellfish"),
    "sesame": N_("sesame"),
}


def diet_label(flag: str, tr: Translator) -> str:
    """A dietary flag as printed in `tr`'s language: "nut_allergy" → "nut allergy" / "alergia a frutos secos"."""
    known = DIET_LABELS.get(flag)
    return tr.gettext(known) if known else flag.replace("_", " ")


@contextmanager
def desk(language: str | None) -> Iterator[None]:
    """Within the block, this process's desk prints in `language` (None: leave the choice as it is)."""
    global _desk_language
    saved = _desk_language
    if language:
        set_desk_language(language)
    try:
        yield
    finally:
        with _desk_lock:
            _desk_language = saved


# The households service's words (the default age bands' labels are in BUILTIN_LABELS below).
_NO_AGES = N_("ages not recorded")


def members_text(text: str, tr: Translator) -> str:
    """A household's members as pantry.services.households writes them ("2 Adults, 1 Children"), in `tr`'s language
    where the labels are the default bands'."""
    if tr.language == ENGLISH or not text:
        return text
    if text == _NO_AGES:
        return tr.gettext(_NO_AGES)
    if text.startswith("agency, serves ") and text[15:].isdigit():  # pantry.services.pickup_papers' agency row
        return tr.gettext(N_("agency, serves {n}")).format(n=text[15:])
    parts = []
    for part in text.split(", "):
        count, _space, label = part.partition(" ")
        parts.append(
            f"{count} {tr.gettext(label)}" if label in BUILTIN_LABELS["band"].values() and count.isdigit() else part
        )
    return ", ".join(parts)


# What a new database is given in English (pantry.services.setup, the 0004 migration's age bands), by kind and code: a
# pantry that has not renamed one reads it in the desk's language; a label the pantry chose is data, shown as written.
BUILTIN_LABELS: dict[str, dict[str, str]] = {
    "reason": {
        "spoiled": N_("Spoiled"),
        "expired": N_("Expired"),
        "damaged": N_("Damaged"),
        "recalled": N_("Recalled"),
        "pest": N_("Pest"),
        "recount": N_("Recount"),
        "returned": N_("Returned"),
        "other": N_("Other"),
    },
    "location": {"main": N_("Main")},
    "donor": {"anonymous": N_("Anonymous")},
    "band": {"children": N_("Children"), "adults": N_("Adults"), "seniors": N_("Seniors")},
    "diet": DIET_LABELS,
}


def builtin_label(kind: str, code: str | None, stored_label: str, tr: Translator | None = None) -> str:
    """A built-in row's label as the reader should see it: "Spoiled" → "Echado a perder" when the pantry still has
    the label the app gave it, else `stored_label` as the pantry wrote it.

    `kind`: "reason" (AdjustmentReason.code), "location" and "donor" (the name's casefold: "main", "anonymous"),
    "band" (AgeBand.key), "diet" (a dietary flag); `code` None: matched by the label alone. `tr`: the desk's
    translator when None."""
    if kind == "diet":  # a flag: the printed words ("nut_allergy" → "nut allergy" / "alergia a frutos secos")
        return diet_label(code or stored_label, get(tr))
    known = BUILTIN_LABELS.get(kind, {})
    english = known.get(code) if code is not None else next((k for k in known.values() if k == stored_label), None)
    if english is None or stored_label != english:
        return stored_label
    return get(tr).gettext(english)
