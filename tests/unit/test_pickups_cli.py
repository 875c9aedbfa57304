"""`pantry pickup ...` from the shell: the command lines are a contract."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from pantry.cli import main
from pantry.codes import parse_own_code
from pantry.models import User
from pantry.services import stock
from pantry.services.verify import verify
from tests.unit.test_pickups import DAY, build_pantry

TEMPLATE = "item_or_category,per_household,per_person,band\nBB15,1,1,\nJAM,1,,\nSPAM,1,,\n"


def _run(db_path: Path, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main(["--db", str(db_path), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def shell(database, db_path: Path, tmp_path: Path, capsys):  # type: ignore[no-untyped-def]
    with database.session() as session:
        build_pantry(session)
        session.add(User(name="lee", role="shift_lead"))
        session.add(User(name="vic", role="volunteer"))
    template = tmp_path / "bag.csv"
    template.write_text(TEMPLATE, encoding="utf-8")
    assert _run(db_path, capsys, "template", "add", "Standard bag", str(template))[0] == 0

    def run(*args: str) -> tuple[int, str, str]:
        return _run(db_path, capsys, *args)

    return run


def _household(run, *args: str) -> str:  # type: ignore[no-untyped-def]
    code, out, err = run("households", "add", *args)
    assert (code, err) == (0, ""), err
    return out.strip()


def test_plan_pack_complete_from_the_shell(shell, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = shell
    ann = _household(run, "--name", "Ann", "--adults", "2", "--dietary", "no_pork")
    day = DAY.isoformat()
    code, out, err = run(
        "pickup", "plan", "--date", day, "--slot", "9:30", "--household", ann, "--template", "standard bag"
    )
    assert (code, err) == (0, "")
    order = out.strip()
    assert out == f"{order}\n" and parse_own_code(order).kind == "order"  # only the code

    code, out, err = run("pickup", "pack", order)
    assert (code, err, out) == (0, "", "Packed 1 order(s): 3 pick(s).\n")
    code, out, _ = run("pickup", "orders", "--date", day, "--format", "csv")
    assert out.splitlines() == [
        "order,household,slot,status,items,weight_kg",
        # 3 beans (480 g each), 1 jam (400 g), and for the pork the earliest canned protein: 1 more can of beans
        f"{order},{ann},09:30,packed,5,2.320",
    ]

    given = tmp_path / "given.csv"
    given.write_text("sku,quantity\nBB15,2\nJAM,0\n", encoding="utf-8")
    code, out, err = run("pickup", "complete", order.lower(), "--given", str(given), "--date", day)
    assert (code, err) == (0, "")
    assert out.startswith(f"Order {order} picked up by {ann} on {day}: 2 piece(s) of 1 item(s) given; not given")
    code, out, _ = run("pickup", "orders", "--date", day, "--format", "csv")
    assert out.splitlines()[1] == f"{order},{ann},09:30,picked_up,2,0.960"
    code, _, err = run("pickup", "complete", order)
    assert (code, err) == (1, f"order: {order} was picked up on {day} already\n")
    code, out, _ = run("households", "show", ann)
    assert "Visits: 1" in out and order in out
    with database.session() as session:
        assert verify(session).ok


def test_warnings_go_to_stderr_and_a_block_needs_a_shift_lead(shell) -> None:  # type: ignore[no-untyped-def]
    run = shell
    ann = _household(run, "--name", "Ann", "--size", "20")
    day = DAY.isoformat()
    code, out, err = run("pickup", "plan", "--date", day, "--household", ann, "--template", "Standard bag")
    first = out.strip()
    assert code == 0 and parse_own_code(first).kind == "order"
    assert err == f"warning: {first}: short of 1 of Black beans 15 oz (wanted 21)\n"
    assert run("pickup", "complete", first, "--date", day)[0] == 0
    code, out, err = run("pickup", "plan", "--date", day, "--household", ann, "--template", "Standard bag")
    assert code == 0 and err.startswith(f"warning: visit limit: {ann} has 1 visit(s) within the limit of 1 per month")
    assert run("pickup", "cancel", out.strip())[1].startswith(f"Order {out.strip()} cancelled")

    code, _, err = run("--user", "vic", "pickup", "rules", "--mode", "block")
    assert (code, err) == (1, "rules: only a shift lead or an admin may change them (vic is a volunteer)\n")
    code, out, _ = run("--user", "lee", "pickup", "rules", "--visit-limit", "2 per month", "--mode", "block")
    assert out.splitlines()[0] == "Visit limit: 2 per month (block)"
    run("pickup", "rules", "--visit-limit", "1 per month")
    code, out, err = run("pickup", "plan", "--date", day, "--household", ann, "--template", "Standard bag")
    assert (code, out) == (1, "") and "a shift lead may override it with a reason" in err
    code, out, err = run(
        "--user", "vic", "pickup", "plan", "--date", day, "--household", ann, "--template", "Standard bag",
        "--override", "family emergency",
    )  # fmt: skip
    assert (code, out) == (1, "") and "vic (volunteer) may not plan pickups: ask a shift lead" in err
    code, out, err = run(
        "--user", "vic", "pickup", "walkin", "--household", ann, "--template", "Standard bag",
        "-o", str(Path(tempfile.mkdtemp()) / "walkin.pdf"), "--override", "family emergency",
    )  # fmt: skip
    assert (code, out) == (1, "") and "only a shift lead or an admin may override" in err
    code, out, err = run(
        "--user", "lee", "pickup", "plan", "--date", day, "--household", ann, "--template", "Standard bag",
        "--override", "family emergency",
    )  # fmt: skip
    assert code == 0 and parse_own_code(out.strip()).kind == "order"
    assert "overridden by lee: family emergency" in err


def test_many_households_noshow_cancel_and_pack_by_date(shell, database) -> None:  # type: ignore[no-untyped-def]
    run = shell
    codes = [_household(run, "--name", name, "--size", "1") for name in ("Ann", "Bo", "Cy")]
    day = DAY.isoformat()
    args = [arg for code in codes for arg in ("--household", code)]
    code, out, err = run("pickup", "plan", "--date", day, *args, "--template", "Standard bag")
    orders = out.split()
    assert code == 0 and len(orders) == 3 and err == ""
    assert run("pickup", "pack", "--date", day)[1] == "Packed 3 order(s): 9 pick(s).\n"
    with database.session() as session:
        before = stock.stock_by_item(session)
    today = dt.date.today().isoformat()
    code, _, err = run("pickup", "noshow", orders[0])
    assert (code, err) == (1, f"order: {orders[0]} is for {day}, still to come\n")
    assert run("pickup", "cancel", orders[1])[0] == 0
    code, _, err = run("pickup", "cancel", orders[1])
    assert (code, err) == (1, f"order: {orders[1]} is cancelled already\n")
    code, _, err = run("pickup", "pack", "--date", today)
    assert (code, err) == (1, f"pack: no planned orders on {today}\n")
    with database.session() as session:
        assert stock.stock_by_item(session) == before  # nothing moved
    code, out, _ = run("pickup", "orders", "--date", day, "--format", "csv")
    assert [line.split(",")[3] for line in out.splitlines()[1:]] == ["packed", "cancelled", "packed"]
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert run("pickup", "noshow", "--date", day)[2] == f"date: {day} is still to come\n"
    assert run("pickup", "noshow", "--date", yesterday)[1].startswith(f"0 open order(s) of {yesterday}")
    assert run("pickup", "noshow")[2] == "noshow: give an ORDER, or --date to close a day\n"
    code, _, err = run("pickup", "complete", "P00009X")
    assert (code, err) == (1, "order: 'P00009X' is not an order code\n")


def test_walkin_checkout_and_return_from_the_shell(shell, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = shell
    ann = _household(run, "--name", "Ann", "--size", "1")
    sheet = tmp_path / "walkin.pdf"
    code, out, err = run("pickup", "walkin", "--household", ann, "--template", "Standard bag", "-o", str(sheet))
    assert code == 0 and err == ""
    order = out.strip()
    assert order in PdfReader(sheet).pages[0].extract_text()
    assert run("pickup", "complete", order)[0] == 0
    returned = tmp_path / "back.csv"
    returned.write_text("sku,quantity\nJAM,1\n", encoding="utf-8")
    assert (
        run("pickup", "return", order, str(returned))[1]
        == f"Returned to stock from order {order}: 1 line(s), 1 unit(s).\n"
    )
    bo = _household(run, "--name", "Bo", "--size", "1")
    taken = tmp_path / "taken.csv"
    taken.write_text("sku,quantity\nCORN,2\nPRODUCE,1.5\n", encoding="utf-8")
    code, out, err = run("pickup", "checkout", "--household", bo, str(taken))
    assert code == 0 and "2 item(s) given" in out and err == ""
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,quantity\nNOPE,1\nCORN,x\nCORN,1\nCORN,2\n", encoding="utf-8")
    code, out, err = run("pickup", "checkout", "--household", bo, str(bad))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "row 1: sku: no item with sku 'NOPE'",
        "row 2: quantity: 'x' is not a whole number, 0 or more",
        "row 4: sku: CORN is already on row 3",
        "3 problem(s) in bad.csv; nothing was recorded",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["pickup"],
        ["pickup", "plan", "--date", "2026-11-28", "--template", "x"],  # no household
        ["pickup", "plan", "--date", "tomorrow", "--household", "H", "--template", "x"],
        ["pickup", "plan", "--date", "2026-11-28", "--household", "H", "--agency", "A", "--template", "x"],
        ["pickup", "orders", "--date", "2026-11-28", "--format", "xlsx"],
        ["pickup", "sheets", "--date", "2026-11-28"],  # no -o
        ["template", "add", "x"],
    ],
)
def test_pickup_usage_errors_exit_1(db_path: Path, capsys, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        main(["--db", str(db_path), *args])
    assert exited.value.code == 1
    assert capsys.readouterr().err.startswith("usage: pantry")
