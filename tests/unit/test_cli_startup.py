"""`pantry --help` and `--version` answer without loading the database layer (SQLAlchemy, ReportLab, the services),
and `pantry stock` loads only what reading stock needs: no document, spreadsheet, barcode or migration library.

Each check runs in a fresh interpreter and looks at `sys.modules`, not at a clock."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# What `--help` and `--version` must not load: the database layer, the printables' libraries, the PIN hasher.
HEAVY = (
    "sqlalchemy",
    "alembic",
    "reportlab",
    "openpyxl",
    "babel",
    "barcode",
    "argon2",
    "pypdfium2",
    "PySide6",
    "pantry.db",
    "pantry.models",
    "pantry.services",
    "pantry.documents",
)
# What reading stock must not load (it needs SQLAlchemy and the models, and checks who acts: argon2 may load).
NOT_FOR_STOCK = ("alembic", "reportlab", "openpyxl", "babel", "barcode", "pypdfium2", "PySide6", "pantry.sample")


def _loaded(code: str, watched: tuple[str, ...], *args: str) -> list[str]:
    """The watched modules (or packages) in sys.modules after running `code` in a new interpreter."""
    probe = (
        "import json, sys\n"
        f"{code}\n"
        f"watched = {watched!r}\n"
        "print(json.dumps(sorted(w for w in watched if any(m == w or m.startswith(w + '.') for m in sys.modules))))"
    )
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_building_the_parser_imports_no_database_or_document_library() -> None:
    assert _loaded("from pantry.cli import build_parser\nbuild_parser()", HEAVY) == []


def test_version_and_help_answer_without_the_database_layer() -> None:
    for flag in ("--version", "--help"):
        code = (
            "import contextlib, io\n"
            "from pantry.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            f"        main([{flag!r}])\n"
            "    except SystemExit:\n"
            "        pass"
        )
        assert _loaded(code, HEAVY) == [], flag


def test_every_command_s_help_answers_without_the_database_layer() -> None:
    """Each command module imports what it needs inside `run`: asking any command for its help loads none of it."""
    from pantry.cli import build_parser

    commands = next(action for action in build_parser()._actions if action.dest == "command")
    for name in commands.choices:  # type: ignore[union-attr]
        code = (
            "import contextlib, io\n"
            "from pantry.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n"
            f"        main([{name!r}, '--help'])\n"
            "    except SystemExit:\n"
            "        pass"
        )
        assert _loaded(code, HEAVY) == [], name


def test_stock_reads_stock_without_document_or_migration_libraries(database, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    database.dispose()
    code = (
        "import contextlib, io\n"
        "from pantry.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    assert main(['--db', {str(db_path)!r}, 'stock', '--format', 'csv']) == 0\n"
        "assert out.getvalue().startswith('sku,'), out.getvalue()[:200]"
    )
    assert _loaded(code, NOT_FOR_STOCK) == []
