"""Adapters between the database and the rules engine: fetch a person's or household's facts once,
call the rule, return its Quote. Used by the services (before writing) and by pages and the API (previews).
"""

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import Sum

from ansinh.calc.params import current_parameters
from ansinh.core.errors import DomainError
from ansinh.enrollment.choices import METHOD_MONTHS, EnrollmentStatus, Scheme
from ansinh.enrollment.errors import EnrollmentError
from ansinh.enrollment.models import Contribution, Enrollment, HICard
from ansinh.enrollment.support import person_hi_member
from ansinh.registry.models import Household, Person
from ansinh.rules import (
    HICardValidity,
    HouseholdHIInput,
    HouseholdHIQuote,
    HouseholdMember,
    Parameters,
    RuleError,
    VoluntarySIInput,
    VoluntarySIQuote,
    hi_card_validity,
    household_hi_quote,
    voluntary_si_quote,
)
from ansinh.rules.dates import full_years
from ansinh.rules.errors import ErrorCode


def rule(call):
    """Run a rules-engine call, turning its typed error into a DomainError with the same code."""
    try:
        return call()
    except RuleError as exc:
        raise DomainError(exc.message, code=exc.code, field=exc.field) from exc


def last_covered(person: Person, exclude: Enrollment | None = None) -> dt.date | None:
    """Last day a person's HI cards cover (None = never had a card)."""
    cards = HICard.objects.filter(enrollment__person=person)
    if exclude is not None:
        cards = cards.exclude(enrollment=exclude)
    last = cards.order_by("-valid_until").first()
    return last.valid_until if last else None


def supported_months(person: Person) -> int:
    """Months of voluntary SI the state has already supported for this person (the support is capped)."""
    used = Contribution.objects.filter(enrollment__person=person, enrollment__scheme=Scheme.VOLUNTARY_SI,
                                       state_support__gt=0).aggregate(n=Sum("months"))["n"]
    return used or 0


@dataclass(frozen=True)
class SponsorShare:
    """What a sponsor pays towards one person's card for the period: at most `amount` VND (never more than what
    is left after the state's and the province's support), named on the receipt."""

    amount: int
    name: str


def sponsored(member: HouseholdMember, share: SponsorShare | None) -> HouseholdMember:
    """The member with a sponsor's fixed amount for the period (unchanged without one)."""
    if share is None:
        return member
    return dataclasses.replace(member, sponsor_support_amount=share.amount, sponsor_name=share.name)


def household_quote(*, household: Household, members: list[Person], months: int, on: dt.date,
                    member_support: dict[int, HouseholdMember] | None = None,
                    sponsors: dict[int, SponsorShare] | None = None,
                    params: Parameters | None = None) -> HouseholdHIQuote:
    """Household HI for the listed members (ranked in list order) paying on a date for 3/6/12 months.

    Without `member_support` each member pays in the group of their statuses of the year (`enrollment.support`);
    `sponsors` adds a sponsor's share to the members it names (by person id).
    """
    if not members:
        raise DomainError("Cần ít nhất một thành viên.", code=ErrorCode.NO_MEMBERS, field="members")
    params = params or current_parameters()
    support = member_support if member_support is not None else {
        m.pk: person_hi_member(m, on, params) for m in members}
    sponsors = sponsors or {}

    def quote():
        return household_hi_quote(HouseholdHIInput(
            on=on, months=months, province=household.province_code,
            members=tuple(sponsored(support.get(m.pk) or HouseholdMember(name=m.full_name,
                                                                          age=full_years(m.date_of_birth, on)),
                                    sponsors.get(m.pk)) for m in members)), params)

    return rule(quote)


def card_validity(*, person: Person, months: int, on: dt.date, params: Parameters | None = None,
                  previous_until: dt.date | None | str = "lookup") -> HICardValidity:
    """Validity of the card a person would get for a payment on a date (30 days' wait on a first card)."""
    params = params or current_parameters()
    previous = last_covered(person) if previous_until == "lookup" else previous_until
    return rule(lambda: hi_card_validity(on, months, previous, params))


def vsi_quote(*, person: Person, income: int, category: str, method: str, months: int, on: dt.date,
              params: Parameters | None = None, support_months_used: int | None = None) -> VoluntarySIQuote:
    """Voluntary SI for a person at an income, category and method (regular 1/3/6/12 months or a lump sum)."""
    params = params or current_parameters()
    if method in METHOD_MONTHS:
        months = METHOD_MONTHS[method]
    rule_method = "regular" if method in METHOD_MONTHS else method
    used = supported_months(person) if support_months_used is None else support_months_used
    data = rule(lambda: VoluntarySIInput(on=on, income=income, category=category, method=rule_method,
                                         months=months, support_months_used=used, province=person.province_code))
    return rule(lambda: voluntary_si_quote(data, params))


@dataclass(frozen=True)
class QuoteLineView:
    """A Quote line as pages show it: who it is for, the amount, the reason and the legal reference."""

    code: str
    amount: int
    reason: str
    legal_ref: str
    status: str
    member: int | None

    @property
    def magnitude(self) -> int:
        """The amount without its sign (supports are shown as '− 1.234')."""
        return abs(self.amount)


