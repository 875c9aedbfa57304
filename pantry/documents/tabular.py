"""Writing rows as CSV, JSON or an aligned text table, from one declaration of columns.

A column is (header, kind, value-of-row); headers and values cannot drift apart. CSV is formula-safe: a text cell
that a spreadsheet would run as a formula is prefixed with `'`; numbers, negative ones included, stay plain.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

Row = TypeVar("Row")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    kind: str  # "text", "int", "decimal" (a string with fixed decimals), "date" (ISO or empty)
    value: Callable[[Row], Any]
    align_right: bool = False


def _cell(column: Column[Any], row: Any) -> str:
    value = column.value(row)
    if value is None:
        return ""
    if column.kind == "date":
        return value.isoformat()
    return str(value)


def safe_text(text: str) -> str:
    """Neutralise a text cell that a spreadsheet would run as a formula."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _csv_line_with_cr(cells: Sequence[str]) -> str:
    # The csv module quotes a cell only for the characters of its line terminator: a cell holding a lone CR is
    # written with "\r\n" as terminator so that it is quoted too (a spreadsheet would break the row there).
    line = io.StringIO(newline="")
    csv.writer(line, lineterminator="\r\n").writerow(cells)
    return line.getvalue()[:-2] + "\n"


def to_csv(columns: Sequence[Column[Row]], rows: Sequence[Row]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(column.header for column in columns)
    for row in rows:
        cells = [safe_text(_cell(column, row)) if column.kind == "text" else _cell(column, row) for column in columns]
        if any("\r" in cell for cell in cells):
            buffer.write(_csv_line_with_cr(cells))
        else:
            writer.writerow(cells)
    return buffer.getvalue()


def to_json(columns: Sequence[Column[Row]], rows: Sequence[Row]) -> str:
    def json_value(column: Column[Row], row: Row) -> Any:
        value = column.value(row)
        if value is None:
            return None
        if column.kind == "decimal":
            number = Decimal(value)
            return int(number) if number == number.to_integral_value() and "." not in str(value) else float(number)
        if column.kind == "date":
            return value.isoformat()
        return value

    records = [{column.header: json_value(column, row) for column in columns} for row in rows]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def to_table(columns: Sequence[Column[Row]], rows: Sequence[Row], *, empty: str = "(nothing)") -> str:
    """An aligned plain-text table for the terminal."""
    if not rows:
        return empty + "\n"
    cells = [[_cell(column, row) for column in columns] for row in rows]
    widths = [max(len(column.header), *(len(line[index]) for line in cells)) for index, column in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if column.kind in ("int", "decimal") or column.align_right else value.ljust(width)
            for value, width, column in zip(values, widths, columns, strict=True)
        ]
        return "  ".join(parts).rstrip()

    output = [line([column.header for column in columns]), line(["-" * width for width in widths])]
    output.extend(line(values) for values in cells)
    return "\n".join(output) + "\n"
