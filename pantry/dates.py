"""Business dates as people type them: ISO dates and the shorthands that speed up intake."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pantry.i18n import _

_RELATIVE = re.compile(r"^\+(\d{1,4})([dwmy])$")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def parse_iso_date(text: str, field: str = "date") -> dt.date:
    """A `YYYY-MM-DD` date; ValueError names the field and what was typed."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            raise ValueError
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(_("{field}: '{text}' is not a date (use YYYY-MM-DD)").format(field=field, text=text)) from None


def parse_expiry(text: str, today: dt.date) -> dt.date | None:
    """An expiry date from what a volunteer typed; None for an empty field.

    Accepts `YYYY-MM-DD`, `YYYYMMDD`, `YYYY-MM` (that month's last day), `MMDD` (the next such day from today),
    and `+7d`, `+2w`, `+3m`, `+1y` counted from today. Raises ValueError with a message for the person.
    """
    value = text.strip().lower()
    if not value:
        return None
    relative = _RELATIVE.match(value)
    try:
        if relative:
            amount, unit = int(relative.group(1)), relative.group(2)
            if unit == "d":
                return today + dt.timedelta(days=amount)
            if unit == "w":
                return today + dt.timedelta(weeks=amount)
            return add_months(today, amount if unit == "m" else 12 * amount)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if re.fullmatch(r"\d{8}", value):
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            return dt.date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", value):
            month, day = int(value[:2]), int(value[2:])
            candidate = dt.date(today.year, month, day) if not (month == 2 and day == 29) else None
            if candidate is None or candidate < today:
                candidate = dt.date(today.year + 1, month, min(day, calendar.monthrange(today.year + 1, month)[1]))
            return candidate
    except (ValueError, OverflowError):
        pass
    raise ValueError(_("'{text}' is not a date: use YYYY-MM-DD, YYYY-MM, MMDD, +7d, +2w, +3m or +1y").format(text=text))
