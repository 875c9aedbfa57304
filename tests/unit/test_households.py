"""Households: registering with only what a pantry needs, codes on cards, duplicates, age bands, the diet table."""

import datetime as dt

import pytest
from sqlalchemy import text

from pantry.codes import parse_own_code
from pantry.errors import UserError
from pantry.services import diet, households


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


# --- registration in full -------------------------------------------------------------------------------------------


def test_a_household_is_registered_with_what_a_pantry_needs(database) -> None:
    with database.session() as session:
        made = households.register_household(
            session,
            households.HouseholdSpec(
                name="  Maria   Lopez ",
                members={"adults": 2, "children": 3},
                postcode="ab1 2cd",
                phone="(555) 123-4567",
                language="Spanish",
                dietary=("No pork", "nut-allergy"),
                dietary_note="no spicy food",
                proxy="Ana Lopez",
                eligibility_declared_on=dt.date(2026, 11, 2),
                eligibility_basis="SNAP",
                consent=True,
            ),
            None,
            today=dt.date(2026, 11, 3),
        )
        assert made.duplicates == ()
        details = households.details(session, made.household.code)
        assert (details.name, details.first_name, details.size) == ("Maria Lopez", "Maria", 5)
        assert details.members == (("Children", 3), ("Adults", 2))
        assert details.members_text == "3 Children, 2 Adults"
        assert (details.postcode, details.dietary) == ("AB1 2CD", ("no_pork", "nut_allergy"))
        assert (details.registered_on, details.eligibility_declared_on, details.consent) == (
            dt.date(2026, 11, 3),
            dt.date(2026, 11, 2),
            True,
        )
        anonymous = households.register_household(session, households.HouseholdSpec(size=2), None)
        assert anonymous.household.first_name == "" and anonymous.household.size == 2
        assert households.details(session, anonymous.household.code).members_text == "ages not recorded"


def test_possible_duplicates_are_warned_about_not_refused(database) -> None:
    with database.session() as session:
        first = households.register_household(
            session, households.HouseholdSpec(name="Ann Lee", postcode="12345", phone="555 123 4567", size=1), None
        ).household
        same_place = households.register_household(
            session, households.HouseholdSpec(name="ann  lee", postcode=" 12345", size=2), None
        )
        assert same_place.warnings == (f"possible duplicate: {first.code} (Ann) has the same name and postcode",)
        same_phone = households.register_household(
            session, households.HouseholdSpec(name="Bo", phone="(555) 123-4567", size=1), None
        )
        assert [d.reason for d in same_phone.duplicates] == ["same phone"]
        other_place = households.register_household(
            session, households.HouseholdSpec(name="Ann Lee", postcode="99999", size=1), None
        )
        assert other_place.duplicates == ()


def test_given_codes_are_normalised_unique_and_never_look_generated(database) -> None:
    with database.session() as session:
        made = households.register_household(session, households.HouseholdSpec(code=" card-042 ", size=1), None)
        assert made.household.code == "CARD-042"
        assert households.by_code(session, "card-042").id == made.household.id
        for code, message in (
            ("CARD-042", "code of another household"),
            ("AB", "3 to 20 characters"),
            ("A B C", "no blanks"),
            ("CAFÉ1", "no blanks or accents"),
            (households.make_code("household", 7), "looks like a code Pantry Desk generates"),
            (households.make_code("lot", 7), "looks like a code Pantry Desk generates"),
        ):
            with pytest.raises(UserError, match=message):
                households.register_household(session, households.HouseholdSpec(code=code, size=1), None)
        generated = households.register(session, "Zed", 1, None)
        assert generated.code == households.make_code("household", generated.id)


def test_a_household_can_be_updated(database) -> None:
    with database.session() as session:
        made = households.register(session, "Ann", 1, None)
        changed = households.update_household(
            session,
            made.code,
            households.HouseholdSpec(name="Ann Smith", members={"adults": 1, "seniors": 1}, dietary=("diabetic",)),
            None,
        )
        assert changed.household.size == 2 and changed.household.code == made.code
        details = households.details(session, made.code)
        assert details.members == (("Adults", 1), ("Seniors", 1)) and details.dietary == ("diabetic",)


