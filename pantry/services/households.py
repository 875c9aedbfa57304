"""Households: registering them with only what a pantry needs, finding them by the code on their card, age bands.

Nothing is required beyond a name (or none: an anonymous household) and the number of people. Codes: a household
gets the code on its card, either generated (`codes.make_code("household", id)`) or given (a pantry's own card
numbers: 3-20 characters, no blanks, printable ASCII so Code128 can print it; stored in upper case, unique). A given
code may not look like a generated one, so the two can never collide.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pantry.codes import make_code, parse_own_code
from pantry.errors import UserError
from pantry.i18n import N_, _, translator
from pantry.models import AgeBand, Household, HouseholdMembers, User, utcnow
from pantry.services import diet
from pantry.services.permissions import current_user_id, require, sees_personal_details

CODE_MIN, CODE_MAX = 3, 20
_AGES = re.compile(r"(\d{1,3})\s*(?:-\s*(\d{1,3})|(\+))")


@dataclass(frozen=True)
class HouseholdInfo:
    id: int
    code: str
    first_name: str
    size: int


@dataclass(frozen=True)
class BandInfo:
    key: str
    label: str
    min_age: int
    max_age: int | None

    @property
    def ages(self) -> str:
        return f"{self.min_age}+" if self.max_age is None else f"{self.min_age}-{self.max_age}"


@dataclass
class HouseholdSpec:
    """What a desk (or an import row) gives to register or change a household. `members` counts people per age band
    (band key → count); without it, `size` is the number of people."""

    name: str = ""
    first_name: str | None = None  # default: the first word of the name
    members: Mapping[str, int] | None = None
    size: int | None = None
    code: str | None = None  # default: generated
    postcode: str = ""
    phone: str = ""
    language: str = ""
    dietary: tuple[str, ...] = ()
    dietary_note: str = ""
    proxy: str = ""
    notes: str = ""
    eligibility_declared_on: dt.date | None = None
    eligibility_basis: str = ""
    consent: bool = False


@dataclass(frozen=True)
class HouseholdDetails:
    id: int
    code: str
    name: str
    first_name: str
    size: int
    members: tuple[tuple[str, int], ...]  # (band label, count), bands in their order; empty when not counted
    postcode: str
    phone: str
    language: str
    dietary: tuple[str, ...]
    dietary_note: str
    proxy: str
    notes: str
    registered_on: dt.date
    eligibility_declared_on: dt.date | None
    eligibility_basis: str
    consent: bool
    active: bool

    @property
    def members_text(self) -> str:
        """'2 Adults, 1 Children' (or 'ages not recorded' when the members were not counted by age band)."""
        counted = [f"{count} {label}" for label, count in self.members if count]
        return ", ".join(counted) if counted else "ages not recorded"


@dataclass(frozen=True)
class Duplicate:
    household: HouseholdInfo
    reason: str  # "same name and postcode" | "same phone"

    @property
    def message(self) -> str:
        other = self.household
        return _("possible duplicate: {code} ({name}) has the {reason}").format(
            code=other.code, name=other.first_name or _("anonymous"), reason=_(self.reason)
        )


@dataclass(frozen=True)
class Registered:
    household: HouseholdInfo
    duplicates: tuple[Duplicate, ...] = field(default=())

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(duplicate.message for duplicate in self.duplicates)


def _info(household: Household) -> HouseholdInfo:
    return HouseholdInfo(household.id, household.code, household.first_name, household.size)


def _clean(text: str) -> str:
    return " ".join(text.split())


def phone_key(phone: str) -> str:
    """The digits of a phone number, for finding the same number typed differently."""
    return "".join(char for char in phone if char.isdigit())


def postcode_key(postcode: str) -> str:
    return "".join(postcode.split()).upper()


def normalize_code(text: str) -> str:
    """A given card code in its stored form; ValueError says what is wrong."""
    code = text.strip().upper()
    if not CODE_MIN <= len(code) <= CODE_MAX:
        raise ValueError(
            _("'{text}' must be {low} to {high} characters long (it has {count})").format(
                text=text.strip(), low=CODE_MIN, high=CODE_MAX, count=len(code)
            )
        )
    if any(not 33 <= ord(char) <= 126 for char in code):
        raise ValueError(
            _("'{text}' may hold letters, digits and punctuation only (no blanks or accents)").format(text=text.strip())
        )
    return code


# The fields a household refusal names in front ("code: ..."), as the desk's language says them ("código: ...").
_FIELD_WORDS = {
    "name": N_("name"),
    "postcode": N_("postcode"),
    "phone": N_("phone"),
    "language": N_("language"),
    "proxy": N_("proxy"),
    "code": N_("code"),
    "size": N_("size"),
    "ages": N_("ages"),
    "band": N_("band"),
    "dietary": N_("dietary"),
}


def problem_field(problem: str) -> tuple[str, str] | None:
    """The field a household refusal names and what it says of it, whatever the desk's language: ("code", "X is the
    code of another household already") for "code: ..." or "código: ..."; a band's key names itself ("children: -1
    is below zero"); None when the line names no field. A form places the text next to that field."""
    head, colon, rest = problem.partition(":")
    if not colon or not rest.strip():
        return None
    head = head.strip()
    for key, word in _FIELD_WORDS.items():
        if head in (key, _(word)):
            return key, rest.strip()
    return head, rest.strip()


