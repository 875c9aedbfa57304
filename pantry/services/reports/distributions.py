"""Goods given out in a period: per month, recipient (household, agency, other) and category (the CSV's rows), with
the visits that took them; by month, by category and by agency.

From the ledger's distribution movements (returns count back), each traced to its pickup order
(`recipients.given_lines`). A visit is a picked-up order that took goods; the TOTAL counts each once. The total given
out is the roll-forward's distributed column.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.i18n import N_, Phrase
from pantry.models import Agency
from pantry.services.reports import settings
from pantry.services.reports.period import Period, month_key
from pantry.services.reports.recipients import AGENCY, HOUSEHOLD, OTHER, RECIPIENTS, given_lines
from pantry.services.reports.rows import (
    AMOUNT_COLUMNS,
    TOTAL,
    ZERO,
    Amount,
    Chart,
    Column,
    Report,
    Section,
    load_items,
    make_report,
    money_value,
    total_of,
    valuation_note,
    weight_value,
)


@dataclass(frozen=True)
class GivenRow:
    month: str  # 'YYYY-MM'; TOTAL
    recipient_kind: str
    category: str
    visits: int
    amount: Amount  # given out: positive


@dataclass(frozen=True)
class MonthRow:
    month: str
    visits: int  # household visits
    deliveries: int  # agency orders
    households: int  # unduplicated in the month
    to_households: Amount
    to_agencies: Amount
    other: Amount

    @property
    def total(self) -> Amount:
        return self.to_households + self.to_agencies + self.other


@dataclass(frozen=True)
class NamedRow:
    name: str
    visits: int
    amount: Amount


MAIN_COLUMNS = (
    Column("month", N_("Month"), "month", lambda r: r.month, total="none"),
    Column("recipient_kind", N_("Recipient"), "text", lambda r: r.recipient_kind, total="none"),
    Column("category", N_("Category"), "text", lambda r: r.category, total="none"),
    Column("visits", N_("Visits"), "count", lambda r: r.visits, total="value"),
    *AMOUNT_COLUMNS,
)
MONTH_COLUMNS = (
    Column("month", N_("Month"), "month", lambda r: r.month, total="none"),
    Column("visits", N_("Household visits"), "count", lambda r: r.visits),
    Column("deliveries", N_("Agency orders"), "count", lambda r: r.deliveries),
    Column("households", N_("Households"), "count", lambda r: r.households, total="value"),
    Column("households_kg", N_("To households (kg)"), "kg", lambda r: r.to_households.grams),
    Column("agencies_kg", N_("To agencies (kg)"), "kg", lambda r: r.to_agencies.grams),
    Column("other_kg", N_("Other (kg)"), "kg", lambda r: r.other.grams),
    Column("weight_kg", N_("Total (kg)"), "kg", lambda r: r.total.grams),
    Column("value", N_("Total (value)"), "money", lambda r: r.total.cents),
)


def _named_columns(key: str, title: str, visits: str) -> tuple[Column, ...]:
    return (
        Column(key, title, "text", lambda r: r.name, total="none"),
        Column("visits", visits, "count", lambda r: r.visits, total="value"),
        *AMOUNT_COLUMNS,
    )


def distributions_report(session: Session, period: Period, *, generated_by: str = "") -> Report:
    items = load_items(session)
    lines, orders = given_lines(session, period)
    cells: dict[tuple[str, str, str], list] = {}  # type: ignore[type-arg]
    months: dict[str, dict[str, Amount]] = {month: {} for month in period.months()}
    month_orders: dict[str, dict[str, set[int]]] = {month: {HOUSEHOLD: set(), AGENCY: set()} for month in months}
    month_households: dict[str, set[int]] = {month: set() for month in months}
    by_category: dict[str, list] = {}  # type: ignore[type-arg]
    by_agency: dict[int, list] = {}  # type: ignore[type-arg]
    all_visits: set[int] = set()
    for line in lines:
        item = items[line.item_id]
        order = orders.get(line.order_id) if line.order_id is not None else None
        recipient = order.recipient if order is not None else OTHER
        month = month_key(line.day)
        amount = -Amount.of(item.unit, line.quantity, line.grams, line.cents)
        visit = order is not None and line.quantity < 0  # goods out of a pickup, not a return
        cell = cells.setdefault((month, recipient, item.category), [set(), ZERO])
        cell[1] = cell[1] + amount
        per_month = months[month]
        per_month[recipient] = per_month.get(recipient, ZERO) + amount
        category = by_category.setdefault(item.category, [set(), ZERO])
        category[1] = category[1] + amount
        if order is not None and order.agency_id is not None:
            agency = by_agency.setdefault(order.agency_id, [set(), ZERO])
            agency[1] = agency[1] + amount
        if visit:
            assert order is not None and line.order_id is not None
            cell[0].add(line.order_id)
            category[0].add(line.order_id)
            all_visits.add(line.order_id)
            month_orders[month][recipient].add(line.order_id)
            if order.household_id is not None:
                month_households[month].add(order.household_id)
            else:
                by_agency[order.agency_id][0].add(line.order_id)  # type: ignore[index]
    rank = {recipient: index for index, recipient in enumerate(RECIPIENTS)}
    rows = [
        GivenRow(month, recipient, category, len(visits), amount)
        for (month, recipient, category), (visits, amount) in sorted(
            cells.items(), key=lambda pair: (pair[0][0], rank[pair[0][1]], pair[0][2].casefold())
        )
        if amount or visits
    ]
    total = total_of(row.amount for row in rows)
    month_rows = [
        MonthRow(
            month,
            len(month_orders[month][HOUSEHOLD]),
            len(month_orders[month][AGENCY]),
            len(month_households[month]),
            months[month].get(HOUSEHOLD, ZERO),
            months[month].get(AGENCY, ZERO),
            months[month].get(OTHER, ZERO),
        )
        for month in months
    ]
    household_ids = {orders[order_id].household_id for order_id in all_visits} - {None}
    month_total = MonthRow(
        TOTAL,
        sum(row.visits for row in month_rows),
        sum(row.deliveries for row in month_rows),
        len(household_ids),
        total_of(row.to_households for row in month_rows),
        total_of(row.to_agencies for row in month_rows),
        total_of(row.other for row in month_rows),
    )
    agency_names = {agency_id: name for agency_id, name in session.execute(select(Agency.id, Agency.name))}
    agency_rows = sorted(
        (
            NamedRow(agency_names.get(agency_id, "?"), len(visits), amount)
            for agency_id, (visits, amount) in by_agency.items()
        ),
        key=lambda row: row.name.casefold(),
    )
    category_rows = [
        NamedRow(name, len(visits), amount)
        for name, (visits, amount) in sorted(by_category.items(), key=lambda pair: pair[0].casefold())
    ]
    from pantry.services.reports.rollforward import rollforward

    distributed = rollforward(session, period).total.distributed
    unit = settings.weight_unit(session)  # the check lines weigh in the unit the tables show
    given = {
        "visits": len(all_visits),
        "pieces": total.pieces,
        "weight": weight_value(total.grams, unit),
        "unit": unit,
        "value": money_value(total.cents),
    }
    checks: list[str] = [
        Phrase(
            N_(
                "Given out in the period: {visits} visit(s) and agency order(s), {pieces} pieces, {weight} {unit}, "
                "value {value}: the same as the roll-forward's distributed column."
            ),
            **given,
        )
        if distributed == total
        else Phrase(
            N_(
                "Given out in the period: {visits} visit(s) and agency order(s), {pieces} pieces, {weight} {unit}, "
                "value {value}."
            ),
            **given,
        )
    ]
    if distributed != total:
        checks.append(
            Phrase(
                N_(
                    "This does NOT match the roll-forward's distributed column ({weight} {unit}, {value}): "
                    "please run `pantry verify`."
                ),
                weight=weight_value(distributed.grams, unit),
                unit=unit,
                value=money_value(distributed.cents),
            )
        )
    return make_report(
        session,
        kind="distributions",
        title=N_("Distributions"),
        scope=period.label,
        sections=[
            Section(
                "given",
                N_("Given out by month, recipient and category"),
                MAIN_COLUMNS,
                rows,
                GivenRow(TOTAL, "", "", len(all_visits), total),
                note=N_(
                    "Visits: picked-up orders that took goods of the row's category; the TOTAL counts each once. "
                    "Other: goods out recorded without a pickup order."
                ),
            ),
            Section(
                "by_month",
                N_("By month"),
                MONTH_COLUMNS,
                month_rows,
                month_total,
                chart=Chart(
                    N_("Weight given out per month"),
                    tuple(months),
                    (
                        (N_("Households"), tuple(row.to_households.grams for row in month_rows)),
                        (N_("Agencies"), tuple(row.to_agencies.grams for row in month_rows)),
                        (N_("Other"), tuple(row.other.grams for row in month_rows)),
                    ),
                ),
                note=N_("Households: unduplicated within the month; the TOTAL counts each household once."),
            ),
            Section(
                "by_category",
                N_("By category"),
                _named_columns("category", N_("Category"), N_("Visits")),
                category_rows,
                NamedRow(TOTAL, len(all_visits), total),
            ),
            Section(
                "agencies",
                N_("Agencies"),
                _named_columns("agency", N_("Agency"), N_("Orders")),
                agency_rows,
                NamedRow(TOTAL, sum(row.visits for row in agency_rows), total_of(row.amount for row in agency_rows)),
            ),
        ],
        generated_by=generated_by,
        checks=checks,
        notes=[
            N_(
                "Weight and value are as fixed on each entry when it was made; returns count back in the month "
                "they came back."
            ),
            valuation_note(settings.valuation(session)),
            N_("Pieces count items counted by the piece; items counted by weight count in weight and value only."),
        ],
        balanced=distributed == total,
    )
