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
    extra_cells: int = 0  # non-empty cells beyond the header's columns or under a column without a name

    def get(self, column: str) -> str:
        """The cell under `column`, without surrounding blanks ("" when the file has no such column)."""
        return self.values.get(column, "")


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a CSV file") from None
    except OSError as problem:
        raise UserError(f"{path}: cannot read the file ({problem.strerror or problem})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        raise UserError(f"{path}: not UTF-8 text (line {line}); save the file as CSV UTF-8") from None


def read_rows(path: Path, columns: Sequence[str], required: Sequence[str]) -> Iterator[CsvRow]:
    """Rows of `path` keyed by the header's column names (case-insensitive), after checking the header.

    Unknown, repeated and missing required columns are refused with a message naming them. Blank rows are skipped
    but still counted, so `row N` is line N+1 of a file without line breaks inside cells.
    """
    text = _read_text(path)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        raise UserError(f"{path}: the file is empty (a header row is needed: {','.join(columns)})") from None
    except csv.Error as problem:
        raise UserError(f"header: not readable as CSV ({problem})") from None
    unknown = [name for name in header if name and name not in columns]
    if unknown:
        raise UserError(f"header: unknown column(s) {', '.join(unknown)}; expected {','.join(columns)}")
    repeated = sorted({name for name in header if name and header.count(name) > 1}, key=header.index)
    if repeated:
        raise UserError(f"header: column(s) given more than once: {', '.join(repeated)}")
    missing = [name for name in required if name not in header]
    if missing:
        raise UserError(f"header: missing column(s) {', '.join(missing)}")
    unnamed = [index for index, name in enumerate(header) if not name]
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if not any(cell.strip() for cell in record):
                continue
            extra = sum(1 for cell in record[len(header) :] if cell.strip())
            extra += sum(1 for index in unnamed if index < len(record) and record[index].strip())
            values = {name: cell.strip() for name, cell in zip(header, record, strict=False) if name}
            yield CsvRow(number, values, extra)
    except csv.Error as problem:
        raise UserError(f"row {number + 1}: cells: not readable as CSV ({problem})") from None
