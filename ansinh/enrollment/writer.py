"""The one writer of payments: receipts, enrollments opened or paid further, contributions, HI cards and the
roll-up counts, for any number of members and receipts at once; and of a receipt's cancellation.

The household and voluntary-SI services (pages and API), the file importer and the demo generator build
`Payment`s from the rules engine's quotes (`share_amounts`, `vsi_amounts`, `card_for`) and hand them to
`payments_write`, which writes every row with a handful of bulk statements inside the caller's
transaction. The checks (area, one open enrollment per person and scheme, receipt numbers unique per
collection point) are the callers'; the database's constraints back them.
"""

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass, field

from django.utils import timezone

from ansinh.core.changelog import log_changes
from ansinh.enrollment import counters
from ansinh.enrollment.choices import PaymentMethod
from ansinh.enrollment.models import Contribution, Enrollment, HICard, Receipt
from ansinh.enrollment.signals import enrollments_withdrawn

HOUSEHOLD_GROUP = "GD"
HOUSEHOLD_BENEFIT_LEVEL = 4
ONE_DAY = dt.timedelta(days=1)
MONTHS_METHOD = {1: PaymentMethod.MONTHLY, 3: PaymentMethod.MONTHS_3, 6: PaymentMethod.MONTHS_6,
                 12: PaymentMethod.MONTHS_12}

UnitKey = namedtuple("UnitKey", "pk province_code")


def method_for(months: int) -> str:
    """The payment method of a period of 1/3/6/12 months ('' for other lengths)."""
    return MONTHS_METHOD.get(months, "")


def card_number(*, province_code: str, si_code: str | None, group: str = HOUSEHOLD_GROUP,
                level: int = HOUSEHOLD_BENEFIT_LEVEL) -> str:
    """The 15-character HI card code (Decision 1351/QĐ-BHXH): group, benefit level, 2-digit province, then the
    person's 10-digit SI code; '' (printed "chờ cấp mã") while BHXH has not issued the person an SI code.

    BHXH alone issues SI codes, so ansinh never makes one up: the card is numbered when the code is recorded
    (`cards_number`). A 12-digit personal ID number is not put in its place: the 15-character layout has
    room for 10 digits only and the code after the switch to personal ID numbers is not yet published.
    """
    if not (si_code and len(si_code) == 10 and si_code.isdigit()):
        return ""
    return f"{group}{level}{province_code}{si_code}"


def share_amounts(share, months: int) -> dict:
    """A household member's contribution amounts from their share of a household HI quote."""
    return {"months": months, "amount_due": share.contribution_total,
            "state_support": share.state_support_monthly * months,
            "local_support": share.local_support_monthly * months,
            "sponsor_support": share.sponsor_support_total, "amount_paid": share.total}


def vsi_amounts(quote) -> dict:
    """A voluntary-SI contribution's amounts from its quote."""
    return {"months": quote.months, "amount_due": quote.contribution_total,
            "state_support": quote.state_support_total, "local_support": quote.local_support_total,
            "sponsor_support": 0, "amount_paid": quote.total}


@dataclass
class Card:
    """The HI card a line's payment gives."""

    number: str
    valid_from: dt.date
    valid_until: dt.date
    five_years_on: dt.date | None
    benefit_level: int = HOUSEHOLD_BENEFIT_LEVEL


def card_for(*, validity, five, province_code: str, si_code: str | None,
             group: tuple[str, int] = (HOUSEHOLD_GROUP, HOUSEHOLD_BENEFIT_LEVEL)) -> Card:
    """The household HI card for a validity from the rules (and the date five years are reached)."""
    return Card(number=card_number(province_code=province_code, si_code=si_code, group=group[0], level=group[1]),
                valid_from=validity.valid_from, valid_until=validity.valid_until,
                five_years_on=getattr(five, "reached_on", five), benefit_level=group[1])


def cards_number(person) -> int:
    """Number the cards of a person that waited for an SI code, now that BHXH issued one (returns how many)."""
    if not person.legacy_si_code:
        return 0
    cards = list(HICard.objects.filter(enrollment__person=person, number="").select_related("enrollment"))
    for card in cards:
        card.number = card_number(province_code=card.province_code, si_code=person.legacy_si_code,
                                  group=card.enrollment.hi_group_code or HOUSEHOLD_GROUP, level=card.benefit_level)
    HICard.objects.bulk_update(cards, ["number"])
    return len(cards)


