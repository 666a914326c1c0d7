"""Writes of sponsors: register a sponsor, record a pledge and the money handed over for it, give beneficiaries
cards from it, pay those cards, take a card back, close a pledge.

Every amount of a card comes from the rules engine through `enrollment.quotes.card_quote`: the sponsor pays what
is left of the card after the state's support (students ≥ 50 % from 1/7/2025, near-poor 70 %, …) and the
province's top-up, or a fixed part of it, and never more than what is left. A pledge's row is locked while cards
are given or paid from it, so two officers working on one pledge at once never spend its money twice.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from ansinh.campaigns.models import Recruitment
from ansinh.campaigns.selectors import campaign_covering
from ansinh.campaigns.services import recruitments_record
from ansinh.core.changelog import log_change
from ansinh.core.errors import DomainError
from ansinh.core.formats import vn_int
from ansinh.core.scoping import Action, require
from ansinh.core.text import fold
from ansinh.enrollment import services as enrollment_services
from ansinh.enrollment.quotes import SponsorShare, card_quote
from ansinh.enrollment.support import standing
from ansinh.geo.models import Unit
from ansinh.geo.selectors import scope_paths_for_unit
from ansinh.registry.choices import PersonStatusKind as Kind
from ansinh.registry.models import Person
from ansinh.sponsors import selectors
from ansinh.sponsors.choices import Beneficiaries, Share
from ansinh.sponsors.errors import SponsorError
from ansinh.sponsors.models import Pledge, PledgeReceipt, Sponsor, SponsoredCard

TAX_CODE = re.compile(r"^\d{10}(-\d{3})?$")
HOUSEHOLD_HI_SINCE = dt.date(2015, 1, 1)  # household HI as the law has it since (Luật 46/2014/QH13)


def _phone(text: str) -> str:
    """A sponsor's phone, mobile or landline, as 0 + its national number; '' stays ''."""
    import phonenumbers

    text = text.strip()
    if not text:
        return ""
    try:
        parsed = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or phonenumbers.region_code_for_number(parsed) != "VN" or not phonenumbers.is_valid_number(
            parsed):
        raise DomainError(f"Số điện thoại '{text}' không phải số Việt Nam hợp lệ.", code=SponsorError.INVALID_PHONE,
                          field="phone")
    return "0" + str(parsed.national_number)


def _reference_key(reference: str) -> str:
    """A transfer's reference compared without spaces or case ('unc 001' is 'UNC001')."""
    return "".join(reference.split()).upper()


