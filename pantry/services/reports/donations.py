"""Donations received in a period: by donor and category (the CSV's rows), by donor kind, category and month, the top
donors and the donors who gave for the first time.

Each lot of a donation is what came in, with the weight and value fixed when it was saved; intakes undone since are
taken off. The total received is checked against the roll-forward's received column (the ledger's intake movements).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pantry.i18n import N_, Phrase
from pantry.models import Donation, Donor, Lot, Movement, Operation
from pantry.services.reports import settings, sums
from pantry.services.reports.period import Period
from pantry.services.reports.rows import (
    AMOUNT_COLUMNS,
    TOTAL,
    Amount,
    Chart,
    Column,
    ItemFacts,
    Report,
    Section,
    load_items,
    make_report,
    money_value,
    total_of,
    valuation_note,
    weight_value,
)

TOP_DONORS = 10
_CHUNK = 500


@dataclass(frozen=True)
class Gift:
    """One donation's goods of one item, as received (less any undone intake)."""

    donation_id: int
    donor_id: int
    day: dt.date
    item_id: int
    amount: Amount


@dataclass(frozen=True)
class DonorFacts:
    id: int
    name: str
    kind: str
    first_gift: dt.date | None  # the first day this donor ever gave goods


def gifts(session: Session, period: Period, items: dict[int, ItemFacts]) -> tuple[list[Gift], dict[int, DonorFacts]]:
    """The period's donations, one entry per donation and item, and the donors who gave them."""
    lots = (
        select(
            Lot.donation_id,
            Donation.donor_id,
            Donation.received_on,
            Lot.item_id,
            func.sum(Lot.quantity),
            func.sum(Lot.grams),
            func.sum(Lot.value_cents),
        )
        .join(Donation, Donation.id == Lot.donation_id)
        .where(Donation.received_on.between(period.start, period.end))
        .group_by(Lot.donation_id, Donation.donor_id, Donation.received_on, Lot.item_id)
    )
    found: dict[tuple[int, int], list] = {}
    for donation_id, donor_id, day, item_id, quantity, grams, cents in session.execute(lots):
        found[(donation_id, item_id)] = [donor_id, day, int(quantity), int(grams), int(cents)]
    undone = (
        select(
            Lot.donation_id,
            Movement.item_id,
            func.sum(Movement.quantity),
            func.sum(Movement.grams),
            func.sum(Movement.value_cents),
        )
        .join(Operation, Operation.id == Movement.operation_id)
        .join(Lot, Lot.id == Movement.lot_id)
        .where(
            Operation.kind == "undo",
            Movement.kind == "intake",
            Movement.business_date.between(period.start, period.end),
        )
        .group_by(Lot.donation_id, Movement.item_id)
    )
    for donation_id, item_id, quantity, grams, cents in session.execute(undone):
        entry = found.get((donation_id, item_id))
        if entry is not None:
            entry[2] += int(quantity)
            entry[3] += int(grams)
            entry[4] += int(cents)
    result = [
        Gift(donation_id, donor_id, day, item_id, Amount.of(items[item_id].unit, quantity, grams, cents))
        for (donation_id, item_id), (donor_id, day, quantity, grams, cents) in found.items()
        if quantity
    ]
    return result, donors(session, {gift.donor_id for gift in result})


def donors(session: Session, donor_ids: set[int]) -> dict[int, DonorFacts]:
    ids = sorted(donor_ids)
    facts = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        first = {
            donor_id: day
            for donor_id, day in session.execute(
                select(Donation.donor_id, func.min(Donation.received_on))
                .where(Donation.donor_id.in_(chunk), select(Lot.id).where(Lot.donation_id == Donation.id).exists())
                .group_by(Donation.donor_id)
            )
        }
        named = select(Donor.id, Donor.name, Donor.kind).where(Donor.id.in_(chunk))
        for donor_id, name, kind in session.execute(named):
            facts[donor_id] = DonorFacts(donor_id, name, kind, first.get(donor_id))
    return facts


# One donation's goods of one category: (donation id, donor id, 'YYYY-MM', category, pieces, grams, cents)
Line = tuple[int, int, str, str, int, int, int]


