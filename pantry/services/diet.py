"""Dietary needs and allergies against item tags, in one place: which items a household must never be given.

A household lists flags (`no_pork`, `vegetarian`, `nut_allergy`, ...). Each flag in DIETARY_EXCLUSIONS excludes the
items tagged with any of its tags; any other flag excludes items tagged with that very word, so a household that
lists `peanuts` or `sesame` never gets an item tagged so. Items must carry the tags for this to work: an item with
meat in it but no tag is not recognised as meat.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pantry.i18n import _

_MEAT = ("meat", "pork", "beef", "chicken", "poultry", "lamb", "fish", "shellfish", "gelatin")

DIETARY_EXCLUSIONS: dict[str, tuple[str, ...]] = {
    "no_pork": ("pork",),
    "no_beef": ("beef",),
    "halal": ("pork", "alcohol", "gelatin"),
    "kosher": ("pork", "shellfish"),
    "vegetarian": _MEAT,
    "vegan": (*_MEAT, "dairy", "egg", "honey"),
    "diabetic": ("sugar",),
    "sugar_free": ("sugar",),
    "gluten_free": ("gluten",),
    "celiac": ("gluten",),
    "dairy_free": ("dairy",),
    "lactose_intolerant": ("dairy",),
    "nut_allergy": ("nuts", "peanuts"),
    "peanut_allergy": ("peanuts",),
    "tree_nut_allergy": ("nuts",),
    "egg_allergy": ("egg",),
    "soy_allergy": ("soy",),
    "fish_allergy": ("fish",),
    "shellfish_allergy": ("shellfish",),
    "sesame_allergy": ("sesame",),
}
# Allergen tags: a flag that names one (or ends in _allergy) is printed as an allergy, apart from preferences.
ALLERGENS = ("nuts", "peanuts", "gluten", "dairy", "egg", "soy", "fish", "shellfish", "sesame")
COMMON_FLAGS = tuple(DIETARY_EXCLUSIONS)  # offered first when a household is registered
_FLAG = re.compile(r"[a-z0-9_]{1,32}")


def normalize_flag(text: str) -> str:
    """The stored form of a flag: lower case, blanks and dashes as `_` ("Gluten-free" → "gluten_free").

    ValueError when what is left is not a short word (free text belongs in the dietary note)."""
    flag = re.sub(r"[\s\-]+", "_", text.strip().lower())
    if not _FLAG.fullmatch(flag):
        raise ValueError(
            _("'{text}' is not a dietary flag (letters, digits and _; free text goes in the note)").format(
                text=text.strip()
            )
        )
    return flag


def parse_flags(text: str) -> tuple[str, ...]:
    """Flags from `;`-separated text, normalised, each once, in the order given."""
    flags: list[str] = []
    for part in text.split(";"):
        if part.strip():
            flag = normalize_flag(part)
            if flag not in flags:
                flags.append(flag)
    return tuple(flags)


def excluded_tags(flags: Iterable[str]) -> frozenset[str]:
    """Every item tag that a household with these flags must not be given."""
    tags: set[str] = set()
    for flag in flags:
        tags.update(DIETARY_EXCLUSIONS.get(flag, (flag,)))
    return frozenset(tags)


def item_tags(text: str) -> frozenset[str]:
    """An item's tags from its stored `;`-separated text."""
    return frozenset(tag.strip().lower() for tag in text.split(";") if tag.strip())


def conflict(flags: Iterable[str], tags: Iterable[str]) -> str | None:
    """The first flag that rules out an item with these tags, or None when the item is fine."""
    tag_set = set(tags)
    for flag in flags:
        if tag_set.intersection(DIETARY_EXCLUSIONS.get(flag, (flag,))):
            return flag
    return None


def is_allergy(flag: str) -> bool:
    return flag.endswith("_allergy") or flag in ALLERGENS or flag == "celiac"


def split_flags(flags: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(allergies, other needs): allergies are printed first and loudest."""
    flags = tuple(flags)
    return tuple(f for f in flags if is_allergy(f)), tuple(f for f in flags if not is_allergy(f))


def label(flag: str) -> str:
    """How a flag reads on paper: "nut_allergy" → "nut allergy"."""
    return flag.replace("_", " ")
