"""Opening a database that cannot be used says what happened and what to do - never a traceback: damaged, newer than
the app, locked by another program, read-only; and read-only opening itself."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from pantry import db
from pantry.cli import main
from pantry.db import Database, DatabaseProblem, open_database
from pantry.models import Donor
from pantry.services import stock


def problem_opening(path: Path, **options: bool) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path, **options)
    return caught.value


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def closed(database: Database, db_path: Path) -> Path:
    """A sound pantry database, not open."""
    database.dispose()
    return db_path


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Shopping list\n" * 100)
    problem = problem_opening(path)
    assert problem.kind == "damaged"
    assert problem.path == path
    assert str(problem).splitlines() == [
        f"database: cannot open {path}: file is not a database",
        "The file is damaged or is not a Pantry Desk database; nothing was changed. Restore it from a backup "
        "(`pantry restore FILE`, or Restore from a backup... in the window), or open the right file with --db.",
    ]
    assert not problem.read_only_possible
    assert path.read_text() == "Shopping list\n" * 100


def test_a_malformed_database(closed: Path) -> None:
    data = bytearray(closed.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's schema
    closed.write_bytes(bytes(data))
    problem = problem_opening(closed)
    assert problem.kind == "damaged"
    assert "database disk image is malformed" in str(problem)
    assert "Restore it from a backup" in str(problem)


def test_a_database_newer_than_the_app(closed: Path) -> None:
    with sqlite3.connect(closed) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0999'")
    before = closed.read_bytes()
    problem = problem_opening(closed)
    assert problem.kind == "newer"
    assert "was last used by a newer Pantry Desk (its schema is at revision 0999;" in str(problem)
    assert "Install the newer Pantry Desk" in str(problem)
    assert closed.read_bytes() == before
    assert not list(closed.parent.glob("*before-upgrade*"))


@pytest.fixture
def locked(closed: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Another program holds an exclusive lock on the file (SQLite's EXCLUSIVE locking mode)."""
    monkeypatch.setattr(db, "LOCK_WAIT_SECONDS", 0.2)
    holder = sqlite3.connect(closed, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE setting SET value = value WHERE key = 'org_name'")
    try:
        yield closed
    finally:
        holder.execute("COMMIT")
        holder.close()


def test_a_database_locked_by_another_program(locked: Path) -> None:
    problem = problem_opening(locked)
    assert problem.kind == "locked"
    assert str(problem).splitlines() == [
        f"database: {locked} is locked by another program (another Pantry Desk, or a tool that has the file open)",
        "Close the other program and start again; nothing was changed.",
    ]


def test_a_read_only_file(closed: Path) -> None:
    closed.chmod(0o444)
    problem = problem_opening(closed)
    assert problem.kind == "read_only"
    assert problem.read_only_possible
    assert str(problem).startswith(f"database: cannot write to {closed}: the file is read-only\n")
    assert "or open it read-only to look without changing anything" in str(problem)


def test_a_read_only_folder(closed: Path) -> None:
    for side in ("-wal", "-shm"):
        closed.with_name(closed.name + side).unlink(missing_ok=True)
    closed.parent.chmod(0o555)
    try:
        problem = problem_opening(closed)
    finally:
        closed.parent.chmod(0o755)
    assert problem.kind == "read_only"
    assert problem.read_only_possible
    assert f"its folder {closed.parent} is read-only" in str(problem)
    closed.parent.chmod(0o555)
    try:
        database = open_database(closed, read_only=True)
        with database.session() as session:
            assert stock.stock_by_item(session) == []
        database.dispose()
    finally:
        closed.parent.chmod(0o755)


def test_a_new_database_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cd"
    folder.mkdir(mode=0o555)
    try:
        problem = problem_opening(folder / "pantry.sqlite")
    finally:
        folder.chmod(0o755)
    assert problem.kind == "read_only"
    assert not problem.read_only_possible
    assert not (folder / "pantry.sqlite").exists()


def test_opening_read_only_reads_and_refuses_writes_with_a_message(database: Database, closed: Path) -> None:
    closed.chmod(0o444)
    database = open_database(closed, read_only=True)
    try:
        assert database.read_only
        with database.session() as session:
            assert stock.stock_by_item(session) == []
        refused = pytest.raises(DatabaseProblem, match="This pantry is open read-only: nothing can be saved")
        with refused as caught, database.session() as session:
            session.add(Donor(name="Nope", name_key="nope", kind="individual"))
        assert caught.value.kind == "read_only"
    finally:
        database.dispose()


def test_read_only_refuses_a_database_that_needs_an_upgrade(closed: Path) -> None:
    with sqlite3.connect(closed) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0004'")
    problem = problem_opening(closed, read_only=True)
    assert problem.kind == "read_only"
    assert "needs an upgrade, which cannot be done read-only" in str(problem)


# --- the command line prints the message and exits 1 ---------------------------------------------------------------


def test_the_cli_prints_each_problem_and_exits_1(closed: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    newer = tmp_path / "newer.sqlite"
    shutil.copyfile(closed, newer)
    with sqlite3.connect(newer) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0999'")
    code, out, err = cli(capsys, "--db", str(newer), "stock")
    assert (code, out) == (1, "")
    assert err.startswith(f"database: {newer} was last used by a newer Pantry Desk")
    assert "Traceback" not in err

    closed.chmod(0o444)
    code, out, err = cli(capsys, "--db", str(closed), "stock")
    assert (code, out) == (1, "")
    assert err.startswith(f"database: cannot write to {closed}: the file is read-only\n")
    code, out, err = cli(capsys, "--db", str(closed), "--read-only", "stock")
    assert (code, out, err) == (0, "No stock on hand.\n", "")


def test_the_cli_on_a_locked_database(locked: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli(capsys, "--db", str(locked), "verify")
    assert (code, out) == (1, "")
    assert err.startswith(f"database: {locked} is locked by another program")
