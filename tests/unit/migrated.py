"""Open a copy of one migrated database file instead of migrating a new file for every test.

Migrating a new SQLite file takes about half a second; copying a migrated one takes about ten milliseconds. The copy
is opened with `open_database` like any other, so a test gets what the shared `database` fixture gives, only sooner.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pantry.db import Database, open_database

_template: list[Path] = []  # made once per test run, in pytest's temporary folder


def open_copy(tmp_path_factory: pytest.TempPathFactory, path: Path) -> Database:
    if not _template:
        template = tmp_path_factory.mktemp("migrated") / "template.sqlite"
        open_database(template).dispose()
        _template.append(template)
    shutil.copyfile(_template[0], path)
    return open_database(path)
