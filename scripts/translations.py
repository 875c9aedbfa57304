"""The catalogues: `update` extracts every marked string and merges it into each language's .po files (new strings
come in untranslated, gone ones are dropped); `compile` writes the .mo beside each .po.

    .venv/bin/python scripts/translations.py update [PART...]   # after marking strings; translate the empty msgstr
    .venv/bin/python scripts/translations.py compile [PART...]  # after translating (the .mo files are committed)

The strings are kept in parts, one .po per part, so that translators (and developers) working on different parts of
the app do not edit the same file: `pantry` holds the core's words (printables, messages from the services), the
`window*` parts the window's. Each source file belongs to the first part whose patterns match it. The printables read
the `pantry` catalogue; the window reads its own parts and then `pantry` (see ui/text.py).

tests/unit/test_i18n.py fails when a .po is stale against the source, a msgstr is empty, or a .mo is stale.
"""

from __future__ import annotations

import io
import sys
from fnmatch import fnmatch
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("es",)
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
# part -> source patterns (relative to the project, fnmatch); a file goes to the first part that matches it.
PARTS: dict[str, tuple[str, ...]] = {
    "pantry": ("pantry/*",),
    "window-desk": (
        "ui/screens/intake.py",
        "ui/screens/count.py",
        "ui/screens/pickups.py",
        "ui/dialogs/unknown_code.py",
        "ui/dialogs/lot.py",
        "ui/dialogs/labels.py",
        "ui/dialogs/stock_change.py",
        "ui/dialogs/pickups.py",
        "ui/dialogs/printout.py",
        "ui/models/intake_lines.py",
        "ui/models/counts.py",
        "ui/models/pickups.py",
        "ui/models/labels.py",
        "ui/delegates.py",
        "ui/widgets.py",
        "ui/printing.py",
    ),
    "window-office": (
        "ui/screens/households.py",
        "ui/screens/reports.py",
        "ui/screens/settings.py",
        "ui/dialogs/household.py",
        "ui/dialogs/sign_in.py",
        "ui/dialogs/users.py",
        "ui/dialogs/about.py",
        "ui/dialogs/open_problem.py",
        "ui/dialogs/passphrase.py",
        "ui/models/audit.py",
        "ui/models/history.py",
        "ui/models/report.py",
        "ui/models/items.py",
        "ui/models/table.py",
        "ui/chart.py",
        "ui/settings_tasks.py",
        "ui/report_tasks.py",
        "ui/crash.py",
        "ui/idle.py",
        "ui/ask.py",
        "ui/format.py",
    ),
    "window-start": (
        "ui/app.py",
        "ui/main_window.py",
        "ui/screens/stock.py",
        "ui/models/stock.py",
        "ui/stock_tasks.py",
        "ui/stock_actions.py",
    ),
    "window-help": ("ui/guide/*",),
    "window": ("ui/*",),
}
WINDOW_PARTS = tuple(part for part in PARTS if part.startswith("window"))


def part_of(relative: str) -> str | None:
    for part, patterns in PARTS.items():
        if any(fnmatch(relative, pattern) for pattern in patterns):
            return part
    return None


def sources(part: str) -> list[Path]:
    found = []
    for folder in ("pantry", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if part_of(path.relative_to(ROOT).as_posix()) == part:
                found.append(path)
    return found


def extract(part: str = "pantry") -> Catalog:
    """Every marked string in the part's source files, in source order, with where it is used."""
    catalog = Catalog(project="Pantry Desk", domain=part, charset="utf-8")
    for path in sources(part):
        relative = path.relative_to(ROOT).as_posix()
        for lineno, message, comments, context in extract_from_file(
            "python", str(path), keywords=KEYWORDS, comment_tags=("Translators:",)
        ):
            catalog.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(language: str, part: str = "pantry") -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{part}.po"


def read(language: str, part: str = "pantry") -> Catalog:
    with po_path(language, part).open("rb") as file:
        return read_po(file, locale=language, domain=part)


def update(parts: list[str] | None = None) -> None:
    for part in parts or PARTS:
        template = extract(part)
        for language in LANGUAGES:
            path = po_path(language, part)
            if path.exists():
                catalog = read(language, part)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                catalog = Catalog(locale=language, project="Pantry Desk", domain=part, charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
            catalog.fuzzy = False  # the header: Babel marks a new catalogue fuzzy
            catalog.project, catalog.version = "Pantry Desk", ""
            catalog.copyright_holder = "the Pantry Desk contributors"
            with path.open("wb") as file:
                write_po(file, catalog, width=120, omit_header=False, include_previous=False)
            missing = sum(1 for message in catalog if message.id and not message.string)
            print(f"{path.relative_to(ROOT)}: {len(catalog)} messages, {missing} untranslated")


def compiled(language: str, part: str = "pantry") -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read(language, part), use_fuzzy=False)
    return buffer.getvalue()


def compile_all(parts: list[str] | None = None) -> None:
    for part in parts or PARTS:
        for language in LANGUAGES:
            mo = po_path(language, part).with_suffix(".mo")
            mo.write_bytes(compiled(language, part))
            print(f"{mo.relative_to(ROOT)} written")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    chosen = sys.argv[2:]  # parts (default: all); e.g. `update window-desk`
    if unknown := [part for part in chosen if part not in PARTS]:
        sys.exit(f"unknown part {unknown}: the parts are {', '.join(PARTS)}")
    if command == "update":
        update(chosen)
    elif command == "compile":
        compile_all(chosen)
    else:
        sys.exit(__doc__)
