"""`pantry --help` and `--version` answer without loading the database layer (SQLAlchemy, ReportLab, the services)."""

from __future__ import annotations

import subprocess
import sys


def test_building_the_parser_imports_no_database_or_document_library() -> None:
    probe = (
        "import sys\n"
        "from pantry.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(m for m in ('sqlalchemy', 'reportlab', 'openpyxl', 'pantry.models') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
