"""People served: the monthly agency report in the shape food banks ask for. Per month: days open, visits, households
and individuals (unduplicated within the month), individuals by age band, new households and the weight given out.

- A visit is a picked-up household order (agency orders are not visits); a household counts once a month however
  often it came, and once in the TOTAL however many months it came.
- Individuals are the people the household's last visit of the month (or of the period, for the TOTAL) was for
  (PickupOrder.size, fixed when the order was made). They are split into the pantry's age bands by the household's
  members as recorded now, when those add up to that size; otherwise they count as "age not recorded".
- The three CSV columns children, adults and seniors follow the pantry's bands: its bands of those names, and any
  other band by its ages (ending before the adults' band starts: children; starting at the seniors' band or later:
  seniors; otherwise adults).
- A new household is one whose first visit ever falls in the month (in the period, for the TOTAL).
- Days open: days with a visit or with goods given out. Weight: everything given out (households, agencies, other),
  the roll-forward's distributed column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pantry.i18n import N_, Phrase
from pantry.models import AgeBand, HouseholdMembers, Movement, PickupOrder
from pantry.services.reports import settings, sums
from pantry.services.reports.period import Period, month_key
from pantry.services.reports.rows import TOTAL, Chart, Column, Report, Section, make_report, weight_value

BANDS = ("children", "adults", "seniors")
_CHUNK = 500


@dataclass(frozen=True)
class MonthRow:
    month: str  # 'YYYY-MM'; TOTAL
    days_open: int
    visits: int
    households: int
    new_households: int
    individuals: int
    bands: dict[str, int] = field(default_factory=dict)  # children | adults | seniors | unknown
    weight_grams: int = 0

    def band(self, key: str) -> int:
        return self.bands.get(key, 0)


COLUMNS = (
    Column("month", N_("Month"), "month", lambda r: r.month, total="none"),
    Column("days_open", N_("Days open"), "count", lambda r: r.days_open, total="value"),
    Column("visits", N_("Visits"), "count", lambda r: r.visits),
    Column("households", N_("Households"), "count", lambda r: r.households, total="value"),
    Column("new_households", N_("New households"), "count", lambda r: r.new_households, total="value"),
    Column("individuals", N_("Individuals"), "count", lambda r: r.individuals, total="value"),
    Column("children", N_("Children"), "count", lambda r: r.band("children"), total="value"),
    Column("adults", N_("Adults"), "count", lambda r: r.band("adults"), total="value"),
    Column("seniors", N_("Seniors"), "count", lambda r: r.band("seniors"), total="value"),
    Column("weight_kg", N_("Weight"), "kg", lambda r: r.weight_grams),
    Column("age_unknown", N_("Age not recorded"), "count", lambda r: r.band("unknown"), total="value", csv=False),
)


def band_groups(session: Session) -> tuple[dict[str, str], dict[str, str]]:
    """Each of the pantry's age bands → children | adults | seniors, and the three groups' ages as labels."""
    bands = list(session.scalars(select(AgeBand).order_by(AgeBand.position, AgeBand.min_age)))
    by_key = {band.key: band for band in bands}
    adults_from = by_key["adults"].min_age if "adults" in by_key else 18
    seniors_from = by_key["seniors"].min_age if "seniors" in by_key else 60
    groups = {}
    for band in bands:
        if band.key in BANDS:
            groups[band.key] = band.key
        elif band.max_age is not None and band.max_age < adults_from:
            groups[band.key] = "children"
        elif band.min_age >= seniors_from:
            groups[band.key] = "seniors"
        else:
            groups[band.key] = "adults"
    ages: dict[str, list[tuple[int, int | None]]] = {}
    for band in bands:
        ages.setdefault(groups[band.key], []).append((band.min_age, band.max_age))
    labels = {}
    for group, ranges in ages.items():
        low = min(start for start, _ in ranges)
        high = None if any(end is None for _, end in ranges) else max(end for _, end in ranges if end is not None)
        labels[group] = f"{low}+" if high is None else f"{low}-{high}"
    return groups, labels


@dataclass(frozen=True)
class _Visit:
    order_id: int
    household_id: int
    day: dt.date
    size: int


def _visits(session: Session, period: Period) -> list[_Visit]:
    query = (
        select(PickupOrder.id, PickupOrder.household_id, PickupOrder.picked_up_on, PickupOrder.size)
        .where(
            PickupOrder.status == "picked_up",
            PickupOrder.household_id.is_not(None),
            PickupOrder.picked_up_on.between(period.start, period.end),
        )
        .order_by(PickupOrder.picked_up_on, PickupOrder.id)
    )
    return [_Visit(*row) for row in session.execute(query)]


def _first_visits(session: Session, household_ids: set[int]) -> dict[int, dt.date]:
    ids = sorted(household_ids)
    first = {}
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(PickupOrder.household_id, func.min(PickupOrder.picked_up_on))
            .where(PickupOrder.status == "picked_up", PickupOrder.household_id.in_(ids[start : start + _CHUNK]))
            .group_by(PickupOrder.household_id)
        )
        for household_id, day in session.execute(query):
            first[household_id] = day
    return first


def _members(session: Session, household_ids: set[int], groups: dict[str, str]) -> dict[int, dict[str, int]]:
    ids = sorted(household_ids)
    members: dict[int, dict[str, int]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(HouseholdMembers.household_id, HouseholdMembers.band_key, HouseholdMembers.count).where(
            HouseholdMembers.household_id.in_(ids[start : start + _CHUNK])
        )
        for household_id, band, count in session.execute(query):
            group = groups.get(band, "adults")
            per = members.setdefault(household_id, {})
            per[group] = per.get(group, 0) + count
    return members


def _people(last_size: dict[int, int], members: dict[int, dict[str, int]]) -> tuple[int, dict[str, int]]:
    individuals, bands = 0, {key: 0 for key in (*BANDS, "unknown")}
    for household_id, size in last_size.items():
        individuals += size
        counted = members.get(household_id, {})
        if sum(counted.values()) == size:
            for key, count in counted.items():
                bands[key] += count
        else:
            bands["unknown"] += size
    return individuals, bands


def _distribution_days(session: Session, period: Period) -> set[dt.date]:
    query = (
        select(Movement.business_date)
        .where(
            Movement.kind == "distribution",
            Movement.quantity < 0,
            Movement.business_date.between(period.start, period.end),
        )
        .distinct()
    )
    return set(session.scalars(query))


def _distributed_grams(session: Session, period: Period) -> dict[str, int]:
    """Grams given out per month, net of returns (the roll-forward's distributed)."""
    losses = sums.loss_reasons(session)
    grams: dict[str, int] = {}
    for flow in sums.flows(session, period, by_month=True):
        if sums.classify(flow.kind, flow.reason, losses) == sums.DISTRIBUTED and flow.month:
            grams[flow.month] = grams.get(flow.month, 0) - flow.grams
    return grams


def monthly_report(session: Session, period: Period, *, generated_by: str = "") -> Report:
    groups, ages = band_groups(session)
    visits = _visits(session, period)
    household_ids = {visit.household_id for visit in visits}
    first = _first_visits(session, household_ids)
    members = _members(session, household_ids, groups)
    days = _distribution_days(session, period) | {visit.day for visit in visits}
    grams = _distributed_grams(session, period)
    rows = []
    for month in period.months():
        in_month = [visit for visit in visits if month_key(visit.day) == month]
        last_size = {visit.household_id: visit.size for visit in in_month}  # visits are in date order
        individuals, bands = _people(last_size, members)
        rows.append(
            MonthRow(
                month,
                sum(1 for day in days if month_key(day) == month),
                len(in_month),
                len(last_size),
                sum(1 for household_id in last_size if month_key(first[household_id]) == month),
                individuals,
                bands,
                grams.get(month, 0),
            )
        )
    last_size = {visit.household_id: visit.size for visit in visits}
    individuals, bands = _people(last_size, members)
    total = MonthRow(
        TOTAL,
        len(days),
        len(visits),
        len(last_size),
        sum(1 for household_id in last_size if first[household_id] >= period.start),
        individuals,
        bands,
        sum(row.weight_grams for row in rows),
    )
    band_text = ", ".join(f"{group} {ages[group]}" for group in BANDS if group in ages)
    unit = settings.weight_unit(session)  # the check lines weigh in the unit the tables show
    served = {
        "households": total.households,
        "visits": total.visits,
        "days": total.days_open,
        "individuals": total.individuals,
        "bands": band_text,
        "new": total.new_households,
        "weight": weight_value(total.weight_grams, unit),
        "unit": unit,
    }
    if total.band("unknown"):
        line = Phrase(
            N_(
                "{households} household(s) served in {visits} visit(s) over {days} day(s) open; {individuals} "
                "individuals ({bands}; {unknown} of unrecorded age); {new} new household(s); {weight} {unit} given "
                "out, the same as the roll-forward's distributed column."
            ),
            unknown=total.band("unknown"),
            **served,
        )
    else:
        line = Phrase(
            N_(
                "{households} household(s) served in {visits} visit(s) over {days} day(s) open; {individuals} "
                "individuals ({bands}); {new} new household(s); {weight} {unit} given out, the same as the "
                "roll-forward's distributed column."
            ),
            **served,
        )
    checks = [
        line,
        N_("Households and individuals are counted once a month, and once in the TOTAL (not the sum of the months)."),
    ]
    return make_report(
        session,
        kind="monthly",
        title=N_("Monthly agency report"),
        scope=period.label,
        sections=[
            Section(
                "monthly",
                N_("People served per month"),
                COLUMNS,
                rows,
                total,
                note=Phrase(
                    N_(
                        "Age bands: {bands}. Individuals: the people of each household's last visit; split by the "
                        "household's recorded members when they add up to that."
                    ),
                    bands=band_text,
                ),
                chart=Chart(
                    N_("Households served per month"),
                    tuple(row.month for row in rows),
                    (
                        (N_("Households"), tuple(row.households for row in rows)),
                        (N_("New"), tuple(row.new_households for row in rows)),
                    ),
                    kind="count",
                ),
            )
        ],
        generated_by=generated_by,
        checks=checks,
        notes=[
            N_("A visit is a picked-up household order; agency orders are in the distributions report."),
            N_("New household: its first visit ever falls in the month (in the period, for the TOTAL)."),
            N_("Weight: everything given out in the month, net of returns, as fixed on each entry."),
        ],
    )
