"""Reading CSV files as people produce them: UTF-8 with or without BOM, `,` or `;` delimited, any line ending."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from pantry.errors import UserError
from pantry.i18n import _


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
        raise UserError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise UserError(_("{path}: is a folder, not a CSV file").format(path=path)) from None
    except OSError as problem:
        raise UserError(
            _("{path}: cannot read the file ({reason})").format(path=path, reason=problem.strerror or problem)
        ) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 3 and b"\x00" in raw[:4] and raw[:4].count(0) == 2):
        raise UserError(
            _("{path}: this is UTF-16 text (what Excel calls Unicode Text); save the file as CSV UTF-8").format(
                path=path
            ),
            [_("row 1: encoding: {name} is UTF-16 text, not UTF-8; save the file as CSV UTF-8").format(name=path.name)],
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, problem.start) + 1
        end = raw.find(b"\n", problem.start)
        text = raw[start : end if end >= 0 else len(raw)].decode("utf-8", errors="replace").strip()[:60]
        bad = raw[problem.start]
        whole = _("{path}: not UTF-8 text (line {line}); save the file as CSV UTF-8").format(path=path, line=line)
        where = _("row {number}").format(number=line - 1) if line > 1 else _("header")
        raise UserError(
            whole,
            [
                _(
                    "{where}: encoding: byte 0x{byte} in '{text}' is not UTF-8 (saved as Latin-1 or Windows-1252?); "
                    "save the file as CSV UTF-8"
                ).format(where=where, byte=f"{bad:02X}", text=text),
                whole,
            ],
        ) from None


def _control_name(text: str) -> str:
    code = next(ord(char) for char in text if ord(char) in _CONTROL)
    return _CONTROL_NAMES.get(code) or _("control character 0x{code}").format(code=f"{code:02X}")


def _cell_problems(number: int, header: Sequence[str], record: Sequence[str]) -> list[str]:
    """A cell no person typed: longer than any field needs, or holding NUL and other control characters."""
    problems = []
    for index, cell in enumerate(record):
        column = header[index] if index < len(header) and header[index] else _("column {n}").format(n=index + 1)
        where = _("header") if number == 0 else _("row {number}").format(number=number)
        if len(cell) > MAX_CELL:
            problems.append(
                _("{where}: {column}: a cell of {size} characters (at most {limit}); is this the right file?").format(
                    where=where, column=column, size=f"{len(cell):,}", limit=f"{MAX_CELL:,}"
                )
            )
        elif cell.translate(_CONTROL) != cell:
            problems.append(
                _("{where}: {column}: contains {character}, which no one types; check the file").format(
                    where=where, column=column, character=_control_name(cell)
                )
            )
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
        where = _("row {number}").format(number=len(records)) if records else _("header")
        if "field larger than field limit" in str(problem):
            raise UserError(
                _("{where}: cells: a cell longer than {limit} characters; is this the right file?").format(
                    where=where, limit=f"{csv.field_size_limit():,}"
                )
            ) from None
        raise UserError(
            _("{where}: cells: not readable as CSV ({problem})").format(where=where, problem=problem)
        ) from None
    if not records:
        raise UserError(
            _("{path}: the file is empty (a header row is needed: {columns})").format(
                path=path, columns=",".join(columns)
            )
        )
    header = [name.strip().lower() for name in records[0]]
    # One look at the whole text and at each record's longest cell; the cell by cell check only when either finds one
    # (a record no longer than MAX_CELL in all has no cell longer)
    if _ANY_CONTROL.search(text) or max(map(len, map("".join, records))) > MAX_CELL:
        broken = [line for number, record in enumerate(records) for line in _cell_problems(number, header, record)]
    else:
        broken = []
    if broken:
        raise UserError(
            _("{count} problem(s) in {name}; nothing was imported").format(count=len(broken), name=path.name), broken
        )
    unknown = [name for name in header if name and name not in columns]
    if unknown:
        raise UserError(
            _("header: unknown column(s) {unknown}; expected {columns}").format(
                unknown=", ".join(unknown), columns=",".join(columns)
            )
        )
    repeated = sorted({name for name in header if name and header.count(name) > 1}, key=header.index)
    if repeated:
        raise UserError(_("header: column(s) given more than once: {columns}").format(columns=", ".join(repeated)))
    missing = [name for name in required if name not in header]
    if missing:
        raise UserError(_("header: missing column(s) {columns}").format(columns=", ".join(missing)))
    unnamed = [index for index, name in enumerate(header) if not name]
    width = len(header)
    strip = str.strip
    for number, record in enumerate(records[1:], start=1):
        if not (record and record[0].strip()) and not "".join(record).strip():  # the first cell settles most rows
            continue
        if unnamed or len(record) > width:
            extra = sum(1 for cell in record[width:] if cell.strip())
            extra += sum(1 for index in unnamed if index < len(record) and record[index].strip())
            values = {name: cell.strip() for name, cell in zip(header, record, strict=False) if name}
        else:
            extra = 0
            values = dict(zip(header, map(strip, record), strict=False))
        yield CsvRow(number, values, extra)
