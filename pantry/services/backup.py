"""Consistent copies of a SQLite database through SQLite's own backup API (safe while the app is open)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from pantry.db import data_dir, sqlite_path
from pantry.errors import UserError


def default_backup_path(database: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d_%H%M%S")
    return data_dir() / "backups" / f"{database.stem}-{stamp}.sqlite"


def backup(engine: Engine, target: Path | None = None) -> Path:
    """Copy the open database to `target` (default: a dated file under the data folder). Returns the path."""
    source = sqlite_path(str(engine.url))
    if source is None:
        raise UserError("backup: only SQLite databases can be copied here; use the server's own tools (pg_dump)")
    destination = target or default_backup_path(source)
    if destination.exists():
        raise UserError(f"backup: {destination} already exists")
    destination.parent.mkdir(parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        copy = sqlite3.connect(destination)
        try:
            raw.driver_connection.backup(copy)  # type: ignore[union-attr]
        finally:
            copy.close()
    finally:
        raw.close()
    return destination
