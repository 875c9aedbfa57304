"""The sample pantry shows newcomers households, templates, months of pickups and a Saturday ready to print."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from pantry import sample
from pantry.models import Household, Lot, Movement, PickupOrder, Template
from pantry.services import pickup_papers, templates, visits
from pantry.services.verify import verify

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def test_the_sample_pantry_has_households_and_pickups(database) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        summary = sample.fill(session, today=TODAY)
    assert summary.households == sample.SAMPLE_HOUSEHOLDS and summary.pickups > 100
    with database.session() as session:
        assert verify(session).ok
        assert session.scalar(select(func.count(Household.id))) == sample.SAMPLE_HOUSEHOLDS
        assert sorted(info.name for info in templates.templates(session)) == ["Baby kit", "Family box", "Standard bag"]
        assert session.scalar(select(func.count(Template.id))) == 3
        statuses = dict(session.execute(select(PickupOrder.status, func.count()).group_by(PickupOrder.status)).all())
        assert statuses["picked_up"] > 100 and statuses["no_show"] > 0 and statuses["packed"] >= 8
        assert statuses.get("planned", 0) == 4  # late sign-ups, not packed yet
        days = sorted(session.scalars(select(PickupOrder.picked_up_on).where(PickupOrder.picked_up_on.is_not(None))))
        assert days[0] <= TODAY - dt.timedelta(days=60) and days[-1] < TODAY  # a few months, none in the future
        # pickups are distributions in the ledger, dated the day the goods went out, never before they came in
        given = session.scalar(
            select(func.count(Movement.id)).where(Movement.kind == "distribution", Movement.reference.like("P%"))
        )
        assert given > 500
        counts = visits.visit_counts(session, TODAY - dt.timedelta(days=90), TODAY)
        assert max(counts.values()) <= 4 and len(counts) > 60
        coming = dt.date(2026, 11, 28)
        data = pickup_papers.distribution_list(session, coming)
        assert len(data.rows) >= 10 and data.pull and data.unpacked
        early = session.scalar(
            select(func.count(Movement.id))
            .join(Lot, Lot.id == Movement.lot_id)
            .where(Movement.reference.like("P%"), Movement.business_date < Lot.received_on)
        )
        assert early == 0
