"""Enrollment, payment, renewal and end of one person or household, as pages and the API ask for them.

Each service checks the user's area and the request, takes every amount from the rules engine
(`ansinh.rules`) and hands the rows to the one writer (`enrollment.writer`), which stores the Quote on
the contribution with the rules version, keeps the roll-up counts current in the same transaction and
leaves a change-log entry.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from ansinh.calc.params import current_parameters
from ansinh.core import jobs
from ansinh.core.changelog import log_change, log_changes
from ansinh.core.errors import Code, DomainError, PermissionDenied
from ansinh.core.scoping import Action, in_area, require
from ansinh.core.text import fold
from ansinh.enrollment import counters, writer
from ansinh.enrollment.choices import (
    METHOD_MONTHS,
    ContactOutcome,
    EndReason,
    EnrollmentStatus,
    OptOut,
    PaymentMethod,
    ProspectStatus,
    ReminderChannel,
    ReminderStatus,
    Scheme,
)
from ansinh.enrollment.errors import EnrollmentError
from ansinh.enrollment.models import (
    Contact,
    Contribution,
    Enrollment,
    HICard,
    Prospect,
    Receipt,
    Reminder,
    ReminderConsent,
    ReminderRun,
    ResidentList,
)
from ansinh.enrollment.quotes import (
    SponsorShare,
    card_path,
    household_quote,
    last_covered,
    member_alone_quote,
    rule,
    vsi_quote,
)
from ansinh.enrollment.support import card_group, check_vsi_category
from ansinh.network.models import CollectionPoint, Staff
from ansinh.registry.models import Household, Person
from ansinh.registry.services import (
    MemberInput,
    household_code_suggest,
    household_register_with_members,
    person_register,
    person_update,
    residence_on,
)
from ansinh.rules import HouseholdMember, continuity_deadline, five_year_date, hi_card_validity
from ansinh.rules.dates import last_day_covered
from ansinh.rules.errors import ErrorCode, RuleError
from ansinh.rules.identifiers import normalize_phone


@dataclass(frozen=True)
class Payment:
    """Where and when money was received: receipt number and date, collection point, collector."""

    receipt_number: str
    paid_on: dt.date
    collection_point: CollectionPoint
    collector: Staff | None = None


def _require(user, unit, action: str) -> None:
    require(user, action, unit.path)


def _duplicate_receipt(payment: Payment) -> DomainError:
    return DomainError(f"Biên lai số {payment.receipt_number} đã được ghi ở {payment.collection_point.name}.",
                       code=EnrollmentError.DUPLICATE_RECEIPT, field="receipt_number")


def _receipt(*, payment: Payment, payer: str, amount: int, commune) -> Receipt:
    """The receipt of a payment (unsaved); a number already used at the collection point is refused."""
    point = payment.collection_point
    if Receipt.objects.filter(collection_point=point, number=payment.receipt_number).exists():
        raise _duplicate_receipt(payment)
    return Receipt(number=payment.receipt_number, receipt_date=payment.paid_on, collection_point=point,
                   collector=payment.collector, payer_name=payer, amount_paid=amount, commune=commune,
                   province_code=commune.province_code)


def _write(*, user, payment: Payment, rows: writer.Payment) -> writer.Written:
    """Write one payment's rows; a receipt or an open enrollment taken meanwhile by another writer is refused."""
    try:
        with transaction.atomic():
            return writer.payments_write([rows], user=user)[0]
    except IntegrityError as exc:
        if Receipt.objects.filter(collection_point=payment.collection_point, number=payment.receipt_number).exists():
            raise _duplicate_receipt(payment) from exc
        for line in rows.lines:
            e = line.enrollment
            if e.pk is None and Enrollment.objects.filter(person=e.person, scheme=e.scheme,
                                                          status=EnrollmentStatus.ACTIVE).exists():
                raise _already_enrolled(e.person, e.scheme) from exc
        raise


def _already_enrolled(person: Person, scheme: str) -> DomainError:
    return DomainError(f"{person.full_name} đang tham gia {Scheme(scheme).label}; hãy đóng tiếp (gia hạn) "
                       "thay vì đăng ký mới.", code=EnrollmentError.ALREADY_ENROLLED, field="person")


def _new_enrollment(*, user, person: Person, scheme: str, payment: Payment, start: dt.date, end: dt.date,
                    source: str, **fields) -> Enrollment:
    """An enrollment to open (unsaved); a person already enrolled in the scheme is told to renew instead."""
    enrollments = person.enrollments.filter(scheme=scheme)
    if enrollments.filter(status=EnrollmentStatus.ACTIVE).exists():
        raise _already_enrolled(person, scheme)
    return Enrollment(person=person, scheme=scheme, enrolled_on=payment.paid_on, start_date=start, end_date=end,
                      collector=payment.collector, collection_point=payment.collection_point, commune=person.commune,
                      province_code=person.province_code, is_new=not enrollments.exists(), source=source,
                      created_by=user if user.is_authenticated else None, **fields)


