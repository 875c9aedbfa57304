"""The small pantry the GUI tests work on, built through the services as a desk would. One builder for both the
fixtures (tests/ui/conftest.py: `pantry_catalog`, `stocked`) and the dark look's own process (tests/ui/dark_look.py,
which cannot use fixtures: it runs outside pytest)."""

from __future__ import annotations

import datetime as dt

from gui_helpers import BEANS_CASE_CODE, BEANS_CODE, RICE_CODE, Catalog
from sqlalchemy.orm import Session

from pantry.services import catalog, intake, users


def small_catalog(session: Session) -> Catalog:
    """A walk-in cooler and a few items as a pantry would enter them: counted, with a case code, and weighed."""
    user_id = users.acting_user(session).id
    cooler, _ = catalog.save_location(session, "Walk-in cooler", "chilled", user_id)
    beans, _ = catalog.save_item(
        session,
        catalog.ItemSpec(
            name="Black beans, canned 15 oz",
            category="Canned beans",
            unit_weight_g=440,
            unit_value_cents=129,
            shelf_life_days=700,
            par_level=100,
            codes=((BEANS_CODE, 1), (BEANS_CASE_CODE, 24)),
        ),
        user_id,
    )
    rice, _ = catalog.save_item(
        session,
        catalog.ItemSpec(
            name="Rice, long grain 2 lb",
            category="Grains",
            unit_weight_g=907,
            unit_value_cents=249,
            shelf_life_days=5,
            codes=((RICE_CODE, 1),),
        ),
        user_id,
    )
    apples, _ = catalog.save_item(
        session,
        catalog.ItemSpec(
            name="Apples (by weight)",
            category="Produce",
            unit="lb",
            unit_value_cents=150,
            storage="chilled",
            date_kind="use_by",
            shelf_life_days=14,
        ),
        user_id,
    )
    return Catalog(beans, rice, apples, cooler.id)


def first_donation(session: Session, items: Catalog, *, every_colour: bool = False) -> None:
    """One donation received today, so stock tables have rows of every kind (in the cooler, expiring soon, below par,
    weighed). `every_colour` (the dark look): received ten days ago, with rice past its date and apples expiring in
    three days too."""
    today = dt.date.today()
    lines = [
        intake.IntakeLine(items.beans.id, quantity=30),
        intake.IntakeLine(items.rice.id, quantity=4, location_id=items.cooler_id),
        intake.IntakeLine(items.apples.id, grams=4536),
    ]
    if every_colour:
        lines[2:] = [
            intake.IntakeLine(items.rice.id, quantity=2, expires_on=today - dt.timedelta(days=2)),
            intake.IntakeLine(items.apples.id, grams=4536, expires_on=today + dt.timedelta(days=3)),
        ]
    received = today - dt.timedelta(days=10) if every_colour else today
    intake.record_donation(
        session, intake.DonationDraft(received_on=received, lines=lines), users.acting_user(session).id
    )
