"""`pantry-desk` shows its window without loading what only some screens need: the document and spreadsheet
libraries, PDF rendering for the print preview, the screens not shown yet (built on their first visit). Checked in a
real process started as a user starts it, on `sys.modules` once the window is on screen (not on time)."""

from __future__ import annotations

import json

import pytest

from pantry.db import Database
from tests.helpers import run_offscreen

PROBE = """
import json, sys
from ui import app

def shown(self):
    print(json.dumps(sorted(sys.modules)), flush=True)
    self.app.exit(0)

app.Desk._check_shown = shown
sys.exit(app.main(sys.argv[1:]))
"""

LATER = (
    "openpyxl",  # spreadsheets: exports and imports
    "pypdfium2",  # PDF pages drawn for the print preview
    "ui.printing",
    "ui.screens.stock",
    "ui.screens.count",
    "ui.screens.pickups",
    "ui.screens.households",
    "ui.screens.reports",
    "ui.screens.settings",
    "ui.dialogs.about",
    "ui.dialogs.labels",
    "ui.dialogs.open_problem",
    "ui.dialogs.passphrase",
    "alembic",  # the database is at the newest revision: read with one query, nothing to migrate
    "pantry.sample",  # the sample pantry is made when someone asks to explore it
    "pantry.services.handover",  # handing over an order, on the Pickups screen
    "pantry.services.pickup_papers",  # pickup sheets and the day's list
)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules loaded when the window of a pantry at the newest revision is on screen."""
    folder = tmp_path_factory.mktemp("start")
    path = folder / "pantry.sqlite"
    from pantry.db import open_database

    database: Database = open_database(path)  # created and migrated here, so the start has nothing to migrate
    database.dispose()
    done = run_offscreen(
        "-c", PROBE, "--db", str(path), "--quit-after-ms", "0", timeout=120, PANTRY_DATA_DIR=str(folder / "data")
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_window_starts_with_what_its_first_screen_needs(loaded: set[str]) -> None:
    assert "ui.screens.intake" in loaded  # the first screen is built with the window
    early = sorted(name for name in LATER if name in loaded)
    assert early == [], f"imported before they are needed: {early}"


def test_the_window_starts_without_reportlab(loaded: set[str]) -> None:
    assert "reportlab" not in loaded
    assert "PIL" not in loaded and "barcode" not in loaded