def _card(*, person: Person, province_code: str, validity, params, group: str | None = None) -> writer.Card:
    """The card a payment gives (printed with the member's group), with the date five consecutive years are reached."""
    periods = [(c.valid_from, c.valid_until) for c in HICard.objects.filter(enrollment__person=person)]
    periods.append((validity.valid_from, validity.valid_until))
    five = rule(lambda: five_year_date(periods, validity.valid_from, params))
    return writer.card_for(validity=validity, five=five, province_code=province_code,
                           si_code=person.legacy_si_code, group=card_group(group))


@transaction.atomic
def household_enroll(*, user, household: Household, members: list[Person], months: int, payment: Payment,
                     member_support: dict[int, HouseholdMember] | None = None, source: str = "page",
                     sponsors: dict[int, SponsorShare] | None = None) -> list[Enrollment]:
    """Enroll the listed members of a household in household HI for 3/6/12 months, ranked in list order
    (`sponsors`: a sponsor's share of the members it names, by person id)."""
    _require(user, household.commune, Action.PAY)
    if not members:
        raise DomainError("Cần ít nhất một thành viên.", code=ErrorCode.NO_MEMBERS, field="members")
    foreign = [m.full_name for m in members if m.household_id != household.pk]
    if foreign:
        raise DomainError(f"{', '.join(foreign)} không thuộc hộ {household.code}.", code=Code.NOT_A_MEMBER,
                          field="members")
    commune = residence_on(user=user, on=payment.paid_on, household=household)
    for member in members:
        member.refresh_from_db(fields=["commune", "province_code"])
    params = current_parameters()
    quote = household_quote(household=household, members=members, months=months, on=payment.paid_on,
                            member_support=member_support, sponsors=sponsors, params=params)
    receipt = _receipt(payment=payment, payer=household.head.full_name if household.head else members[0].full_name,
                       amount=quote.total, commune=commune)
    lines = []
    for person, share in zip(members, quote.members, strict=True):
        validity = rule(lambda p=person: hi_card_validity(payment.paid_on, months, last_covered(p), params))
        enrollment = _new_enrollment(
            user=user, person=person, scheme=Scheme.HOUSEHOLD_HI, payment=payment, start=validity.valid_from,
            end=validity.valid_until, source=source, household=household, member_rank=share.rank,
            hi_group_code=card_group(share.group)[0], payment_method=writer.method_for(months))
        lines.append(writer.Line(enrollment=enrollment, period_start=validity.valid_from,
                                 period_end=validity.valid_until, amounts=writer.share_amounts(share, months),
                                 card=_card(person=person, province_code=person.province_code, validity=validity,
                                            params=params, group=share.group)))
    rows = writer.Payment(receipt=receipt, lines=lines, quote=quote.to_dict(), rules_version=quote.rules_version)
    return _write(user=user, payment=payment, rows=rows).enrollments


@transaction.atomic
def person_enroll_voluntary_si(*, user, person: Person, income: int, category: str, method: str, months: int,
                               payment: Payment, source: str = "page") -> Enrollment:
    """Enroll a person in voluntary SI at a chosen income and method, recording the first payment."""
    _require(user, person.commune, Action.PAY)
    residence_on(user=user, on=payment.paid_on, person=person)
    check_vsi_category(person, category, payment.paid_on)
    if method in METHOD_MONTHS:
        months = METHOD_MONTHS[method]
    params = current_parameters()
    quote = vsi_quote(person=person, income=income, category=category, method=method, months=months,
                      on=payment.paid_on, params=params)
    start = payment.paid_on.replace(day=1)
    end = last_day_covered(start, months)
    receipt = _receipt(payment=payment, payer=person.full_name, amount=quote.total, commune=person.commune)
    enrollment = _new_enrollment(user=user, person=person, scheme=Scheme.VOLUNTARY_SI, payment=payment,
                                 start=start, end=end, source=source, income=income, payment_method=method,
                                 vsi_category=category)
    line = writer.Line(enrollment=enrollment, period_start=start, period_end=end, amounts=writer.vsi_amounts(quote))
    rows = writer.Payment(receipt=receipt, lines=[line], quote=quote.to_dict(), rules_version=quote.rules_version)
    return _write(user=user, payment=payment, rows=rows).enrollments[0]


def _locked(enrollment: Enrollment) -> Enrollment:
    return Enrollment.objects.select_for_update().select_related("person", "commune").get(pk=enrollment.pk)


