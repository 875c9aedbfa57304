"""Building test data through the services a desk uses."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy.orm import Session

from pantry.services import catalog, intake, users

BEANS_UPC = "041000123450"
MILK_UPC = "012345678905"


def admin_id(session: Session) -> int:
    return users.acting_user(session).id


def beans(session: Session) -> catalog.ItemInfo:
    info, _ = catalog.save_item(
        session,
        catalog.ItemSpec(
            name="Black beans 15 oz",
            sku="BB15",
            category="Canned protein",
            unit_weight_g=480,
            unit_value_cents=129,
            shelf_life_days=540,
            par_level=24,
            codes=((BEANS_UPC, 1), ("10041000123457", 24)),
        ),
        admin_id(session),
    )
    return info


def milk(session: Session) -> catalog.ItemInfo:
    info, _ = catalog.save_item(
        session,
        catalog.ItemSpec(
            name="Milk 1 gal",
            sku="MILK",
            category="Dairy",
            unit_weight_g=3900,
            unit_value_cents=349,
            storage="chilled",
            date_kind="use_by",
            shelf_life_days=10,
            codes=((MILK_UPC, 1),),
        ),
        admin_id(session),
    )
    return info


def produce(session: Session) -> catalog.ItemInfo:
    info, _ = catalog.save_item(
        session,
        catalog.ItemSpec(name="Mixed produce", sku="PRODUCE", unit="lb", unit_value_cents=167, shelf_life_days=7),
        admin_id(session),
    )
    return info


def donate(
    session: Session, *lines: intake.IntakeLine, on: dt.date | None = None, donor_id: int | None = None
) -> intake.SavedDonation:
    draft = intake.DonationDraft(received_on=on or dt.date.today(), lines=list(lines), donor_id=donor_id)
    return intake.record_donation(session, draft, admin_id(session))


def every_row(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a SQLite file, in a fixed order: equal dumps mean nothing was written (tables
    without a rowid included)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}
    finally:
        connection.close()


ROOT = Path(__file__).resolve().parents[1]


def run_offscreen(*args: str, timeout: int = 300, **env: str) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in a process of its own, Qt offscreen and `env` added, from the project's folder: what a test of
    a whole start (the window, a script) runs."""
    return subprocess.run(
        [sys.executable, *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