def _refuse_generated_look_alike(session: Session, code: str, household_id: int | None) -> None:
    """A given code that reads as one Pantry Desk generates is only accepted as that household's own code."""
    parsed = parse_own_code(code)
    if parsed is None:
        return
    owner = session.scalar(select(Household.id).where(Household.code == code))
    if owner is None or (household_id is not None and owner != household_id):
        raise UserError(
            _("code: {code} looks like a code Pantry Desk generates ({kind}); leave it empty to get one").format(
                code=code, kind=parsed.kind
            )
        )


# --- age bands ------------------------------------------------------------------------------------------------------


def age_bands(session: Session) -> list[BandInfo]:
    return [
        BandInfo(band.key, band.label, band.min_age, band.max_age)
        for band in session.scalars(select(AgeBand).order_by(AgeBand.position, AgeBand.min_age))
    ]


def parse_ages(text: str) -> tuple[int, int | None]:
    """'0-17' → (0, 17), '60+' → (60, None); ValueError otherwise."""
    match = _AGES.fullmatch(text.strip())
    if not match:
        raise ValueError(_("'{text}' is not an age range (like 0-17 or 60+)").format(text=text))
    low = int(match.group(1))
    high = None if match.group(3) else int(match.group(2))
    if high is not None and high < low:
        raise ValueError(_("'{text}': the range ends before it starts").format(text=text))
    return low, high


def save_age_band(session: Session, key: str, label: str, ages: str, user_id: int | None = None) -> BandInfo:
    """Add an age band or change one (its label and ages; the key stays, as households are counted by it)."""
    require(session, user_id, "catalog")
    clean_key = key.strip().lower()
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,15}", clean_key):
        raise UserError(_("band: '{key}' must be a short word (letters, digits, _; up to 16)").format(key=key))
    try:
        low, high = parse_ages(ages)
    except ValueError as problem:
        raise UserError(_("ages: {problem}").format(problem=problem)) from None
    band = session.get(AgeBand, clean_key)
    for other in age_bands(session):
        if other.key == clean_key:
            continue
        other_high = other.max_age if other.max_age is not None else 999
        if low <= other_high and (high if high is not None else 999) >= other.min_age:
            raise UserError(
                _("ages: {ages} overlaps {band} ({band_ages})").format(
                    ages=ages, band=other.label, band_ages=other.ages
                )
            )
    if band is None:
        position = max((b.position for b in session.scalars(select(AgeBand))), default=0) + 1
        band = AgeBand(key=clean_key, label=_clean(label) or clean_key.title(), min_age=low, max_age=high)
        band.position = position
        session.add(band)
    else:
        band.label = _clean(label) or band.label
        band.min_age, band.max_age = low, high
    session.flush()
    return BandInfo(band.key, band.label, band.min_age, band.max_age)


# --- registering ----------------------------------------------------------------------------------------------------