@transaction.atomic
def contribution_record(*, user, enrollment: Enrollment, months: int, payment: Payment,
                        sponsor: SponsorShare | None = None) -> Contribution:
    """Record a further payment on an open enrollment: the period follows on from what was paid (a sponsor's
    share, household HI only, taken off what the person pays)."""
    enrollment = _locked(enrollment)
    _require(user, enrollment.commune, Action.RENEW)
    if enrollment.status != EnrollmentStatus.ACTIVE:
        raise DomainError("Hồ sơ đã dừng tham gia; hãy đăng ký lại.",
                          code=EnrollmentError.ENROLLMENT_ENDED, field="enrollment")
    params = current_parameters()
    person = enrollment.person
    commune = residence_on(user=user, on=payment.paid_on, person=person)
    old_end = enrollment.end_date
    if enrollment.scheme == Scheme.VOLUNTARY_SI:
        method = enrollment.payment_method if enrollment.payment_method in METHOD_MONTHS else PaymentMethod.MONTHLY
        months = METHOD_MONTHS.get(method, months)
        quote = vsi_quote(person=person, income=enrollment.income, category=enrollment.vsi_category,
                          method=method, months=months, on=payment.paid_on, params=params)
        start = max(old_end + dt.timedelta(days=1) if old_end else payment.paid_on.replace(day=1),
                    payment.paid_on.replace(day=1))
        end = last_day_covered(start, months)
        line = writer.Line(enrollment=enrollment, period_start=start, period_end=end, old_end=old_end,
                           amounts=writer.vsi_amounts(quote))
        amount = quote.total
    elif enrollment.scheme == Scheme.HOUSEHOLD_HI:
        quote = member_alone_quote(enrollment=enrollment, months=months, on=payment.paid_on, params=params,
                                   sponsor=sponsor)
        share = quote.members[-1]
        validity = rule(lambda: hi_card_validity(payment.paid_on, months, old_end, params))
        line = writer.Line(enrollment=enrollment, period_start=validity.valid_from, period_end=validity.valid_until,
                           old_end=old_end, amounts=writer.share_amounts(share, months),
                           changes={"hi_group_code": card_group(share.group)[0]},
                           card=_card(person=person, province_code=commune.province_code, validity=validity,
                                      params=params, group=share.group))
        amount = share.total
    else:
        raise DomainError("Chỉ ghi nhận đóng tiền cho BHXH tự nguyện và BHYT hộ gia đình.",
                          code=EnrollmentError.SCHEME_NOT_COLLECTED, field="scheme")
    receipt = _receipt(payment=payment, payer=person.full_name, amount=amount, commune=commune)
    rows = writer.Payment(receipt=receipt, lines=[line], quote=quote.to_dict(), rules_version=quote.rules_version)
    return _write(user=user, payment=payment, rows=rows).contributions[0]


@transaction.atomic
def card_pay(*, user, person: Person, months: int, payment: Payment, sponsor: SponsorShare | None = None,
             source: str = "page") -> Contribution:
    """Pay one person's household HI card for 3/6/12 months: further on their open enrollment, else a new one
    in their household (a sponsored pupil's card, say); a sponsor's share is taken off what they pay."""
    open_hi = card_path(person)
    if open_hi is not None:
        return contribution_record(user=user, enrollment=open_hi, months=months, payment=payment, sponsor=sponsor)
    enrollment = household_enroll(user=user, household=person.household, members=[person], months=months,
                                  payment=payment, source=source,
                                  sponsors={person.pk: sponsor} if sponsor is not None else None)[0]
    return enrollment.contributions.get()


def enrollment_renew(*, user, enrollment: Enrollment, months: int, payment: Payment) -> Contribution:
    """Renew an enrollment for another period (a further contribution, a new card for HI)."""
    return contribution_record(user=user, enrollment=enrollment, months=months, payment=payment)


@transaction.atomic
def enrollment_end(*, user, enrollment: Enrollment, on: dt.date, reason: str) -> Enrollment:
    """Stop an enrollment on a date (covered through that day at the latest)."""
    enrollment = _locked(enrollment)
    _require(user, enrollment.commune, Action.END_ENROLLMENT)
    if enrollment.status != EnrollmentStatus.ACTIVE:
        raise DomainError("Hồ sơ đã dừng tham gia.", code=EnrollmentError.ENROLLMENT_ENDED, field="enrollment")
    if reason not in EndReason.values:
        raise DomainError(f"Lý do '{reason}' không hợp lệ.", code=EnrollmentError.INVALID_END_REASON, field="reason")
    if on < enrollment.start_date:
        raise DomainError("Ngày dừng trước ngày bắt đầu tham gia.", code=EnrollmentError.END_BEFORE_START, field="on")
    old_end = enrollment.end_date
    new_end = min(old_end, on) if old_end else on
    counters.participation_move_end(unit=enrollment.commune, scheme=enrollment.scheme, old_end=old_end,
                                    new_end=new_end)
    enrollment.end_date, enrollment.status = new_end, EnrollmentStatus.ENDED
    enrollment.ended_on, enrollment.end_reason = on, reason
    enrollment.changed_by = user if user.is_authenticated else None
    enrollment.save(update_fields=["end_date", "status", "ended_on", "end_reason", "changed_by", "changed_at"])
    log_change(user=user, obj=enrollment, action="update", scope_path=enrollment.commune.path,
               changes={"status": ["active", "ended"], "end_date": [old_end, new_end], "reason": reason})
    return enrollment



def coverage_extend(*, user, enrollment: Enrollment, start: dt.date, end: dt.date) -> Enrollment:
    """Move the paid-up end of an enrollment kept elsewhere (imported coverage) to `end`, gaps included."""
    line = writer.Line(enrollment=enrollment, period_start=start, period_end=end, old_end=enrollment.end_date)
    writer.payments_write([writer.Payment(receipt=None, lines=[line])], user=user)
    return enrollment


