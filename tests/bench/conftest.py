"""Benchmark fixtures: the three scales (built once, cached in bench-out/), and the table at the end of the run."""

from __future__ import annotations

import compileall
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pantry.db import Database, open_database
from tests.bench import harness, scales


@pytest.fixture(scope="session")
def small_db() -> Path:
    return scales.build("small")


@pytest.fixture(scope="session")
def large_db() -> Path:
    return scales.build("large")


@pytest.fixture(scope="session")
def food_bank_db() -> Path:
    return scales.build("food-bank")


@pytest.fixture(scope="session")
def compiled() -> None:
    """Whole-process figures run the app as installed, with its modules compiled (pip and PyInstaller compile them;
    under PYTHONDONTWRITEBYTECODE every run would otherwise compile all of pantry and ui first)."""
    for package in ("pantry", "ui"):
        compileall.compile_dir(harness.ROOT / package, quiet=1)


def _open_copy(source: Path, folder: Path) -> Database:
    target = folder / source.name
    shutil.copyfile(source, target)
    return open_database(target)


@pytest.fixture(scope="module")
def large_copy(large_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A copy of the large database the module may write to (and that migrating never touches the cache)."""
    database = _open_copy(large_db, tmp_path_factory.mktemp("large"))
    yield database
    database.dispose()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not harness.RESULTS:
        return
    terminalreporter.section("benchmark figures")
    for line in harness.table(harness.RESULTS):
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"in {harness.RESULTS_JSON.name} (merged with earlier runs' other figures)")
