"""Report periods: inclusive business dates, the presets a treasurer picks ("last quarter"), and months.

A period runs from the start of `start` to the end of `end`; both days count. Stock "as of" a date means at the end
of that date, so a period's opening stock is the stock as of the day before it starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pantry.dates import add_months
from pantry.errors import UserError
from pantry.i18n import _, translator

PRESETS = (
    "this-month",
    "last-month",
    "this-quarter",
    "last-quarter",
    "this-year",
    "last-year",
)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise UserError(
                _("from: the period starts ({start}) after it ends ({end})").format(
                    start=translator().date(self.start), end=translator().date(self.end)
                )
            )

    @property
    def opening_date(self) -> dt.date:
        """The day whose closing stock is this period's opening stock."""
        return self.start - dt.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def months(self) -> list[str]:
        """Every month the period touches, as 'YYYY-MM', in order."""
        months = []
        day = self.start.replace(day=1)
        while day <= self.end:
            months.append(month_key(day))
            day = add_months(day, 1)
        return months

    def following(self) -> Period:
        """The period of the same length that starts the day after this one ends."""
        return Period(self.end + dt.timedelta(days=1), self.end + dt.timedelta(days=self.days))


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_start(key: str) -> dt.date:
    """The first day of a 'YYYY-MM' month."""
    year, month = key.split("-")
    return dt.date(int(year), int(month), 1)


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def preset(name: str, today: dt.date | None = None) -> Period:
    """The period a preset names, relative to `today`: 'last-quarter' on 2026-11-25 is 2026-07-01 to 2026-09-30.

    The 'this-' presets end today (a period to date)."""
    today = today or dt.date.today()
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    if key == "this-month":
        return Period(today.replace(day=1), today)
    if key == "last-month":
        start = add_months(today.replace(day=1), -1)
        return Period(start, today.replace(day=1) - dt.timedelta(days=1))
    if key == "this-quarter":
        return Period(_quarter_start(today), today)
    if key == "last-quarter":
        this = _quarter_start(today)
        return Period(add_months(this, -3), this - dt.timedelta(days=1))
    if key == "this-year":
        return Period(dt.date(today.year, 1, 1), today)
    if key == "last-year":
        return Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
    raise UserError(
        _("period: '{name}' is not a period we know ({presets})").format(name=name, presets=", ".join(PRESETS))
    )