@transaction.atomic
def household_renew(*, user, household: Household, months: int, payment: Payment) -> list[Contribution]:
    """Renew the household HI of every member still enrolled, on one receipt, ranked as before."""
    _require(user, household.commune, Action.RENEW)
    enrollments = list(Enrollment.objects.select_for_update().select_related("person", "commune")
                       .filter(household=household, scheme=Scheme.HOUSEHOLD_HI, status=EnrollmentStatus.ACTIVE)
                       .order_by("member_rank", "id"))
    if not enrollments:
        raise DomainError(f"Hộ {household.code} chưa có thành viên nào đang tham gia BHYT hộ gia đình.",
                          code=EnrollmentError.NO_OPEN_ENROLLMENTS, field="household")
    commune = residence_on(user=user, on=payment.paid_on, household=household)
    params = current_parameters()
    quote = household_quote(household=household, members=[e.person for e in enrollments], months=months,
                            on=payment.paid_on, params=params)
    receipt = _receipt(payment=payment, payer=household.head.full_name if household.head else
                       enrollments[0].person.full_name, amount=quote.total, commune=commune)
    lines = []
    for enrollment, share in zip(enrollments, quote.members, strict=True):
        validity = rule(lambda e=enrollment: hi_card_validity(payment.paid_on, months, e.end_date, params))
        lines.append(writer.Line(
            enrollment=enrollment, period_start=validity.valid_from, period_end=validity.valid_until,
            old_end=enrollment.end_date, amounts=writer.share_amounts(share, months),
            changes={"member_rank": share.rank, "hi_group_code": card_group(share.group)[0]},
            card=_card(person=enrollment.person, province_code=commune.province_code, validity=validity,
                       params=params, group=share.group)))
    rows = writer.Payment(receipt=receipt, lines=lines, quote=quote.to_dict(), rules_version=quote.rules_version)
    return _write(user=user, payment=payment, rows=rows).contributions


@transaction.atomic
def household_join(*, user, commune, members: list[MemberInput], months: int, payment: Payment, code: str = "",
                   address: str = "", source: str = "page") -> tuple[Household, list[Enrollment]]:
    """Register a household with its members and enroll them all in household HI, in one transaction.

    Two collectors registering the same citizen ID at once: the second is refused (`person_exists`) and
    nothing of theirs is kept.
    """
    household = household_register_with_members(user=user, commune=commune, members=members, code=code,
                                                 address=address, source=source, on=payment.paid_on)
    people = list(household.members.order_by("id"))
    enrollments = household_enroll(user=user, household=household, members=people, months=months, payment=payment,
                                   source=source)
    return household, enrollments


@transaction.atomic
def person_correct(*, user, person: Person, **fields) -> Person:
    """Correct a person's record (`registry.services.person_update`); once BHXH has issued the SI code, the
    person's cards that waited for it ("chờ cấp mã") are numbered, and the numbering is logged."""
    had_code = bool(person.legacy_si_code)
    person = person_update(user=user, person=person, **fields)
    if person.legacy_si_code and not had_code:
        numbered = writer.cards_number(person)
        if numbered:
            log_change(user=user, obj=person, action="update", scope_path=person.commune.path,
                       changes={"cards_numbered": numbered})
    return person


def _own_or_any(user, receipt: Receipt) -> bool:
    """Whether the user's role may cancel this receipt: any in the area, or (a collector) one she entered."""
    if not user.may_only_own(Action.CORRECT_RECEIPT):
        return True
    return user.pk in (receipt.created_by_id, receipt.collector.user_id if receipt.collector else None)


def receipt_cancel_allowed(user, receipt: Receipt) -> None:
    """Refuse unless the user may cancel the receipt: in the area, with the right, and (a collector) her own."""
    require(user, Action.CORRECT_RECEIPT, receipt.commune.path, what="Biên lai")
    if not _own_or_any(user, receipt):
        raise PermissionDenied("Bạn chỉ huỷ được biên lai do chính mình ghi; hãy báo cán bộ BHXH để huỷ biên lai này.")


def receipt_may_cancel(user, receipt: Receipt) -> bool:
    """Whether the receipt page offers the user to cancel the receipt (the service checks the rest)."""
    return (not receipt.cancelled and user.may(Action.CORRECT_RECEIPT) and in_area(user, receipt.commune.path)
            and _own_or_any(user, receipt))


def _check_cancellable(receipt: Receipt, contributions: list[Contribution]) -> None:
    if receipt.cancelled:
        on = timezone.localtime(receipt.cancelled_at)
        raise DomainError(f"Biên lai số {receipt.number} đã huỷ ngày {on:%d/%m/%Y}.",
                          code=EnrollmentError.RECEIPT_CANCELLED, field="receipt")
    for c in contributions:
        e, name = c.enrollment, c.enrollment.person.full_name
        if e.status != EnrollmentStatus.ACTIVE:
            raise DomainError(f"{name} đã dừng tham gia {Scheme(e.scheme).label}: biên lai không huỷ được.",
                              code=EnrollmentError.ENROLLMENT_ENDED, field="receipt")
        later = (Contribution.objects.filter(enrollment=e, period_start__gte=c.period_start).exclude(pk=c.pk)
                 .select_related("receipt").first())
        if later is not None or e.end_date != c.period_end:
            after = f" (biên lai số {later.receipt.number})" if later is not None else ""
            raise DomainError(f"Sau biên lai này, {name} đã đóng tiếp{after}: hãy huỷ lần đóng sau trước.",
                              code=EnrollmentError.RECEIPT_NOT_LATEST, field="receipt")