def quote_lines(quote) -> list[QuoteLineView]:
    """The lines of a Quote (or of its stored dict) in display form."""
    lines = quote["lines"] if isinstance(quote, dict) else [line.to_dict() for line in quote.lines]
    return [QuoteLineView(code=x["code"], amount=x["amount"], reason=x["reason"], legal_ref=x["legal_ref"],
                          status=x.get("status", ""), member=x.get("member")) for x in lines]


@dataclass(frozen=True)
class Renewal:
    """What a further period of an open enrollment costs, and the card it would give (HI)."""

    quote: object
    amount: int
    months: int
    validity: HICardValidity | None


def member_alone_quote(*, enrollment: Enrollment, months: int, on: dt.date, params: Parameters,
                       sponsor: SponsorShare | None = None) -> HouseholdHIQuote:
    """Household HI of one enrolled member paying alone (the last member of the quote is theirs): an ordinary
    member keeps their rank (the members ahead are ranked before), a supported one pays in the group of their
    statuses of the payment's year; a sponsor's share is taken off what they pay."""
    own = sponsored(person_hi_member(enrollment.person, on, params), sponsor)
    ahead = tuple(HouseholdMember(name=f"#{i}") for i in range(1, enrollment.member_rank or 1)) \
        if own.group is None else ()
    data = HouseholdHIInput(on=on, months=months, province=enrollment.province_code, members=(*ahead, own))
    return rule(lambda: household_hi_quote(data, params))


def card_path(person: Person) -> Enrollment | None:
    """How one person's household HI card is paid alone: further on their open enrollment (returned), or a new one
    in their household (None); refused when they belong to no household."""
    open_hi = (Enrollment.objects.filter(person=person, scheme=Scheme.HOUSEHOLD_HI, status=EnrollmentStatus.ACTIVE)
               .first())
    if open_hi is None and person.household_id is None:
        raise DomainError(f"{person.full_name} chưa thuộc hộ gia đình nào; hãy ghi hộ trước khi đóng BHYT.",
                          code=EnrollmentError.NO_HOUSEHOLD, field="person")
    return open_hi


def card_quote(*, person: Person, months: int, on: dt.date, params: Parameters | None = None,
               sponsor: SponsorShare | None = None) -> HouseholdHIQuote:
    """Household HI of one person's card paid alone, as `services.card_pay` will record it (the last member of the
    quote is theirs): further on their open enrollment, keeping their rank, else a new card in their household."""
    params = params or current_parameters()
    open_hi = card_path(person)
    if open_hi is not None:
        return member_alone_quote(enrollment=open_hi, months=months, on=on, params=params, sponsor=sponsor)
    return household_quote(household=person.household, members=[person], months=months, on=on,
                           sponsors={person.pk: sponsor} if sponsor is not None else None, params=params)


def renewal_quote(*, enrollment: Enrollment, months: int, on: dt.date, params: Parameters | None = None) -> Renewal:
    """The amount of a renewal as `contribution_record` will compute it (VSI: same income and method)."""
    params = params or current_parameters()
    person = enrollment.person
    if enrollment.scheme == Scheme.VOLUNTARY_SI:
        method = enrollment.payment_method if enrollment.payment_method in METHOD_MONTHS else "monthly"
        quote = vsi_quote(person=person, income=enrollment.income or 0, category=enrollment.vsi_category or "other",
                          method=method, months=METHOD_MONTHS.get(method, months), on=on, params=params)
        return Renewal(quote=quote, amount=quote.total, months=quote.months, validity=None)
    if enrollment.scheme == Scheme.HOUSEHOLD_HI:
        quote = member_alone_quote(enrollment=enrollment, months=months, on=on, params=params)
        validity = rule(lambda: hi_card_validity(on, months, enrollment.end_date, params))
        return Renewal(quote=quote, amount=quote.members[-1].total, months=months, validity=validity)
    raise DomainError("Chỉ ghi nhận đóng tiền cho BHXH tự nguyện và BHYT hộ gia đình.",
                      code=EnrollmentError.SCHEME_NOT_COLLECTED,
                      field="scheme")


def household_renewal_due(households, *, on: dt.date, months: int = 12,
                          params: Parameters | None = None) -> dict[int, int | None]:
    """What each household pays on `on` to renew the household HI of its members still enrolled, for `months`,
    after every support (the worklist's figure): {household id: VND}, None where no quote can be made (a member
    the state now insures in full, say) — the renewal page then says why."""
    params = params or current_parameters()
    open_members: dict[int, list[Person]] = {}
    for enrollment in (Enrollment.objects.filter(household__in=households, scheme=Scheme.HOUSEHOLD_HI,
                                                 status=EnrollmentStatus.ACTIVE)
                       .select_related("person").order_by("household_id", "member_rank", "id")):
        open_members.setdefault(enrollment.household_id, []).append(enrollment.person)
    due: dict[int, int | None] = {}
    for household in households:
        members = open_members.get(household.pk)
        try:
            due[household.pk] = household_quote(household=household, members=members, months=months, on=on,
                                                params=params).total if members else None
        except DomainError:
            due[household.pk] = None
    return due
