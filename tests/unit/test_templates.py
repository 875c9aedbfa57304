"""Allotment templates: the file format, bands and per-person scaling, and `pantry template add|list|show`."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantry.cli import main
from pantry.errors import UserError
from pantry.services import templates
from tests import helpers

TEMPLATE = """\
item_or_category,per_household,per_person,band
BB15,1,1,
Canned protein,2,,5+
"Milk 1 gal",1,0,1-2
Milk 1 gal,2,0,3-4
item:Mixed produce,1.5,0.5,
"""


def _catalog(database) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        helpers.beans(session)
        helpers.milk(session)
        helpers.produce(session)


def _run(db_path: Path, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = main(["--db", str(db_path), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("text", "band"),
    [("", (None, None)), ("1-2", (1, 2)), ("3 - 4", (3, 4)), ("5+", (5, None)), ("3", (3, 3))],
)
def test_size_bands(text: str, band: tuple[int | None, int | None]) -> None:
    assert templates.parse_band(text) == band
    assert templates.band_text(*band) == text.replace(" ", "")


@pytest.mark.parametrize("text", ["0-2", "4-2", "big", "2-", "+5"])
def test_bad_size_bands(text: str) -> None:
    with pytest.raises(ValueError, match=text.replace("+", r"\+")):
        templates.parse_band(text)


def test_a_line_gives_per_household_plus_per_person_within_its_band() -> None:
    line = templates.LineSpec(1, None, per_household=2, per_person=1, band_min=3, band_max=4)
    assert [templates.line_quantity(line, size) for size in range(1, 7)] == [0, 0, 5, 6, 0, 0]
    every = templates.LineSpec(1, None, per_household=0, per_person=2)
    assert templates.line_quantity(every, 7) == 14


def test_a_template_file_is_read_and_saved(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _catalog(database)
    file = tmp_path / "standard.csv"
    file.write_text(TEMPLATE, encoding="utf-8")
    with database.session() as session:
        lines = templates.read_lines(session, file)
        assert [(line.per_household, line.per_person, line.band_min, line.band_max) for line in lines] == [
            (1, 1, None, None),
            (2, 0, 5, None),
            (1, 0, 1, 2),
            (2, 0, 3, 4),
            (680, 227, None, None),  # 1.5 lb and 0.5 lb in grams
        ]
        assert lines[1].category_id is not None and lines[1].item_id is None
        info = templates.save_template(session, "Standard bag", lines, None)
        assert [(line.what, line.per_household, line.unit, line.band) for line in info.lines] == [
            ("Black beans 15 oz", "1", "each", ""),
            ("any Canned protein", "2", "each", "5+"),
            ("Milk 1 gal", "1", "each", "1-2"),
            ("Milk 1 gal", "2", "each", "3-4"),
            ("Mixed produce", "1.5", "lb", ""),
        ]
        template = templates.template_named(session, "standard BAG")
        assert [(w.item_id is None, w.quantity) for w in templates.wanted(template, 5)] == [
            (False, 6),
            (True, 2),
            (False, 680 + 5 * 227),
        ]
        with pytest.raises(UserError, match="exists already"):
            templates.save_template(session, "standard bag", lines, None)
        templates.save_template(session, "standard bag", lines[:1], None, replace=True)
        assert len(templates.template_named(session, "Standard bag").lines) == 1


def test_bad_template_rows_are_all_named(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _catalog(database)
    file = tmp_path / "bad.csv"
    file.write_text(
        "item_or_category,per_household,per_person,band\n"
        "Caviar,1,,\n"
        "BB15,,,\n"
        "BB15,1.5,,\n"
        "Canned protein,1,-1,\n"
        "BB15,1,,big\n"
        ",1,,\n",
        encoding="utf-8",
    )
    with database.session() as session, pytest.raises(UserError) as refused:
        templates.read_lines(session, file)
    assert refused.value.problems == [
        "row 1: item_or_category: no item (sku, barcode or name) or category 'Caviar'",
        "row 2: per_household: the line gives nothing (per_household and per_person are 0)",
        "row 3: per_household: '1.5' is not a whole number of units",
        "row 4: per_person: '-1' is not a whole number of units",
        "row 5: band: 'big' is not a household size range (like 1-2, 3-4 or 5+)",
        "row 6: item_or_category: name an item (sku, barcode or name) or a category",
    ]


def test_templates_from_the_shell(database, db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _catalog(database)
    file = tmp_path / "standard.csv"
    file.write_text(TEMPLATE, encoding="utf-8")
    assert _run(db_path, capsys, "template", "add", "Standard bag", str(file)) == (
        0,
        "Template 'Standard bag' saved with 5 line(s).\n",
        "",
    )
    code, _, err = _run(db_path, capsys, "template", "add", "standard bag", str(file))
    assert (code, err) == (1, "template: 'Standard bag' exists already; give --replace to change its lines\n")
    assert _run(db_path, capsys, "template", "add", "standard bag", str(file), "--replace")[0] == 0
    code, out, _ = _run(db_path, capsys, "template", "list")
    assert out.splitlines()[0].split() == [
        "template",
        "item_or_category",
        "per_household",
        "per_person",
        "unit",
        "band",
    ]
    assert "Standard bag  any Canned protein" in out
    code, out, _ = _run(db_path, capsys, "template", "show", "standard bag", "--size", "3")
    assert out.splitlines()[0] == "Standard bag for a household of 3:"
    assert "Black beans 15 oz         4  each" in out and "Mixed produce             3  lb" in out
    code, _, err = _run(db_path, capsys, "template", "show", "Family box")
    assert (code, err) == (1, "template: no template named 'Family box' (known: Standard bag)\n")
