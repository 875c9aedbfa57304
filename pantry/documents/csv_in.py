"""Reading CSV files as people produce them: UTF-8 with or without BOM, `,` or `;` delimited, any line ending."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from pantry.errors import UserError


class CsvRow(NamedTuple):  # a tuple: 100,000 rows are made quickly
    number: int  # data rows count from 1; the header is not counted
    values: dict[str, str]
    extra_cells: int = 0  # non-empty cells beyond the header's columns or under a column without a name

    def get(self, column: str) -> str:
        """The cell under `column`, without surrounding blanks ("" when the file has no such column)."""
        return self.values.get(column, "")


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") > header_line.count(",") else ","


MAX_CELL = 100_000  # characters; the csv module's own limit is 131,072, and no cell of ours needs a tenth of it
_CONTROL = {code: None for code in range(32) if chr(code) not in "\t\n\r"} | {0x7F: None}
_CONTROL_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL"}
_ANY_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in _CONTROL) + "]")


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a CSV file") from None
    except OSError as problem:
        raise UserError(f"{path}: cannot read the file ({problem.strerror or problem})") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 3 and b"\x00" in raw[:4] and raw[:4].count(0) == 2):
        raise UserError(
            f"{path}: this is UTF-16 text (what Excel calls Unicode Text); save the file as CSV UTF-8",
            [f"row 1: encoding: {path.name} is UTF-16 text, not UTF-8; save the file as CSV UTF-8"],
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, problem.start) + 1
        end = raw.find(b"\n", problem.start)
        text = raw[start : end if end >= 0 else len(raw)].decode("utf-8", errors="replace").strip()[:60]
        bad = raw[problem.start]
        whole = f"{path}: not UTF-8 text (line {line}); save the file as CSV UTF-8"
        where = f"row {line - 1}" if line > 1 else "header"
        raise UserError(
            whole,
            [
                f"{where}: encoding: byte 0x{bad:02X} in '{text}' is not UTF-8 (saved as Latin-1 or Windows-1252?); "
                "save the file as CSV UTF-8",
                whole,
            ],
        ) from None


def _control_name(text: str) -> str:
    code = next(ord(char) for char in text if ord(char) in _CONTROL)
    return _CONTROL_NAMES.get(code, f"control character 0x{code:02X}")


def _cell_problems(number: int, header: Sequence[str], record: Sequence[str]) -> list[str]:
    """A cell no person typed: longer than any field needs, or holding NUL and other control characters."""
    problems = []
    for index, cell in enumerate(record):
        column = header[index] if index < len(header) and header[index] else f"column {index + 1}"
        where = "header" if number == 0 else f"row {number}"
        if len(cell) > MAX_CELL:
            problems.append(
                f"{where}: {column}: a cell of {len(cell):,} characters (at most {MAX_CELL:,}); is this the right file?"
            )
        elif cell.translate(_CONTROL) != cell:
            problems.append(f"{where}: {column}: contains {_control_name(cell)}, which no one types; check the file")
    return problems


def read_rows(path: Path, columns: Sequence[str], required: Sequence[str]) -> Iterator[CsvRow]:
    """Rows of `path` keyed by the header's column names (case-insensitive), after checking the header.

    Unknown, repeated and missing required columns are refused with a message naming them. Blank rows are skipped
    but still counted, so `row N` is line N+1 of a file without line breaks inside cells.
    """
    text = _read_text(path)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as problem:
        where = f"row {len(records)}" if records else "header"
        if "field larger than field limit" in str(problem):
            raise UserError(
                f"{where}: cells: a cell longer than {csv.field_size_limit():,} characters; is this the right file?"
            ) from None
        raise UserError(f"{where}: cells: not readable as CSV ({problem})") from None
    if not records:
        raise UserError(f"{path}: the file is empty (a header row is needed: {','.join(columns)})")
    header = [name.strip().lower() for name in records[0]]
    # One look at the whole text and at each record's longest cell; the cell by cell check only when either finds one
    if _ANY_CONTROL.search(text) or any(len(max(record, key=len, default="")) > MAX_CELL for record in records):
        broken = [line for number, record in enumerate(records) for line in _cell_problems(number, header, record)]
    else:
        broken = []
    if broken:
        raise UserError(f"{len(broken)} problem(s) in {path.name}; nothing was imported", broken)
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
    width = len(header)
    strip = str.strip
    for number, record in enumerate(records[1:], start=1):
        if not "".join(record).strip():
            continue
        if unnamed or len(record) > width:
            extra = sum(1 for cell in record[width:] if cell.strip())
            extra += sum(1 for index in unnamed if index < len(record) and record[index].strip())
            values = {name: cell.strip() for name, cell in zip(header, record, strict=False) if name}
        else:
            extra = 0
            values = dict(zip(header, map(strip, record), strict=False))
        yield CsvRow(number, values, extra)
