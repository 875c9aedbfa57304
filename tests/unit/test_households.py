import pytest

from pantry.codes import parse_own_code
from pantry.errors import UserError
from pantry.services import households


def test_a_household_gets_a_code_that_finds_it_again(database) -> None:
    with database.session() as session:
        made = households.register(session, "  Maria ", 4, None)
        assert made.first_name == "Maria" and made.size == 4
        assert parse_own_code(made.code).kind == "household"
        assert households.by_code(session, made.code.lower()) == made


def test_bad_household_codes_and_sizes_are_refused(database) -> None:
    with database.session() as session:
        with pytest.raises(UserError, match="at least 1 person"):
            households.register(session, "Ann", 0, None)
        with pytest.raises(UserError, match="not a household code"):
            households.by_code(session, "L000011")
        with pytest.raises(UserError, match="no household"):
            households.by_code(session, households.make_code("household", 999))
