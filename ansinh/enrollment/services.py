"""The only writers of enrollments, receipts, contributions and cards.

Every amount comes from the rules engine (`ansinh.rules`); the Quote is stored on the contribution
with the rules version. Every write checks the user's area, keeps the roll-up counts current in the
same transaction and leaves a change-log entry.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from ansinh.calc.params import current_parameters
from ansinh.core.changelog import log_change
from ansinh.core.errors import DomainError, NotFound
from ansinh.core.scoping import path_in_scope
from ansinh.enrollment import counters
from ansinh.enrollment.choices import METHOD_MONTHS, EndReason, EnrollmentStatus, PaymentMethod, Scheme
from ansinh.enrollment.models import Contribution, Enrollment, HICard, Receipt
from ansinh.enrollment.quotes import household_quote, last_covered, rule, vsi_quote
from ansinh.network.models import CollectionPoint, Staff
from ansinh.registry.models import Household, Person
from ansinh.registry.services import MemberInput, household_register_with_members
from ansinh.rules import HouseholdHIInput, HouseholdMember, five_year_date, hi_card_validity, household_hi_quote
from ansinh.rules.dates import last_day_covered

HOUSEHOLD_GROUP = "GD"
HOUSEHOLD_BENEFIT_LEVEL = 4


@dataclass(frozen=True)
class Payment:
    """Where and when money was received: receipt number and date, collection point, collector."""

    receipt_number: str
    paid_on: dt.date
    collection_point: CollectionPoint
    collector: Staff | None = None
    campaign: object | None = None  # campaigns.Campaign recruiting the person, if any


def _require(user, unit, action: str = "add") -> None:
    if not path_in_scope(user, unit.path, action):
        raise NotFound("Hồ sơ không thuộc địa bàn của bạn.")


def _receipt(*, user, payment: Payment, payer: str, amount: int, commune) -> Receipt:
    point = payment.collection_point
    if Receipt.objects.filter(collection_point=point, number=payment.receipt_number).exists():
        raise DomainError(f"Biên lai số {payment.receipt_number} đã được ghi ở {point.name}.",
                          code="duplicate_receipt", field="receipt_number")
    try:
        with transaction.atomic():
            return Receipt.objects.create(
                number=payment.receipt_number, receipt_date=payment.paid_on, collection_point=point,
                collector=payment.collector, payer_name=payer, amount_paid=amount, commune=commune,
                province_code=commune.province_code, created_by=user if user.is_authenticated else None)
    except IntegrityError as exc:
        raise DomainError(f"Biên lai số {payment.receipt_number} đã được ghi ở {point.name}.",
                          code="duplicate_receipt", field="receipt_number") from exc


def _open_enrollment(*, user, person: Person, scheme: str, payment: Payment, start: dt.date, end: dt.date,
                     source: str, **fields) -> Enrollment:
    previous = person.enrollments.filter(scheme=scheme).exists()
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(
                person=person, scheme=scheme, enrolled_on=payment.paid_on, start_date=start, end_date=end,
                collector=payment.collector, collection_point=payment.collection_point, campaign=payment.campaign,
                commune=person.commune, province_code=person.province_code, is_new=not previous, source=source,
                created_by=user if user.is_authenticated else None, **fields)
    except IntegrityError as exc:
        raise DomainError(f"{person.full_name} đang tham gia {Scheme(scheme).label}; hãy đóng tiếp (gia hạn) "
                          "thay vì đăng ký mới.", code="already_enrolled", field="person") from exc
    counters.participation_window(unit=person.commune, scheme=scheme, start=start, end=end)
    if enrollment.is_new:
        counters.recruitment_add(unit=person.commune, scheme=scheme, day=payment.paid_on,
                                 collector=payment.collector, campaign=payment.campaign)
    log_change(user=user, obj=enrollment, action="create", scope_path=person.commune.path,
               changes={"scheme": scheme, "start_date": start, "end_date": end, "receipt": payment.receipt_number})
    return enrollment


def _card(*, enrollment: Enrollment, contribution: Contribution, paid_on: dt.date, months: int,
          previous_until: dt.date | None, params) -> HICard:
    validity = rule(lambda: hi_card_validity(paid_on, months, previous_until, params))
    person = enrollment.person
    periods = [(c.valid_from, c.valid_until) for c in HICard.objects.filter(enrollment__person=person)]
    periods.append((validity.valid_from, validity.valid_until))
    five = rule(lambda: five_year_date(periods, validity.valid_from, params))
    number = f"{HOUSEHOLD_GROUP}{HOUSEHOLD_BENEFIT_LEVEL}{enrollment.province_code}" + (
        person.legacy_si_code or person.citizen_id or "")
    return HICard.objects.create(
        enrollment=enrollment, contribution=contribution, number=number, benefit_level=HOUSEHOLD_BENEFIT_LEVEL,
        valid_from=validity.valid_from, valid_until=validity.valid_until, five_years_on=five.reached_on,
        commune=enrollment.commune, province_code=enrollment.province_code)


@transaction.atomic
def household_enroll(*, user, household: Household, members: list[Person], months: int, payment: Payment,
                     member_support: dict[int, HouseholdMember] | None = None, source: str = "page"
                     ) -> list[Enrollment]:
    """Enroll the listed members of a household in household HI for 3/6/12 months, ranked in list order."""
    _require(user, household.commune)
    if not members:
        raise DomainError("Cần ít nhất một thành viên.", code="no_members", field="members")
    foreign = [m.full_name for m in members if m.household_id != household.pk]
    if foreign:
        raise DomainError(f"{', '.join(foreign)} không thuộc hộ {household.code}.", code="not_a_member",
                          field="members")
    params = current_parameters()
    quote = household_quote(household=household, members=members, months=months, on=payment.paid_on,
                            member_support=member_support, params=params)
    receipt = _receipt(user=user, payment=payment, payer=household.head.full_name if household.head else
                       members[0].full_name, amount=quote.total, commune=household.commune)
    enrollments = []
    for person, share in zip(members, quote.members, strict=True):
        validity = rule(lambda p=person: hi_card_validity(payment.paid_on, months, last_covered(p), params))
        enrollment = _open_enrollment(
            user=user, person=person, scheme=Scheme.HOUSEHOLD_HI, payment=payment, start=validity.valid_from,
            end=validity.valid_until, source=source, household=household, member_rank=share.rank,
            hi_group_code=HOUSEHOLD_GROUP, payment_method=_method_for(months))
        contribution = _contribution(enrollment=enrollment, receipt=receipt, start=validity.valid_from,
                                     end=validity.valid_until, months=months, share=share, quote=quote, user=user)
        _card(enrollment=enrollment, contribution=contribution, paid_on=payment.paid_on, months=months,
              previous_until=last_covered(person, exclude=enrollment), params=params)
        enrollments.append(enrollment)
    return enrollments


def _method_for(months: int) -> str:
    return {1: PaymentMethod.MONTHLY, 3: PaymentMethod.MONTHS_3, 6: PaymentMethod.MONTHS_6,
            12: PaymentMethod.MONTHS_12}.get(months, "")


def _contribution(*, enrollment, receipt, start, end, months, share, quote, user) -> Contribution:
    contribution = Contribution.objects.create(
        enrollment=enrollment, receipt=receipt, period_start=start, period_end=end, months=months,
        amount_due=share.contribution_total, state_support=share.state_support_monthly * months,
        local_support=share.local_support_monthly * months, sponsor_support=share.sponsor_support_monthly * months,
        amount_paid=share.total, quote=quote.to_dict(), rules_version=quote.rules_version,
        commune=enrollment.commune, province_code=enrollment.province_code)
    log_change(user=user, obj=contribution, action="create", scope_path=enrollment.commune.path,
               changes={"receipt": receipt.number, "amount_paid": share.total, "months": months})
    return contribution


def _vsi_contribution(*, enrollment, receipt, start, end, months, quote, user) -> Contribution:
    contribution = Contribution.objects.create(
        enrollment=enrollment, receipt=receipt, period_start=start, period_end=end, months=months,
        amount_due=quote.contribution_total, state_support=quote.state_support_total,
        local_support=quote.local_support_total, amount_paid=quote.total, quote=quote.to_dict(),
        rules_version=quote.rules_version, commune=enrollment.commune, province_code=enrollment.province_code)
    log_change(user=user, obj=contribution, action="create", scope_path=enrollment.commune.path,
               changes={"receipt": receipt.number, "amount_paid": quote.total, "months": months})
    return contribution


@transaction.atomic
def person_enroll_voluntary_si(*, user, person: Person, income: int, category: str, method: str, months: int,
                               payment: Payment, source: str = "page") -> Enrollment:
    """Enroll a person in voluntary SI at a chosen income and method, recording the first payment."""
    _require(user, person.commune)
    if method in METHOD_MONTHS:
        months = METHOD_MONTHS[method]
    params = current_parameters()
    quote = vsi_quote(person=person, income=income, category=category, method=method, months=months,
                      on=payment.paid_on, params=params)
    start = payment.paid_on.replace(day=1)
    end = last_day_covered(start, months)
    receipt = _receipt(user=user, payment=payment, payer=person.full_name, amount=quote.total, commune=person.commune)
    enrollment = _open_enrollment(user=user, person=person, scheme=Scheme.VOLUNTARY_SI, payment=payment,
                                  start=start, end=end, source=source, income=income, payment_method=method,
                                  vsi_category=category)
    _vsi_contribution(enrollment=enrollment, receipt=receipt, start=start, end=end, months=months, quote=quote,
                      user=user)
    return enrollment


def _locked(enrollment: Enrollment) -> Enrollment:
    return Enrollment.objects.select_for_update().select_related("person", "commune").get(pk=enrollment.pk)


@transaction.atomic
def contribution_record(*, user, enrollment: Enrollment, months: int, payment: Payment) -> Contribution:
    """Record a further payment on an open enrollment: the period follows on from what was paid."""
    enrollment = _locked(enrollment)
    _require(user, enrollment.commune)
    if enrollment.status != EnrollmentStatus.ACTIVE:
        raise DomainError("Hồ sơ đã dừng tham gia; hãy đăng ký lại.", code="enrollment_ended", field="enrollment")
    params = current_parameters()
    person = enrollment.person
    old_end = enrollment.end_date
    if enrollment.scheme == Scheme.VOLUNTARY_SI:
        method = enrollment.payment_method if enrollment.payment_method in METHOD_MONTHS else PaymentMethod.MONTHLY
        months = METHOD_MONTHS.get(method, months)
        quote = vsi_quote(person=person, income=enrollment.income, category=enrollment.vsi_category,
                          method=method, months=months, on=payment.paid_on, params=params)
        start = max(old_end + dt.timedelta(days=1) if old_end else payment.paid_on.replace(day=1),
                    payment.paid_on.replace(day=1))
        end = last_day_covered(start, months)
        receipt = _receipt(user=user, payment=payment, payer=person.full_name, amount=quote.total,
                           commune=enrollment.commune)
        contribution = _vsi_contribution(enrollment=enrollment, receipt=receipt, start=start, end=end, months=months,
                                         quote=quote, user=user)
    elif enrollment.scheme == Scheme.HOUSEHOLD_HI:
        rank_members = (HouseholdMember(name=f"#{i}") for i in range(1, (enrollment.member_rank or 1) + 1))
        data = HouseholdHIInput(on=payment.paid_on, months=months, province=enrollment.province_code,
                                members=tuple(rank_members))
        quote = rule(lambda: household_hi_quote(data, params))
        share = quote.members[-1]
        validity = rule(lambda: hi_card_validity(payment.paid_on, months, old_end, params))
        start, end = validity.valid_from, validity.valid_until
        receipt = _receipt(user=user, payment=payment, payer=person.full_name, amount=share.total,
                           commune=enrollment.commune)
        contribution = _contribution(enrollment=enrollment, receipt=receipt, start=start, end=end, months=months,
                                     share=share, quote=quote, user=user)
        _card(enrollment=enrollment, contribution=contribution, paid_on=payment.paid_on, months=months,
              previous_until=old_end, params=params)
    else:
        raise DomainError("Chỉ ghi nhận đóng tiền cho BHXH tự nguyện và BHYT hộ gia đình.",
                          code="scheme_not_collected", field="scheme")
    if old_end is not None and start > old_end + dt.timedelta(days=1):
        # A gap: coverage stops after old_end and resumes at start.
        counters.participation_window(unit=enrollment.commune, scheme=enrollment.scheme, start=start, end=end)
    else:
        counters.participation_move_end(unit=enrollment.commune, scheme=enrollment.scheme, old_end=old_end,
                                        new_end=end)
    enrollment.end_date = end
    enrollment.save(update_fields=["end_date"])
    log_change(user=user, obj=enrollment, action="update", scope_path=enrollment.commune.path,
               changes={"end_date": [old_end, end]})
    return contribution


def enrollment_renew(*, user, enrollment: Enrollment, months: int, payment: Payment) -> Contribution:
    """Renew an enrollment for another period (a further contribution, a new card for HI)."""
    return contribution_record(user=user, enrollment=enrollment, months=months, payment=payment)


@transaction.atomic
def enrollment_end(*, user, enrollment: Enrollment, on: dt.date, reason: str) -> Enrollment:
    """Stop an enrollment on a date (covered through that day at the latest)."""
    enrollment = _locked(enrollment)
    _require(user, enrollment.commune, "change")
    if enrollment.status != EnrollmentStatus.ACTIVE:
        raise DomainError("Hồ sơ đã dừng tham gia.", code="enrollment_ended", field="enrollment")
    if reason not in EndReason.values:
        raise DomainError(f"Lý do '{reason}' không hợp lệ.", code="invalid_end_reason", field="reason")
    if on < enrollment.start_date:
        raise DomainError("Ngày dừng trước ngày bắt đầu tham gia.", code="end_before_start", field="on")
    old_end = enrollment.end_date
    new_end = min(old_end, on) if old_end else on
    counters.participation_move_end(unit=enrollment.commune, scheme=enrollment.scheme, old_end=old_end,
                                    new_end=new_end)
    enrollment.end_date, enrollment.status = new_end, EnrollmentStatus.ENDED
    enrollment.ended_on, enrollment.end_reason = on, reason
    enrollment.save(update_fields=["end_date", "status", "ended_on", "end_reason"])
    log_change(user=user, obj=enrollment, action="update", scope_path=enrollment.commune.path,
               changes={"status": ["active", "ended"], "end_date": [old_end, new_end], "reason": reason})
    return enrollment



def _extend(*, user, enrollment: Enrollment, start: dt.date, end: dt.date, old_end: dt.date | None,
            **fields) -> None:
    """Move an open enrollment's paid-up end to `end`, keeping the participation counts right (gaps included)."""
    if old_end is not None and start > old_end + dt.timedelta(days=1):
        counters.participation_window(unit=enrollment.commune, scheme=enrollment.scheme, start=start, end=end)
    else:
        counters.participation_move_end(unit=enrollment.commune, scheme=enrollment.scheme, old_end=old_end,
                                        new_end=end)
    enrollment.end_date = end
    for name, value in fields.items():
        setattr(enrollment, name, value)
    enrollment.save(update_fields=["end_date", *fields])
    log_change(user=user, obj=enrollment, action="update", scope_path=enrollment.commune.path,
               changes={"end_date": [old_end, end]})


