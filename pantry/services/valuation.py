"""How goods are valued: the item's unit value, else a default value per pound or kilogram (with its year and source,
e.g. Feeding America's $1.67/lb), in the pantry's currency. Intake fixes the value on each lot when it is saved, so a
later change of price or rate never changes history.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import _
from pantry.measures import GRAMS_PER_UNIT, cents_from, format_money, line_value_cents
from pantry.services.permissions import require
from pantry.services.setup import get_setting, set_setting

CURRENCY = "currency"
RATE_CENTS = "valuation_rate_cents"
RATE_PER = "valuation_rate_per"
RATE_YEAR = "valuation_rate_year"
RATE_SOURCE = "valuation_rate_source"
CURRENCY_SYMBOLS = {"USD": "$", "CAD": "$", "AUD": "$", "NZD": "$", "EUR": "€", "GBP": "£", "CHF": "CHF "}
FEEDING_AMERICA = ("167", "lb", "2016", "Feeding America, Product Valuation Study")


@dataclass(frozen=True)
class Valuation:
    """How goods without a unit value are valued, and in what currency reports show money."""

    currency: str
    rate_cents: int | None  # per `per` (lb or kg); None: no default value
    per: str
    year: str
    source: str

    @property
    def symbol(self) -> str:
        return CURRENCY_SYMBOLS.get(self.currency, f"{self.currency} ")

    def default_value_cents(self, grams: int) -> int:
        """The default value of `grams` of goods, rounded to the cent (0 without a default rate)."""
        if not self.rate_cents or grams <= 0:
            return 0
        exact = Decimal(grams) * self.rate_cents / GRAMS_PER_UNIT[self.per]
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def description(self) -> str:
        if not self.rate_cents:
            return _("No default value: goods of items without a unit value are valued at 0.")
        values = {"rate": f"{self.symbol}{format_money(self.rate_cents)}", "per": self.per}
        origin = ", ".join(part for part in (self.source, self.year) if part)
        if origin:  # the same words as the reports' note (pantry.services.reports.rows.valuation_note)
            return _("Default value for goods of items without a unit value: {rate} per {per} ({origin}).").format(
                origin=origin, **values
            )
        return _("Default value for goods of items without a unit value: {rate} per {per}.").format(**values)


def valuation(session: Session) -> Valuation:
    rate = get_setting(session, RATE_CENTS)
    return Valuation(
        currency=get_setting(session, CURRENCY, "USD") or "USD",
        rate_cents=int(rate) if rate.isdigit() else None,
        per=get_setting(session, RATE_PER, "lb") or "lb",
        year=get_setting(session, RATE_YEAR),
        source=get_setting(session, RATE_SOURCE),
    )


def set_valuation(
    session: Session,
    *,
    currency: str | None = None,
    rate: str | None = None,
    year: str | None = None,
    source: str | None = None,
    user_id: int | None = None,
) -> Valuation:
    """Change the valuation settings. `rate` is '1.67/lb', '3.68/kg' or '' (no default value)."""
    require(session, user_id, "valuation")
    if currency is not None:
        code = currency.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise UserError(
                _("currency: '{currency}' is not a three-letter currency code (like USD, CAD, EUR)").format(
                    currency=currency
                )
            )
        set_setting(session, CURRENCY, code)
    if rate is not None:
        text = rate.strip().lower()
        if not text:
            set_setting(session, RATE_CENTS, "")
        else:
            amount, _unused, per = text.partition("/")
            per = per.strip() or "lb"
            if per not in GRAMS_PER_UNIT:
                raise UserError(_("rate: '{rate}': give a value per lb or per kg, like 1.67/lb").format(rate=rate))
            try:
                cents = cents_from(amount.strip().lstrip("$€£"), "rate")
            except ValueError as problem:
                raise UserError(_("rate: {problem}").format(problem=problem)) from None
            set_setting(session, RATE_CENTS, str(cents))
            set_setting(session, RATE_PER, per)
    if year is not None:
        if year.strip() and not (year.strip().isdigit() and len(year.strip()) == 4):
            raise UserError(_("year: '{year}' is not a year").format(year=year))
        set_setting(session, RATE_YEAR, year.strip())
    if source is not None:
        set_setting(session, RATE_SOURCE, " ".join(source.split()))
    session.flush()
    return valuation(session)


def use_feeding_america_rate(session: Session, user_id: int | None = None) -> Valuation:
    """Feeding America's published average wholesale value: $1.67 per pound (Product Valuation Study, 2016)."""
    require(session, user_id, "valuation")
    cents, per, year, source = FEEDING_AMERICA
    set_setting(session, RATE_CENTS, cents)
    set_setting(session, RATE_PER, per)
    set_setting(session, RATE_YEAR, year)
    set_setting(session, RATE_SOURCE, source)
    session.flush()
    return valuation(session)


def line_value_cents_with_default(
    unit: str, quantity: int, grams: int, unit_value_cents: int | None, rate: Valuation
) -> tuple[int, str]:
    """The value of an intake line, and its basis: "item" (the item's unit value), "default" (the default rate on
    its weight) or "none". Intake fixes it on the lot when it is saved."""
    if unit_value_cents:
        return line_value_cents(unit, quantity, unit_value_cents), "item"
    value = rate.default_value_cents(grams)
    return (value, "default") if value else (0, "none")