def _size_and_members(session: Session, spec: HouseholdSpec) -> tuple[int, dict[str, int]]:
    members: dict[str, int] = {}
    if spec.members is not None:
        known = {band.key: band.label for band in age_bands(session)}
        for key, count in spec.members.items():
            if key not in known:
                raise UserError(
                    _("{key}: this pantry has no age band '{key}' (it has {known})").format(
                        key=key, known=", ".join(known)
                    )
                )
            if count < 0:
                raise UserError(_("{key}: {count} is below zero").format(key=key, count=count))
            if count:
                members[key] = count
        size = sum(members.values())
        if spec.size is not None and spec.size != size:
            raise UserError(
                _("size: {size} people, but the age bands add up to {total}").format(size=spec.size, total=size)
            )
    else:
        size = spec.size if spec.size is not None else 1
    if size < 1:
        raise UserError(_("size: a household has at least 1 person (got {size})").format(size=size))
    return size, members


def possible_duplicates(
    session: Session, name: str, postcode: str, phone: str, *, exclude_id: int | None = None
) -> list[Duplicate]:
    """Households with the same name and postcode, or the same phone number."""
    name_key = _clean(name).casefold()
    digits = phone_key(phone)
    conditions = []
    if name_key and postcode.strip():
        conditions.append(Household.name_key == name_key)
    if len(digits) >= 5:
        conditions.append(Household.phone_key == digits)
    if not conditions:
        return []
    found = []
    for household in session.scalars(select(Household).where(or_(*conditions)).order_by(Household.id)):
        if household.id == exclude_id:
            continue
        same_phone = len(digits) >= 5 and household.phone_key == digits
        same_place = household.name_key == name_key and postcode_key(household.postcode) == postcode_key(postcode)
        if same_place:
            found.append(Duplicate(_info(household), N_("same name and postcode")))
        elif same_phone:
            found.append(Duplicate(_info(household), N_("same phone")))
    return found


def _apply(household: Household, spec: HouseholdSpec, size: int, members: dict[str, int]) -> None:
    name = _clean(spec.name)
    household.name = name
    household.name_key = name.casefold()
    first = spec.first_name if spec.first_name is not None else (name.split()[0] if name else "")
    household.first_name = _clean(first)[:80]
    household.size = size
    household.postcode = _clean(spec.postcode).upper()
    household.phone = _clean(spec.phone)
    household.phone_key = phone_key(spec.phone)
    household.language = _clean(spec.language)
    household.dietary = ";".join(diet.normalize_flag(flag) for flag in spec.dietary)
    household.dietary_note = spec.dietary_note.strip()
    household.proxy = _clean(spec.proxy)
    household.notes = spec.notes.strip()
    household.eligibility_declared_on = spec.eligibility_declared_on
    household.eligibility_basis = _clean(spec.eligibility_basis)
    household.consent = spec.consent
    household.members = [HouseholdMembers(band_key=key, count=count) for key, count in members.items()]


def _check_lengths(spec: HouseholdSpec) -> None:
    for field_name, limit in (("name", 200), ("postcode", 20), ("phone", 40), ("language", 40), ("proxy", 200)):
        value = _clean(getattr(spec, field_name))
        if len(value) > limit:
            raise UserError(
                _("{field}: at most {limit} characters (this one has {count})").format(
                    field=_(_FIELD_WORDS[field_name]), limit=limit, count=len(value)
                )
            )
    try:
        for flag in spec.dietary:
            diet.normalize_flag(flag)
    except ValueError as problem:
        raise UserError(_("dietary: {problem}").format(problem=problem)) from None


def register_household(
    session: Session, spec: HouseholdSpec, user_id: int | None, *, today: dt.date | None = None
) -> Registered:
    """A new household. Possible duplicates (same name and postcode, or same phone) come back as warnings."""
    require(session, user_id, "household.edit")
    _check_lengths(spec)
    size, members = _size_and_members(session, spec)
    code = None
    if spec.code and spec.code.strip():
        try:
            code = normalize_code(spec.code)
        except ValueError as problem:
            raise UserError(_("code: {problem}").format(problem=problem)) from None
        _refuse_generated_look_alike(session, code, None)
        if session.scalar(select(Household.id).where(Household.code == code)) is not None:
            raise UserError(_("code: {code} is the code of another household already").format(code=code))
    duplicates = possible_duplicates(session, spec.name, spec.postcode, spec.phone)
    household = Household(
        code=code or f"~{uuid.uuid4().hex[:19]}",  # the generated code needs the id: set just below
        registered_on=today or dt.date.today(),
        created_by_id=user_id,
    )
    _apply(household, spec, size, members)
    session.add(household)
    session.flush()
    if code is None:
        household.code = make_code("household", household.id)
        session.flush()
    return Registered(_info(household), tuple(duplicates))


