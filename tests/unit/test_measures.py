from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pantry.measures import format_in_unit, format_kg, format_money, grams_from, line_value_cents, share


def test_weights_convert_to_whole_grams() -> None:
    assert grams_from(Decimal(42), "lb") == 19051
    assert grams_from(Decimal("0.48"), "kg") == 480
    assert format_kg(19051) == "19.051"
    assert format_in_unit(19051, "lb") == "42.000"


def test_money_is_cents() -> None:
    assert format_money(12345) == "123.45"
    assert format_money(-5) == "-0.05"
    assert line_value_cents("each", 24, 129) == 3096
    assert line_value_cents("lb", 19051, 167) == 7014  # 42 lb at 1.67/lb
    assert line_value_cents("each", 3, None) == 0


@given(
    total=st.integers(0, 10**9),
    received=st.integers(1, 10**5),
    steps=st.lists(st.integers(1, 10**5), max_size=30),
)
def test_shares_telescope_to_exactly_zero(total: int, received: int, steps: list[int]) -> None:
    """However a lot is taken out, the weight and value taken add up to exactly what came in."""
    on_hand, taken = received, 0
    for step in steps:
        amount = min(step, on_hand)
        taken += share(total, received, on_hand) - share(total, received, on_hand - amount)
        on_hand -= amount
    taken += share(total, received, on_hand) - share(total, received, 0)
    assert taken == total
