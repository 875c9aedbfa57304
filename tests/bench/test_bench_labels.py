"""Benchmark: label PDFs against a bare ReportLab canvas drawing the same pages (the floor). No time is asserted.

Rows come from the sample pantry's stock (real names, storages and dates), each given its own lot code so that no
barcode is drawn from a cache another label filled; caches are emptied before every run.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pantry.codes import make_code
from pantry.db import open_database
from pantry.documents import barcode_drawing
from pantry.documents import labels as documents
from pantry.documents.label_layouts import LAYOUTS
from pantry.services import labels as service
from pantry.services.labels import LotLabel
from tests.bench import floors, harness


@pytest.fixture(scope="module")
def pantry_db(small_db: Path) -> Path:
    return small_db


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


def _render(rows: list[LotLabel], layout: str) -> None:
    _cold()
    documents.render_pdf(rows, LAYOUTS[layout])


@pytest.mark.parametrize(("count", "layout", "per_page", "target"), [(1000, "thermal-2x1", 1, 1500),
                                                                      (3000, "avery-5160", 30, 3000)])  # fmt: skip
def test_label_pdfs(pantry_db: Path, count: int, layout: str, per_page: int, target: float) -> None:
    rows = _rows(pantry_db, count)
    size = len(documents.render_pdf(rows, LAYOUTS[layout]))
    timings = harness.timings(lambda: _render(rows, layout), 3, warm_up=0)
    floor = harness.timings(lambda: floors.labels_pdf(rows, per_page), 3, warm_up=0)
    harness.record(f"{count:,} lot labels on {layout} to PDF", "small", timings, target, floor,
                   note=f"{size / 1e6:.1f} MB")  # fmt: skip


@pytest.mark.usefixtures("compiled")
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
        timings.append((time.perf_counter() - started) * 1000)
    count = done.stdout.split()[0]
    harness.record("pantry labels --all-in-stock (whole process)", "small", timings, None,
                   note=f"{count} labels on avery-5160")  # fmt: skip
