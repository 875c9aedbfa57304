"""A report as an XLSX workbook (openpyxl): an "About" sheet, then one sheet per section.

Cells are typed: numbers are numbers (kilograms and money as exact decimals), dates are dates, text is text even when
it starts with `=` (stored as a string, never as a formula). Each sheet has a frozen header row and first column, an
autofilter over its rows, column widths that fit, and a TOTAL row whose sums are real SUM formulas over the rows
(they equal the report's totals); totals that are not sums (unduplicated counts) are written as values.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from pantry.documents.report_pdf import translated
from pantry.i18n import Translator, get
from pantry.services.reports.period import month_start
from pantry.services.reports.rows import TOTAL, Column, Report, Section

_FORMATS = {
    "count": "#,##0",
    "qty": "#,##0",
    "kg": "#,##0.000",
    "money": "#,##0.00",
    "date": "yyyy-mm-dd",
    "month": "yyyy-mm",
    "percent": "0.0%",
}
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_BOLD = Font(bold=True)
_TOP_LINE = Border(top=Side(style="thin"))
_MAX_WIDTH = 60
_INVALID_TITLE = str.maketrans({char: " " for char in "[]:*?/\\"})


def cell_value(column: Column, raw: Any) -> Any:
    """The typed value a column's raw value gets in a cell."""
    if raw is None:
        return None
    kind = column.kind
    if kind == "kg":
        return Decimal(raw) / 1000
    if kind == "money":
        return Decimal(raw) / 100
    if kind == "month":
        return month_start(raw) if raw != TOTAL else raw
    if kind == "percent":
        return Decimal(raw)
    return raw


def _number_format(column: Column, value: Any) -> str | None:
    if column.kind == "amount":
        return "#,##0.000" if isinstance(value, Decimal) else "#,##0"
    if column.kind == "month" and not isinstance(value, dt.date):
        return None
    return _FORMATS.get(column.kind)


def _display_width(column: Column, value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, Decimal | int | float) and column.kind in ("kg", "money", "amount"):
        return len(f"{value:,.3f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return len(str(value))


def _sheet_title(title: str, taken: set[str]) -> str:
    base = title.translate(_INVALID_TITLE).strip()[:31] or "Sheet"
    name, number = base, 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.casefold())
    return name


def _heading(column: Column, currency: str) -> str:
    if column.kind == "money" and "(" not in column.title:
        return f"{column.title} ({currency})"
    if column.kind == "money":
        return column.title.replace("(value)", f"({currency})")
    if column.kind == "kg" and "(" not in column.title:
        return f"{column.title} (kg)"
    return column.title


def _write_text(cell: Any, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # a name like '=HYPERLINK(...)' stays text, never a formula


def _write_section(workbook: Workbook, section: Section, report: Report, taken: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_title(section.title, taken))
    columns = section.columns
    widths = [len(_heading(column, report.currency)) for column in columns]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        _write_text(cell, _heading(column, report.currency))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="left" if column.kind == "text" else "right")
    row_number = 1
    for row in section.rows:
        row_number += 1
        for index, column in enumerate(columns, start=1):
            _put(sheet, row_number, index, column, cell_value(column, column.get(row)), widths)
    last_data = row_number
    if section.total is not None:
        row_number += 1
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=row_number, column=index)
            letter = get_column_letter(index)
            if column.total == "sum" and column.kind not in ("text", "date", "month"):
                if last_data >= 2:
                    cell.value = f"=SUM({letter}2:{letter}{last_data})"
                    cell.number_format = _number_format(column, Decimal(0)) or "General"
                else:
                    cell.value = 0
            else:
                raw = column.get(section.total)
                if raw is not None and (column.total == "value" or raw == TOTAL):
                    _put(sheet, row_number, index, column, cell_value(column, raw), widths)
            cell.font = _BOLD
            cell.border = _TOP_LINE
    last_column = get_column_letter(len(columns))
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{last_column}{max(last_data, 1)}"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(_MAX_WIDTH, max(8, width + 2))
    if section.note:
        note = sheet.cell(row=row_number + 2, column=1)
        _write_text(note, section.note)
        note.font = Font(italic=True)


def _put(sheet: Any, row: int, index: int, column: Column, value: Any, widths: list[int]) -> None:
    cell = sheet.cell(row=row, column=index)
    if isinstance(value, str):
        _write_text(cell, value)
    else:
        cell.value = value
        number_format = _number_format(column, value)
        if number_format and value is not None:
            cell.number_format = number_format
    width = _display_width(column, value)
    if width > widths[index - 1]:
        widths[index - 1] = width


def _about(workbook: Workbook, report: Report, tr: Translator) -> None:
    sheet = workbook.active
    sheet.title = _sheet_title(tr._("About"), set())
    lines: list[tuple[str, Any]] = [
        (tr._("Report"), report.title),
        (tr._("Pantry"), report.org_name),
        (tr._("Period"), report.scope),
        (tr._("Generated"), report.generated_at.replace(tzinfo=None, microsecond=0)),
        (tr._("Generated by"), report.generated_by or "-"),
        (tr._("Currency"), report.currency),
        (tr._("Reconciles"), tr._("yes") if report.balanced else tr._("NO")),
        ("", ""),
    ]
    lines += [(tr._("Check"), line) for line in report.checks]
    lines += [("", "")]
    lines += [(tr._("Note"), line) for line in report.notes]
    for number, (label, value) in enumerate(lines, start=1):
        _write_text(sheet.cell(row=number, column=1), label)
        sheet.cell(row=number, column=1).font = _BOLD
        cell = sheet.cell(row=number, column=2)
        if isinstance(value, dt.datetime):
            cell.value = value
            cell.number_format = "yyyy-mm-dd hh:mm"
        else:
            _write_text(cell, str(value))
    sheet.cell(row=1, column=2).font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 120


def write_xlsx(report: Report, path: Path, *, tr: Translator | None = None) -> None:
    """The workbook in `tr`'s language (the desk's): headings translated, the figures as numbers and dates (the
    spreadsheet shows them as its own locale does)."""
    tr = get(tr)
    report = translated(report, tr)
    workbook = Workbook()
    _about(workbook, report, tr)
    taken = {workbook.active.title.casefold()}
    for section in report.sections:
        _write_section(workbook, section, report, taken)
    workbook.save(path)