def test_members_and_sizes_must_add_up(database) -> None:
    with database.session() as session:
        with pytest.raises(UserError, match="no age band 'toddlers'"):
            households.register_household(session, households.HouseholdSpec(members={"toddlers": 1}), None)
        with pytest.raises(UserError, match="at least 1 person"):
            households.register_household(session, households.HouseholdSpec(members={"adults": 0}), None)
        with pytest.raises(UserError, match="add up to 2"):
            households.register_household(session, households.HouseholdSpec(members={"adults": 2}, size=3), None)
        with pytest.raises(UserError, match="dietary: 'likes soup a lot!' is not a dietary flag"):
            households.register_household(session, households.HouseholdSpec(dietary=("likes soup a lot!",)), None)


def test_age_bands_are_the_pantrys_own(database) -> None:
    with database.session() as session:
        assert [(band.key, band.ages) for band in households.age_bands(session)] == [
            ("children", "0-17"),
            ("adults", "18-59"),
            ("seniors", "60+"),
        ]
        with pytest.raises(UserError, match="overlaps Adults"):
            households.save_age_band(session, "seniors", "", "55+")
        households.save_age_band(session, "seniors", "Seniors 65+", "65+")
        households.save_age_band(session, "adults", "", "18-64")
        assert [(band.label, band.ages) for band in households.age_bands(session)][1:] == [
            ("Adults", "18-64"),
            ("Seniors 65+", "65+"),
        ]
        with pytest.raises(UserError, match="not an age range"):
            households.save_age_band(session, "adults", "", "grown-ups")


def test_the_diet_table_is_one_place(database) -> None:
    assert diet.parse_flags("No pork; nut allergy;no pork;Gluten-Free") == ("no_pork", "nut_allergy", "gluten_free")
    assert diet.excluded_tags(["no_pork", "nut_allergy"]) == {"pork", "nuts", "peanuts"}
    assert diet.excluded_tags(["sesame"]) == {"sesame"}  # a flag that is a tag's name
    assert "vegan" not in diet.excluded_tags(["vegan"]) and "beef" in diet.excluded_tags(["vegetarian"])
    assert diet.conflict(["halal"], {"pork", "gluten"}) == "halal"
    assert diet.conflict(["gluten_free"], {"vegan"}) is None
    assert diet.split_flags(["halal", "nut_allergy", "peanuts"]) == (("nut_allergy", "peanuts"), ("halal",))


def test_households_registered_before_revision_0004_get_their_code(db_path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from pantry.db import alembic_config, open_database

    engine = create_engine(f"sqlite:///{db_path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.exec_driver_sql(
            "INSERT INTO household (id, first_name, size, registered_on, active, created_at) "
            "VALUES (1, 'Ann', 3, '2026-01-05', 1, '2026-01-05 10:00:00'), "
            "(40, '', 1, '2026-01-06', 1, '2026-01-06 10:00:00')"
        )
    engine.dispose()
    database = open_database(db_path)
    try:
        with database.session() as session:
            assert households.by_code(session, households.make_code("household", 40)).size == 1
            details = households.details(session, households.make_code("household", 1))
            assert (details.name, details.size, details.consent, details.members) == ("Ann", 3, False, ())
            made = households.register(session, "Bo", 2, None)
            assert made.id == 41
            bands = session.execute(text("SELECT count(*) FROM age_band")).scalar()
            assert bands == 3
    finally:
        database.dispose()


def test_eligibility_is_asked_again_after_a_year() -> None:
    import datetime as dt

    from pantry.services.households import eligibility_warning

    today = dt.date(2026, 11, 25)
    assert eligibility_warning(None, today) == "eligibility: never declared"
    assert eligibility_warning(today - dt.timedelta(days=365), today) is None
    assert "ask again" in eligibility_warning(today - dt.timedelta(days=366), today)


def test_only_shift_leads_and_admins_see_personal_details() -> None:
    from pantry.services.users import sees_personal_details

    assert [role for role in ("volunteer", "shift_lead", "treasurer", "admin") if sees_personal_details(role)] == [
        "shift_lead",
        "admin",
    ]
