"""`pantry-desk --quit-after-ms N`: the start-up check the bundle's smoke test runs (a real process, offscreen)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pantry.db import open_database
from tests.helpers import run_offscreen


def run_desk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    launch = "import sys; from ui.app import main; sys.exit(main())"
    return run_offscreen("-c", launch, *args, timeout=120, PANTRY_DATA_DIR=str(tmp_path / "data"))


def test_opens_shows_the_window_and_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "pantry.sqlite"
    open_database(path, org_name="Eastside Food Shelf").dispose()

    done = run_desk(tmp_path, "--db", str(path), "--quit-after-ms", "200")

    assert done.returncode == 0, done.stderr
    assert f"pantry-desk: window shown on sqlite:///{path}" in done.stderr


def test_a_database_it_cannot_open_exits_1_with_the_reason_and_no_dialog(tmp_path: Path) -> None:
    path = tmp_path / "not-a-database.sqlite"
    path.write_bytes(b"this is not SQLite" * 100)

    done = run_desk(tmp_path, "--db", str(path), "--quit-after-ms", "200")

    assert done.returncode == 1
    assert "pantry-desk: could not open the database:" in done.stderr


def test_version(tmp_path: Path) -> None:
    from pantry import __version__

    done = run_desk(tmp_path, "--version")

    assert done.returncode == 0
    assert done.stdout.strip() == f"pantry-desk {__version__}"
