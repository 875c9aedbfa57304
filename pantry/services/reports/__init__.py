"""Reports for the treasurer, the board, grant applications and the food bank: rows first, then written as CSV,
XLSX or PDF (`pantry.documents.report_csv`, `.xlsx`, `.report_pdf`) from the same rows.

- rows: exact amounts (pieces, grams, cents), columns declared once, sections, charts, the Report itself;
- period: inclusive business-date periods and the presets a treasurer picks ("last-quarter");
- sums: ledger sums shared by the reports, and which roll-forward column each movement belongs to;
- settings: currency, weight unit on paper, the default value per lb/kg, letter wording and the pantry's address;
- stock_on_hand, rollforward, donations, distributions, monthly, waste, expiring, valuation: one module per report;
- recipients: distribution movements traced to their pickup orders; letters: donor acknowledgements.

`build` makes any report by name: what `pantry report` and the window's Reports screen call.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import _
from pantry.services.permissions import require
from pantry.services.reports.period import Period
from pantry.services.reports.rows import Report

KINDS = ("stock", "rollforward", "donations", "distributions", "monthly", "waste", "expiring", "valuation")


def build(
    session: Session,
    kind: str,
    *,
    period: Period | None = None,
    as_of: dt.date | None = None,
    by: str | None = None,
    generated_by: str = "",
    user_id: int | None = None,
) -> Report:
    """The report `kind` for a period (or, for stock, as of a date), made as `generated_by`."""
    require(session, user_id, "reports")
    if kind == "stock":
        from pantry.services.reports.stock_on_hand import stock_report

        if as_of is None:
            raise UserError(_("as-of: the stock report needs a date"))
        return stock_report(session, as_of, by=by or "item", generated_by=generated_by)
    if kind == "valuation":
        from pantry.services.reports.valuation import valuation_report

        return valuation_report(session, generated_by=generated_by)
    if kind not in KINDS:
        raise UserError(_("report: '{kind}' is not one of {kinds}").format(kind=kind, kinds=", ".join(KINDS)))
    if period is None:
        raise UserError(_("{kind}: give a period (from and to)").format(kind=kind))
    if kind == "rollforward":
        from pantry.services.reports.rollforward import rollforward_report

        return rollforward_report(session, period, by=by or "category", generated_by=generated_by)
    if kind == "donations":
        from pantry.services.reports.donations import donations_report

        return donations_report(session, period, generated_by=generated_by)
    if kind == "distributions":
        from pantry.services.reports.distributions import distributions_report

        return distributions_report(session, period, generated_by=generated_by)
    if kind == "monthly":
        from pantry.services.reports.monthly import monthly_report

        return monthly_report(session, period, generated_by=generated_by)
    if kind == "waste":
        from pantry.services.reports.waste import waste_report

        return waste_report(session, period, generated_by=generated_by)
    from pantry.services.reports.expiring import expiring_report

    return expiring_report(session, period, generated_by=generated_by)