def _month_of_day(column, dialect: str):  # type: ignore[no-untyped-def]
    return func.substr(column, 1, 7) if dialect == "sqlite" else func.to_char(column, "YYYY-MM")


def donation_lines(session: Session, period: Period) -> tuple[list[Line], dict[int, DonorFacts]]:
    """The period's donations per donation and category, summed in the database (a year of a busy pantry is
    hundreds of thousands of lots), less intakes undone since."""
    from pantry.measures import WEIGHED_UNITS
    from pantry.models import Category, Item

    dialect = session.get_bind().dialect.name
    pieces = func.sum(case((Item.unit.in_(WEIGHED_UNITS), 0), else_=Lot.quantity))
    month = _month_of_day(Donation.received_on, dialect)
    query = (
        select(
            Lot.donation_id,
            Donation.donor_id,
            month,
            Item.category_id,
            func.sum(Lot.quantity),
            pieces,
            func.sum(Lot.grams),
            func.sum(Lot.value_cents),
        )
        .join(Donation, Donation.id == Lot.donation_id)
        .join(Item, Item.id == Lot.item_id)
        .where(Donation.received_on.between(period.start, period.end))
        .group_by(Lot.donation_id, Donation.donor_id, month, Item.category_id)
    )
    found: dict[tuple[int, int], list] = {}  # type: ignore[type-arg]
    for donation_id, donor_id, day, category_id, quantity, count, grams, cents in session.execute(query):
        found[(donation_id, category_id)] = [donor_id, day, int(quantity), int(count), int(grams), int(cents)]
    undone_pieces = func.sum(case((Item.unit.in_(WEIGHED_UNITS), 0), else_=Movement.quantity))
    undone = (
        select(
            Lot.donation_id,
            Item.category_id,
            func.sum(Movement.quantity),
            undone_pieces,
            func.sum(Movement.grams),
            func.sum(Movement.value_cents),
        )
        .join(Operation, Operation.id == Movement.operation_id)
        .join(Lot, Lot.id == Movement.lot_id)
        .join(Item, Item.id == Movement.item_id)
        .where(
            Operation.kind == "undo",
            Movement.kind == "intake",
            Movement.business_date.between(period.start, period.end),
        )
        .group_by(Lot.donation_id, Item.category_id)
    )
    for donation_id, category_id, quantity, count, grams, cents in session.execute(undone):
        entry = found.get((donation_id, category_id))
        if entry is not None:
            entry[2] += int(quantity)
            entry[3] += int(count)
            entry[4] += int(grams)
            entry[5] += int(cents)
    names = {category_id: name for category_id, name in session.execute(select(Category.id, Category.name))}
    lines = [
        (donation_id, donor_id, day, names[category_id], count, grams, cents)
        for (donation_id, category_id), (donor_id, day, quantity, count, grams, cents) in found.items()
        if quantity
    ]
    return lines, donors(session, {line[1] for line in lines})


@dataclass(frozen=True)
class DonationRow:
    donor: str  # TOTAL on the totals row
    donor_kind: str
    category: str
    donations: int
    amount: Amount


@dataclass(frozen=True)
class GroupRow:
    name: str
    donors: int
    donations: int
    amount: Amount


@dataclass(frozen=True)
class TopRow:
    rank: int | None
    donor: str
    donor_kind: str
    donations: int
    amount: Amount
    share: Decimal | None  # of the period's weight
    first_gift: dt.date | None = None


MAIN_COLUMNS = (
    Column("donor", N_("Donor"), "text", lambda r: r.donor, total="none"),
    Column("donor_kind", N_("Donor kind"), "text", lambda r: r.donor_kind, total="none"),
    Column("category", N_("Category"), "text", lambda r: r.category, total="none"),
    Column("donations", N_("Donations"), "count", lambda r: r.donations, total="value"),
    *AMOUNT_COLUMNS,
)


def _group_columns(key: str, title: str, kind: str = "text") -> tuple[Column, ...]:
    return (
        Column(key, title, kind, lambda r: r.name, total="none"),
        Column("donors", N_("Donors"), "count", lambda r: r.donors, total="value"),
        Column("donations", N_("Donations"), "count", lambda r: r.donations, total="value"),
        *AMOUNT_COLUMNS,
    )