@transaction.atomic
def receipt_cancel(*, user, receipt: Receipt, reason: str) -> Receipt:
    """Cancel a receipt entered by mistake (huỷ biên lai): the receipt and its number stay, marked cancelled with
    the reason, who and when, and a copy of what it paid; its contributions and cards are removed, each
    enrollment it paid further goes back to the paid-up end it had before, an enrollment it opened is removed
    (and any campaign that counted it is told), and the roll-up counts follow.

    Only the latest payment of each enrollment can be cancelled (a later one follows on from it); a collector
    cancels only the receipts she entered herself.
    """
    receipt = Receipt.objects.select_for_update(of=("self",)).select_related("commune", "collector").get(pk=receipt.pk)
    receipt_cancel_allowed(user, receipt)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Cần ghi lý do huỷ biên lai.", code=EnrollmentError.CANCEL_REASON_MISSING, field="reason")
    list(Enrollment.objects.select_for_update().filter(contributions__receipt=receipt))
    contributions = list(receipt.contributions.select_related("enrollment__person", "enrollment__commune", "card")
                         .order_by("id"))
    _check_cancellable(receipt, contributions)
    writer.receipt_cancel_write(receipt, contributions, user=user, reason=reason)
    return receipt


PROMISE_DAYS = 90  # a promise further off is not a follow-up: contact again nearer the day


def contact_record(*, user, enrollment: Enrollment, day: dt.date, outcome: str, promised_on: dt.date | None = None,
                   reason: str = "", note: str = "") -> Contact:
    """Record a follow-up of an enrollment on the worklist and what came of it (logged). A promise hides the entry
    until its day; moved away or died takes it off the list; a payment takes it off by itself."""
    _require(user, enrollment.commune, Action.RENEW)
    if outcome not in ContactOutcome.values:
        raise DomainError(f"Kết quả liên hệ '{outcome}' không hợp lệ.", code=EnrollmentError.INVALID_CONTACT_OUTCOME,
                          field="outcome")
    if day > timezone.localdate() or day < enrollment.enrolled_on:
        raise DomainError(f"Ngày liên hệ {day:%d/%m/%Y} không hợp lệ: ghi hôm nay hoặc một ngày đã qua, từ ngày "
                          f"tham gia {enrollment.enrolled_on:%d/%m/%Y}.", code=EnrollmentError.CONTACT_DAY_INVALID,
                          field="day")
    reason, note = reason.strip()[:200], note.strip()[:300]
    if outcome == ContactOutcome.PROMISED and (promised_on is None or promised_on < day):
        raise DomainError("Hẹn ngày đóng: ghi ngày hẹn (từ ngày liên hệ trở đi).",
                          code=EnrollmentError.PROMISE_NEEDS_DAY, field="promised_on")
    if outcome == ContactOutcome.REFUSED and not reason:
        raise DomainError("Từ chối: ghi lý do.", code=EnrollmentError.REFUSAL_NEEDS_REASON, field="reason")
    if outcome == ContactOutcome.PROMISED and promised_on > day + dt.timedelta(days=PROMISE_DAYS):
        raise DomainError(f"Hẹn ngày đóng: ghi một ngày trong vòng {PROMISE_DAYS} ngày tới; hẹn xa hơn, hãy liên hệ "
                          "lại gần ngày đó.", code=EnrollmentError.PROMISE_NEEDS_DAY, field="promised_on")
    follow_up_on = None
    if outcome == ContactOutcome.PROMISED:
        follow_up_on = promised_on
        card = HICard.objects.filter(enrollment=enrollment).order_by("-valid_until").first()
        if card is not None:  # back on the list in time to renew without breaking continuity
            follow_up_on = min(promised_on, continuity_deadline(card.valid_until, current_parameters()))
    staff = Staff.objects.filter(user=user).order_by("-id").first() if user.is_authenticated else None
    contact = Contact.objects.create(
        enrollment=enrollment, day=day, outcome=outcome,
        promised_on=promised_on if outcome == ContactOutcome.PROMISED else None, follow_up_on=follow_up_on,
        reason=reason, note=note, staff=staff, commune=enrollment.commune,
        created_by=user if user.is_authenticated else None)
    log_change(user=user, obj=contact, action="create", scope_path=enrollment.commune.path,
               changes={"enrollment": enrollment.pk, "day": day, "outcome": outcome, "promised_on": promised_on,
                        "reason": reason})
    return contact


