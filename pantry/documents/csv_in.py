"""Reading CSV files as people produce them: UTF-8 with or without BOM, `,` or `;` delimited, any line ending."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pantry.errors import UserError


@dataclass(frozen=True)
class CsvRow:
    number: int  # data rows count from 1; the header is not counted
    values: dict[str, str]
    extra_cells: int = 0  # non-empty cells beyond the header's columns

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_rows(path: Path, columns: Sequence[str], required: Sequence[str]) -> Iterator[CsvRow]:
    """Rows of `path` keyed by the header's column names (case-insensitive), after checking the header.

    Unknown columns and missing required ones are refused with a message naming them.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except UnicodeDecodeError as problem:
        raise UserError(f"{path}: not UTF-8 text (byte {problem.start}); save the file as CSV UTF-8") from None
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise UserError(f"{path}: the file is empty (a header row is needed: {','.join(columns)})") from None
    unknown = [name for name in header if name and name not in columns]
    if unknown:
        raise UserError(f"header: unknown column(s) {', '.join(unknown)}; expected {','.join(columns)}")
    missing = [name for name in required if name not in header]
    if missing:
        raise UserError(f"header: missing column(s) {', '.join(missing)}")
    for number, record in enumerate(reader, start=1):
        if not any(cell.strip() for cell in record):
            continue
        extra = sum(1 for cell in record[len(header) :] if cell.strip())
        yield CsvRow(number, dict(zip(header, record, strict=False)), extra)
