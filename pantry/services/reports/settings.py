"""The pantry's report settings: currency, the weight unit on paper, the default value per pound or kilogram (with its
year and source), and what donor letters say (address, tax id, wording). Stored in the `setting` table.

The default value is for goods whose item has no unit value. Values are fixed on each movement when it is written,
so the default must be applied at intake (see `line_value_cents`); changing it later never changes history.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.measures import GRAMS_PER_UNIT, cents_from, format_money, line_value_cents
from pantry.services.setup import get_setting, set_setting

CURRENCY = "currency"
WEIGHT_UNIT = "report_weight_unit"
RATE_CENTS = "valuation_rate_cents"
RATE_PER = "valuation_rate_per"
RATE_YEAR = "valuation_rate_year"
RATE_SOURCE = "valuation_rate_source"
ORG_ADDRESS = "org_address"
ORG_TAX_ID = "org_tax_id"
ORG_TAX_ID_LABEL = "org_tax_id_label"
PAPER = "paper_size"

CURRENCY_SYMBOLS = {"USD": "$", "CAD": "$", "AUD": "$", "NZD": "$", "EUR": "€", "GBP": "£", "CHF": "CHF "}
FEEDING_AMERICA = ("167", "lb", "2016", "Feeding America, Product Valuation Study")

# Donor letters. {org}, {donor}, {period} and {tax_id} are filled in. The defaults follow US practice for gifts of
# goods: describe the goods, state that nothing was given in return, and state no value for them.
LETTER_TEXTS = {
    "letter_opening": "Thank you for your gift of food to {org}. This letter acknowledges the goods you gave us "
    "({period}):",
    "letter_no_goods": "No goods or services were provided in exchange for this contribution.",
    "letter_no_value": "As is required for gifts of goods, this letter describes what was given but states no value "
    "for it; the donor determines the value of the gift.",
    "letter_use": "The food will be used for the care of people in need, in line with our purpose, and will not be "
    "sold or exchanged for money, property or services.",
    "letter_closing": "With our thanks,",
    "letter_signatory": "",
}
USE_STATEMENT_KINDS = ("business", "farm")  # donors that may need the statement of how food will be used


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
            return "No default value: goods of items without a unit value are valued at 0."
        rate = f"{self.symbol}{format_money(self.rate_cents)} per {self.per}"
        origin = ", ".join(part for part in (self.source, self.year) if part)
        return f"Default value for goods of items without a unit value: {rate}" + (f" ({origin})." if origin else ".")


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
) -> Valuation:
    """Change the valuation settings. `rate` is '1.67/lb', '3.68/kg' or '' (no default value)."""
    if currency is not None:
        code = currency.strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise UserError(f"currency: '{currency}' is not a three-letter currency code (like USD, CAD, EUR)")
        set_setting(session, CURRENCY, code)
    if rate is not None:
        text = rate.strip().lower()
        if not text:
            set_setting(session, RATE_CENTS, "")
        else:
            amount, _, per = text.partition("/")
            per = per.strip() or "lb"
            if per not in GRAMS_PER_UNIT:
                raise UserError(f"rate: '{rate}': give a value per lb or per kg, like 1.67/lb")
            try:
                cents = cents_from(amount.strip().lstrip("$€£"), "rate")
            except ValueError as problem:
                raise UserError(f"rate: {problem}") from None
            set_setting(session, RATE_CENTS, str(cents))
            set_setting(session, RATE_PER, per)
    if year is not None:
        if year.strip() and not (year.strip().isdigit() and len(year.strip()) == 4):
            raise UserError(f"year: '{year}' is not a year")
        set_setting(session, RATE_YEAR, year.strip())
    if source is not None:
        set_setting(session, RATE_SOURCE, " ".join(source.split()))
    session.flush()
    return valuation(session)


def use_feeding_america_rate(session: Session) -> Valuation:
    """Feeding America's published average wholesale value: $1.67 per pound (Product Valuation Study, 2016)."""
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
    its weight) or "none". This is what intake should fix on a lot when it is saved (intake.py does not call it yet:
    see the reports' notes)."""
    if unit_value_cents:
        return line_value_cents(unit, quantity, unit_value_cents), "item"
    value = rate.default_value_cents(grams)
    return (value, "default") if value else (0, "none")


def weight_unit(session: Session) -> str:
    """What PDFs and letters show weights in: the setting, else lb for a pantry counting in US dollars, else kg."""
    unit = get_setting(session, WEIGHT_UNIT)
    if unit in ("kg", "lb"):
        return unit
    return "lb" if get_setting(session, CURRENCY, "USD") in ("USD", "") else "kg"


def paper(session: Session) -> str:
    return "a4" if get_setting(session, PAPER) == "a4" else "letter"


@dataclass(frozen=True)
class Organisation:
    name: str
    address: str
    tax_id: str
    tax_id_label: str


def organisation(session: Session) -> Organisation:
    return Organisation(
        name=get_setting(session, "org_name"),
        address=get_setting(session, ORG_ADDRESS),
        tax_id=get_setting(session, ORG_TAX_ID),
        tax_id_label=get_setting(session, ORG_TAX_ID_LABEL, "Tax ID (EIN)") or "Tax ID (EIN)",
    )


def letter_texts(session: Session) -> dict[str, str]:
    return {key: get_setting(session, key, default) for key, default in LETTER_TEXTS.items()}


def set_report_settings(session: Session, values: dict[str, str | None]) -> None:
    """Set any of: org_address, org_tax_id, org_tax_id_label, report_weight_unit, paper_size and the letter_* texts
    (an empty letter text goes back to its default)."""
    allowed = {ORG_ADDRESS, ORG_TAX_ID, ORG_TAX_ID_LABEL, WEIGHT_UNIT, PAPER, *LETTER_TEXTS}
    for key, value in values.items():
        if value is None:
            continue
        if key not in allowed:
            raise ValueError(f"unknown report setting {key!r}")
        text = value.replace("\\n", "\n").strip()
        if key == WEIGHT_UNIT and text not in ("kg", "lb"):
            raise UserError(f"weight unit: '{value}' must be kg or lb")
        if key == PAPER and text not in ("letter", "a4"):
            raise UserError(f"paper: '{value}' must be letter or a4")
        if key in LETTER_TEXTS and text:
            try:
                text.format(org="", donor="", period="", tax_id="")
            except (KeyError, IndexError, ValueError) as problem:
                raise UserError(
                    f"{key}: only {{org}}, {{donor}}, {{period}} and {{tax_id}} may be filled in ({problem})"
                ) from None
        set_setting(session, key, text if key not in LETTER_TEXTS or text else LETTER_TEXTS[key])
    session.flush()