def _reminder_address(channel: str, address: str) -> str:
    """The address a channel sends to, checked: a mobile number 0XXXXXXXXX (SMS, Zalo) or an e-mail address."""
    address = (address or "").strip()
    if channel not in ReminderChannel.values:
        raise DomainError(f"Kênh nhắc '{channel}' không có: chọn SMS, Zalo hoặc e-mail.",
                          code=EnrollmentError.REMINDER_CHANNEL_INVALID, field="channel")
    if channel == ReminderChannel.EMAIL:
        try:
            validate_email(address)
        except ValidationError as exc:
            raise DomainError(f"Địa chỉ e-mail '{address}' không hợp lệ.",
                              code=EnrollmentError.REMINDER_ADDRESS_INVALID, field="address") from exc
        return address.lower()
    try:
        return normalize_phone(address).national
    except RuleError as exc:
        raise DomainError(f"Số điện thoại nhận tin '{address}': {exc.message}",
                          code=EnrollmentError.REMINDER_ADDRESS_INVALID, field="address") from exc


def reminder_consent_set(*, user, person: Person, channel: str, address: str, given_on: dt.date,
                         source: str) -> ReminderConsent:
    """Record that `person` agreed to reminders through `channel` at `address` on `given_on` (`source`: the form,
    the call, the visit). Agreeing again after an opt-out restarts them; logged."""
    _require(user, person.commune, Action.CHANGE_MEMBER)
    address = _reminder_address(channel, address)
    source = (source or "").strip()[:120]
    if given_on > timezone.localdate() or not source:
        raise DomainError("Đồng ý nhận tin nhắc: ghi ngày đồng ý (hôm nay hoặc trước) và hình thức đồng ý (phiếu "
                          "đăng ký, cuộc gọi…).", code=EnrollmentError.REMINDER_CONSENT_INVALID,
                          field="given_on" if source else "source")
    with transaction.atomic():
        consent = ReminderConsent.objects.select_for_update().filter(person=person, channel=channel).first()
        before = None if consent is None else {"address": consent.address, "opted_out_on": consent.opted_out_on}
        if consent is None:
            consent = ReminderConsent(person=person, channel=channel, created_by=user)
        consent.address, consent.given_on, consent.source = address, given_on, source
        consent.opted_out_on, consent.opt_out_how, consent.commune = None, "", person.commune
        consent.changed_by = user
        consent.save()
        log_change(user=user, obj=consent, action="create" if before is None else "update",
                   scope_path=person.commune.path,
                   changes={"channel": channel, "address": address, "given_on": given_on, "source": source,
                            **({"before": before} if before else {})})
    return consent


def reminder_opt_out(*, user, consent: ReminderConsent, how: str = OptOut.FLAG, on: dt.date | None = None
                     ) -> ReminderConsent:
    """Stop the reminders of a consent: an officer's flag (`user` in the person's area) or the person's reply (the
    gateway: `user` None). Logged; nothing changes when they are stopped already."""
    if user is not None:
        _require(user, consent.commune, Action.CHANGE_MEMBER)
    on = on or timezone.localdate()
    if ReminderConsent.objects.filter(pk=consent.pk, opted_out_on__isnull=True).update(
            opted_out_on=on, opt_out_how=how, changed_by=user, changed_at=timezone.now()):
        log_change(user=user, obj=consent, action="update", scope_path=consent.commune.path,
                   changes={"opted_out_on": on, "opt_out_how": how})
    consent.refresh_from_db()
    return consent


def reminder_sms_event(*, event: str, provider_id: str = "", sender: str = "", text: str = "") -> int:
    """What the SMS gateway reports back: a message `delivered` or `failed` (by its id), or a `reply` from a
    phone — "TU CHOI" stops that phone's SMS and Zalo reminders. Returns how many rows it changed."""
    from ansinh.enrollment.reminders import is_stop

    if event in (ReminderStatus.DELIVERED, ReminderStatus.FAILED):
        if not provider_id:
            return 0
        fields = {"status": event}
        if event == ReminderStatus.DELIVERED:
            fields["delivered_at"] = timezone.now()
        else:
            fields["error"] = (text or "Nhà mạng báo không gửi được.")[:300]
        return Reminder.objects.filter(provider_id=provider_id, channel__in=[ReminderChannel.SMS, ReminderChannel.ZALO]
                                       ).exclude(status=event).update(**fields)
    if event == "reply" and is_stop(text):
        try:
            phone = normalize_phone(sender).national
        except RuleError:
            return 0
        consents = ReminderConsent.objects.filter(address=phone, opted_out_on__isnull=True,
                                                  channel__in=[ReminderChannel.SMS, ReminderChannel.ZALO])
        return sum(1 for consent in consents.select_related("commune")
                   if reminder_opt_out(user=None, consent=consent, how=OptOut.REPLY).opted_out_on)
    return 0


def quiet_now(now: dt.datetime | None = None, spec: str | None = None) -> bool:
    """Whether `now` (local time) falls in the quiet hours "21-7" (from 21:00 to 07:00; "" or "0-0": never)."""
    spec = settings.ANSINH_REMINDER_QUIET_HOURS if spec is None else spec
    try:
        start, end = (int(part) for part in spec.split("-"))
    except ValueError:
        return False
    hour = timezone.localtime(now).hour
    if start == end:
        return False
    return start <= hour or hour < end if start > end else start <= hour < end


def reminder_run_start(*, day: dt.date, user=None) -> tuple[ReminderRun, bool]:
    """The run of `day`, made ready to run: new, or queued again when it is done, failed or stalled (it then sends
    only what it has not sent). False when it is queued or running already."""
    run, created = ReminderRun.objects.get_or_create(day=day, defaults={"created_by": user})
    if created:
        return run, True
    again = jobs.requeue(run, done_too=True)
    run.refresh_from_db()
    return run, again


