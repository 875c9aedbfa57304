"""The printables' catalogues: `update` extracts every marked string from pantry/ and merges it into each language's
pantry.po (new strings come in untranslated, gone ones are dropped); `compile` writes pantry.mo beside each .po.

    .venv/bin/python scripts/translations.py update    # after marking new strings; then translate the empty msgstr
    .venv/bin/python scripts/translations.py compile   # after translating (the .mo is committed)

tests/unit/test_i18n.py fails when a .po is stale against the source, a msgstr is empty, or a .mo is stale.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("es",)
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}


def extract() -> Catalog:
    """Every marked string in pantry/, in source order, with where it is used."""
    catalog = Catalog(project="Pantry Desk", domain="pantry", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "pantry"), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(message, None, [(f"pantry/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "pantry.po"


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as file:
        return read_po(file, locale=language, domain="pantry")


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = read(language)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language, project="Pantry Desk", domain="pantry", charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.fuzzy = False  # the header: Babel marks a new catalogue fuzzy
        catalog.project, catalog.version = "Pantry Desk", ""
        catalog.copyright_holder = "the Pantry Desk contributors"
        with path.open("wb") as file:
            write_po(file, catalog, width=120, omit_header=False, include_previous=False)
        missing = sum(1 for message in catalog if message.id and not message.string)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {missing} untranslated")


def compiled(language: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read(language), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> None:
    for language in LANGUAGES:
        mo = po_path(language).with_suffix(".mo")
        mo.write_bytes(compiled(language))
        print(f"{mo.relative_to(ROOT)} written")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        sys.exit(__doc__)
