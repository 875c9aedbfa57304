"""Shared fixtures: real SQLite files in a temporary folder, built through the same services a user would use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the real user data folder and from a PANTRY_DB set in the shell."""
    monkeypatch.setenv("PANTRY_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("PANTRY_DB", raising=False)


@pytest.fixture(autouse=True)
def _english_desk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test runs on an English desk whatever the machine's locale (PANTRY_LANG=en, no process choice), unless
    it chooses a language itself (monkeypatch.setenv / delenv, `i18n.desk("es")`, `pantry --lang es`)."""
    from pantry import i18n

    monkeypatch.setenv(i18n.ENV, i18n.ENGLISH)
    i18n.set_desk_language(None)
    yield
    i18n.set_desk_language(None)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "pantry.sqlite"


@pytest.fixture
def database(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A new pantry database (a copy of one migrated once per run: migrating each file costs ~0.5 s)."""
    from tests.unit.migrated import open_copy

    db = open_copy(tmp_path_factory, db_path)
    yield db
    db.dispose()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
