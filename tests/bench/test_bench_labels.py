"""Benchmark: label PDFs. Prints figures and appends them to bench-out/figures.txt; asserts nothing about speed.

Rows come from the sample pantry's stock (real names, storages and dates), each given its own lot code so that no
barcode is drawn from a cache another label filled; caches are emptied before every run.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pantry import sample
from pantry.codes import make_code
from pantry.db import open_database
from pantry.documents import barcode_drawing
from pantry.documents import labels as documents
from pantry.documents.label_layouts import LAYOUTS
from pantry.services import labels as service
from pantry.services.labels import LotLabel

OUT = Path(__file__).resolve().parents[2] / "bench-out"


def _report(name: str, value: str) -> None:
    line = f"BENCH {name}: {value}"
    print(line)
    OUT.mkdir(exist_ok=True)
    with (OUT / "figures.txt").open("a") as figures:
        figures.write(line + "\n")


@pytest.fixture(scope="module")
def pantry_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("labels") / "sample.sqlite"
    database = open_database(path, org_name="Eastside Community Food Pantry")
    with database.session() as session:
        sample.fill(session)
    database.dispose()
    return path


def _rows(path: Path, count: int) -> list[LotLabel]:
    database = open_database(path)
    with database.session() as session:
        stock = service.in_stock_labels(session)
    database.dispose()
    return [dataclasses.replace(stock[index % len(stock)], code=make_code("lot", index + 1)) for index in range(count)]


def _cold() -> None:
    for cached in (
        barcode_drawing.code128_pattern,
        barcode_drawing.bar_runs,
        barcode_drawing.bars_operators,
        documents.text_width,
    ):
        cached.cache_clear()


def _seconds(rows: list[LotLabel], layout: str) -> tuple[float, int]:
    timings = []
    size = 0
    for _ in range(3):
        _cold()
        started = time.perf_counter()
        size = len(documents.render_pdf(rows, LAYOUTS[layout]))
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), size


def test_label_pdfs(pantry_db: Path) -> None:
    roll, roll_bytes = _seconds(_rows(pantry_db, 1000), "thermal-2x1")
    sheet, sheet_bytes = _seconds(_rows(pantry_db, 3000), "avery-5160")
    _report(
        "labels",
        f"1,000 lot labels (thermal-2x1) {roll:.2f} s, {roll_bytes / 1e6:.1f} MB; 3,000 on avery-5160 {sheet:.2f} s, "
        f"{sheet_bytes / 1e6:.1f} MB (targets <= 1.5 s, <= 3 s)",
    )


def test_labels_command_all_in_stock(pantry_db: Path, tmp_path: Path) -> None:
    pantry = Path(sys.executable).with_name("pantry")
    output = tmp_path / "stock.pdf"
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        done = subprocess.run(
            [
                str(pantry),
                "--db",
                str(pantry_db),
                "labels",
                "--all-in-stock",
                "--layout",
                "avery-5160",
                "-o",
                str(output),
            ],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ},
        )
        timings.append(time.perf_counter() - started)
    count = done.stdout.split()[0]
    _report("pantry labels --all-in-stock", f"{count} labels on avery-5160, median {statistics.median(timings):.2f} s")
