"""Encryption at rest (SQLCipher): converting a stocked pantry loses nothing, the file no longer shows a household's
name, the passphrase is needed (and a wrong one is a message), backups and restores stay encrypted."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from pantry.cli import main
from pantry.db import Database, DatabaseProblem, connect_file, looks_encrypted, open_database
from pantry.errors import UserError
from pantry.models import Household
from pantry.services import backup, encryption, restore

PASSPHRASE = "correct horse battery staple"


def everything(path: Path, passphrase: str | None = None) -> dict[str, list[tuple[object, ...]]]:
    with contextlib.closing(connect_file(path, passphrase)) as raw:
        tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: sorted(raw.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables}


def on_disk(path: Path) -> bytes:
    return b"".join(side.read_bytes() for side in (path, path.with_name(path.name + "-wal")) if side.exists())


_sampled: list[tuple[Path, str]] = []  # one sample pantry per run, copied for each test (filling takes seconds)


@pytest.fixture
def pantry_with_households(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A sample pantry (households included), closed; and one household's first name that is in the plain file."""
    from pantry import sample

    if not _sampled:
        template = tmp_path_factory.mktemp("sampled") / "template.sqlite"
        database = open_database(template)
        with database.session() as session:
            sample.fill(session)
            names = session.scalars(select(Household.first_name).where(Household.first_name != "")).all()
        database.dispose()
        _sampled.append((template, max(names, key=len)))
    template, name = _sampled[0]
    shutil.copyfile(template, db_path)
    assert name.encode() in on_disk(db_path)
    return db_path, name


def test_encrypting_keeps_every_row_and_hides_the_names(pantry_with_households: tuple[Path, str]) -> None:
    path, name = pantry_with_households
    before = everything(path)
    done = encryption.encrypt_file(path, PASSPHRASE)
    assert (done.tables, done.rows) == (len(before), sum(len(rows) for rows in before.values()))
    assert looks_encrypted(path)
    assert name.encode() not in on_disk(path)
    assert not path.with_name(path.name + ".plain-until-verified").exists()
    assert everything(path, PASSPHRASE) == before

    database = open_database(path, passphrase=PASSPHRASE)
    try:
        with database.session() as session:
            assert name in session.scalars(select(Household.first_name)).all()
        copy = backup.automatic(database).path
    finally:
        database.dispose()
    assert name.encode() not in on_disk(path)
    assert copy is not None and looks_encrypted(copy)
    assert name.encode() not in copy.read_bytes()
    assert everything(copy, PASSPHRASE)["household"] == before["household"]


def test_an_encrypted_database_needs_its_passphrase(database: Database, db_path: Path) -> None:
    database.dispose()
    encryption.encrypt_file(db_path, PASSPHRASE)
    with pytest.raises(DatabaseProblem) as missing:
        open_database(db_path)
    assert missing.value.kind == "encrypted"
    assert "is encrypted" in str(missing.value)
    with pytest.raises(DatabaseProblem) as wrong:
        open_database(db_path, passphrase="not the passphrase")
    assert wrong.value.kind == "passphrase"
    assert "the passphrase is wrong" in str(wrong.value)


def test_the_passphrase_may_come_from_the_environment(
    database: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database.dispose()
    encryption.encrypt_file(db_path, PASSPHRASE)
    monkeypatch.setenv("PANTRY_PASSPHRASE", PASSPHRASE)
    open_database(db_path).dispose()


def test_a_new_database_given_a_passphrase_is_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    open_database(path, passphrase=PASSPHRASE, org_name="Eastside Food Shelf").dispose()
    assert looks_encrypted(path)
    assert b"Eastside Food Shelf" not in on_disk(path)


def test_refusals(database: Database, db_path: Path) -> None:
    database.dispose()
    with pytest.raises(UserError, match="at least 8 characters"):
        encryption.encrypt_file(db_path, "short")
    encryption.encrypt_file(db_path, PASSPHRASE)
    with pytest.raises(UserError, match="is already encrypted"):
        encryption.encrypt_file(db_path, PASSPHRASE)


def test_restore_of_an_encrypted_backup_round_trips(pantry_with_households: tuple[Path, str], tmp_path: Path) -> None:
    path, name = pantry_with_households
    encryption.encrypt_file(path, PASSPHRASE)
    before = everything(path, PASSPHRASE)
    database = open_database(path, passphrase=PASSPHRASE)
    copy = backup.backup(database.engine, tmp_path / "encrypted-copy.sqlite")
    database.dispose()
    with pytest.raises(UserError, match="is encrypted"):
        restore.check_backup(copy)
    path.write_bytes(b"lost power" * 1000)
    done = restore.restore(copy, path, PASSPHRASE)
    assert looks_encrypted(path)
    assert name.encode() not in on_disk(path)
    assert everything(path, PASSPHRASE) == before
    assert done.kept is not None


def test_pantry_encrypt_then_use_it_with_the_environment(
    database: Database, db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    database.dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", str(db_path), "encrypt"]) == 1
    assert "encrypt: set PANTRY_PASSPHRASE, or run this at a terminal" in capsys.readouterr().err
    monkeypatch.setenv("PANTRY_PASSPHRASE", PASSPHRASE)
    assert main(["--db", str(db_path), "encrypt"]) == 0
    assert capsys.readouterr().out.startswith(f"Encrypted {db_path}: ")
    assert main(["--db", str(db_path), "verify"]) == 0
    monkeypatch.delenv("PANTRY_PASSPHRASE")
    assert main(["--db", str(db_path), "verify"]) == 1
    assert capsys.readouterr().err.startswith(f"database: {db_path} is encrypted (or damaged)\n")
