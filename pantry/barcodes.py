"""Scans: what a keyboard-wedge scanner typed, and what it means. One parser for every code the desk meets.

`parse_scan(text)` takes exactly what the scanner typed (a trailing Enter, Tab or blanks included) and returns a
`Scan`, or raises `ScanError` (a `UserError`) whose message names the text. It is pure: no database. It knows
- product codes: EAN-13, UPC-A (12 digits, or 13 with a leading 0), EAN-8, UPC-E (expanded to UPC-A) and GTIN-14,
  each with its check digit verified;
- GS1 element strings (GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar) as scanners send them: with an AIM symbology
  identifier (`]C1`, `]d2`, `]Q3`, `]e0`), with ASCII 29 (GS) for FNC1, or printed `(01)...(17)...`;
- our own codes (lots, households, pickup orders, locations: `pantry.codes`), in any case, also behind `]C0` & co.

Anything else is "not a code we know". A wrong check digit is an error, never a lookup.

python-stdnum provides the check digit (`stdnum.ean`) and the table of GS1 application identifiers (`stdnum.numdb`
'gs1_ai', generated from ref.gs1.org). Its `gs1_128.info` is not used: it decodes dates with Python's fixed `%y`
cut-off instead of GS1's century rule, drops every parenthesis (also inside a lot), pads values when there is no
separator and lets a bad date escape as a bare ValueError. Splitting and decoding are done here instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from stdnum import ean, numdb

from pantry.codes import normalize_product_code, parse_own_code
from pantry.errors import UserError
from pantry.i18n import _
from pantry.measures import grams_from

GS = "\x1d"  # ASCII 29, group separator: how scanners send FNC1
MAX_SCAN_LENGTH = 1000  # far beyond any GS1 symbol a desk meets; longer text is not a scan

KINDS = ("product", "gs1-data", "lot", "household", "order", "location")

# AIM symbology identifiers (ISO/IEC 15424) a scanner may put first: what they say about the data after them.
# "ean": digits of the EAN/UPC family; "gs1": a GS1 element string; anything else is read as if no prefix was sent.
_GS1_SYMBOLOGIES = {"]C1": "gs1-128", "]d2": "gs1-datamatrix", "]Q3": "gs1-qr", "]e0": "gs1-databar"}
_EAN_SYMBOLOGIES = {"]E0": "ean", "]E4": "ean8"}  # ]E0: EAN-13, UPC-A or UPC-E; ]E4: EAN-8
_AIM_PREFIX = re.compile(r"\][A-Za-z][0-9A-Za-z]")
# Whitespace a scanner or a text field adds around the text (Enter, Tab, blanks), but not GS: it can stand for FNC1.
_BLANKS = "".join(char for char in map(chr, range(0x3001)) if char.isspace() and char != GS)
_HRI_AI = re.compile(r"\(([0-9]{2,4})\)")

_AI_TABLE = numdb.get("gs1_ai")
_DATE_AIS = {"11": "production_date", "13": "packaging_date", "15": "best_before", "16": "sell_by", "17": "use_by"}
_SYMBOLOGY_NAMES = {"upce": "UPC-E", "ean8": "EAN-8"}


class ScanError(UserError):
    """A scan that is not a valid code we know. `reason`: "unknown", "check_digit" or "gs1" (malformed GS1 data)."""

    def __init__(self, message: str, text: str, reason: str) -> None:
        super().__init__(message)
        self.text = text
        self.reason = reason


@dataclass(frozen=True)
class Scan:
    """What one scan said, with everything in it. Fields that do not apply are None (or empty)."""

    kind: str  # product | gs1-data (GS1 data without a product number) | lot | household | order | location
    raw: str  # exactly what the scanner typed
    symbology: str  # ean13 upca ean8 upce gtin14 | gs1-128 gs1-datamatrix gs1-qr gs1-databar gs1 gs1-text | own
    code: str | None = None  # the stored form to look up: normalize_product_code(gtin), or our code in capitals
    gtin: str | None = None  # 14 digits
    other_codes: tuple[str, ...] = ()  # other stored forms the same scan may have in the catalog (try after `code`)
    number: int | None = None  # our codes: the row id the code stands for
    expires: dt.date | None = None  # use-by if the code has one, else best-before
    date_kind: str | None = None  # use_by | best_by, for `expires`
    use_by: dt.date | None = None  # AI 17
    best_before: dt.date | None = None  # AI 15
    sell_by: dt.date | None = None  # AI 16 (not an expiry)
    production_date: dt.date | None = None  # AI 11
    packaging_date: dt.date | None = None  # AI 13
    supplier_lot: str | None = None  # AI 10
    serial: str | None = None  # AI 21
    weight_grams: int | None = None  # AI 310n (kg) or 320n (lb)
    count: int | None = None  # AI 37 (or 30): how many trade items, e.g. of the AI 02 GTIN on a pallet label
    elements: dict[str, str] = field(default_factory=dict, hash=False)  # every GS1 AI and its raw value, in scan order

    def as_dict(self) -> dict[str, Any]:
        """The parse as JSON-ready values, only the keys that apply. `lot` is AI 10, or our lot code itself."""
        own = self.kind in ("lot", "household", "order", "location")
        values: dict[str, Any] = {
            "kind": self.kind,
            "symbology": self.symbology,
            "text": self.raw,
            "code": self.code,
            "gtin": self.gtin,
            "number": self.number,
            "expires": self.expires,
            "date_kind": self.date_kind,
            "use_by": self.use_by,
            "best_before": self.best_before,
            "sell_by": self.sell_by,
            "production_date": self.production_date,
            "packaging_date": self.packaging_date,
            "lot": self.code if self.kind == "lot" else self.supplier_lot,
            "serial": self.serial,
            "weight_kg": None if self.weight_grams is None else round(self.weight_grams / 1000, 3),
            "count": self.count,
            "elements": dict(self.elements) or None,
        }
        if own and self.kind != "lot":
            values[self.kind] = self.code
        return {
            key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in values.items()
            if value is not None
        }


def parse_scan(text: str, *, today: dt.date | None = None) -> Scan:
    """What `text`, exactly as a scanner typed it, is. `today` anchors the century of GS1 dates.

    Raises ScanError (a UserError) naming the text for anything that is not a valid code we know.
    """
    data = text.strip(_BLANKS)
    if not data or len(data) > MAX_SCAN_LENGTH:
        raise _unknown(text, data)
    reference = today or dt.date.today()
    prefix = data[:3] if _AIM_PREFIX.match(data) else ""
    payload = data[len(prefix) :]
    if prefix in _GS1_SYMBOLOGIES:
        return _gs1_scan(text, payload.lstrip(GS), _GS1_SYMBOLOGIES[prefix], reference, printed=False)
    if prefix in _EAN_SYMBOLOGIES:
        if not _digits(payload):
            raise _unknown(text, data)
        return _product_scan(text, data, payload, _EAN_SYMBOLOGIES[prefix])
    return _plain_scan(text, data, payload, reference)


def _plain_scan(text: str, data: str, payload: str, today: dt.date) -> Scan:
    """A scan without a symbology identifier that tells (or with one that says nothing about GS1 or EAN)."""
    if _digits(payload) and len(payload) in (8, 12, 13, 14):
        return _product_scan(text, data, payload, None)
    if len(payload) >= 16 and payload[:2] in ("01", "02") and _digits(payload[2:16]):
        return _gs1_scan(text, payload, "gs1", today, printed=False)  # GS1 data from a scanner not sending ]C1
    if _HRI_AI.match(payload):
        return _gs1_scan(text, payload, "gs1-text", today, printed=True)
    if GS in payload and _ai_at(payload.lstrip(GS)):
        return _gs1_scan(text, payload.lstrip(GS), "gs1", today, printed=False)
    own = parse_own_code(payload) if payload.isascii() else None  # ascii: 'ſ'.upper() is 'S'
    if own is not None:
        return Scan(kind=own.kind, raw=text, symbology="own", code=own.text, number=own.number)
    raise _unknown(text, data)


# Product codes


def expand_upce(code: str) -> str:
    """The UPC-A a UPC-E code stands for: 8 digits (number system 0 or 1, six digits, check digit) in, 12 out."""
    if not _digits(code) or len(code) != 8 or code[0] not in "01":
        raise ValueError(_("'{code}' is not a UPC-E code (8 digits starting with 0 or 1)").format(code=code))
    system, d, check = code[0], code[1:7], code[7]
    last = d[5]
    if last in "012":
        body = f"{d[0:2]}{last}0000{d[2:5]}"
    elif last == "3":
        body = f"{d[0:3]}00000{d[3:5]}"
    elif last == "4":
        body = f"{d[0:4]}00000{d[4]}"
    else:
        body = f"{d[0:5]}0000{last}"
    return f"{system}{body}{check}"


def _product_scan(text: str, data: str, digits: str, hint: str | None) -> Scan:
    """An EAN/UPC/GTIN: its check digit verified, its stored form worked out. `hint` from ]E0 ("ean") or ]E4."""
    readings: list[tuple[str, str]] = []  # (symbology, the GTIN it stands for), the likelier first
    if len(digits) == 8:
        # Eight digits are UPC-E or EAN-8, and only a symbology identifier says which. Without one the check digit
        # usually settles it. When both check: UPC-E first for a leading 0 (EAN-8s starting with 0 are restricted
        # circulation, in-store numbers; UPC-E is common on small packs), EAN-8 first for a leading 1 (number
        # system 1 UPC-E is rare and off by default in scanners). The other reading stays in `other_codes`.
        upce = [("upce", expand_upce(digits))] if digits[0] in "01" else []
        ean8 = [("ean8", digits)]
        if hint == "ean8":
            readings = ean8
        elif hint == "ean":
            readings = upce
        else:
            readings = ean8 + upce if digits[0] == "1" else upce + ean8
    elif len(digits) == 12:
        readings.append(("upca", digits))
    elif len(digits) == 13:
        readings.append(("upca" if digits[0] == "0" else "ean13", digits))
    elif len(digits) == 14:
        readings.append(("gtin14", digits))
    if not readings:
        raise _unknown(text, data)
    valid = [(symbology, number) for symbology, number in readings if ean.is_valid(number)]
    if not valid:
        if len(readings) == 1:
            expected = ean.calc_check_digit(readings[0][1][:-1])
        else:
            expected = ", ".join(
                f"{ean.calc_check_digit(number[:-1])} as {_SYMBOLOGY_NAMES[symbology]}"
                for symbology, number in readings
            )
        raise ScanError(
            _("{value} has a wrong check digit (expected {expected})").format(value=_quoted(data), expected=expected),
            text,
            "check_digit",
        )
    symbology, number = valid[0]
    gtin = number.zfill(14)
    code = normalize_product_code(number)
    others = [normalize_product_code(other) for _unused, other in valid[1:]]
    return Scan(
        kind="product",
        raw=text,
        symbology=symbology,
        code=code,
        gtin=gtin,
        other_codes=_other_codes(gtin, code, others),
    )


def _other_codes(gtin: str, code: str, others: list[str]) -> tuple[str, ...]:
    """Other stored forms: the second reading of an ambiguous 8-digit scan, and the GTIN-8 inside a GTIN-14 that
    starts with six zeros (stored as 8 digits, while normalize_product_code keeps 12)."""
    if gtin.startswith("000000"):
        others.append(gtin[6:])
    return tuple(other for other in dict.fromkeys(others) if other != code)


# GS1 element strings


def gs1_date(text: str, today: dt.date) -> dt.date:
    """A GS1 YYMMDD date: day 00 is the month's last day, and the century follows GS1's rule around `today`.

    GS1 General Specifications, "determination of century": with the current year's last two digits as the
    reference, YY minus the reference from 51 to 99 means the previous century, from -99 to -50 the next one,
    otherwise the current one. Raises ValueError when the text is not such a date.
    """
    if not _digits(text) or len(text) != 6:
        raise ValueError(_("'{text}' is not a YYMMDD date").format(text=text))
    yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:])
    reference = today.year % 100
    century = today.year - reference
    difference = yy - reference
    if 51 <= difference <= 99:
        century -= 100
    elif -99 <= difference <= -50:
        century += 100
    year = century + yy
    if not 1 <= month <= 12 or not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(_("'{text}' is not a YYMMDD date").format(text=text))
    last = calendar.monthrange(year, month)[1]
    if day > last:
        raise ValueError(_("'{text}' is not a YYMMDD date").format(text=text))
    return dt.date(year, month, day or last)


class _Malformed(Exception):
    """A GS1 element string that breaks its rules; the message says how."""


def _gs1_scan(text: str, payload: str, symbology: str, today: dt.date, *, printed: bool) -> Scan:
    try:
        pairs = _printed_elements(payload) if printed else _element_string(payload)
    except _Malformed as problem:
        raise _gs1_error(text, str(problem)) from None
    elements: dict[str, str] = {}
    for ai, value in pairs:
        if elements.setdefault(ai, value) != value:
            values = f"{_quoted(elements[ai])}, {_quoted(value)}"
            raise _gs1_error(
                text, _("AI {ai} appears twice with different values ({values})").format(ai=ai, values=values)
            )
    fields: dict[str, Any] = {}
    for ai, name in _DATE_AIS.items():
        if ai in elements:
            try:
                fields[name] = gs1_date(elements[ai], today)
            except ValueError:
                raise _gs1_error(
                    text, _("AI {ai} date {value} is not a date").format(ai=ai, value=_quoted(elements[ai]))
                ) from None
    if "17" in elements:
        fields["expires"], fields["date_kind"] = fields["use_by"], "use_by"
    elif "15" in elements:
        fields["expires"], fields["date_kind"] = fields["best_before"], "best_by"
    fields["supplier_lot"] = elements.get("10")
    fields["serial"] = elements.get("21")
    count = elements.get("37") or elements.get("30")
    fields["count"] = int(count) if count is not None else None
    fields["weight_grams"] = _weight_grams(elements)
    gtin_ai = "01" if "01" in elements else "02" if "02" in elements else None
    if gtin_ai is None:
        return Scan(kind="gs1-data", raw=text, symbology=symbology, elements=elements, **fields)
    gtin = elements[gtin_ai]
    if not ean.is_valid(gtin):
        expected = ean.calc_check_digit(gtin[:-1])
        raise ScanError(
            _("GS1: AI {ai} GTIN {value} has a wrong check digit (expected {expected})").format(
                ai=gtin_ai, value=_quoted(gtin), expected=expected
            ),
            text,
            "check_digit",
        )
    code = normalize_product_code(gtin)
    return Scan(
        kind="product",
        raw=text,
        symbology=symbology,
        code=code,
        gtin=gtin,
        other_codes=_other_codes(gtin, code, []),
        elements=elements,
        **fields,
    )


def _weight_grams(elements: dict[str, str]) -> int | None:
    """Net weight from AI 310n (kg) or, failing that, 320n (lb); n is the number of decimals."""
    for prefix, unit in (("310", "kg"), ("320", "lb")):
        for ai, value in elements.items():
            if ai.startswith(prefix):
                return grams_from(Decimal(int(value)).scaleb(-int(ai[3])), unit)
    return None


def _element_string(payload: str) -> list[tuple[str, str]]:
    """AI/value pairs of an element string as scanned: fixed-length AIs need no separator, the others end at GS (or
    at the end). A GS after a fixed-length value, or doubled, is tolerated."""
    pairs: list[tuple[str, str]] = []
    position = 0
    if not payload:
        raise _Malformed(_("there is no data after the symbology identifier"))
    while position < len(payload):
        if payload[position] == GS:
            position += 1
            continue
        found = _ai_at(payload[position:])
        if not found:
            raise _Malformed(_("no known AI at {value}").format(value=_quoted(payload[position : position + 12])))
        ai, fmt, needs_separator = found
        position += len(ai)
        fixed = re.fullmatch(r"N([0-9]+)", fmt)
        if fixed and not needs_separator:
            length = int(fixed.group(1))
            value = payload[position : position + length]
            if len(value) < length or not _digits(value):
                raise _Malformed(
                    _("AI {ai} needs {length} digits, got {value}").format(
                        ai=ai, length=length, value=_quoted(value.split(GS)[0])
                    )
                )
            position += length
        else:
            end = payload.find(GS, position)
            end = len(payload) if end < 0 else end
            value = payload[position:end]
            position = end
            limit = _max_length(fmt)
            if len(value) > limit:
                raise _Malformed(
                    _(
                        "AI {ai} value {value} is longer than {limit} characters (is the scanner set to send the group "
                        "separator?)"
                    ).format(ai=ai, value=_quoted(value), limit=limit),
                )
        _check_value(ai, fmt, value)
        pairs.append((ai, value))
    return pairs


def _printed_elements(payload: str) -> list[tuple[str, str]]:
    """AI/value pairs of the printed form `(01)10041000123457(17)270228(10)ABC`: parentheses delimit the AIs."""
    pieces = _HRI_AI.split(payload)
    pairs = []
    for ai, raw_value in zip(pieces[1::2], pieces[2::2], strict=True):
        found = _ai_at(ai)
        if not found or found[0] != ai:
            raise _Malformed(_("({ai}) is not a known AI").format(ai=ai))
        _unused, fmt, needs_separator = found
        value = raw_value.strip()
        fixed = re.fullmatch(r"N([0-9]+)", fmt)
        if fixed and not needs_separator and (len(value) != int(fixed.group(1)) or not _digits(value)):
            raise _Malformed(
                _("AI {ai} needs {fixed} digits, got {value}").format(ai=ai, fixed=fixed.group(1), value=_quoted(value))
            )
        if len(value) > _max_length(fmt):
            raise _Malformed(
                _("AI {ai} value {value} is longer than {limit} characters").format(
                    ai=ai, value=_quoted(value), limit=_max_length(fmt)
                )
            )
        _check_value(ai, fmt, value)
        pairs.append((ai, value))
    return pairs


def _ai_at(text: str) -> tuple[str, str, bool] | None:
    """The GS1 application identifier `text` starts with (2 to 4 digits), its data format ('N6', 'X..20' ...) and
    whether its value ends at a separator rather than at a set length; None when it starts with no known AI."""
    head = text[:4]
    if not _digits(head[:2]):
        return None
    ai, properties = _AI_TABLE.info(head)[0]
    if not properties.get("format") or not _digits(ai):
        return None
    return ai, properties["format"], bool(properties.get("fnc1"))


def _max_length(fmt: str) -> int:
    """The longest value a format allows ('N6..12' 12, 'N3+X..27' 30)."""
    return sum(
        int(numbers[-1]) if numbers else 1 for numbers in (re.findall("[0-9]+", part) for part in fmt.split("+"))
    )


def _check_value(ai: str, fmt: str, value: str) -> None:
    if not value:
        raise _Malformed(_("AI {ai} has no value").format(ai=ai))
    numeric = all(part.lstrip("[").startswith("N") for part in fmt.split("+"))
    if numeric and not _digits(value):
        raise _Malformed(_("AI {ai} value {value} must be digits").format(ai=ai, value=_quoted(value)))
    if not all("!" <= char <= "~" for char in value):
        raise _Malformed(
            _("AI {ai} value {value} has characters a GS1 code cannot hold").format(ai=ai, value=_quoted(value))
        )


# Messages


def _digits(text: str) -> bool:
    """ASCII digits only (str.isdigit also accepts '²' and other scripts' digits)."""
    return text.isascii() and text.isdigit()


def _shown(text: str, limit: int = 60) -> str:
    """Text as a message can show it: GS as <GS>, other control characters escaped, long text shortened."""
    shown = "".join(
        char if char.isprintable() else "<GS>" if char == GS else ascii(char)[1:-1] for char in text[:limit]
    )
    return shown if len(text) <= limit else shown + "…"


def _quoted(text: str) -> str:
    return f"'{_shown(text)}'"


def _unknown(text: str, data: str) -> ScanError:
    return ScanError(_("{value} is not a code we know").format(value=_quoted(data)), text, "unknown")


def _gs1_error(text: str, problem: str) -> ScanError:
    return ScanError(_("GS1: {problem}").format(problem=problem), text, "gs1")
