"""Restore: a backup comes back whole (every row of every table), what it replaces is kept, wrong files are refused;
`pantry restore FILE [--yes]` and `pantry backup --folder DIR --set` from the command line."""

from __future__ import annotations

import io
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from pantry.cli import main
from pantry.db import Database, current_revision, open_database
from pantry.errors import UserError
from pantry.migrations import HEAD
from pantry.models import Donor
from pantry.services import backup, permissions, restore, users
from pantry.services.setup import get_setting


def everything(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as raw:
        tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: sorted(raw.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables}


@pytest.fixture
def sampled(database: Database) -> Database:
    from pantry import sample

    with database.session() as session:
        sample.fill(session)
    return database


def test_round_trip_keeps_every_row_of_every_table(sampled: Database, db_path: Path, tmp_path: Path) -> None:
    copy = backup.backup(sampled.engine, tmp_path / "saturday.sqlite")
    sampled.dispose()
    before = everything(db_path)
    assert sum(len(rows) for rows in before.values()) > 1000
    changed = open_database(db_path)  # work after the backup, lost on purpose by the restore
    with changed.session() as session:
        session.add(Donor(name="Late donor", name_key="late donor", kind="individual"))
    changed.dispose()
    assert everything(db_path) != before

    done = restore.restore(copy, db_path)
    assert everything(db_path) == before
    assert done.kept is not None
    assert done.kept.parent == backup.default_folder()
    assert "-before-restore-" in done.kept.name
    assert stat.S_IMODE(done.kept.stat().st_mode) == 0o600
    assert ("Late donor",) in [row[1:2] for row in everything(done.kept)["donor"]]
    reopened = open_database(db_path)
    try:
        with reopened.session() as session:
            assert get_setting(session, "backup.kind") == ""  # the copy's own stamps stay with the copy
    finally:
        reopened.dispose()


def test_restore_while_the_database_is_open_elsewhere(database: Database, db_path: Path, tmp_path: Path) -> None:
    copy = backup.backup(database.engine, tmp_path / "copy.sqlite")
    with database.session() as session:
        session.add(Donor(name="After", name_key="after", kind="individual"))
    restore.restore(copy, db_path)  # the engine still holds its connections: the backup API copes, a file copy won't
    with database.session() as session:
        assert session.query(Donor).filter_by(name="After").count() == 0


def test_a_file_that_is_not_sqlite_is_refused(database: Database, db_path: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("shopping list\n" * 200)
    before = everything(db_path)
    with pytest.raises(UserError, match=r"is not a Pantry Desk database \(file is not a database\); nothing was"):
        restore.restore(notes, db_path)
    assert everything(db_path) == before
    assert not list(backup.default_folder().glob("*before-restore*"))


def test_a_sqlite_file_of_another_program_is_refused(database: Database, db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "recipes.sqlite"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE recipe (name TEXT)")
    with pytest.raises(UserError, match=r"is not a Pantry Desk database \(it has no alembic_version, app_user"):
        restore.restore(other, db_path)


def test_a_backup_from_a_newer_app_is_refused(database: Database, db_path: Path, tmp_path: Path) -> None:
    newer = backup.backup(database.engine, tmp_path / "newer.sqlite")
    with sqlite3.connect(newer) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
        raw.execute("UPDATE setting SET value = '9.0.0' WHERE key = 'backup.app_version'")
    with pytest.raises(UserError, match=r"was made by a newer Pantry Desk \(9\.0\.0\): its schema is at revision 9999"):
        restore.restore(newer, db_path)


def test_a_damaged_backup_is_refused(database: Database, db_path: Path, tmp_path: Path) -> None:
    copy = backup.backup(database.engine, tmp_path / "copy.sqlite")
    data = bytearray(copy.read_bytes())
    data[len(data) // 2 :] = b"\x00" * (len(data) - len(data) // 2)
    copy.write_bytes(bytes(data))
    with pytest.raises(UserError, match=r"restore: .* (is damaged|is not a Pantry Desk database)"):
        restore.restore(copy, db_path)


def test_a_damaged_database_is_replaced_and_kept_byte_for_byte(
    database: Database, db_path: Path, tmp_path: Path
) -> None:
    copy = backup.backup(database.engine, tmp_path / "copy.sqlite")
    database.dispose()
    expected = everything(db_path)
    for side in ("-wal", "-shm"):
        db_path.with_name(db_path.name + side).unlink(missing_ok=True)
    db_path.write_bytes(b"garbage" * 1000)
    done = restore.restore(copy, db_path)
    assert done.kept is not None and done.kept.name.endswith("-damaged.sqlite")
    assert done.kept.read_bytes() == b"garbage" * 1000
    assert everything(db_path) == expected
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_an_older_backup_is_upgraded_on_the_next_open(db_path: Path, tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from pantry.db import alembic_config

    old = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    engine.dispose()
    open_database(db_path).dispose()
    restore.restore(old, db_path)
    database = open_database(db_path)
    try:
        assert current_revision(database.engine) == HEAD
    finally:
        database.dispose()


# --- the command ---------------------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_pantry_restore_yes(database: Database, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    copy = backup.backup(database.engine, tmp_path / "copy.sqlite")
    database.dispose()
    code, out, err = run(capsys, "--db", str(db_path), "restore", str(copy), "--yes")
    assert (code, err) == (0, "")
    assert out.startswith("The database it replaced is kept as ")
    assert f"Restored {db_path} from {copy} (taken " in out


def test_pantry_restore_refuses_to_guess_without_a_terminal(
    database: Database,
    db_path: Path,
    tmp_path: Path,
    capsys,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    copy = backup.backup(database.engine, tmp_path / "copy.sqlite")
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, err = run(capsys, "--db", str(db_path), "restore", str(copy))
    assert (code, out) == (1, "")
    assert err == "restore: not at a terminal, so nothing to confirm with; add --yes to replace the database\n"


@pytest.mark.parametrize(("answer", "replaced"), [("y\n", True), ("\n", False), ("no\n", False)])
def test_pantry_restore_asks_on_a_terminal(
    database: Database,
    db_path: Path,
    tmp_path: Path,
    capsys,
    monkeypatch,
    answer: str,
    replaced: bool,  # type: ignore[no-untyped-def]
) -> None:
    copy = backup.backup(database.engine, tmp_path / "copy.sqlite")
    with database.session() as session:
        session.add(Donor(name="After", name_key="after", kind="individual"))
    database.dispose()
    info = restore.check_backup(copy)
    stdin = io.StringIO(answer)
    stdin.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, _err = run(capsys, "--db", str(db_path), "restore", str(copy))
    assert out.startswith(f"Replace {db_path} with {copy} (taken {info.taken_at})? [y/N] ")
    assert code == (0 if replaced else 1)
    donors = [row[1] for row in everything(db_path)["donor"]]
    assert ("After" not in donors) is replaced


def test_pantry_restore_refuses_a_wrong_file_with_exit_1(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    open_database(db_path).dispose()
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    code, out, err = run(capsys, "--db", str(db_path), "restore", str(notes), "--yes")
    assert (code, out) == (1, "")
    assert err.startswith(f"restore: {notes} is not a Pantry Desk database")


def test_only_an_admin_restores(database: Database, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    copy = backup.backup(database.engine, tmp_path / "copy.sqlite")
    with database.session() as session:
        users.add_user(session, "sam", "volunteer", None)
    database.dispose()
    code, _out, err = run(capsys, "--db", str(db_path), "--user", "sam", "restore", str(copy), "--yes")
    assert code == 1
    assert "sam (volunteer) may not make or restore backups" in err


def test_the_core_says_who_may_restore_before_it_reads_the_file(database: Database, tmp_path: Path) -> None:
    """What the window asks before "replace everything?" (ui/settings_tasks.check_restore): an admin's, as backups are;
    a volunteer is refused before the file is even looked at, and a desk nobody signed in to is told to sign in."""
    copy = backup.backup(database.engine, tmp_path / "copy.sqlite")
    nowhere = tmp_path / "nowhere.sqlite"
    with database.session() as session:
        sam = users.add_user(session, "Sam", "volunteer", None)
        lee = users.add_user(session, "Lee", "shift_lead", None)
        admin = users.acting_user(session).id
    for user in (sam, lee):
        refused = (
            f"^{user.name} \\({permissions.role_word(user.role)}\\) may not make or restore backups: ask an admin$"
        )
        for source in (copy, nowhere):
            with pytest.raises(permissions.PermissionDenied, match=refused), database.session() as session:
                restore.check_restore(session, source, user.id)

    with database.session() as session:
        assert restore.check_restore(session, copy, admin).path == copy
    with pytest.raises(UserError, match=r"^restore: there is no file at"), database.session() as session:
        restore.check_restore(session, nowhere, admin)

    permissions.bind_user(database.sessions, None, sign_in_required=True)  # a locked desk: nobody signed in
    locked = r"^sign in: PINs are on, so only a signed-in user may make or restore backups"
    with pytest.raises(UserError, match=locked), database.session() as session:
        restore.check_restore(session, copy, None)
    permissions.bind_user(database.sessions, admin)
    with database.session() as session:
        assert restore.check_restore(session, copy, None).path == copy  # the signed-in admin


def test_pantry_backup_folder_set_then_used(database: Database, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "stick"
    database.dispose()
    code, out, _ = run(capsys, "--db", str(db_path), "backup", "--folder", str(stick), "--set")
    assert (code, out) == (0, f"Backup folder: {stick}\n")
    code, out, _ = run(capsys, "--db", str(db_path), "backup")
    written = Path(out.removeprefix("Backup written: ").strip())
    assert (code, written.parent) == (0, stick)
    shutil.rmtree(stick)
    code, out, err = run(capsys, "--db", str(db_path), "backup")
    assert code == 0
    assert Path(out.removeprefix("Backup written: ").strip()).parent == backup.default_folder()
    assert err.startswith(f"backup: the backup folder {stick} is not there")
    code, _, err = run(capsys, "--db", str(db_path), "backup", "--set")
    assert (code, err) == (1, "backup: --set needs --folder DIR (the folder to use from now on)\n")
