"""Donor acknowledgement letters: one per donor (or donation), with what a US acknowledgement of goods needs and no
value stated by the pantry; a mail-merge CSV; `pantry letters`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pantry.cli import main
from pantry.documents.letters import mail_merge_csv, render_letters
from pantry.errors import UserError
from pantry.services import catalog, intake
from pantry.services.reports import settings
from pantry.services.reports.letters import acknowledgements
from pantry.services.reports.period import Period
from tests import helpers
from tests.unit.test_reports_data import read_csv, receive, world

QUARTER = Period(dt.date(2025, 1, 1), dt.date(2025, 3, 31))


def _gifts(database) -> None:
    with database.session() as session:
        w = world(session)
        settings.set_report_settings(
            session,
            {
                "org_address": "12 Main St\nSpringfield, OH 45501",
                "org_tax_id": "12-3456789",
                "report_weight_unit": "lb",
            },
        )
        helpers.donate(
            session,
            intake.IntakeLine(w.beans, quantity=24),
            intake.IntakeLine(w.produce, grams=9_072),
            on=dt.date(2025, 2, 3),
            donor_id=w.grocer,
        )
        receive(session, w.milk, 6, dt.date(2025, 3, 10), w.grocer)
        receive(session, w.beans, 12, dt.date(2025, 3, 11), w.jane)
        receive(session, w.beans, 48, dt.date(2025, 3, 12), w.costco)  # a purchase: no letter
        receive(session, w.beans, 2, dt.date(2025, 3, 13))  # anonymous: no letter
        evil, _ = catalog.save_donor(session, catalog.DonorSpec(name="=cmd|' /C calc'!A0", kind="individual"), None)
        receive(session, w.milk, 1, dt.date(2025, 3, 14), evil.id)


def _text(path: Path) -> list[str]:
    return [" ".join(page.extract_text(extraction_mode="layout").split()) for page in PdfReader(path).pages]


def test_one_letter_per_donor_with_goods_and_no_value(database, tmp_path: Path) -> None:
    _gifts(database)
    with database.session() as session:
        letters = acknowledgements(session, QUARTER, today=dt.date(2025, 4, 2))
    assert [letter.donor for letter in letters.letters] == ["=cmd|' /C calc'!A0", "Jane Whitaker", "Riverside Grocery"]
    assert letters.skipped == {"purchase": 1, "anonymous": 1}
    grocer = letters.letters[2]
    assert (grocer.first, grocer.last, len(grocer.donation_ids), grocer.pieces) == (
        dt.date(2025, 2, 3),
        dt.date(2025, 3, 10),
        2,
        30,
    )
    assert grocer.grams == 24 * 480 + 9_072 + 6 * 3_900 and grocer.use_statement
    path = tmp_path / "letters.pdf"
    assert render_letters(letters, path) == 3
    pages = _text(path)
    page = pages[2]
    for wanted in (
        "My Pantry",
        "12 Main St",
        "Springfield, OH 45501",
        "Tax ID (EIN): 12-3456789",
        "2025-04-02",
        "Dear Riverside Grocery,",
        "between 2025-02-03 and 2025-03-10",
        "2025-02-03 Canned protein Black beans 15 oz 24 25.397",
        "2025-02-03 Uncategorised Mixed produce 20.000",
        "2025-03-10 Dairy Milk 1 gal 6 51.588",
        "Total 2 donation(s) 30 96.986",  # exact grams, rounded once
        "No goods or services were provided in exchange for this contribution.",
        "states no value",
        "will not be sold",  # a business donor: how the food will be used
    ):
        assert wanted in page, wanted
    assert "will not be sold" not in pages[1]  # Jane gave as a person
    for text in pages:
        assert "$" not in text and "USD" not in text
        assert not re.search(r"\b\d+\.\d\d\b(?!\d)", text.replace("2025-", "")), "a money-like figure"


def test_per_donation_and_one_named_donor(database, tmp_path: Path) -> None:
    _gifts(database)
    with database.session() as session:
        per_donation = acknowledgements(session, QUARTER, per_donation=True)
        only = acknowledgements(session, QUARTER, donor="riverside grocery")
        purchase = acknowledgements(session, QUARTER, donor="Cash purchase - Costco run")
        with pytest.raises(UserError, match="no donor named 'Nobody'"):
            acknowledgements(session, QUARTER, donor="Nobody")
        with pytest.raises(UserError, match="anonymous"):
            acknowledgements(session, QUARTER, donor="Anonymous")
        with pytest.raises(UserError, match="gave nothing between"):
            acknowledgements(session, Period(dt.date(2024, 1, 1), dt.date(2024, 1, 31)), donor="Jane Whitaker")
    assert [(letter.donor, letter.when) for letter in per_donation.letters] == [
        ("=cmd|' /C calc'!A0", "on 2025-03-14"),
        ("Jane Whitaker", "on 2025-03-11"),
        ("Riverside Grocery", "on 2025-02-03"),
        ("Riverside Grocery", "on 2025-03-10"),
    ]
    assert [letter.donor for letter in only.letters] == ["Riverside Grocery"]
    assert [letter.donor for letter in purchase.letters] == ["Cash purchase - Costco run"]  # named: written


def test_mail_merge_csv_is_formula_safe_and_states_no_value(database) -> None:
    _gifts(database)
    with database.session() as session:
        letters = acknowledgements(session, QUARTER)
    text = mail_merge_csv(letters)
    assert text.splitlines()[0] == (
        "donor,donor_kind,address,email,donations,first_date,last_date,pieces,weight_kg,weight_lb,categories"
    )
    rows = read_csv(text)
    assert rows[0]["donor"] == "'=cmd|' /C calc'!A0"
    grocer = rows[2]
    assert (grocer["donations"], grocer["pieces"], grocer["weight_kg"], grocer["weight_lb"]) == (
        "2",
        "30",
        "43.992",
        "96.986",
    )
    assert grocer["categories"] == "Canned protein; Dairy; Uncategorised" and grocer["address"] == "1 Elm St\nTown"


def test_wording_is_a_setting(database, tmp_path: Path) -> None:
    _gifts(database)
    with database.session() as session:
        settings.set_report_settings(
            session,
            {
                "letter_no_goods": "{org} n'a fourni aucun bien ni service en échange de ce don.",
                "letter_no_value": "",  # back to the default
                "letter_signatory": "Tess Treasurer, treasurer",
            },
        )
        with pytest.raises(UserError, match="may be filled in"):
            settings.set_report_settings(session, {"letter_closing": "Thanks, {nobody}"})
        letters = acknowledgements(session, QUARTER, donor="Jane Whitaker")
    path = tmp_path / "jane.pdf"
    render_letters(letters, path)
    text = _text(path)[0]
    assert "My Pantry n'a fourni aucun bien ni service en échange de ce don." in text
    assert "states no value" in text and "Tess Treasurer, treasurer" in text


def test_a_long_letter_numbers_its_own_pages(database, tmp_path: Path) -> None:
    with database.session() as session:
        w = world(session)
        for day in range(60):
            receive(session, w.beans, 1, dt.date(2025, 1, 1) + dt.timedelta(days=day), w.grocer)
        receive(session, w.beans, 1, dt.date(2025, 3, 20), w.jane)
        letters = acknowledgements(session, QUARTER)
    path = tmp_path / "long.pdf"
    pages = render_letters(letters, path)
    text = _text(path)
    assert pages == 3 and "Page 1 of 2" in text[1] and "Page 2 of 2" in text[2] and "To Riverside Grocery" in text[2]
    assert "Page" not in text[0]  # Jane's one-page letter is not numbered
    assert "Date Category Items Pieces Weight (lb)" in text[2]  # the table header, repeated


def test_pantry_letters_command(database, db_path: Path, tmp_path: Path, capsys) -> None:
    _gifts(database)
    out, merge = tmp_path / "letters.pdf", tmp_path / "merge.csv"
    args = ["--db", str(db_path), "letters", "--from", "2025-01-01", "--to", "2025-03-31"]
    assert main([*args, "-o", str(out), "--csv", str(merge)]) == 0
    printed = capsys.readouterr().out
    assert "3 letter(s), 3 page(s)" in printed and "no letter for donors of kind: 1 anonymous, 1 purchase" in printed
    assert len(PdfReader(out).pages) == 3 and len(read_csv(merge.read_text(encoding="utf-8"))) == 3
    assert main([*args, "--donor", "Jane Whitaker", "-o", str(tmp_path / "jane.pdf")]) == 0
    assert "1 letter(s)" in capsys.readouterr().out
    assert main([*args, "--donor", "Nobody", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "no donor named 'Nobody'" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
    assert main([*args, "-o", str(tmp_path / "letters.txt")]) == 1
    assert "FILE.pdf" in capsys.readouterr().err
