"""The pantry's report settings: currency, the weight unit on paper, the default value per pound or kilogram (with its
year and source), and what donor letters say (address, tax id, wording). Stored in the `setting` table.

The default value is for goods whose item has no unit value. Values are fixed on each movement when it is written,
so the default must be applied at intake (see `line_value_cents`); changing it later never changes history.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import N_, _
from pantry.services.permissions import require
from pantry.services.setup import get_setting, set_setting
from pantry.services.valuation import (  # noqa: F401 - the valuation settings are part of the report settings
    CURRENCY,
    CURRENCY_SYMBOLS,
    FEEDING_AMERICA,
    RATE_CENTS,
    RATE_PER,
    RATE_SOURCE,
    RATE_YEAR,
    Valuation,
    line_value_cents_with_default,
    set_valuation,
    use_feeding_america_rate,
    valuation,
)

WEIGHT_UNIT = "report_weight_unit"
ORG_ADDRESS = "org_address"
ORG_TAX_ID = "org_tax_id"
ORG_TAX_ID_LABEL = "org_tax_id_label"
PAPER = "paper_size"
TAX_ID_LABEL = N_("Tax ID (EIN)")  # the default label; printed in the desk's language


# Donor letters. {org}, {donor}, {period} and {tax_id} are filled in. The defaults follow US practice for gifts of
# goods: describe the goods, state that nothing was given in return, and state no value for them.
LETTER_TEXTS = {
    "letter_opening": N_(
        "Thank you for your gift of food to {org}. This letter acknowledges the goods you gave us ({period}):"
    ),
    "letter_no_goods": N_("No goods or services were provided in exchange for this contribution."),
    "letter_no_value": N_(
        "As is required for gifts of goods, this letter describes what was given but states no value for it; "
        "the donor determines the value of the gift."
    ),
    "letter_use": N_(
        "The food will be used for the care of people in need, in line with our purpose, and will not be "
        "sold or exchanged for money, property or services."
    ),
    "letter_closing": N_("With our thanks,"),
    "letter_signatory": "",
}
USE_STATEMENT_KINDS = ("business", "farm")  # donors that may need the statement of how food will be used


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
        tax_id_label=get_setting(session, ORG_TAX_ID_LABEL, TAX_ID_LABEL) or TAX_ID_LABEL,
    )


def letter_texts(session: Session) -> dict[str, str]:
    return {key: get_setting(session, key, default) for key, default in LETTER_TEXTS.items()}


def set_report_settings(session: Session, values: dict[str, str | None], user_id: int | None = None) -> None:
    """Set any of: org_address, org_tax_id, org_tax_id_label, report_weight_unit, paper_size and the letter_* texts
    (an empty letter text goes back to its default)."""
    require(session, user_id, "valuation")
    allowed = {ORG_ADDRESS, ORG_TAX_ID, ORG_TAX_ID_LABEL, WEIGHT_UNIT, PAPER, *LETTER_TEXTS}
    for key, value in values.items():
        if value is None:
            continue
        if key not in allowed:
            raise ValueError(f"unknown report setting {key!r}")
        text = value.replace("\\n", "\n").strip()
        if key == WEIGHT_UNIT and text not in ("kg", "lb"):
            raise UserError(_("weight unit: '{value}' must be kg or lb").format(value=value))
        if key == PAPER and text not in ("letter", "a4"):
            raise UserError(_("paper: '{value}' must be letter or a4").format(value=value))
        if key in LETTER_TEXTS and text:
            try:
                text.format(org="", donor="", period="", tax_id="")
            except (KeyError, IndexError, ValueError) as problem:
                raise UserError(
                    _("{key}: only {{org}}, {{donor}}, {{period}} and {{tax_id}} may be filled in ({problem})").format(
                        key=key, problem=problem
                    )
                ) from None
        set_setting(session, key, text if key not in LETTER_TEXTS or text else LETTER_TEXTS[key])
    session.flush()
