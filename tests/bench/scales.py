"""The benchmark databases, built once from the sample generator and kept in bench-out/ (delete a file to rebuild it).

- small: the sample pantry as a newcomer gets it (`sample.fill`): 150 items, ~6 months, 120 households.
- large: 1,000,000 movements over 3 years, 20,000 lots on hand, 5,000 households, 20,000 items (`sample_bulk`).
- food-bank: 10,000,000 movements over 3 years (the reports that must scale: roll-forward, stock as of).

`python -m tests.bench.scales [small|large|food-bank ...]` builds them ahead of a run; `make bench` builds what is
missing. A build writes to a temporary name and renames it when done, so a killed build never looks finished.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from pantry import sample, sample_bulk
from pantry.db import open_database
from pantry.services import verify

OUT = Path(__file__).resolve().parents[2] / "bench-out"
TODAY = dt.date(2026, 11, 25)
VERSION = 3  # bump when the generator changes shape, so cached files are rebuilt

SHAPES = {
    "large": sample_bulk.Shape(movements=1_000_000, on_hand_lots=20_000, households=5_000, items=20_000),
    "food-bank": sample_bulk.Shape(movements=10_000_000, on_hand_lots=40_000, households=20_000, items=20_000),
}
SCALES = ("small", *SHAPES)


def path(scale: str) -> Path:
    return OUT / f"{scale}-v{VERSION}.sqlite"


def build(scale: str) -> Path:
    """The database of `scale`, built (and verified) when it is not in bench-out/ yet."""
    target = path(scale)
    if target.exists():
        return target
    OUT.mkdir(exist_ok=True)
    partial = target.with_suffix(".building")
    for leftover in OUT.glob(partial.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    database = open_database(partial, org_name="Eastside Community Food Bank")
    try:
        if scale == "small":
            with database.session() as session:
                summary: object = sample.fill(session, today=TODAY)
        else:
            summary = sample_bulk.fill(database, SHAPES[scale], today=TODAY)
        built = time.perf_counter() - started
        with database.session() as session:
            session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        with database.session() as session:
            report = verify.verify(session)
        if not report.ok:
            raise RuntimeError(f"{scale}: the built database does not verify: {report.problems[:5]}")
    finally:
        database.dispose()
    partial.rename(target)
    line = f"built {scale} in {built:.0f} s: {summary}; verify: {'; '.join(report.checks)}"
    print(line, flush=True)
    with (OUT / "builds.txt").open("a") as log:
        log.write(line + "\n")
    return target


if __name__ == "__main__":
    for name in sys.argv[1:] or SCALES:
        build(name)
