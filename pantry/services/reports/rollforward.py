"""The roll-forward: for each category (or item), opening stock, what was received, distributed, lost and corrected,
and closing stock, in pieces, kilograms and money, for any period.

Opening is the stock as of the day before the period and closing the stock as of its last day, both read by
`stock.stock_by_item`, so the closing of one period is the opening of the next and equals the stock report. The
movements in between are summed separately (`sums.flows`) and each falls in exactly one column (`sums.classify`):

    opening + received − distributed − lost + corrected = closing

on every row, in pieces, grams and cents. Received, distributed and lost are positive numbers; corrected is signed
and holds non-loss adjustments, count corrections and the net of transfers (zero quantity; weight and value net to
zero too unless a transfer emptied a place whose share differed by a gram or a cent). The report checks the
equation against the two stock figures rather than assuming it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy.orm import Session

from pantry.bulk import collector_paused
from pantry.errors import UserError
from pantry.i18n import N_, Phrase, _
from pantry.measures import WEIGHED_UNITS, format_in_unit, format_money
from pantry.services import stock
from pantry.services.reports import sums
from pantry.services.reports.period import Period
from pantry.services.reports.rows import (
    BY_NAME,
    TOTAL,
    WEIGHT_AND_VALUE,
    ZERO,
    Amount,
    Chart,
    Column,
    Grouped,
    ItemName,
    Report,
    Section,
    category_names,
    load_item_names,
    make_report,
    money_value,
    total_of,
    valuation_note,
    weight_value,
)

BY = ("category", "item")
MEASURES = (("qty", "pieces"), ("kg", "grams"), ("value", "cents"))
FLOW_COLUMNS = ("opening", "received", "distributed", "lost", "corrected", "closing")
# The flows' headings ("Opening", "Opening (pieces)"): the printables translate the flow and the measure apart.
FLOW_TITLES = (
    N_("Opening"),
    N_("Received"),
    N_("Distributed"),
    N_("Lost"),
    N_("Corrected"),
    N_("Closing"),
    N_("pieces"),
)


class RollRow(NamedTuple):  # a named tuple: a roll-forward by item makes one per item of the catalogue
    name: str  # category or item; TOTAL on the totals row
    sku: str  # item rows only
    weighed: bool  # an item counted by weight: its pieces are left blank
    opening: Amount
    received: Amount
    distributed: Amount
    lost: Amount
    corrected: Amount
    closing: Amount
    transfers: Amount = ZERO  # the part of `corrected` that transfers left (normally zero)

    @property
    def balances(self) -> bool:
        return self.opening + self.received - self.distributed - self.lost + self.corrected == self.closing

    def measure(self, column: str) -> Amount:
        return getattr(self, column)


@dataclass(frozen=True)
class RollForward:
    period: Period
    by: str
    rows: list[RollRow]
    total: RollRow
    item_rows: dict[int, RollRow]  # every item, whatever `by` is
    row_of_item: dict[int, str]  # item id → the name of the row it adds to
    items: dict[int, ItemName]
    lost_by_reason: dict[tuple[int, str], Amount]  # (item id, reason code) → lost (positive)
    corrections: dict[tuple[int, str], Amount]  # (item id, "count" | reason code | "transfer") → corrected (signed)
    months: dict[str, dict[str, Amount]]  # 'YYYY-MM' → class → signed sum as in the ledger (when asked for)
    transfer_movements: int
    unbalanced: list[RollRow] = field(default_factory=list)  # items whose figures do not add up (a bug if ever)

    @property
    def balanced(self) -> bool:
        return not self.unbalanced and self.total.balances and all(row.balances for row in self.rows)


# The figures of one row as 21 integers while they are added up: pieces, grams and cents of opening, received,
# distributed, lost, corrected (transfers included), closing and transfers, in that order.
_OPENING, _RECEIVED, _DISTRIBUTED, _LOST, _CORRECTED, _CLOSING, _TRANSFERS = range(0, 21, 3)
_SLOT = {sums.RECEIVED: _RECEIVED, sums.DISTRIBUTED: _DISTRIBUTED, sums.LOST: _LOST, sums.CORRECTED: _CORRECTED}
_SIGN = {sums.RECEIVED: 1, sums.DISTRIBUTED: -1, sums.LOST: -1, sums.CORRECTED: 1}
_NO_BREAKDOWN = frozenset((_RECEIVED, _DISTRIBUTED))


def _stock(session: Session, day: dt.date) -> dict[int, tuple[int, int, int]]:
    """Stock per item at the end of `day` (the figures `stock.stock_by_item` shows), items with stock only: the month
    summary and part of a month's movements, or on and after the ledger's last day the balances themselves."""
    return {item_id: values for item_id, values in stock.item_totals_as_of(session, day).items() if values[0] != 0}


def _row(name: str, sku: str, weighed: bool, f: list[int]) -> RollRow:
    # most figures of most rows are zero: those share one Amount (written out: this runs for every item that moved)
    return RollRow(
        name,
        sku,
        weighed,
        Amount(f[0], f[1], f[2]) if f[0] or f[1] or f[2] else ZERO,
        Amount(f[3], f[4], f[5]) if f[3] or f[4] or f[5] else ZERO,
        Amount(f[6], f[7], f[8]) if f[6] or f[7] or f[8] else ZERO,
        Amount(f[9], f[10], f[11]) if f[9] or f[10] or f[11] else ZERO,
        Amount(f[12], f[13], f[14]) if f[12] or f[13] or f[14] else ZERO,
        Amount(f[15], f[16], f[17]) if f[15] or f[16] or f[17] else ZERO,
        Amount(f[18], f[19], f[20]) if f[18] or f[19] or f[20] else ZERO,
    )


def _vector_balances(f: list[int]) -> bool:
    return (
        f[0] + f[3] - f[6] - f[9] + f[12] == f[15]
        and f[1] + f[4] - f[7] - f[10] + f[13] == f[16]
        and f[2] + f[5] - f[8] - f[11] + f[14] == f[17]
    )  # opening + received - distributed - lost + corrected = closing, in pieces, grams and cents


def _sum_up(entries: Iterable[list[int]]) -> list[int]:
    """Figures added up, column by column."""
    return [sum(column) for column in zip([0] * 21, *entries, strict=True)]


def rollforward(session: Session, period: Period, *, by: str = "category", months: bool = False) -> RollForward:
    """The roll-forward figures: one row per category (every category, in name order) or per item (every item,
    inactive ones too, in name order), and the TOTAL row; with `months`, the movements per month too.

    The sums are plain integers per item until the rows are made, and only items with stock or movements have any: a
    food bank's catalogue of 20,000 items has a few thousand on its shelves, and the rest get a row of zeros made
    without any adding up."""
    if by not in BY:
        raise UserError(_("by: '{by}' is not one of {choices}").format(by=by, choices=", ".join(BY)))
    with collector_paused():
        return _rollforward(session, period, by, months)


def _rollforward(session: Session, period: Period, by: str, months: bool) -> RollForward:
    items = load_item_names(session)
    weighed = {item_id for item_id, item in items.items() if item.unit in WEIGHED_UNITS}
    losses = sums.loss_reasons(session)
    figures: dict[int, list[int]] = {}

    for slot, totals in ((_OPENING, _stock(session, period.opening_date)), (_CLOSING, _stock(session, period.end))):
        for item_id, (quantity, grams, cents) in totals.items():
            entry = figures.get(item_id)
            if entry is None:
                entry = figures[item_id] = [0] * 21
            entry[slot] = 0 if item_id in weighed else quantity
            entry[slot + 1] = grams
            entry[slot + 2] = cents

    lost_by_reason: dict[tuple[int, str], list[int]] = {}
    corrections: dict[tuple[int, str], list[int]] = {}
    per_month: dict[str, dict[str, list[int]]] = {key: {} for key in period.months()} if months else {}
    transfer_movements = 0
    # (kind, reason) → its class, the first of the three figures it adds to and with which sign
    routes: dict[tuple[str, str | None], tuple[str, int, int]] = {}
    for (month, item_id, kind, reason), (quantity, grams, cents, count) in sums.flow_sums(
        session, period, by_month=months
    ).items():
        route = routes.get((kind, reason))
        if route is None:
            klass = sums.classify(kind, reason, losses)
            route = routes[(kind, reason)] = (klass, _SLOT.get(klass, _CORRECTED), _SIGN.get(klass, 1))
        klass, slot, sign = route
        pieces = 0 if item_id in weighed else quantity
        entry = figures.get(item_id)
        if entry is None:
            entry = figures[item_id] = [0] * 21
        if sign > 0:
            entry[slot] += pieces
            entry[slot + 1] += grams
            entry[slot + 2] += cents
        else:
            entry[slot] -= pieces
            entry[slot + 1] -= grams
            entry[slot + 2] -= cents
        if month is not None:
            sums_of_month = per_month[month].setdefault(klass, [0, 0, 0])
            sums_of_month[0] += pieces
            sums_of_month[1] += grams
            sums_of_month[2] += cents
        if slot in _NO_BREAKDOWN:
            continue  # most rows: receipts and goods out are not broken down further here
        if klass == sums.TRANSFER:  # counted in corrected (above), and apart
            entry[_TRANSFERS] += pieces
            entry[_TRANSFERS + 1] += grams
            entry[_TRANSFERS + 2] += cents
            transfer_movements += count
        if klass == sums.LOST:
            part = lost_by_reason.setdefault((item_id, reason or ""), [0, 0, 0])
            part[0] -= pieces
            part[1] -= grams
            part[2] -= cents
        else:  # corrected, transfers included
            key = (item_id, kind if kind in ("count", "transfer") else (reason or ""))
            part = corrections.setdefault(key, [0, 0, 0])
            part[0] += pieces
            part[1] += grams
            part[2] += cents

    item_rows: dict[int, RollRow] = {}
    unbalanced = []
    for item_id, item in items.items():
        entry = figures.get(item_id)
        if entry is None:  # nothing on the shelves and nothing moved: a row of zeros
            item_rows[item_id] = RollRow(item.name, item.sku, item_id in weighed, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)
            continue
        row = item_rows[item_id] = _row(item.name, item.sku, item_id in weighed, entry)
        if not _vector_balances(entry):
            unbalanced.append(row)

    if by == "item":
        order = sorted(items.values(), key=BY_NAME)
        rows = [item_rows[item.id] for item in order]
        row_of_item = {item.id: item.name for item in order}
        total = _row(TOTAL, "", False, _sum_up(figures.values()))
    else:
        in_category: dict[str, list[list[int]]] = {name: [] for name in category_names(session)}
        for item_id, entry in figures.items():
            in_category.setdefault(items[item_id].category, []).append(entry)
        for item in items.values():
            in_category.setdefault(item.category, [])
        groups = {name: _sum_up(entries) for name, entries in in_category.items()}
        names = sorted(groups, key=str.casefold)
        rows = [_row(name, "", False, groups[name]) for name in names]
        row_of_item = {item_id: item.category for item_id, item in items.items()}
        total = _row(TOTAL, "", False, _sum_up(groups.values()))
    return RollForward(
        period=period,
        by=by,
        rows=rows,
        total=total,
        item_rows=item_rows,
        row_of_item=row_of_item,
        items=items,
        lost_by_reason={key: Amount(*values) for key, values in lost_by_reason.items()},
        corrections={key: Amount(*values) for key, values in corrections.items()},
        months={month: {k: Amount(*v) for k, v in classes_.items()} for month, classes_ in per_month.items()},
        transfer_movements=transfer_movements,
        unbalanced=unbalanced,
    )


def _add_up(name: str, rows: Iterable[RollRow]) -> RollRow:
    rows = list(rows)
    return RollRow(
        name,
        "",
        False,
        *(total_of(row.measure(column) for row in rows) for column in FLOW_COLUMNS),
        transfers=total_of(row.transfers for row in rows),
    )


def _describe(row: RollRow, unit: str) -> str:
    expected = row.opening + row.received - row.distributed - row.lost + row.corrected
    return (
        f"{row.name} ({row.sku}): opening + movements give {expected.pieces} pieces, "
        f"{format_in_unit(expected.grams, unit)} {unit}, {format_money(expected.cents)}; stock on hand is "
        f"{row.closing.pieces} pieces, {format_in_unit(row.closing.grams, unit)} {unit}, "
        f"{format_money(row.closing.cents)}"
    )


# --- breakdowns: where receipts came from, who got what went out, why stock was lost -------------------------------


@dataclass(frozen=True)
class SplitRow:
    name: str  # category or item; TOTAL
    part: str  # source (donated | purchased | government), recipient (households | agencies) or reason
    amount: Amount
    weighed: bool = False


def _split_rows(figures: RollForward, grouped: Grouped, parts: tuple[str, ...]) -> list[SplitRow]:
    weighed = {row.name: row.weighed for row in figures.rows}
    order = {row.name: index for index, row in enumerate(figures.rows)}
    rank = {part: index for index, part in enumerate(parts)}
    keys = sorted(
        (key for key, amount in grouped.amounts.items() if amount),
        key=lambda key: (order.get(key[0], len(order)), rank.get(key[1], len(rank)), key[1]),
    )
    return [SplitRow(name, part, grouped.get((name, part)), weighed.get(name, False)) for name, part in keys]


def received_by_source(session: Session, figures: RollForward) -> tuple[list[SplitRow], list[str]]:
    """Receipts per row and source. The sources add up to the received column: what the donations do not explain
    (there should be nothing) is shown as 'unattributed' and named in the returned problems."""
    from pantry.services.reports import settings

    unit = settings.weight_unit(session)
    grouped, per_item = Grouped(), Grouped()
    for (item_id, donor_kind), values in sums.receipts_by_donor_kind(session, figures.period).items():
        amount = Amount.of(figures.items[item_id].unit, *values)
        grouped.add((figures.row_of_item[item_id], sums.source_of(donor_kind)), amount)
        per_item.add(item_id, amount)
    problems = []
    for item_id, row in figures.item_rows.items():
        if not row.received and item_id not in per_item.amounts:
            continue  # nothing received, nothing donated: no gap (most of a food bank's catalogue)
        gap = row.received - per_item.get(item_id)
        if gap:
            grouped.add((figures.row_of_item[item_id], sums.UNATTRIBUTED), gap)
            problems.append(
                _("{item}: {weight} {unit} received that no donation explains").format(
                    item=row.name, weight=format_in_unit(gap.grams, unit), unit=unit
                )
            )
    return _split_rows(figures, grouped, (*sums.SOURCES, sums.UNATTRIBUTED)), problems


def distributed_by_recipient(session: Session, figures: RollForward) -> list[SplitRow]:
    """What went out per row: to households and to agencies (their pickup orders), and "other" (goods out recorded
    without a pickup order)."""
    from pantry.services.reports.recipients import AGENCY, HOUSEHOLD, OTHER, RECIPIENTS, linked_by_recipient

    grouped = Grouped()
    linked = linked_by_recipient(session, figures.period)
    given = {item_id for item_id, _recipient in linked}
    for item_id, row in figures.item_rows.items():
        if not row.distributed and item_id not in given:
            continue  # nothing went out: no share for anyone (most of a food bank's catalogue)
        unit = figures.items[item_id].unit
        name = figures.row_of_item[item_id]
        to_households = -Amount.of(unit, *linked.get((item_id, HOUSEHOLD), (0, 0, 0)))
        to_agencies = -Amount.of(unit, *linked.get((item_id, AGENCY), (0, 0, 0)))
        grouped.add((name, HOUSEHOLD), to_households)
        grouped.add((name, AGENCY), to_agencies)
        grouped.add((name, OTHER), row.distributed - to_households - to_agencies)
    return _split_rows(figures, grouped, RECIPIENTS)


def lost_by_reason(figures: RollForward, labels: dict[str, str]) -> list[SplitRow]:
    grouped = Grouped()
    for (item_id, reason), amount in figures.lost_by_reason.items():
        grouped.add((figures.row_of_item[item_id], labels.get(reason, reason or "(no reason)")), amount)
    return _split_rows(figures, grouped, tuple(sorted(set(labels.values()))))


def corrections_by_kind(figures: RollForward, labels: dict[str, str]) -> list[SplitRow]:
    """The corrected column per row: count corrections, each non-loss adjustment reason, and transfers (net)."""
    names = {"count": "count corrections", "transfer": "transfers (net)"}
    grouped = Grouped()
    for (item_id, part), amount in figures.corrections.items():
        grouped.add((figures.row_of_item[item_id], names.get(part) or labels.get(part, part or "(no reason)")), amount)
    return _split_rows(figures, grouped, ("count corrections", *sorted(set(labels.values())), "transfers (net)"))


@dataclass(frozen=True)
class MonthRow:
    month: str  # 'YYYY-MM'; TOTAL
    received: Amount
    distributed: Amount
    lost: Amount
    corrected: Amount


def per_month(figures: RollForward) -> list[MonthRow]:
    rows = []
    for month, classes in figures.months.items():
        rows.append(
            MonthRow(
                month,
                classes.get(sums.RECEIVED, ZERO),
                -classes.get(sums.DISTRIBUTED, ZERO),
                -classes.get(sums.LOST, ZERO),
                classes.get(sums.CORRECTED, ZERO) + classes.get(sums.TRANSFER, ZERO),
            )
        )
    return rows


# --- the report ------------------------------------------------------------------------------------------------------


def _main_columns(by: str) -> tuple[Column, ...]:
    columns = [Column(by, N_("Category") if by == "category" else N_("Item"), "text", lambda r: r.name, total="none")]
    if by == "item":
        columns.append(Column("sku", N_("SKU"), "text", lambda r: r.sku, total="none", csv=False))
    titles = {"qty": "pieces", "kg": "kg", "value": "value"}
    for suffix, measure in MEASURES:
        for flow in FLOW_COLUMNS:
            kind = {"qty": "qty", "kg": "kg", "value": "money"}[suffix]

            def value(row: RollRow, flow: str = flow, measure: str = measure, suffix: str = suffix):  # type: ignore[no-untyped-def]
                if suffix == "qty" and row.weighed:
                    return None
                return getattr(row.measure(flow), measure)

            columns.append(
                Column(f"{flow}_{suffix}", f"{flow.title()} ({titles[suffix]})", kind, value, short=flow.title())
            )
    return tuple(columns)


def _split_columns(by: str, part_key: str, part_title: str) -> tuple[Column, ...]:
    return (
        Column(by, N_("Category") if by == "category" else N_("Item"), "text", lambda r: r.name, total="none"),
        Column(part_key, part_title, "text", lambda r: r.part, total="none"),
        Column("quantity", N_("Pieces"), "qty", lambda r: None if r.weighed else r.amount.pieces),
        *WEIGHT_AND_VALUE,
    )


_MONTH_COLUMNS = (
    Column("month", N_("Month"), "month", lambda r: r.month, total="none"),
    *(
        Column(f"{flow}_kg", f"{flow.title()} (kg)", "kg", lambda r, flow=flow: getattr(r, flow).grams)
        for flow in ("received", "distributed", "lost", "corrected")
    ),
    *(
        Column(f"{flow}_value", f"{flow.title()} (value)", "money", lambda r, flow=flow: getattr(r, flow).cents)
        for flow in ("received", "distributed", "lost", "corrected")
    ),
)


def _split_total(rows: list[SplitRow]) -> SplitRow:
    return SplitRow(TOTAL, "", total_of(row.amount for row in rows))


def rollforward_report(
    session: Session, period: Period, *, by: str = "category", generated_by: str = "", detail: bool = True
) -> Report:
    """The roll-forward as a report: the figures (the CSV's rows), then where receipts came from, who received what
    went out, losses by reason and the months, each adding up to its column of the first table."""
    with collector_paused():  # the figures of every item stay alive while the breakdowns are made
        return _rollforward_report(session, period, by, generated_by, detail)


def _rollforward_report(session: Session, period: Period, by: str, generated_by: str, detail: bool) -> Report:
    from pantry.services.reports import settings

    figures = rollforward(session, period, by=by, months=detail)
    total = figures.total
    views = tuple(
        (heading, (by, *(f"{flow}_{suffix}" for flow in FLOW_COLUMNS)))
        for heading, suffix in (("Pieces", "qty"), ("Weight", "kg"), ("Value", "value"))
    )
    sections = [
        Section(
            "rollforward",
            N_("Roll-forward by category") if by == "category" else N_("Roll-forward by item"),
            _main_columns(by),
            figures.rows,
            total,
            note=N_("Opening + received − distributed − lost + corrected = closing, on every row."),
            pdf_views=views,
        )
    ]
    unit = settings.weight_unit(session)  # the check lines weigh in the unit the tables show
    checks = [_balance_line(figures, unit)]
    checks.append(
        Phrase(
            N_(
                "Closing = stock on hand at the end of {day}: {pieces} pieces, {weight} {unit}, value {value} (the "
                "stock report as of that date)."
            ),
            day=period.end,
            pieces=total.closing.pieces,
            weight=weight_value(total.closing.grams, unit),
            unit=unit,
            value=money_value(total.closing.cents),
        )
    )
    checks.append(
        Phrase(
            N_(
                "Opening = stock on hand at the end of {day}, the closing of the period before: {pieces} pieces, "
                "{weight} {unit}, value {value}."
            ),
            day=period.opening_date,
            pieces=total.opening.pieces,
            weight=weight_value(total.opening.grams, unit),
            unit=unit,
            value=money_value(total.opening.cents),
        )
    )
    transfers = total.transfers
    checks.append(
        Phrase(
            N_(
                "Transfers between locations: {movements} movement(s), net {pieces} pieces, {weight} {unit}, value "
                "{value} (counted in corrected)."
            ),
            movements=figures.transfer_movements,
            pieces=transfers.pieces,
            weight=weight_value(transfers.grams, unit),
            unit=unit,
            value=money_value(transfers.cents),
        )
    )
    balanced = figures.balanced
    if detail:
        sources, problems = received_by_source(session, figures)
        recipients = distributed_by_recipient(session, figures)
        labels = sums.reason_labels(session)
        losses = lost_by_reason(figures, labels)
        corrections = corrections_by_kind(figures, labels)
        months = per_month(figures)
        by_reason: dict[str, int] = {}
        for row in losses:
            by_reason[row.part] = by_reason.get(row.part, 0) + row.amount.grams
        sections += [
            Section(
                "received_by_source",
                N_("Received by source"),
                _split_columns(by, "source", N_("Source")),
                sources,
                _split_total(sources),
                note=N_(
                    "Donated: people, businesses, farms, food drives, food banks and anonymous donors. Purchased: "
                    "our own purchases. Government: government programmes (TEFAP, CSFP, county programmes)."
                ),
            ),
            Section(
                "distributed_by_recipient",
                N_("Distributed by recipient"),
                _split_columns(by, "recipient", N_("Recipient")),
                recipients,
                _split_total(recipients),
                note=N_(
                    "Household and agency: goods of their pickup orders (less returns). Other: goods out recorded "
                    "without a pickup order (before pickups were used, or by other tools)."
                ),
            ),
            Section(
                "lost_by_reason",
                N_("Lost by reason"),
                _split_columns(by, "reason", N_("Reason")),
                losses,
                _split_total(losses),
                chart=Chart(
                    N_("Losses by reason"),
                    tuple(by_reason),
                    ((N_("Lost"), tuple(by_reason.values())),),
                    horizontal=True,
                )
                if by_reason
                else None,
            ),
            Section(
                "corrections",
                N_("Corrections"),
                _split_columns(by, "correction", N_("Correction")),
                corrections,
                _split_total(corrections),
                note=N_(
                    "Count corrections, adjustments that are not losses, and what transfers left (normally nothing)."
                ),
            ),
            Section(
                "months",
                N_("Per month"),
                _MONTH_COLUMNS,
                months,
                MonthRow(TOTAL, total.received, total.distributed, total.lost, total.corrected),
                chart=Chart(
                    N_("Weight in and out per month"),
                    tuple(row.month for row in months),
                    (
                        (N_("Received"), tuple(row.received.grams for row in months)),
                        (N_("Distributed"), tuple(row.distributed.grams for row in months)),
                        (N_("Lost"), tuple(row.lost.grams for row in months)),
                    ),
                ),
            ),
        ]
        if problems:
            balanced = False
            checks += problems
        else:
            checks.append(
                N_(
                    "Received by source adds up to received, distributed to households and agencies to distributed, "
                    "losses by reason to lost, and the months to the period."
                )
            )
    rate = settings.valuation(session)
    return make_report(
        session,
        kind="rollforward",
        title=N_("Stock roll-forward"),
        scope=period.label,
        sections=sections,
        generated_by=generated_by,
        checks=checks,
        notes=[
            N_(
                "Weight and value are exact sums of what was fixed on each entry when it was made; a later change "
                "of an item's value or weight does not change them."
            ),
            valuation_note(rate),
            N_(
                "Pieces count items counted by the piece; items counted by weight (lb, kg) count in weight and value "
                "only and their pieces are left blank."
            )
            if by == "item"
            else N_(
                "Pieces count items counted by the piece; items counted by weight (lb, kg) count in weight and value "
                "only."
            ),
            N_(
                "Lost: adjustments whose reason is a loss (spoiled, expired, damaged, recalled, pest, other). "
                "Corrected: every other adjustment (recount, returned), count corrections and transfers, signed."
            ),
        ],
        balanced=balanced,
    )


def _balance_line(figures: RollForward, unit: str) -> str:
    if figures.balanced:
        return N_(
            "Balances: opening + received − distributed − lost + corrected = closing on every row and in total, "
            "in pieces, weight and value."
        )
    return "DOES NOT BALANCE (please run `pantry verify` and report this): " + "; ".join(
        _describe(row, unit) for row in figures.unbalanced[:5]
    )
