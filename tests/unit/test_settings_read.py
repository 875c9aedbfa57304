"""Settings are read once per transaction: a value set is seen at once, and one another desk set is seen by the next
transaction, never a stale copy."""

from __future__ import annotations

from pantry.services.setup import get_setting, set_setting


def test_a_setting_set_is_read_back_in_the_same_transaction(database) -> None:
    with database.session() as session:
        assert get_setting(session, "paper_size", "letter") == "letter"
        set_setting(session, "paper_size", "a4")
        assert get_setting(session, "paper_size") == "a4"
    with database.session() as session:
        assert get_setting(session, "paper_size") == "a4"


def test_the_next_transaction_sees_what_another_desk_set(database) -> None:
    with database.sessions() as session:  # one session, two transactions
        with session.begin():
            assert get_setting(session, "paper_size", "letter") == "letter"
        with database.session() as other:
            set_setting(other, "paper_size", "a4")
        with session.begin():
            assert get_setting(session, "paper_size", "letter") == "a4"
