"""The sample pantry: a realistic, deterministic catalog and months of history for newcomers, tests and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from pantry.db import Database, open_database


@dataclass(frozen=True)
class SampleSummary:
    items: int
    donors: int
    donations: int
    movements: int


def fill(session: Session, *, scale: int = 1, seed: int = 2026) -> SampleSummary:  # replaced below
    raise NotImplementedError


def ensure_sample_database(path: Path) -> Database:
    """Open the sample pantry at `path`, creating and filling it on first use."""
    new = not path.exists()
    database = open_database(path, org_name="Sample Pantry" if new else None)
    if new:
        with database.session() as session:
            fill(session)
    return database
