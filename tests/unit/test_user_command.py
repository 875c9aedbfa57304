"""`pantry user ...` and signing in from the command line: --user asks for the PIN once PINs are on (PANTRY_PIN or
the terminal), writes without a user are refused then, and every command checks the same roles as the window."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from pantry.cli import main
from pantry.db import Database
from pantry.models import Household, User


class Desk:
    def __init__(self, path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = path
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def run(self, *args: str, stdin: str = "", pin: str | None = None) -> tuple[int, str, str]:
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        if pin is None:
            self.monkeypatch.delenv("PANTRY_PIN", raising=False)
        else:
            self.monkeypatch.setenv("PANTRY_PIN", pin)
        code = main(["--db", str(self.path), *args])
        captured = self.capsys.readouterr()
        return code, captured.out, captured.err


@pytest.fixture
def desk(database: Database, db_path: Path, capsys, monkeypatch) -> Desk:  # type: ignore[no-untyped-def]
    database.dispose()
    return Desk(db_path, capsys, monkeypatch)


def _users(path: Path) -> dict[str, User]:
    from pantry.db import open_database

    database = open_database(path)
    try:
        with database.session() as session:
            return {user.name: user for user in session.scalars(select(User))}
    finally:
        database.dispose()


def test_add_pin_list_and_sign_in_on(desk: Desk) -> None:
    assert desk.run("user", "add", "Sam", "--role", "volunteer")[:2] == (
        0,
        "User added: Sam (volunteer); set a PIN with `pantry user pin Sam`\n",
    )
    assert desk.run("user", "pin", "Sam", stdin="4711\n")[:2] == (0, "PIN set for Sam\n")
    code, out, _ = desk.run("user", "pin", "admin", stdin="8395\n")
    assert code == 0 and out.startswith("PIN set for admin\nSign-in is now on")
    stored = _users(desk.path)
    assert stored["Sam"].pin_hash.startswith("$argon2id$")  # type: ignore[union-attr]
    code, out, _ = desk.run("--user", "admin", "user", "list", pin="8395")
    assert code == 0
    assert out.splitlines() == [
        "name   role       active  pin  locked",
        "-----  ---------  ------  ---  ------",
        "admin  admin      yes     yes  no",
        "Sam    volunteer  yes     yes  no",
    ]
    code, out, _ = desk.run("--user", "admin", "user", "list", "--format", "csv", pin="8395")
    assert out.splitlines()[0] == "name,role,active,pin,locked"


def test_once_pins_are_on_writes_need_a_signed_in_user(desk: Desk) -> None:
    desk.run("user", "add", "Lee", "--role", "shift_lead")
    desk.run("user", "pin", "Lee", stdin="5829\n")
    desk.run("user", "pin", "admin", stdin="8395\n")
    code, _, err = desk.run("households", "add", "--name", "Ann", "--size", "2")
    assert (code, err) == (1, "sign in: PINs are on; say who you are (pantry --user NAME ...)\n")
    code, _, err = desk.run("--user", "Lee", "households", "add", "--name", "Ann", "--size", "2")
    assert (code, err) == (1, "sign in: PINs are on; type Lee's PIN on a terminal, or set PANTRY_PIN\n")
    code, _, err = desk.run("--user", "Lee", "households", "add", "--name", "Ann", "--size", "2", pin="1111")
    assert (code, err) == (1, "sign in: wrong PIN, 4 tries left\n")
    code, out, _ = desk.run("--user", "Lee", "households", "add", "--name", "Ann", "--size", "2", pin="5829")
    assert code == 0 and out.strip().startswith("H")
    assert desk.run("stock")[:2] == (0, "No stock on hand.\n")  # reading stock needs nobody
    from pantry.db import open_database

    database = open_database(desk.path)
    with database.session() as session:
        ann = session.scalars(select(Household)).one()
        lee = session.scalars(select(User).where(User.name == "Lee")).one()
        assert ann.created_by_id == lee.id
    database.dispose()


def test_the_command_checks_roles_even_where_it_passes_no_user(desk: Desk) -> None:
    desk.run("user", "add", "Sam", "--role", "volunteer")
    code, _, err = desk.run("--user", "Sam", "households", "band", "seniors", "65+")
    assert (code, err) == (1, "Sam (volunteer) may not change the catalog (items, donors, locations, reasons, "
                              "templates, age bands): ask an admin\n")  # fmt: skip
    code, _, err = desk.run("--user", "Sam", "report", "valuation", "--rate", "1.80/lb")
    assert code == 1 and err.startswith("Sam (volunteer) may not change valuation")
    code, _, err = desk.run("--user", "Sam", "user", "add", "Eve", "--role", "admin")
    assert (code, err) == (1, "Sam (volunteer) may not manage users: ask an admin\n")
    assert set(_users(desk.path)) == {"admin", "Sam"}


def test_lockout_and_unlock_from_the_command(desk: Desk) -> None:
    desk.run("user", "add", "Sam", "--role", "volunteer")
    desk.run("user", "pin", "Sam", stdin="4711\n")
    desk.run("user", "pin", "admin", stdin="8395\n")
    for left in (4, 3, 2, 1):
        assert (
            desk.run("--user", "Sam", "stock", pin="0001")[2]
            == f"sign in: wrong PIN, {left} {'try' if left == 1 else 'tries'} left\n"
        )
    assert "now locked after 5 wrong PINs" in desk.run("--user", "Sam", "stock", pin="0001")[2]
    assert "is locked" in desk.run("--user", "Sam", "stock", pin="4711")[2]
    assert "yes" in desk.run("--user", "admin", "user", "list", pin="8395")[1].splitlines()[-1]
    assert desk.run("--user", "admin", "user", "unlock", "Sam", pin="8395")[:2] == (0, "Unlocked: Sam\n")
    assert desk.run("--user", "Sam", "stock", pin="4711")[0] == 0


def test_pin_from_a_terminal_is_asked_twice(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    answers = iter(["4711", "4711", "5829", "5830"])
    prompts: list[str] = []

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(getpass, "getpass", ask)
    desk.run("user", "add", "Sam", "--role", "volunteer")
    monkeypatch.setattr(sys, "stdin", Terminal())
    assert main(["--db", str(desk.path), "user", "pin", "Sam"]) == 0
    assert main(["--db", str(desk.path), "user", "pin", "Sam"]) == 1
    assert prompts == ["New PIN for Sam: ", "Again: ", "New PIN for Sam: ", "Again: "]
    assert "the two PINs differ" in desk.capsys.readouterr().err


def test_bad_new_pins_and_unknown_users(desk: Desk) -> None:
    assert desk.run("user", "pin", "Nobody", stdin="4711\n")[2] == "user: there is no user named 'Nobody'\n"
    assert desk.run("user", "pin", "admin", stdin="0000\n")[2] == "PIN: 0000 is all one digit; anyone would guess it\n"
    assert desk.run("user", "pin", "admin")[2].startswith("PIN: give the new PIN as one line on stdin")
    with pytest.raises(SystemExit) as usage:  # argparse: not a role
        desk.run("user", "add", "Bo", "--role", "boss")
    assert usage.value.code == 1
    assert _users(desk.path)["admin"].pin_hash is None
