"""`pantry copy-to-server`: the sample pantry's file into a new PostgreSQL database, row for row, checked; a server
that already holds a pantry is refused; the file is not changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pantry import sample
from pantry.cli import main
from pantry.db import open_database
from tests.integration.fresh_database import fresh_postgres_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_sample_pantry_moves_to_a_server(postgres_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "pantry.sqlite"
    database = open_database(file)
    with database.session() as session:
        sample.fill(session)
    database.dispose()
    server = fresh_postgres_database(postgres_url, "pantry_copy")
    before = _digest(file)

    assert main(["--db", str(file), "copy-to-server", server]) == 0
    said = capsys.readouterr().out
    assert "Copied" in said and "Ledger = balances: ok" in said
    assert _digest(file) == before

    outputs = []
    for where in (str(file), server):
        for command in (["stock", "--format", "csv"], ["stock", "--by", "lot", "--format", "csv"], ["verify"]):
            assert main(["--db", where, *command]) == 0
            outputs.append(capsys.readouterr().out)
    on_file, on_server = outputs[:3], outputs[3:]
    assert on_file[0] == on_server[0] and on_file[1] == on_server[1]
    assert len(on_file[1].splitlines()) > 100

    places = tmp_path / "locations.csv"  # new rows on the server take ids after the copied ones
    places.write_text("name,storage\nGarage shelf,dry\n", encoding="utf-8")
    assert main(["--db", server, "import", "locations", str(places)]) == 0
    capsys.readouterr()

    assert main(["--db", str(file), "copy-to-server", server]) == 1
    assert "already holds a pantry" in capsys.readouterr().err


def test_only_postgresql_is_a_server(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "pantry.sqlite"
    assert main(["--db", str(file), "init"]) == 0
    other = tmp_path / "other.sqlite"
    assert main(["--db", str(file), "copy-to-server", str(other)]) == 1
    assert "must be a PostgreSQL database URL" in capsys.readouterr().err