def reminders_send(run_id: int, beat) -> None:
    """The body of a reminders' run (core.jobs): send what `selectors.reminders_due` lists for the run's day, each
    written first (sending), then marked sent or failed with the provider's answer — so a run cut short never
    sends twice: a row left "sending" by an attempt that died is marked failed (unknown), not sent again. Stops at
    the quiet hours; what is left goes tomorrow."""
    from ansinh.core.messaging import configured_channels
    from ansinh.enrollment import reminders
    from ansinh.enrollment.selectors import reminders_due

    run = ReminderRun.objects.get(pk=run_id)
    if quiet_now():
        raise DomainError(f"Đang trong giờ không gửi tin ({settings.ANSINH_REMINDER_QUIET_HOURS} giờ): chạy lại sau.",
                          code=EnrollmentError.QUIET_HOURS)
    channels = configured_channels()
    if not channels:
        raise DomainError("Chưa cấu hình kênh gửi nhắc nào (EMAIL_HOST, ANSINH_SMS_URL, ANSINH_ZALO_ZNS_URL).",
                          code=EnrollmentError.NO_REMINDER_CHANNEL)
    Reminder.objects.filter(run=run, status=ReminderStatus.SENDING).update(
        status=ReminderStatus.FAILED, error="Lần chạy trước dừng giữa chừng: không rõ tin đã đi chưa, không gửi lại.")
    beat(5, "Lập danh sách cần nhắc")
    drafts = reminders_due(today=run.day, channels=list(channels), every_days=settings.ANSINH_REMINDER_EVERY_DAYS)
    done = set(Reminder.objects.filter(run=run).values_list("person_id", flat=True))
    counts = {"sent": 0, "failed": 0, "deferred": 0, "skipped": 0}
    for at, draft in enumerate(drafts):
        person = draft.consent.person
        if person.pk in done:
            counts["skipped"] += 1
            continue
        if quiet_now():
            counts["deferred"] = len(drafts) - at
            break
        channel = draft.consent.channel
        message = reminders.message_for(draft, channel)
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    run=run, person=person, enrollment=draft.enrollment, kind=draft.kind, channel=channel,
                    address=draft.consent.address, text=message.text, amount=draft.amount,
                    reference=draft.reference, deadline=draft.deadline, commune=person.commune)
        except IntegrityError:  # another attempt wrote it meanwhile
            counts["skipped"] += 1
            continue
        delivery = channels[channel].send(message)
        Reminder.objects.filter(pk=reminder.pk).update(
            status=ReminderStatus.SENT if delivery.ok else ReminderStatus.FAILED, provider_id=delivery.provider_id,
            error=delivery.error, sent_at=timezone.now())
        counts["sent" if delivery.ok else "failed"] += 1
        beat(5 + 90 * (at + 1) // len(drafts), f"Đã gửi {counts['sent']}, lỗi {counts['failed']}")
    beat.mine().update(counts=counts)


# ------------------------------------------------------------------------------------------- prospects


def _serves(collector: Staff, commune) -> bool:
    """Whether a collector works for a commune: its own unit or one above it, a commune it serves, or an old unit
    that went into the commune (ADR 0005)."""
    from ansinh.geo.selectors import scope_paths_for_unit

    unit_path = collector.unit.path
    return (commune.path.startswith(unit_path) or collector.communes.filter(pk=commune.pk).exists()
            or any(unit_path.startswith(path) for path in scope_paths_for_unit(commune)))


def prospect_assign(*, user, prospects: list[Prospect], collector: Staff | None, on: dt.date | None = None) -> int:
    """Give prospects to a collector active on `on` who serves their commune (None takes them back); how many
    changed. An officer's work (`manage_staff`): a collector does not pass hers on. Logged per prospect; a
    registered or covered prospect is left as it is."""
    on = on or timezone.localdate()
    for prospect in prospects:
        require(user, Action.MANAGE_STAFF, prospect.commune.path, what="Người cần vận động")
    if collector is not None:
        active = collector.valid_from <= on and (collector.valid_until is None or collector.valid_until >= on)
        if not (active and in_area(user, collector.unit.path)
                and all(_serves(collector, p.commune) for p in prospects)):
            raise DomainError(f"Cán bộ {collector.code} không còn làm việc, không thuộc địa bàn của bạn hoặc không "
                              "phụ trách xã của những người này.", code=EnrollmentError.COLLECTOR_NOT_SERVING,
                              field="collector")
    target = collector.pk if collector is not None else None
    changed = [p for p in prospects if p.status == ProspectStatus.OPEN and p.collector_id != target]
    entries = [(p, "assign", p.commune.path, {"collector": [p.collector.code if p.collector else None,
                                                            collector.code if collector else None]})
               for p in changed]
    Prospect.objects.filter(pk__in=[p.pk for p in changed]).update(collector=collector, changed_by=user,
                                                                   changed_at=timezone.now())
    log_changes(user=user, entries=entries)
    return len(changed)


@transaction.atomic
def prospects_register(*, user, prospects: list[Prospect], on: dt.date | None = None) -> Household:
    """Register the prospects of one household of a resident list in one step — their name, birth date, sex, citizen
    ID, relation and address carried over — into the household of a member already in ansinh (or the registry's
    household of the list's number), or a new household (the list's number as its code when free; its head, or
    the eldest when the head is not among them); each becomes converted. The household is then paid for on its
    page."""
    on = on or timezone.localdate()
    prospects = list(Prospect.objects.select_for_update(of=("self",)).filter(pk__in=[p.pk for p in prospects])
                     .select_related("commune", "person__household"))  # locks the prospects, not their joins
    if not prospects:
        raise DomainError("Không có ai để đăng ký.", code=ErrorCode.NO_MEMBERS, field="members")
    for prospect in prospects:
        require(user, Action.REGISTER, prospect.commune.path, what="Người cần vận động")
        if prospect.status != ProspectStatus.OPEN:
            raise DomainError(f"{prospect.full_name} đã được đăng ký hoặc đã có bảo hiểm.",
                              code=EnrollmentError.PROSPECT_CLOSED, field="prospect")
    new = [p for p in prospects if p.person_id is None]
    commune, number = prospects[0].commune, prospects[0].household_number
    # The household of a member already in ansinh: one of these, a member of the same household number registered
    # or covered since (from this list or an earlier one), or the registry's household of that code.
    mates = list(Prospect.objects.filter(commune=commune, household_number=number, person__household__isnull=False)
                 .select_related("person__household")) if number else []
    known = next((p.person.household for p in [*prospects, *mates] if p.person_id and p.person.household_id), None)
    if known is None and number:
        known = Household.objects.restrict(user, Action.REGISTER).filter(code=number).first()
    if known is None:
        code = number if number and not Household.objects.filter(code=number).exists() else \
            household_code_suggest(commune)
        # the head first; without one on the list (the head is insured elsewhere), the eldest leads the household
        ordered = sorted(new, key=lambda p: (p.relation != "head", p.date_of_birth))
        members = [MemberInput(p.full_name, p.date_of_birth, p.sex, "head" if i == 0 else (p.relation or "other"),
                               p.citizen_id or None) for i, p in enumerate(ordered)]
        household = household_register_with_members(user=user, commune=commune, members=members, code=code,
                                                    address=prospects[0].address, source="prospects", on=on)
        people = {person.citizen_id or (person.name_folded, person.date_of_birth): person
                  for person in household.members.all()}
        for p in new:
            p.person = people.get(p.citizen_id or (fold(p.full_name), p.date_of_birth))
    else:
        household = known
        home = residence_on(user=user, on=on, household=household)
        for p in new:
            p.person = person_register(user=user, full_name=p.full_name, date_of_birth=p.date_of_birth, sex=p.sex,
                                       commune=home, citizen_id=p.citizen_id or None,
                                       address=p.address, household=household, relation=p.relation or "other",
                                       source="prospects", on=on)
    for p in prospects:
        p.status, p.changed_by = ProspectStatus.CONVERTED, user
        p.save(update_fields=["status", "person", "changed_by", "changed_at"])
    log_changes(user=user, entries=[(p, "register", p.commune.path,
                                     {"person": p.person_id, "household": household.code}) for p in prospects])
    return household


def prospects_purge(*, today: dt.date, dry_run: bool = False) -> list[dict]:
    """Delete every prospect of each resident list whose purge day has come — their personal data (retention in
    docs/prospects.md); those registered are in the registry, which keeps them — keep the list's counts (prospects,
    registered), and delete its runs' files (the error file, an upload left behind) and the reasons they kept.
    What was (or, with `dry_run`, would be) purged, list by list."""
    from pathlib import Path

    from ansinh.core.models import ImportRun

    done = []
    for resident_list in ResidentList.objects.filter(purge_on__lte=today, purged_at__isnull=True).select_related(
            "commune"):
        prospects = resident_list.prospects.all()
        counts = {"prospects": prospects.exclude(status=ProspectStatus.COVERED).count(),
                  "converted": prospects.filter(status=ProspectStatus.CONVERTED).count()}
        done.append({"list": resident_list, **counts})
        if dry_run:
            continue
        with transaction.atomic():
            deleted, _ = prospects.delete()
            resident_list.counts = {**resident_list.counts, **counts, "purged": deleted}
            resident_list.purged_at = timezone.now()
            resident_list.save(update_fields=["counts", "purged_at"])
            log_change(user=None, obj=resident_list, action="purge", scope_path=resident_list.commune.path,
                       changes={"deleted": deleted, **counts})
        media = Path(settings.MEDIA_ROOT)
        for run in ImportRun.objects.filter(kind="residents", summary__list=resident_list.pk):
            for name in (run.error_file, run.params.get("file", "") if run.params.get("delete_file") else ""):
                if name:
                    path = Path(name)
                    (path if path.is_absolute() else media / path).unlink(missing_ok=True)
            run.summary = {**run.summary, "reasons": []}
            run.error_file = ""
            run.save(update_fields=["summary", "error_file"])
    return done
