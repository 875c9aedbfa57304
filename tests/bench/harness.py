"""One way to record a benchmark figure, one table at the end, one JSON file to compare runs.

Every benchmark calls `record(figure, scale, timings_ms, target_ms, floor_ms=None)`. At the end of the session the
conftest prints the table (figure, scale, median, p95, target, floor ratio, ok / MISSED, and PostgreSQL's median
beside SQLite's when the PostgreSQL benchmarks ran) and merges this run's figures into `bench-results.json` at the
repository root as each figure is taken (figures this run did not take keep their last values, each stamped with
when it was taken).

The floor of a database figure is raw sqlite3 doing the same database work: `captured_sql` records the statements a
service sends to the driver, and `raw_sqlite_ms` replays them on a bare `sqlite3` connection and fetches every row.
Nothing here asserts a time; the suite reports.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

ROOT = Path(__file__).resolve().parents[2]
RESULTS_JSON = ROOT / "bench-results.json"
OUT = ROOT / "bench-out"


@dataclass
class Figure:
    figure: str
    scale: str
    median_ms: float | None
    p95_ms: float | None
    target_ms: float | None
    p95_target_ms: float | None = None
    floor_ms: float | None = None
    floor_ratio: float | None = None
    backend: str = "sqlite"
    unit: str = "ms"  # "ms", or "MB" for memory (the *_ms fields then hold megabytes)
    note: str = ""
    runs: int = 0
    taken_at: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    @property
    def ok(self) -> bool | None:
        if self.target_ms is None or self.median_ms is None:
            return None
        if self.median_ms > self.target_ms:
            return False
        return self.p95_target_ms is None or self.p95_ms is None or self.p95_ms <= self.p95_target_ms


RESULTS: list[Figure] = []


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def record(
    figure: str,
    scale: str,
    timings_ms: list[float],
    target_ms: float | None,
    floor_ms: list[float] | float | None = None,
    *,
    p95_target_ms: float | None = None,
    backend: str = "sqlite",
    unit: str = "ms",
    note: str = "",
) -> Figure:
    """Keep one figure: its timings (ms, or MB when unit="MB"), its target, and the floor's timings if it has one."""
    median = statistics.median(timings_ms)
    floor = None
    if floor_ms is not None:
        floor = statistics.median(floor_ms) if isinstance(floor_ms, list) else floor_ms
    result = Figure(
        figure=figure,
        scale=scale,
        median_ms=round(median, 2),
        p95_ms=round(percentile(timings_ms, 0.95), 2),
        target_ms=target_ms,
        p95_target_ms=p95_target_ms,
        floor_ms=None if floor is None else round(floor, 2),
        floor_ratio=None if not floor else round(median / floor, 2),
        backend=backend,
        unit=unit,
        note=note,
        runs=len(timings_ms),
    )
    RESULTS.append(result)
    verdict = {None: "", True: "ok", False: "MISSED"}[result.ok]
    floor_text = f", floor x{result.floor_ratio}" if result.floor_ratio is not None else ""
    target_text = f", target {target_ms:g}" if target_ms is not None else ""
    line = (
        f"BENCH [{backend}] {figure} ({scale}): median {median:.1f} {unit}, p95 {result.p95_ms:.1f} {unit}"
        f"{target_text}{floor_text} {verdict}{' - ' + note if note else ''}"
    )
    print(line)
    OUT.mkdir(exist_ok=True)
    with (OUT / "figures.txt").open("a") as figures:
        figures.write(line + "\n")
    write_json([result])  # at once, so that a run stopped half way keeps what it measured
    return result


def timings(run: Callable[[], Any], times: int, *, warm_up: int = 1) -> list[float]:
    """Milliseconds of `times` calls of `run`, after `warm_up` untimed ones."""
    for _ in range(warm_up):
        run()
    result = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        result.append((time.perf_counter() - started) * 1000)
    return result


@contextmanager
def captured_sql(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The statements (and driver parameters) sent through `engine` inside the block."""
    statements: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if not executemany and statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def raw_sqlite_ms(path: Path, statements: list[tuple[str, Any]], times: int = 5) -> list[float]:
    """Milliseconds for a bare sqlite3 connection to run `statements` and fetch all their rows."""
    raw = sqlite3.connect(path)
    try:

        def run() -> None:
            for statement, parameters in statements:
                raw.execute(statement, parameters or ()).fetchall()

        return timings(run, times)
    finally:
        raw.close()


def rss_mb(pid: int | None = None) -> float:
    """Resident memory (VmRSS) of a process, in MB."""
    status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc status")


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def table(figures: list[Figure]) -> list[str]:
    """The printed table: one row per SQLite (or whole-process) figure, PostgreSQL's median beside it."""
    postgres = {(f.figure, f.scale): f for f in figures if f.backend == "postgresql"}
    rows = [("figure", "scale", "median", "p95", "target", "floor ratio", "", "PostgreSQL median")]
    for f in figures:
        if f.backend == "postgresql":
            continue
        target = _cell(f.target_ms, f.unit)
        if f.p95_target_ms is not None:
            target += f" (p95 {_cell(f.p95_target_ms, f.unit)})"
        pg = postgres.pop((f.figure, f.scale), None)
        rows.append(
            (
                f.figure,
                f.scale,
                _cell(f.median_ms, f.unit),
                _cell(f.p95_ms, f.unit),
                target,
                "-" if f.floor_ratio is None else f"{f.floor_ratio:.2f}x",
                {None: "", True: "ok", False: "MISSED"}[f.ok],
                _cell(pg.median_ms, pg.unit) if pg else "",
            )
        )
    for f in postgres.values():
        rows.append((f.figure, f.scale, "", "", _cell(f.target_ms, f.unit), "", "", _cell(f.median_ms, f.unit)))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


def write_json(figures: list[Figure], path: Path = RESULTS_JSON) -> None:
    """Merge this run's figures into the JSON file: same figure, scale and backend replaced, others kept."""
    kept: list[dict[str, Any]] = []
    if path.exists():
        try:
            kept = json.loads(path.read_text())
        except ValueError:
            kept = []
    fresh = {(f.figure, f.scale, f.backend) for f in figures}
    merged = [entry for entry in kept if (entry["figure"], entry["scale"], entry.get("backend", "sqlite")) not in fresh]
    for f in figures:
        entry = {key: value for key, value in asdict(f).items() if value is not None and value != ""}
        entry["ok"] = f.ok
        merged.append(entry)
    path.write_text(json.dumps(merged, indent=1) + "\n")