TOP_COLUMNS = (
    Column("rank", N_("Rank"), "count", lambda r: r.rank, total="none"),
    Column("donor", N_("Donor"), "text", lambda r: r.donor, total="none"),
    Column("donor_kind", N_("Donor kind"), "text", lambda r: r.donor_kind, total="none"),
    Column("donations", N_("Donations"), "count", lambda r: r.donations),
    *AMOUNT_COLUMNS,
    Column("share", N_("Share of weight"), "percent", lambda r: r.share),
)

FIRST_COLUMNS = (
    Column("donor", N_("Donor"), "text", lambda r: r.donor, total="none"),
    Column("donor_kind", N_("Donor kind"), "text", lambda r: r.donor_kind, total="none"),
    Column("first_donation", N_("First donation"), "date", lambda r: r.first_gift, total="none"),
    Column("donations", N_("Donations"), "count", lambda r: r.donations),
    *AMOUNT_COLUMNS,
)


def _group(lines: list[Line], key, name_order=str.casefold) -> list[GroupRow]:  # type: ignore[no-untyped-def]
    amounts: dict[str, list[int]] = {}
    donor_sets: dict[str, set[int]] = {}
    donation_sets: dict[str, set[int]] = {}
    for line in lines:
        name = key(line)
        entry = amounts.get(name)
        if entry is None:
            amounts[name] = [line[4], line[5], line[6]]
            donor_sets[name], donation_sets[name] = {line[1]}, {line[0]}
        else:
            entry[0] += line[4]
            entry[1] += line[5]
            entry[2] += line[6]
            donor_sets[name].add(line[1])
            donation_sets[name].add(line[0])
    return [
        GroupRow(name, len(donor_sets[name]), len(donation_sets[name]), Amount(*amounts[name]))
        for name in sorted(amounts, key=name_order)
    ]