def register(
    session: Session, first_name: str, size: int, user_id: int | None, *, today: dt.date | None = None
) -> HouseholdInfo:
    """A new household from a first name (or none, for an anonymous household) and how many people it has."""
    return register_household(
        session, HouseholdSpec(name=first_name, first_name=first_name, size=size), user_id, today=today
    ).household


def update_household(session: Session, code: str, spec: HouseholdSpec, user_id: int | None) -> Registered:
    """Change a household's details (all of them, as given in `spec`; its code stays unless `spec.code` is given)."""
    require(session, user_id, "household.edit")
    household = household_by_code(session, code)
    _check_lengths(spec)
    size, members = _size_and_members(session, spec)
    if spec.code and spec.code.strip():
        try:
            new_code = normalize_code(spec.code)
        except ValueError as problem:
            raise UserError(_("code: {problem}").format(problem=problem)) from None
        if new_code != household.code:
            _refuse_generated_look_alike(session, new_code, household.id)
            if session.scalar(select(Household.id).where(Household.code == new_code)) is not None:
                raise UserError(_("code: {code} is the code of another household already").format(code=new_code))
            household.code = new_code
    _apply(household, spec, size, members)
    household.updated_at = utcnow()
    household.updated_by_id = user_id
    session.flush()
    duplicates = possible_duplicates(session, spec.name, spec.postcode, spec.phone, exclude_id=household.id)
    return Registered(_info(household), tuple(duplicates))


# --- finding --------------------------------------------------------------------------------------------------------


def household_by_code(session: Session, code: str) -> Household:
    """The household whose card carries `code` (any case, blanks around it ignored); UserError otherwise."""
    text = code.strip().upper()
    household = session.scalars(select(Household).where(Household.code == text)).first() if text else None
    if household is not None:
        return household
    parsed = parse_own_code(text)
    if parsed is not None and parsed.kind == "household":
        raise UserError(_("household: no household with code {text}").format(text=parsed.text))
    raise UserError(_("household: '{code}' is not a household code we know").format(code=code.strip()))


def by_code(session: Session, code: str) -> HouseholdInfo:
    """The household a printed code names; UserError when the code is malformed or unknown."""
    return _info(household_by_code(session, code))


def all_households(session: Session) -> list[HouseholdInfo]:
    return [_info(row) for row in session.scalars(select(Household).where(Household.active.is_(True)))]


def flags_of(household: Household) -> tuple[str, ...]:
    return tuple(flag for flag in household.dietary.split(";") if flag)


def _details(household: Household, bands: list[BandInfo]) -> HouseholdDetails:
    counts = {member.band_key: member.count for member in household.members}
    return HouseholdDetails(
        id=household.id,
        code=household.code,
        name=household.name,
        first_name=household.first_name,
        size=household.size,
        members=tuple((band.label, counts[band.key]) for band in bands if band.key in counts),
        postcode=household.postcode,
        phone=household.phone,
        language=household.language,
        dietary=flags_of(household),
        dietary_note=household.dietary_note,
        proxy=household.proxy,
        notes=household.notes,
        registered_on=household.registered_on,
        eligibility_declared_on=household.eligibility_declared_on,
        eligibility_basis=household.eligibility_basis,
        consent=household.consent,
        active=household.active,
    )


def details(session: Session, code: str) -> HouseholdDetails:
    return _details(household_by_code(session, code), age_bands(session))


def details_of(session: Session, households: Iterable[Household]) -> list[HouseholdDetails]:
    bands = age_bands(session)
    return [_details(household, bands) for household in households]


def may_see_details(session: Session, user_id: int | None = None) -> bool:
    """Whether the acting user (else the user the session is bound to) may see households' personal details; an
    internal caller with neither may."""
    acting = current_user_id(session, user_id)
    user = session.get(User, acting) if acting is not None else None
    return user is None or sees_personal_details(user.role)


def without_personal_details(details: HouseholdDetails) -> HouseholdDetails:
    """What a volunteer may see: code, first name, size and age bands, diet and language."""
    return replace(details, name="", postcode="", phone="", proxy="", notes="", eligibility_basis="")