@dataclass
class Line:
    """One enrollment's part of a payment: an enrollment it opens (unsaved) or pays further (saved).

    `amounts` is None for coverage kept elsewhere (an imported HI card of another group): the enrollment
    is written, with no contribution.
    """

    enrollment: Enrollment
    period_start: dt.date
    period_end: dt.date | None
    amounts: dict | None = None
    card: Card | None = None
    old_end: dt.date | None = None
    changes: dict = field(default_factory=dict)


@dataclass
class Payment:
    """One receipt (None for coverage without money) and the lines it pays, with the quote behind them."""

    receipt: Receipt | None
    lines: list[Line]
    quote: dict | None = None
    rules_version: str = ""


@dataclass
class Written:
    """What `payments_write` stored for one payment."""

    receipt: Receipt | None
    enrollments: list[Enrollment]
    contributions: list[Contribution]
    cards: list[HICard]


def _count(counts: counters.Batch, line: Line, opened: bool) -> None:
    e = line.enrollment
    unit = UnitKey(e.commune_id, e.province_code)
    if opened:
        counts.window(unit=unit, scheme=e.scheme, start=e.start_date, end=e.end_date)
        if e.is_new and line.amounts is not None:
            counts.recruited(unit=unit, scheme=e.scheme, day=e.enrolled_on, collector=e.collector_id)
    elif line.old_end is not None and line.period_start > line.old_end + ONE_DAY:
        counts.window(unit=unit, scheme=e.scheme, start=line.period_start, end=line.period_end)  # after a gap
    else:
        counts.move_end(unit=unit, scheme=e.scheme, old_end=line.old_end, new_end=line.period_end)


def payments_write(payments: list[Payment], *, user, counts: counters.Batch | None = None, log: bool = True
                   ) -> list[Written]:
    """Write the payments (inside the caller's transaction): receipts, new enrollments, the new paid-up end of
    enrollments paid further, contributions, cards, the roll-up counts and (with `log`) a change-log entry per row.

    With `counts`, the roll-up changes are gathered into the caller's batch (flushed by the caller);
    without, they are written before returning. A violated constraint raises IntegrityError.
    """
    by = user if getattr(user, "is_authenticated", False) else None
    lines = [(p, line, line.enrollment.pk is None) for p in payments for line in p.lines]
    receipts = [p.receipt for p in payments if p.receipt is not None]
    for receipt in receipts:
        receipt.created_by = receipt.created_by or by
    Receipt.objects.bulk_create(receipts, batch_size=1000)
    Enrollment.objects.bulk_create([line.enrollment for _p, line, opened in lines if opened], batch_size=1000)
    for _p, line, opened in lines:
        if not opened:
            e = line.enrollment
            e.end_date = line.period_end
            for name, value in line.changes.items():
                setattr(e, name, value)
            e.changed_by = by
            e.save(update_fields=["end_date", *line.changes, "changed_by", "changed_at"])
    written = {id(p): Written(receipt=p.receipt, enrollments=[], contributions=[], cards=[]) for p in payments}
    contributions, cards = [], []
    for p, line, opened in lines:
        out, e = written[id(p)], line.enrollment
        out.enrollments.append(e)
        if line.amounts is None:
            continue
        contribution = Contribution(
            enrollment=e, receipt=p.receipt, period_start=line.period_start, period_end=line.period_end,
            previous_end=None if opened else line.old_end,
            quote=p.quote or {}, rules_version=p.rules_version, commune_id=e.commune_id,
            province_code=e.province_code, created_by=by, **line.amounts)
        out.contributions.append(contribution)
        contributions.append(contribution)
        if line.card is not None:
            card = HICard(enrollment=e, contribution=contribution, number=line.card.number,
                          benefit_level=line.card.benefit_level, valid_from=line.card.valid_from,
                          valid_until=line.card.valid_until, five_years_on=line.card.five_years_on,
                          commune_id=e.commune_id, province_code=e.province_code)
            out.cards.append(card)
            cards.append(card)
    Contribution.objects.bulk_create(contributions, batch_size=1000)
    HICard.objects.bulk_create(cards, batch_size=1000)
    batch = counts if counts is not None else counters.Batch()
    for _p, line, opened in lines:
        _count(batch, line, opened)
    if counts is None:
        batch.flush()
    if log:
        log_changes(user=user, entries=_log_entries(lines, written))
    return [written[id(p)] for p in payments]


