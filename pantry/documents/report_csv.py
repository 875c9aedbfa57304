"""A report as CSV: its first section's CSV columns, one header row, the rows and the TOTAL row.

UTF-8, ISO dates, dot decimals, numbers plain (negative ones too), text cells a spreadsheet would run as a formula
neutralised with `'` (`tabular.to_csv`). Weights are kilograms with three decimals, money has two.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pantry.documents import tabular
from pantry.measures import format_kg, format_money
from pantry.services.reports.rows import Column, Report, Section

_TABULAR_KIND = {
    "text": "text",
    "count": "int",
    "qty": "int",
    "amount": "decimal",
    "kg": "decimal",
    "money": "decimal",
    "date": "date",
    "month": "int",  # 'YYYY-MM' needs no neutralising
    "percent": "decimal",
}


def csv_value(column: Column) -> Callable[[Any], Any]:
    """The CSV text of a column's raw value (None stays an empty cell)."""

    def value(row: Any) -> Any:
        raw = column.get(row)
        if raw is None:
            return None
        if column.kind == "kg":
            return format_kg(raw)
        if column.kind == "money":
            return format_money(raw)
        if column.kind == "percent":
            return f"{(Decimal(raw) * 100).quantize(Decimal('0.1'))}"
        return raw

    return value


def section_csv(section: Section) -> str:
    columns = [
        tabular.Column(column.key, _TABULAR_KIND[column.kind], csv_value(column))
        for column in section.columns
        if column.csv
    ]
    rows = [*section.rows, *([section.total] if section.total is not None else [])]
    return tabular.to_csv(columns, rows)


def report_csv(report: Report) -> str:
    return section_csv(report.primary)