@transaction.atomic
def household_renew(*, user, household: Household, months: int, payment: Payment) -> list[Contribution]:
    """Renew the household HI of every member still enrolled, on one receipt, ranked as before."""
    _require(user, household.commune)
    enrollments = list(Enrollment.objects.select_for_update().select_related("person", "commune")
                       .filter(household=household, scheme=Scheme.HOUSEHOLD_HI, status=EnrollmentStatus.ACTIVE)
                       .order_by("member_rank", "id"))
    if not enrollments:
        raise DomainError(f"Hộ {household.code} chưa có thành viên nào đang tham gia BHYT hộ gia đình.",
                          code="no_open_enrollments", field="household")
    params = current_parameters()
    quote = household_quote(household=household, members=[e.person for e in enrollments], months=months,
                            on=payment.paid_on, params=params)
    receipt = _receipt(user=user, payment=payment, payer=household.head.full_name if household.head else
                       enrollments[0].person.full_name, amount=quote.total, commune=household.commune)
    contributions = []
    for enrollment, share in zip(enrollments, quote.members, strict=True):
        old_end = enrollment.end_date
        validity = rule(lambda e=enrollment: hi_card_validity(payment.paid_on, months, e.end_date, params))
        contribution = _contribution(enrollment=enrollment, receipt=receipt, start=validity.valid_from,
                                     end=validity.valid_until, months=months, share=share, quote=quote, user=user)
        _card(enrollment=enrollment, contribution=contribution, paid_on=payment.paid_on, months=months,
              previous_until=old_end, params=params)
        _extend(user=user, enrollment=enrollment, start=validity.valid_from, end=validity.valid_until,
                old_end=old_end, member_rank=share.rank)
        contributions.append(contribution)
    return contributions


@transaction.atomic
def household_join(*, user, commune, members: list[MemberInput], months: int, payment: Payment, code: str = "",
                   address: str = "", source: str = "page") -> tuple[Household, list[Enrollment]]:
    """Register a household with its members and enroll them all in household HI, in one transaction.

    Two collectors registering the same citizen ID at once: the second is refused (`person_exists`) and
    nothing of theirs is kept.
    """
    household = household_register_with_members(user=user, commune=commune, members=members, code=code,
                                                 address=address, source=source)
    people = list(household.members.order_by("id"))
    enrollments = household_enroll(user=user, household=household, members=people, months=months, payment=payment,
                                   source=source)
    return household, enrollments
