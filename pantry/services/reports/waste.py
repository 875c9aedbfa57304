"""Waste and losses in a period: by month, reason and category (the CSV's rows), by reason, category and month, and
the share of what came in that was lost (by weight).

Losses are the movements the roll-forward counts as lost (`sums.classify`): adjustments and count corrections whose
reason is a loss. Quantities are positive; an undone loss counts back.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from pantry.i18n import N_, Phrase
from pantry.services.reports import settings, sums
from pantry.services.reports.period import Period
from pantry.services.reports.rows import (
    AMOUNT_COLUMNS,
    TOTAL,
    Amount,
    Chart,
    Column,
    Grouped,
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
class WasteRow:
    month: str  # 'YYYY-MM'; TOTAL
    reason: str
    category: str
    amount: Amount


@dataclass(frozen=True)
class ShareRow:
    name: str
    lost: Amount
    received: Amount

    @property
    def share(self) -> Decimal | None:
        """Lost weight over received weight in the period."""
        if not self.received.grams:
            return None
        return (Decimal(self.lost.grams) / Decimal(self.received.grams)).quantize(Decimal("0.0001"))


MAIN_COLUMNS = (
    Column("month", N_("Month"), "month", lambda r: r.month, total="none"),
    Column("reason", N_("Reason"), "text", lambda r: r.reason, total="none"),
    Column("category", N_("Category"), "text", lambda r: r.category, total="none"),
    *AMOUNT_COLUMNS,
)


def _share_columns(key: str, title: str, kind: str = "text") -> tuple[Column, ...]:
    return (
        Column(key, title, kind, lambda r: r.name, total="none"),
        Column("lost_qty", N_("Lost (pieces)"), "qty", lambda r: r.lost.pieces),
        Column("lost_kg", N_("Lost (kg)"), "kg", lambda r: r.lost.grams),
        Column("lost_value", N_("Lost (value)"), "money", lambda r: r.lost.cents),
        Column("received_kg", N_("Received (kg)"), "kg", lambda r: r.received.grams),
        Column("share_lost", N_("Share lost"), "percent", lambda r: r.share, total="value"),
    )


def waste_report(session: Session, period: Period, *, generated_by: str = "") -> Report:
    items = load_items(session)
    losses = sums.loss_reasons(session)
    labels = sums.reason_labels(session)
    cells, by_reason, by_category, by_month = Grouped(), Grouped(), Grouped(), Grouped()
    received_category, received_month = Grouped(), Grouped()
    for flow in sums.flows(session, period, by_month=True):
        item = items[flow.item_id]
        kind = sums.classify(flow.kind, flow.reason, losses)
        amount = Amount.of(item.unit, flow.quantity, flow.grams, flow.cents)
        month = flow.month or ""
        if kind == sums.RECEIVED:
            received_category.add(item.category, amount)
            received_month.add(month, amount)
        elif kind == sums.LOST:
            reason = labels.get(flow.reason or "", flow.reason or "(no reason)")
            cells.add((month, reason, item.category), -amount)
            by_reason.add(reason, -amount)
            by_category.add(item.category, -amount)
            by_month.add(month, -amount)
    rows = [
        WasteRow(month, reason, category, cells.get((month, reason, category)))
        for month, reason, category in sorted(
            (key for key, amount in cells.amounts.items() if amount),
            key=lambda key: (key[0], key[1].casefold(), key[2].casefold()),
        )
    ]
    lost = total_of(row.amount for row in rows)
    received = total_of(received_category.amounts.values())
    overall = ShareRow(TOTAL, lost, received)
    reason_rows = [
        WasteRow("", reason, "", by_reason.get(reason))
        for reason in sorted(by_reason.amounts, key=lambda name: -by_reason.get(name).grams)
        if by_reason.get(reason)
    ]
    category_rows = [
        ShareRow(name, by_category.get(name), received_category.get(name))
        for name in sorted(set(by_category.amounts) | set(received_category.amounts), key=str.casefold)
    ]
    month_rows = [ShareRow(month, by_month.get(month), received_month.get(month)) for month in period.months()]
    reason_columns = (Column("reason", N_("Reason"), "text", lambda r: r.reason, total="none"), *AMOUNT_COLUMNS)
    sections = [
        Section("waste", N_("Losses by month, reason and category"), MAIN_COLUMNS, rows, WasteRow(TOTAL, "", "", lost)),
        Section(
            "by_reason",
            N_("By reason"),
            reason_columns,
            reason_rows,
            WasteRow("", TOTAL, "", lost),
            chart=Chart(
                N_("Losses by reason"),
                tuple(row.reason for row in reason_rows),
                ((N_("Lost"), tuple(row.amount.grams for row in reason_rows)),),
                horizontal=True,
            )
            if reason_rows
            else None,
        ),
        Section(
            "by_category",
            N_("By category, with the share of intake lost"),
            _share_columns("category", N_("Category")),
            category_rows,
            overall,
            note=N_("Share lost: weight lost over weight received in the same period."),
        ),
        Section("by_month", N_("By month"), _share_columns("month", N_("Month"), "month"), month_rows, overall),
    ]
    share = overall.share
    unit = settings.weight_unit(session)  # the check lines weigh in the unit the tables show
    figures = {
        "pieces": lost.pieces,
        "weight": weight_value(lost.grams, unit),
        "unit": unit,
        "value": money_value(lost.cents),
    }
    if share is not None:
        line = Phrase(
            N_(
                "Lost in the period: {pieces} pieces, {weight} {unit}, value {value}, {share}% of the {received} "
                "{unit} received: the same as the roll-forward's lost column."
            ),
            share=Decimal(f"{share * 100:.1f}"),
            received=weight_value(received.grams, unit),
            **figures,
        )
    else:
        line = Phrase(
            N_(
                "Lost in the period: {pieces} pieces, {weight} {unit}, value {value}: the same as the "
                "roll-forward's lost column."
            ),
            **figures,
        )
    checks = [line]
    return make_report(
        session,
        kind="waste",
        title=N_("Waste and losses"),
        scope=period.label,
        sections=sections,
        generated_by=generated_by,
        checks=checks,
        notes=[
            N_(
                "Losses are adjustments and count corrections whose reason is a loss; weight and value are as fixed on "
                "each entry."
            ),
            valuation_note(settings.valuation(session)),
            N_("Pieces count items counted by the piece; items counted by weight count in weight and value only."),
        ],
    )