def household_list(session: Session, *, include_inactive: bool = False) -> list[HouseholdDetails]:
    """Every (active) household, by code."""
    query = select(Household).order_by(Household.code)
    if not include_inactive:
        query = query.where(Household.active.is_(True))
    return details_of(session, session.scalars(query))


ELIGIBILITY_DAYS = 365  # a self-declaration older than this is asked again


def eligibility_warning(declared_on: dt.date | None, today: dt.date) -> str | None:
    """What to tell the desk about a household's eligibility self-declaration, or None when it is current."""
    if declared_on is None:
        return _("eligibility: never declared")
    if today - declared_on > dt.timedelta(days=ELIGIBILITY_DAYS):
        return _("eligibility: declared on {day}, more than a year ago: ask again").format(
            day=translator().date(declared_on)
        )
    return None


# --- privacy: forgetting --------------------------------------------------------------------------------------------

PERSONAL_FIELDS = (  # what `forget` removes; the code, counts, registration date and visits stay
    "first_name",
    "name",
    "name_key",
    "phone",
    "phone_key",
    "postcode",
    "language",
    "proxy",
    "notes",
    "dietary_note",
    "eligibility_basis",
)


@dataclass(frozen=True)
class Forgotten:
    codes: tuple[str, ...]  # households whose details were removed now
    already: tuple[str, ...] = ()  # forgotten before

    @property
    def message(self) -> str:
        if not self.codes:
            return _("No household details to remove.")
        return _("Removed the personal details of {count} household(s): {codes}").format(
            count=len(self.codes), codes=", ".join(self.codes)
        )


def _forget(session: Session, household: Household, user_id: int | None) -> None:
    from pantry.audit import forget_in_trail

    household.forgotten_at = utcnow()  # first: the audit entry of this change then shows no details
    for key in PERSONAL_FIELDS:
        setattr(household, key, "")
    household.consent = False
    household.updated_at = household.forgotten_at
    household.updated_by_id = user_id
    session.flush()
    forget_in_trail(session, household.code, household.id)


def forget(session: Session, code: str, user_id: int | None) -> Forgotten:
    """Remove a household's personal details (names, phone, postcode, language, proxy, notes, the dietary note and
    the eligibility basis), here and in the audit trail. Its code, size and age-band counts, dietary flags,
    registration date and visits stay, so every report gives the same numbers as before."""
    require(session, user_id, "household.forget")
    household = household_by_code(session, code)
    if household.forgotten_at is not None:
        return Forgotten((), (household.code,))
    _forget(session, household, user_id)
    return Forgotten((household.code,))


def last_seen(session: Session) -> dict[int, dt.date]:
    """Per household: its last pickup, or its registration when it never came."""
    from sqlalchemy import func

    from pantry.models import PickupOrder

    visits = dict(
        session.execute(
            select(PickupOrder.household_id, func.max(PickupOrder.picked_up_on))
            .where(PickupOrder.household_id.is_not(None), PickupOrder.picked_up_on.is_not(None))
            .group_by(PickupOrder.household_id)
        ).all()
    )
    return {
        household_id: max(registered, visits.get(household_id) or registered)
        for household_id, registered in session.execute(select(Household.id, Household.registered_on))
    }


def not_seen_in(session: Session, years: int, today: dt.date | None = None) -> list[Household]:
    """Households not forgotten yet whose last visit (or registration) is more than `years` years before today."""
    if years < 1:
        raise UserError(_("years: give 1 or more (got {years})").format(years=years))
    today = today or dt.date.today()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    seen = last_seen(session)
    rows = session.scalars(select(Household).where(Household.forgotten_at.is_(None)).order_by(Household.code))
    return [row for row in rows if seen[row.id] < cutoff]


def forget_inactive(
    session: Session, years: int | None, user_id: int | None, *, today: dt.date | None = None
) -> Forgotten:
    """The retention rule: forget every household not seen in `years` years (None: the retention_years setting)."""
    require(session, user_id, "household.forget")
    if years is None:
        from pantry.services.signin import setting

        years = setting(session, "retention_years")
        if years == 0:
            raise UserError(_("retention: no retention period is set (pantry user settings --retention-years N)"))
    due = not_seen_in(session, years, today)
    for household in due:
        _forget(session, household, user_id)
    return Forgotten(tuple(household.code for household in due))
