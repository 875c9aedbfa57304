"""Backups: the copy and what it says about itself, the chosen folder and its fallback, daily copies and rotation,
owner-only files."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from pantry import __version__
from pantry.db import Database, data_dir, open_database
from pantry.errors import UserError
from pantry.migrations import HEAD
from pantry.services import backup
from pantry.services.setup import get_setting

MONDAY = dt.date(2026, 3, 2)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def settings(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as raw:
        return dict(raw.execute("SELECT key, value FROM setting").fetchall())


def test_a_copy_says_what_it_is_and_is_the_owners_only(database: Database, tmp_path: Path) -> None:
    target = backup.backup(database.engine, tmp_path / "copy.sqlite")
    stamps = {key: value for key, value in settings(target).items() if key.startswith("backup.")}
    assert stamps.keys() == set(backup.STAMP_KEYS)
    assert stamps["backup.kind"] == "manual"
    assert stamps["backup.app_version"] == __version__
    assert stamps["backup.schema_revision"] == HEAD
    assert stamps["backup.source"] == "pantry.sqlite"
    assert dt.datetime.fromisoformat(stamps["backup.taken_at"]).tzinfo is not None
    assert mode(target) == 0o600
    assert not target.with_name("copy.sqlite-wal").exists()  # a single file, whatever the original's journal
    with sqlite3.connect(target) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_the_database_records_the_app_version(database: Database) -> None:
    with database.session() as session:
        assert get_setting(session, "app_version") == __version__


def test_new_database_files_and_the_backup_folder_are_the_owners_only(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        assert mode(db_path) == 0o600
        for side in ("-wal", "-shm"):
            assert mode(db_path.with_name(db_path.name + side)) == 0o600
        daily = backup.automatic(database, today=MONDAY)
        assert daily.path is not None
        assert mode(daily.path) == 0o600
        assert mode(daily.folder) == 0o700
        assert mode(daily.folder / backup.MANIFEST) == 0o600
    finally:
        database.dispose()


def test_automatic_makes_one_copy_a_day_in_the_default_folder(database: Database) -> None:
    first = backup.automatic(database, today=MONDAY)
    assert first.path == data_dir() / "backups" / "pantry-daily-2026-03-02.sqlite"
    assert first.warning is None
    assert settings(first.path)["backup.kind"] == "daily"
    again = backup.automatic(database, today=MONDAY)
    assert again.path is None
    assert backup.automatic(database, today=MONDAY + dt.timedelta(days=1)).path is not None


def test_automatic_goes_to_the_chosen_folder(database: Database, tmp_path: Path) -> None:
    stick = tmp_path / "usb" / "pantry-backups"
    assert backup.set_folder(database, stick) == stick
    with database.session() as session:
        assert get_setting(session, backup.FOLDER_SETTING) == str(stick)
    made = backup.automatic(database, today=MONDAY)
    assert made.path == stick / "pantry-daily-2026-03-02.sqlite"
    assert made.warning is None


def test_a_missing_chosen_folder_falls_back_to_the_default_with_a_warning(database: Database, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    backup.set_folder(database, stick)
    stick.rmdir()  # the stick is out
    made = backup.automatic(database, today=MONDAY)
    assert made.path == data_dir() / "backups" / "pantry-daily-2026-03-02.sqlite"
    assert made.warning is not None
    assert str(stick) in made.warning
    assert "is the USB stick or network drive connected?" in made.warning


def test_a_folder_that_cannot_be_chosen_is_refused(database: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match="backup folder: cannot write to"):
        backup.set_folder(database, blocker / "backups")
    with database.session() as session:
        assert get_setting(session, backup.FOLDER_SETTING) == ""


def test_kept_days_follow_7_daily_5_weekly_12_monthly() -> None:
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(500)]  # 2025-01-01 .. 2026-05-15
    kept = backup.kept_days(days)
    newest = days[-1]
    daily = {newest - dt.timedelta(days=n) for n in range(7)}
    # weekly: the newest day of each of the last 5 ISO weeks (Sundays, but for the running week)
    weekly = {newest, *(dt.date(2026, 5, 10) - dt.timedelta(weeks=n) for n in range(4))}
    # monthly: the newest day of each of the last 12 months
    monthly = {newest} | {
        dt.date(year, month, 1) - dt.timedelta(days=1)
        for year, month in [(2026, 5), (2026, 4), (2026, 3), (2026, 2), (2026, 1)]
        + [(2025, m) for m in range(12, 6, -1)]
    }
    assert kept == daily | weekly | monthly
    assert len(kept) == len(daily | weekly | monthly) <= 7 + 5 + 12


def test_rotation_over_a_year_of_starts_keeps_the_policy(tmp_path: Path) -> None:
    days = [MONDAY + dt.timedelta(days=n) for n in range(400)]
    for day in days:  # what `automatic` does each day, with small files for speed
        name = backup.daily_name(Path("pantry.sqlite"), day)
        (tmp_path / name).write_text(str(day))
        backup.remember(tmp_path, name)
        backup.rotate(tmp_path, "pantry")
    left = sorted(path.name for path in tmp_path.glob("pantry-daily-*.sqlite"))
    assert left == sorted(backup.daily_name(Path("pantry.sqlite"), day) for day in backup.kept_days(days))
    assert len(left) <= 7 + 5 + 12


def test_rotation_never_deletes_a_file_it_did_not_make(database: Database) -> None:
    folder = data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    lookalike = folder / "pantry-daily-2020-01-01.sqlite"  # someone's own file, named like ours
    lookalike.write_text("mine")
    manual = backup.backup(database.engine)
    before_restore = folder / "pantry-before-restore-20200101T000000Z.sqlite"
    before_restore.write_text("kept")
    for n in range(20):
        backup.automatic(database, today=MONDAY + dt.timedelta(days=n))
    assert lookalike.read_text() == "mine"
    assert manual.exists()
    assert before_restore.read_text() == "kept"
    assert len(list(folder.glob("pantry-daily-*.sqlite"))) < 20


def test_a_database_behind_is_copied_to_the_backup_folder_before_the_upgrade(db_path: Path, tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from pantry.db import alembic_config

    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.exec_driver_sql("INSERT INTO setting (key, value) VALUES ('backup.folder', ?)", (str(tmp_path),))
    engine.dispose()
    open_database(db_path).dispose()
    (copy,) = tmp_path.glob("pantry-before-upgrade-from-0004-*.sqlite")
    stamps = settings(copy)
    assert (stamps["backup.kind"], stamps["backup.schema_revision"]) == ("before-upgrade", "0004")
    assert mode(copy) == 0o600


@pytest.mark.parametrize("role", ["volunteer", "shift_lead", "treasurer", "admin"])
def test_a_copy_on_request_and_a_new_folder_are_an_admin_s(database: Database, tmp_path: Path, role: str) -> None:
    from pantry.services import permissions, users

    with database.session() as session:
        admin = users.acting_user(session).id
        acting = admin if role == "admin" else users.add_user(session, f"Pat {role}", role, admin).id
    target, folder = tmp_path / "copy.sqlite", tmp_path / "stick"
    if role == "admin":
        assert backup.make_copy(database, acting, target) == (target, None)
        assert backup.set_folder(database, folder, acting) == folder.resolve()
        return
    with pytest.raises(permissions.PermissionDenied):
        backup.make_copy(database, acting, target)
    with pytest.raises(permissions.PermissionDenied):
        backup.set_folder(database, folder, acting)
    assert not target.exists() and not folder.exists()