def _money(value, field_name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise DomainError("Số tiền phải là số đồng nguyên lớn hơn 0.", code=SponsorError.AMOUNT_INVALID,
                          field=field_name)


@transaction.atomic
def sponsor_create(*, user, kind: str, name: str, unit: Unit, tax_code: str = "", contact_name: str = "",
                   phone: str = "", email: str = "", address: str = "", note: str = "") -> Sponsor:
    """Register a sponsor kept by a unit of the user's area (the tax code, if given, is checked and kept once)."""
    require(user, Action.MANAGE_SPONSORS, unit.path, what="Đơn vị")
    name, tax_code = " ".join(name.split()), tax_code.strip()
    if tax_code and not TAX_CODE.match(tax_code):
        raise DomainError(f"Mã số thuế '{tax_code}' không đúng: 10 chữ số, hoặc 10 chữ số - 3 chữ số.",
                          code=SponsorError.INVALID_TAX_CODE, field="tax_code")
    key = fold(name)
    same = [s for s in Sponsor.objects.filter(unit=unit).select_related("unit") if fold(s.name) == key]
    if tax_code:
        same += list(Sponsor.objects.filter(tax_code=tax_code).select_related("unit"))
    if same:
        found = same[0]
        raise DomainError(f"Nhà tài trợ '{found.name}' đã có ở {found.unit.name}.", code=SponsorError.SPONSOR_EXISTS,
                          field="tax_code" if tax_code and found.tax_code == tax_code else "name")
    sponsor = Sponsor(kind=kind, name=name, unit=unit, province_code=unit.province_code, tax_code=tax_code,
                      contact_name=contact_name.strip(), phone=_phone(phone), email=email.strip(),
                      address=address.strip(), note=note.strip(), created_by=user, changed_by=user)
    try:
        with transaction.atomic():
            sponsor.save()
    except IntegrityError as exc:  # the same sponsor registered by another officer at the same moment
        raise DomainError(f"Nhà tài trợ '{name}' đã có ở {unit.name}.", code=SponsorError.SPONSOR_EXISTS,
                          field="name") from exc
    log_change(user=user, obj=sponsor, action="create", scope_path=unit.path,
               changes={"kind": kind, "name": name, "unit": unit.code, "tax_code": tax_code})
    return sponsor


@transaction.atomic
def pledge_create(*, user, sponsor: Sponsor, unit: Unit, pledged_on: dt.date, beneficiaries: str,
                  period_start: dt.date, period_end: dt.date, amount: int | None = None, cards: int | None = None,
                  share: str = Share.REST, fixed_amount: int | None = None, months: int = 12, school: str = "",
                  note: str = "") -> Pledge:
    """Record a sponsor's pledge to the beneficiaries of a unit of the user's area."""
    require(user, Action.MANAGE_SPONSORS, unit.path, what="Địa bàn")
    selectors.sponsor_get(user, sponsor.pk)
    if amount is None and cards is None:
        raise DomainError("Cam kết cần số tiền, số thẻ, hoặc cả hai.", code=SponsorError.PLEDGE_EMPTY, field="amount")
    if amount is not None:
        _money(amount, "amount")
    if cards is not None and (isinstance(cards, bool) or not isinstance(cards, int) or cards <= 0):
        raise DomainError("Số thẻ phải là số nguyên lớn hơn 0.", code=SponsorError.PLEDGE_EMPTY, field="cards")
    if share == Share.FIXED:
        if fixed_amount is None:
            raise DomainError("Cam kết hỗ trợ một phần mỗi thẻ cần số tiền mỗi thẻ.",
                              code=SponsorError.PLEDGE_FIXED_AMOUNT, field="fixed_amount")
        _money(fixed_amount, "fixed_amount")
    else:
        fixed_amount = None
    if period_end < period_start:
        raise DomainError("Ngày kết thúc của cam kết trước ngày bắt đầu.", code=SponsorError.PLEDGE_PERIOD,
                          field="period_end")
    if pledged_on > timezone.localdate():
        raise DomainError("Ngày cam kết không được sau hôm nay.", code=SponsorError.PLEDGE_DATE, field="pledged_on")
    if period_start < HOUSEHOLD_HI_SINCE or pledged_on < HOUSEHOLD_HI_SINCE:
        raise DomainError(f"Cam kết và thời gian hỗ trợ tính từ {HOUSEHOLD_HI_SINCE:%d/%m/%Y} (BHYT hộ gia đình).",
                          code=SponsorError.PLEDGE_DATE, field="pledged_on" if pledged_on < HOUSEHOLD_HI_SINCE
                          else "period_start")
    school = " ".join(school.split())
    if beneficiaries == Beneficiaries.SCHOOL and not school:
        raise DomainError("Cam kết cho học sinh một trường cần tên trường.", code=SponsorError.PLEDGE_SCHOOL,
                          field="school")
    pledge = Pledge.objects.create(
        sponsor=sponsor, unit=unit, province_code=unit.province_code, pledged_on=pledged_on,
        beneficiaries=beneficiaries, school=school, amount=amount, cards=cards, share=share,
        fixed_amount=fixed_amount, months=months, period_start=period_start, period_end=period_end,
        note=note.strip(), created_by=user, changed_by=user)
    log_change(user=user, obj=pledge, action="create", scope_path=unit.path,
               changes={"sponsor": sponsor.name, "unit": unit.code, "beneficiaries": beneficiaries,
                        "amount": amount, "cards": cards, "share": share, "fixed_amount": fixed_amount,
                        "months": months, "period": [period_start.isoformat(), period_end.isoformat()]})
    return pledge


def _locked(pledge: Pledge) -> Pledge:
    return Pledge.objects.select_for_update().select_related("sponsor", "unit").get(pk=pledge.pk)


def _open(pledge: Pledge, on: dt.date) -> None:
    if pledge.closed_on is not None and pledge.closed_on <= on:
        raise DomainError(f"Cam kết {pledge.code} đã kết thúc ngày {pledge.closed_on:%d/%m/%Y}.",
                          code=SponsorError.PLEDGE_CLOSED, field="pledge")


@transaction.atomic
def pledge_receive(*, user, pledge: Pledge, received_on: dt.date, amount: int, reference: str = "") -> PledgeReceipt:
    """Record money the sponsor handed over for a pledge (a reference, if given, is recorded once per pledge)."""
    pledge = _locked(pledge)
    require(user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    _money(amount, "amount")
    reference = " ".join(reference.split())
    if reference and any(_reference_key(r) == _reference_key(reference)
                         for r in pledge.receipts.exclude(reference="").values_list("reference", flat=True)):
        raise DomainError(f"Chứng từ {reference} đã được ghi cho cam kết này.", code=SponsorError.RECEIPT_DUPLICATE,
                          field="reference")
    receipt = PledgeReceipt.objects.create(pledge=pledge, received_on=received_on, amount=amount, reference=reference,
                                           province_code=pledge.province_code, created_by=user)
    log_change(user=user, obj=pledge, action="update", scope_path=pledge.unit.path,
               changes={"received": [received_on.isoformat(), amount, reference]})
    return receipt


def _is_minority(person: Person) -> bool:
    return fold(person.ethnicity or "") not in ("", "kinh")


def _check_beneficiary(pledge: Pledge, person: Person, on: dt.date) -> None:
    """Refuse a person outside the pledge's unit or not of its group (statuses of the year of `on`)."""
    if not any(person.commune.path.startswith(p) for p in scope_paths_for_unit(pledge.unit)):
        raise DomainError(f"{person.full_name} ở {person.commune.name}, ngoài địa bàn {pledge.unit.name} của cam kết.",
                          code=SponsorError.OUTSIDE_PLEDGE_AREA, field="person")
    kinds = standing(person, on).kinds
    if pledge.beneficiaries in (Beneficiaries.SCHOOL, Beneficiaries.MINORITY_PUPILS) and Kind.STUDENT not in kinds:
        raise DomainError(f"{person.full_name} chưa được ghi là học sinh, sinh viên năm {on.year}: hãy ghi đối tượng "
                          "(kèm danh sách của trường) trước khi hỗ trợ thẻ.",
                          code=SponsorError.NOT_A_BENEFICIARY, field="person")
    if pledge.beneficiaries == Beneficiaries.MINORITY_PUPILS and not _is_minority(person):
        ethnicity = person.ethnicity or "chưa ghi"
        raise DomainError(f"{person.full_name} không phải người dân tộc thiểu số (dân tộc: {ethnicity}).",
                          code=SponsorError.NOT_A_BENEFICIARY, field="person")
    if pledge.beneficiaries == Beneficiaries.NEAR_POOR and Kind.NEAR_POOR not in kinds:
        raise DomainError(f"{person.full_name} không thuộc hộ cận nghèo năm {on.year}.",
                          code=SponsorError.NOT_A_BENEFICIARY, field="person")


def _other_pledge(pledge: Pledge, person: Person) -> Pledge | None:
    """Another open pledge whose period overlaps this one's and that gave the person a card (waiting or paid)."""
    card = (SponsoredCard.objects.filter(person=person, released_on__isnull=True, pledge__closed_on__isnull=True,
                                         pledge__period_start__lte=pledge.period_end,
                                         pledge__period_end__gte=pledge.period_start)
            .exclude(pledge=pledge).select_related("pledge__sponsor").first())
    return card.pledge if card is not None else None


def card_day(pledge: Pledge, on: dt.date) -> dt.date:
    """The day a card given on `on` is quoted for: that day, or the pledge's first day if it is later."""
    return max(on, pledge.period_start)


@dataclass
class Given:
    """What giving cards did: the cards given, in order, and the people refused with the reason."""

    cards: list[SponsoredCard] = field(default_factory=list)
    refused: list[tuple[Person, DomainError]] = field(default_factory=list)


@transaction.atomic
def cards_give(*, user, pledge: Pledge, people: list[Person], on: dt.date) -> Given:
    """Give cards from a pledge to people of its unit, in the order listed: each is set aside the sponsor's share of
    their card (what is left after the state's and the province's support, or the pledge's fixed part of it),
    within the money and cards the pledge has left; the last may get only part of it. A person who cannot be given
    a card is refused with the reason and the others are given theirs."""
    pledge = _locked(pledge)
    require(user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    _open(pledge, on)
    if on > pledge.period_end:
        raise DomainError(f"Cam kết {pledge.code} đã hết thời hạn ngày {pledge.period_end:%d/%m/%Y}: không hỗ trợ "
                          "thêm thẻ.", code=SponsorError.PLEDGE_CLOSED, field="pledge")
    balance = selectors.pledge_balance(pledge)
    money_left, cards_left = balance.left, balance.cards_left
    given = Given()
    day = card_day(pledge, on)
    taken = set(SponsoredCard.objects.filter(pledge=pledge, released_on__isnull=True)
                .values_list("person_id", flat=True))
    for person in people:
        try:
            no_money = money_left is not None and money_left <= 0
            if no_money or (cards_left is not None and cards_left <= 0):
                what = "tiền" if no_money else "số thẻ"
                raise DomainError(f"Cam kết {pledge.code} đã hết {what} để hỗ trợ thêm.",
                                  code=SponsorError.PLEDGE_SPENT, field="pledge")
            require(user, Action.VIEW, person.commune.path, what="Người được hỗ trợ")
            if person.pk in taken:
                raise DomainError(f"{person.full_name} đã được hỗ trợ thẻ từ cam kết này.",
                                  code=SponsorError.ALREADY_SPONSORED, field="person")
            other = _other_pledge(pledge, person)
            if other is not None:
                raise DomainError(f"{person.full_name} đã được hỗ trợ thẻ từ cam kết {other.code} của "
                                  f"{other.sponsor.name} cho cùng thời gian.", code=SponsorError.ALREADY_SPONSORED,
                                  field="person")
            _check_beneficiary(pledge, person, day)
            rest = card_quote(person=person, months=pledge.months, on=day).members[-1].total
            if rest <= 0:
                raise DomainError(f"{person.full_name}: Nhà nước và địa phương đã hỗ trợ toàn bộ mức đóng.",
                                  code=SponsorError.NOTHING_TO_PAY, field="person")
            amount = min(rest, pledge.fixed_amount) if pledge.share == Share.FIXED else rest
            if money_left is not None:
                amount = min(amount, money_left)
        except DomainError as exc:
            given.refused.append((person, exc))
            continue
        card = SponsoredCard.objects.create(pledge=pledge, person=person, commune=person.commune,
                                            province_code=person.province_code, allocated_on=on, amount=amount,
                                            created_by=user, changed_by=user)
        given.cards.append(card)
        taken.add(person.pk)
        if money_left is not None:
            money_left -= amount
        if cards_left is not None:
            cards_left -= 1
    if given.cards:
        log_change(user=user, obj=pledge, action="update", scope_path=pledge.unit.path,
                   changes={"cards_given": [[c.person.full_name, c.amount] for c in given.cards],
                            "on": on.isoformat()})
    return given


@transaction.atomic
def card_release(*, user, card: SponsoredCard, on: dt.date, reason: str) -> SponsoredCard:
    """Take back a card not paid yet (the person left the school, moved, is insured otherwise): its money goes
    back to the pledge."""
    pledge = _locked(card.pledge)
    card = SponsoredCard.objects.select_related("contribution", "person").get(pk=card.pk)
    require(user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    state = selectors.card_state(card)
    if state == "paid":
        raise DomainError("Thẻ đã đóng tiền; hãy huỷ biên lai trước khi thu hồi.", code=SponsorError.CARD_PAID,
                          field="card")
    if state == "released":
        raise DomainError("Thẻ đã được thu hồi.", code=SponsorError.CARD_RELEASED, field="card")
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError("Cần ghi lý do thu hồi.", code=SponsorError.CARD_RELEASED, field="reason")
    card.released_on, card.release_reason, card.changed_by = on, reason[:200], user
    card.save(update_fields=["released_on", "release_reason", "changed_by", "changed_at"])
    log_change(user=user, obj=pledge, action="update", scope_path=pledge.unit.path,
               changes={"card_released": [card.person.full_name, card.amount, reason]})
    return card


def card_share(card: SponsoredCard, pledge: Pledge) -> SponsorShare:
    """The sponsor's share a card is paid with: at most its amount set aside, named with the pledge."""
    return SponsorShare(amount=card.amount, name=f"{pledge.sponsor.name} (cam kết {pledge.code})")


@transaction.atomic
def card_pay(*, user, card: SponsoredCard, payment: enrollment_services.Payment) -> SponsoredCard:
    """Pay a sponsored card: the beneficiary's household HI for the pledge's months, with the sponsor's share
    (at most the amount set aside, never more than what is left after the state's and the province's support)
    taken off and the rest paid by the family on the same receipt. Refused when the sponsor has not handed over
    the money the share needs."""
    pledge = _locked(card.pledge)
    card = SponsoredCard.objects.select_related("contribution", "person__commune").get(pk=card.pk)
    _open(pledge, payment.paid_on)
    state = selectors.card_state(card)
    if state != "waiting":
        raise DomainError("Thẻ đã đóng tiền." if state == "paid" else "Thẻ đã được thu hồi.",
                          code=SponsorError.CARD_PAID if state == "paid" else SponsorError.CARD_RELEASED, field="card")
    if payment.paid_on > pledge.period_end:
        raise DomainError(f"Cam kết {pledge.code} đã hết thời hạn ngày {pledge.period_end:%d/%m/%Y}: không đóng thẻ "
                          "từ cam kết này nữa.", code=SponsorError.PLEDGE_CLOSED, field="paid_on")
    # The group is the person's on the day of payment (statuses are kept by calendar year: a pupil given a card in
    # September and paid in January needs her status of the new year, else the state's half would be missed).
    _check_beneficiary(pledge, card.person, payment.paid_on)
    before = selectors.pledge_balance(pledge)
    contribution = enrollment_services.card_pay(
        user=user, person=card.person, months=pledge.months, payment=payment, source="sponsor",
        sponsor=card_share(card, pledge))
    if contribution.sponsor_support > before.unspent:
        raise DomainError(f"Nhà tài trợ mới chuyển {vn_int(before.received)} đồng, đã chi {vn_int(before.paid)} đồng; "
                          f"còn {vn_int(before.unspent)} đồng, không đủ cho phần tài trợ "
                          f"{vn_int(contribution.sponsor_support)} đồng của thẻ này.", code=SponsorError.FUNDS_SHORT,
                          field="pledge")
    card.contribution, card.receipt, card.changed_by = contribution, contribution.receipt, user
    card.save(update_fields=["contribution", "receipt", "changed_by", "changed_at"])
    _count_in_campaign(user, card, contribution.enrollment)
    log_change(user=user, obj=pledge, action="update", scope_path=pledge.unit.path,
               changes={"card_paid": [card.person.full_name, contribution.sponsor_support, contribution.amount_paid,
                                      contribution.receipt.number]})
    return card


def _count_in_campaign(user, card: SponsoredCard, enrollment) -> None:
    """A new participant whose card was pledged during a campaign counts in it, on the day it was pledged (even if
    paid after the campaign ended, while it is not closed): the campaign's own link and roll-up."""
    if not enrollment.is_new or Recruitment.objects.filter(enrollment=enrollment).exists():
        return
    campaign = campaign_covering(user, enrollment.commune, card.allocated_on)
    if campaign is not None:
        recruitments_record(user=user, campaign=campaign, enrollments=[enrollment], day=card.allocated_on)


@transaction.atomic
def pledge_close(*, user, pledge: Pledge, on: dt.date) -> Pledge:
    """End a pledge on a day: no card is given or paid from it after; the cards not paid are taken back."""
    pledge = _locked(pledge)
    require(user, Action.MANAGE_SPONSORS, pledge.unit.path, what="Cam kết tài trợ")
    _open(pledge, on)
    released = 0
    for card in selectors.pledge_cards(pledge):
        if selectors.card_state(card) == "waiting":
            card.released_on, card.release_reason, card.changed_by = on, "Cam kết kết thúc", user
            card.save(update_fields=["released_on", "release_reason", "changed_by", "changed_at"])
            released += 1
    pledge.closed_on, pledge.changed_by = on, user
    pledge.save(update_fields=["closed_on", "changed_by", "changed_at"])
    log_change(user=user, obj=pledge, action="update", scope_path=pledge.unit.path,
               changes={"closed_on": on.isoformat(), "cards_released": released})
    return pledge
