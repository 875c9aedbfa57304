"""Donor acknowledgement letters: per donor for a period (or per donation), what was given — dates, categories, the
main items, pieces and weight — with the pantry's name, address and tax id, the statement that nothing was given in
return and, because these are gifts of goods, no value stated by the pantry (US practice; the wording is a setting).

Our own purchases, government programmes and anonymous gifts get no letter unless a donor is named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.errors import UserError
from pantry.i18n import _, translator
from pantry.models import Donor
from pantry.services import catalog
from pantry.services.permissions import require
from pantry.services.reports import settings
from pantry.services.reports.donations import Gift, gifts
from pantry.services.reports.period import Period
from pantry.services.reports.rows import load_items

NOT_ACKNOWLEDGED = ("anonymous", "purchase", "government")
ITEMS_NAMED = 3  # items named per line before "and N more"


@dataclass(frozen=True)
class GoodsLine:
    day: dt.date
    category: str
    items: str  # the main items, heaviest first ("... and 2 more")
    pieces: int
    grams: int
    named: str = ""  # the items named, without "and N more" (the printables say that in their language)
    more: int = 0  # items not named


@dataclass(frozen=True)
class Letter:
    donor_id: int
    donor: str
    donor_kind: str
    address: str
    email: str
    donation_ids: tuple[int, ...]
    first: dt.date
    last: dt.date
    lines: tuple[GoodsLine, ...]
    pieces: int
    grams: int
    categories: tuple[str, ...]

    @property
    def use_statement(self) -> bool:
        return self.donor_kind in settings.USE_STATEMENT_KINDS

    @property
    def when(self) -> str:
        if self.first == self.last:
            return f"on {self.first.isoformat()}"
        return f"between {self.first.isoformat()} and {self.last.isoformat()}"


@dataclass(frozen=True)
class Letters:
    period: Period
    letters: list[Letter]
    organisation: settings.Organisation
    texts: dict[str, str]
    weight_unit: str
    date: dt.date
    skipped: dict[str, int] = field(default_factory=dict)  # donor kind → donors who get no letter

    def text(self, key: str, letter: Letter) -> str:
        """A letter text with {org}, {donor}, {period} and {tax_id} filled in."""
        return self.texts[key].format(
            org=self.organisation.name,
            donor=letter.donor,
            period=letter.when,
            tax_id=self.organisation.tax_id,
        )


def _lines(found: list[Gift], item_names: dict[int, tuple[str, str]]) -> tuple[GoodsLine, ...]:
    grouped: dict[tuple[dt.date, str], dict[int, list[int]]] = {}
    for gift in found:
        category = item_names[gift.item_id][1]
        per_item = grouped.setdefault((gift.day, category), {})
        entry = per_item.setdefault(gift.item_id, [0, 0])
        entry[0] += gift.amount.pieces
        entry[1] += gift.amount.grams
    lines = []
    for (day, category), per_item in sorted(grouped.items(), key=lambda pair: (pair[0][0], pair[0][1].casefold())):
        heaviest = sorted(per_item, key=lambda item_id: (-per_item[item_id][1], item_names[item_id][0]))
        named = ", ".join(item_names[item_id][0] for item_id in heaviest[:ITEMS_NAMED])
        if len(heaviest) > ITEMS_NAMED:
            named += f" and {len(heaviest) - ITEMS_NAMED} more"
        lines.append(
            GoodsLine(
                day,
                category,
                named,
                sum(entry[0] for entry in per_item.values()),
                sum(entry[1] for entry in per_item.values()),
                named=", ".join(item_names[item_id][0] for item_id in heaviest[:ITEMS_NAMED]),
                more=max(0, len(heaviest) - ITEMS_NAMED),
            )
        )
    return tuple(lines)


def acknowledgements(
    session: Session,
    period: Period,
    *,
    donor: str | None = None,
    per_donation: bool = False,
    today: dt.date | None = None,
    user_id: int | None = None,
) -> Letters:
    """One letter per donor who gave goods in the period (or per donation), donors by name."""
    require(session, user_id, "letters")
    items = load_items(session)
    named_donor = None
    if donor is not None:
        named_donor = catalog.donor_named(session, donor)
        if named_donor is None:
            raise UserError(_("donor: there is no donor named '{donor}'").format(donor=donor.strip()))
        if named_donor.kind == "anonymous":
            raise UserError(
                _("donor: {donor} gifts are anonymous; there is nobody to write to").format(donor=named_donor.name)
            )
    found, donor_facts = gifts(session, period, items)
    if named_donor is not None:
        found = [gift for gift in found if gift.donor_id == named_donor.id]
        if not found:
            raise UserError(
                _("donor: {donor} gave nothing between {start} and {end}").format(
                    donor=named_donor.name, start=translator().date(period.start), end=translator().date(period.end)
                )
            )
    contacts = {
        row[0]: (row[1], row[2])
        for row in session.execute(
            select(Donor.id, Donor.address, Donor.email).where(Donor.id.in_({gift.donor_id for gift in found}))
        )
    }
    skipped: dict[str, set[int]] = {}
    groups: dict[tuple[int, int], list[Gift]] = {}
    for gift in found:
        kind = donor_facts[gift.donor_id].kind
        if named_donor is None and kind in NOT_ACKNOWLEDGED:
            skipped.setdefault(kind, set()).add(gift.donor_id)
            continue
        groups.setdefault((gift.donor_id, gift.donation_id if per_donation else 0), []).append(gift)
    item_names = {item_id: (item.name, item.category) for item_id, item in items.items()}
    letters = []
    for (donor_id, _unused), donor_gifts in groups.items():
        facts = donor_facts[donor_id]
        address, email = contacts.get(donor_id, ("", ""))
        letters.append(
            Letter(
                donor_id=donor_id,
                donor=facts.name,
                donor_kind=facts.kind,
                address=address,
                email=email,
                donation_ids=tuple(sorted({gift.donation_id for gift in donor_gifts})),
                first=min(gift.day for gift in donor_gifts),
                last=max(gift.day for gift in donor_gifts),
                lines=_lines(donor_gifts, item_names),
                pieces=sum(gift.amount.pieces for gift in donor_gifts),
                grams=sum(gift.amount.grams for gift in donor_gifts),
                categories=tuple(sorted({item_names[gift.item_id][1] for gift in donor_gifts}, key=str.casefold)),
            )
        )
    letters.sort(key=lambda letter: (letter.donor.casefold(), letter.first, letter.donation_ids))
    return Letters(
        period=period,
        letters=letters,
        organisation=settings.organisation(session),
        texts=settings.letter_texts(session),
        weight_unit=settings.weight_unit(session),
        date=today or dt.date.today(),
        skipped={kind: len(ids) for kind, ids in skipped.items()},
    )