def _log_entries(lines: list[tuple], written: dict) -> list[tuple]:
    """(object, action, scope path, changes) for every row written, in the order pages show them."""
    entries = []
    for p, line, opened in lines:
        e = line.enrollment
        number = p.receipt.number if p.receipt is not None else ""
        path = e.commune.path
        if opened:
            entries.append((e, "create", path, {"scheme": e.scheme, "start_date": e.start_date,
                                                "end_date": e.end_date, "receipt": number}))
        contribution = next((c for c in written[id(p)].contributions if c.enrollment is e), None)
        if contribution is not None:
            entries.append((contribution, "create", path, {"receipt": number, "amount_paid": contribution.amount_paid,
                                                           "months": contribution.months}))
        if not opened:
            entries.append((e, "update", path, {"end_date": [line.old_end, line.period_end]}))
    return entries


# ------------------------------------------------------------------------------------------- cancelling

def _cancelled_line(c: Contribution) -> dict:
    """What a contribution of a cancelled receipt had paid, as the cancelled receipt keeps it."""
    card = getattr(c, "card", None)
    return {"person": c.enrollment.person.full_name, "person_id": c.enrollment.person_id,
            "scheme": c.enrollment.scheme, "period_start": c.period_start.isoformat(),
            "period_end": c.period_end.isoformat(), "months": c.months, "amount_due": c.amount_due,
            "state_support": c.state_support, "local_support": c.local_support,
            "sponsor_support": c.sponsor_support, "amount_paid": c.amount_paid,
            "card": card.shown_number if card else ""}


def _undo(c: Contribution, batch: counters.Batch) -> bool:
    """Take a contribution's period off its enrollment and the roll-up counts; True when it opened the enrollment."""
    e = c.enrollment
    unit = UnitKey(e.commune_id, e.province_code)
    if c.previous_end is None and e.start_date == c.period_start:
        batch.window(unit=unit, scheme=e.scheme, start=e.start_date, end=e.end_date, sign=-1)
        if e.is_new:
            batch.recruited(unit=unit, scheme=e.scheme, day=e.enrolled_on, collector=e.collector_id, sign=-1)
        return True
    if c.previous_end is None or c.period_start > c.previous_end + ONE_DAY:
        batch.window(unit=unit, scheme=e.scheme, start=c.period_start, end=c.period_end, sign=-1)
    else:
        batch.move_end(unit=unit, scheme=e.scheme, old_end=c.period_end, new_end=c.previous_end)
    e.end_date = c.previous_end if c.previous_end is not None else c.period_start - ONE_DAY
    return False


def receipt_cancel_write(receipt: Receipt, contributions: list[Contribution], *, user, reason: str) -> None:
    """Write a receipt's cancellation (checked by `services.receipt_cancel`, rows locked): the receipt marked with
    a copy of its lines, its contributions and cards removed, enrollments paid further moved back, enrollments
    it opened removed after `enrollments_withdrawn` was sent, the roll-ups moved back, and the change log."""
    batch, withdrawn, kept = counters.Batch(), [], []
    for c in contributions:
        (withdrawn if _undo(c, batch) else kept).append(c)
    by = user if getattr(user, "is_authenticated", False) else None
    receipt.cancelled_at, receipt.cancelled_by, receipt.cancel_reason = timezone.now(), by, reason[:200]
    receipt.cancelled_lines = [_cancelled_line(c) for c in contributions]
    receipt.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "cancelled_lines"])
    gone = [c.enrollment for c in withdrawn]
    if gone:
        enrollments_withdrawn.send(sender=Enrollment, enrollments=gone, user=user)
    HICard.objects.filter(contribution__in=contributions).delete()
    Contribution.objects.filter(pk__in=[c.pk for c in contributions]).delete()
    entries = [(receipt, "update", receipt.commune.path, {"cancelled": reason, "amount_paid": receipt.amount_paid})]
    for c in kept:
        e = c.enrollment
        e.changed_by = by
        e.save(update_fields=["end_date", "changed_by", "changed_at"])
        entries.append((e, "update", e.commune.path, {"end_date": [c.period_end, e.end_date],
                                                      "receipt": receipt.number}))
    for e in gone:
        entries.append((e, "delete", e.commune.path, {"scheme": e.scheme, "start_date": e.start_date,
                                                      "end_date": e.end_date, "receipt": receipt.number}))
    log_changes(user=user, entries=entries)
    Enrollment.objects.filter(pk__in=[e.pk for e in gone]).delete()
    batch.flush()