def _share(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001")) if whole else None


def donations_report(session: Session, period: Period, *, generated_by: str = "") -> Report:
    items = load_items(session)
    lines, donor_facts = donation_lines(session, period)
    total = Amount(sum(line[4] for line in lines), sum(line[5] for line in lines), sum(line[6] for line in lines))
    all_donors = {line[1] for line in lines}
    all_donations = {line[0] for line in lines}
    grand = GroupRow(TOTAL, len(all_donors), len(all_donations), total)

    cells: dict[tuple[int, str], list[int]] = {}  # (donor, category) → donations, pieces, grams, cents
    per_donor: dict[int, tuple[set[int], list[int]]] = {}
    for donation_id, donor_id, _month, category, pieces, grams, cents in lines:
        cell = cells.setdefault((donor_id, category), [0, 0, 0, 0])
        cell[0] += 1  # one line per donation and category: a donation counts once in its row
        cell[1] += pieces
        cell[2] += grams
        cell[3] += cents
        donations, amount = per_donor.setdefault(donor_id, (set(), [0, 0, 0]))
        donations.add(donation_id)
        amount[0] += pieces
        amount[1] += grams
        amount[2] += cents
    main_rows = sorted(
        (
            DonationRow(donor_facts[donor_id].name, donor_facts[donor_id].kind, category, count, Amount(*amount))
            for (donor_id, category), (count, *amount) in cells.items()
        ),
        key=lambda row: (row.donor.casefold(), row.category.casefold()),
    )
    donor_amount = {donor_id: Amount(*amount) for donor_id, (_, amount) in per_donor.items()}
    named = [donor_id for donor_id in per_donor if donor_facts[donor_id].kind != "anonymous"]
    top = sorted(named, key=lambda donor_id: (-donor_amount[donor_id].grams, donor_facts[donor_id].name.casefold()))
    top_rows = [
        TopRow(
            rank,
            donor_facts[donor_id].name,
            donor_facts[donor_id].kind,
            len(per_donor[donor_id][0]),
            donor_amount[donor_id],
            _share(donor_amount[donor_id].grams, total.grams),
        )
        for rank, donor_id in enumerate(top[:TOP_DONORS], start=1)
    ]
    first_rows = sorted(
        (
            TopRow(
                None,
                donor_facts[donor_id].name,
                donor_facts[donor_id].kind,
                len(per_donor[donor_id][0]),
                donor_amount[donor_id],
                None,
                donor_facts[donor_id].first_gift,
            )
            for donor_id in named
            if donor_facts[donor_id].first_gift is not None and donor_facts[donor_id].first_gift >= period.start
        ),
        key=lambda row: (row.first_gift, row.donor.casefold()),
    )
    first_total = TopRow(
        None, TOTAL, "", sum(row.donations for row in first_rows), total_of(row.amount for row in first_rows), None
    )

    month_rows = _group(lines, lambda line: line[2], name_order=str)
    months = period.months()
    by_source_month: dict[tuple[str, str], int] = {}
    for _donation, donor_id, month, _category, _pieces, grams, _cents in lines:
        key = (sums.source_of(donor_facts[donor_id].kind), month)
        by_source_month[key] = by_source_month.get(key, 0) + grams
    chart = Chart(
        N_("Weight received per month"),
        tuple(months),
        tuple(
            (source.title(), tuple(by_source_month.get((source, month), 0) for month in months))
            for source in sums.SOURCES
        ),
    )
    sections = [
        Section(
            "by_donor",
            N_("Donations by donor and category"),
            MAIN_COLUMNS,
            main_rows,
            DonationRow(TOTAL, "", "", len(all_donations), total),
            note=N_("Donations counts each donation once per row; the TOTAL counts each donation once."),
        ),
        Section(
            "by_kind",
            N_("By donor kind"),
            _group_columns("donor_kind", N_("Donor kind")),
            _group(lines, lambda line: donor_facts[line[1]].kind),
            grand,
        ),
        Section(
            "by_category",
            N_("By category"),
            _group_columns("category", N_("Category")),
            _group(lines, lambda line: line[3]),
            grand,
        ),
        Section(
            "by_month", N_("By month"), _group_columns("month", N_("Month"), "month"), month_rows, grand, chart=chart
        ),
        Section(
            "top_donors",
            f"Top {TOP_DONORS} donors by weight",
            TOP_COLUMNS,
            top_rows,
            note=N_("Anonymous gifts are left out of the ranking."),
        ),
        Section(
            "first_time",
            N_("First-time donors"),
            FIRST_COLUMNS,
            first_rows,
            first_total,
            note=N_("Donors whose first donation ever falls in this period."),
        ),
    ]
    received = _ledger_received(session, period, items)
    unit = settings.weight_unit(session)  # the check lines weigh in the unit the tables show
    if received == total:
        checks = [
            Phrase(
                N_(
                    "Received in the period: {donations} donation(s) from {donors} donor(s), {pieces} pieces, "
                    "{weight} {unit}, value {value}: the same as the roll-forward's received column."
                ),
                donations=len(all_donations),
                donors=len(all_donors),
                pieces=total.pieces,
                weight=weight_value(total.grams, unit),
                unit=unit,
                value=money_value(total.cents),
            )
        ]
        balanced = True
    else:
        checks = [
            Phrase(
                N_(
                    "The donations ({weight} {unit}, {value}) do NOT match the ledger's receipts ({ledger_weight} "
                    "{unit}, {ledger_value}): please run `pantry verify`."
                ),
                weight=weight_value(total.grams, unit),
                unit=unit,
                value=money_value(total.cents),
                ledger_weight=weight_value(received.grams, unit),
                ledger_value=money_value(received.cents),
            )
        ]
        balanced = False
    return make_report(
        session,
        kind="donations",
        title=N_("Donations received"),
        scope=period.label,
        sections=sections,
        generated_by=generated_by,
        checks=checks,
        notes=[
            N_("Weight and value are as fixed on each lot when it was received."),
            valuation_note(settings.valuation(session)),
            N_("Pieces count items counted by the piece; items counted by weight count in weight and value only."),
        ],
        balanced=balanced,
    )


def _ledger_received(session: Session, period: Period, items: dict[int, ItemFacts]) -> Amount:
    losses = sums.loss_reasons(session)
    return total_of(
        Amount.of(items[flow.item_id].unit, flow.quantity, flow.grams, flow.cents)
        for flow in sums.flows(session, period)
        if sums.classify(flow.kind, flow.reason, losses) == sums.RECEIVED
    )
