"""Reads of enrollments, receipts, cards, the roll-up counts, import runs and the change log of a record (lists
scoped to the user's area)."""

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from ansinh.calc.params import current_parameters
from ansinh.core.errors import DomainError, PermissionDenied
from ansinh.core.models import ChangeLog, ImportRun
from ansinh.enrollment.choices import (
    CONTACT_CLOSES,
    HI_SCHEMES,
    SI_SCHEMES,
    ContactOutcome,
    EnrollmentStatus,
    ProspectStatus,
    ReminderChannel,
    ReminderKind,
    ReminderStatus,
    Scheme,
)
from ansinh.enrollment.models import (
    BankTransfer,
    Contact,
    Contribution,
    Enrollment,
    HICard,
    ParticipationDelta,
    ParticipationLevel,
    ParticipationSeries,
    Prospect,
    Receipt,
    Reminder,
    ReminderConsent,
    ResidentList,
)
from ansinh.registry.models import Person
from ansinh.rules import continuity_deadline
from ansinh.rules.indicators import percent

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def participants_on(*, scheme: str | tuple[str, ...], on: dt.date, unit=None) -> int:
    """Participants of a scheme (or schemes) on a date, in a unit's subtree (None = nation), from the roll-up."""
    schemes = Q(scheme__in=(scheme,) if isinstance(scheme, str) else tuple(scheme))
    if unit is None or unit.level == "nation":
        counts, _ = participation_at(on=on, series=schemes & Q(unit__level="province"), deltas=Q(), by_province=True)
    elif unit.level == "province":
        counts, _ = participation_at(on=on, series=schemes & Q(unit=unit), deltas=Q(unit__path__startswith=unit.path),
                                     by_province=True)
    else:
        counts, _ = participation_at(on=on, series=schemes & Q(unit__level="commune", unit__path__startswith=unit.path),
                                     deltas=Q(unit__path__startswith=unit.path), by_province=False)
    return sum(counts.values())


def participation_at(*, on: dt.date, series: Q, deltas: Q, by_province: bool
                     ) -> tuple[dict[tuple[int, str], int], set[tuple[int, str]]]:
    """Participants of each matching series on a date: {(unit id, scheme): n}, and the series with records.

    n = the level at the end of the latest month before the date's month (one index probe per series)
    + the daily deltas of the date's own month up to the date; on a month end, just that month's level.
    `by_province` says the series are provinces, whose month deltas are gathered from their communes.
    """
    first = on.replace(day=1)
    if (on + dt.timedelta(days=1)).day == 1:
        first = on + dt.timedelta(days=1)  # a month end: its own level row holds the whole month, no deltas needed
    base_level = ParticipationLevel.objects.filter(series=OuterRef("pk"), month_end__lt=first).order_by(
        "-month_end").values("level")[:1]
    counts: dict[tuple[int, str], int] = {}
    present: set[tuple[int, str]] = set()
    rows = (ParticipationSeries.objects.filter(series).annotate(base=Subquery(base_level))
            .values_list("unit_id", "unit__era", "unit__code", "scheme", "base"))
    by_code: dict[tuple[str, str], int] = {}
    schemes = set()
    for unit_id, era, code, scheme, base in rows:
        by_code[(era, code)] = unit_id
        schemes.add(scheme)
        if base is not None:
            counts[(unit_id, scheme)] = base
            present.add((unit_id, scheme))
    month = ParticipationDelta.objects.filter(deltas, scheme__in=schemes, day__gte=first, day__lte=on)
    if first > on:
        month = month.none()
    if by_province:
        grouped = month.values_list("unit__era", "province_code", "scheme").annotate(n=Sum("delta")).order_by()
        month_rows = [(by_code.get((era, code)), scheme, n) for era, code, scheme, n in grouped]
    else:
        month_rows = list(month.values_list("unit_id", "scheme").annotate(n=Sum("delta")).order_by())
    for unit_id, scheme, n in month_rows:
        if unit_id is None:
            continue
        counts[(unit_id, scheme)] = counts.get((unit_id, scheme), 0) + n
        present.add((unit_id, scheme))
    return counts, present


def enrollment_get(*, user, pk: int, action: str = "view") -> Enrollment:
    """One enrollment of the user's area, or 404."""
    enrollment = Enrollment.objects.restrict(user, action).select_related(
        "person", "commune", "household", "collection_point", "collector").filter(pk=pk).first()
    if enrollment is None:
        raise Http404("Không tìm thấy quá trình tham gia.")
    return enrollment


def receipt_get(*, user, pk: int) -> Receipt:
    """One receipt of the user's area, with its contributions, or 404."""
    receipt = Receipt.objects.restrict(user).select_related("collection_point", "collector", "commune").filter(
        pk=pk).first()
    if receipt is None:
        raise Http404("Không tìm thấy biên lai.")
    return receipt


def receipt_lines(receipt: Receipt):
    """The contributions paid on a receipt, with the person and the card, in the order of the household's quote
    (from `receipts_with_lines` when the receipts were read that way: no query per receipt)."""
    if "contributions" in getattr(receipt, "_prefetched_objects_cache", {}):
        return receipt.contributions.all()
    return _lines(receipt.contributions.all())


def _lines(contributions: QuerySet[Contribution]) -> QuerySet[Contribution]:
    return contributions.select_related("enrollment__person", "card").order_by("id")


def receipts_with_lines(receipts: QuerySet[Receipt]) -> QuerySet[Receipt]:
    """Receipts with their lines read in one more query for the whole page."""
    return receipts.prefetch_related(Prefetch("contributions", queryset=_lines(Contribution.objects.all())))


def person_enrollments(person) -> QuerySet[Enrollment]:
    """A person's enrollments, newest first, with what was paid and the cards."""
    return person.enrollments.select_related("collection_point", "collector", "household").order_by(
        "-start_date", "-id")


def person_contributions(person) -> QuerySet[Contribution]:
    """A person's payments, newest first, with the receipt."""
    return Contribution.objects.filter(enrollment__person=person).select_related(
        "receipt", "receipt__collection_point", "enrollment").order_by("-period_start", "-id")


def person_cards(person) -> QuerySet[HICard]:
    """A person's HI cards, newest first."""
    return HICard.objects.filter(enrollment__person=person).order_by("-valid_from", "-id")


def with_last_contact(entries: QuerySet, *, today: dt.date, enrollment: str = "enrollment",
                      since: str = "valid_from", household: str | None = None) -> QuerySet:
    """Worklist entries with their latest follow-up of the current cycle (last_outcome, last_day,
    last_promised_on), without those it took off the list: moved away or died, or a promise to pay whose day has
    not come (or the last day to keep continuity, if earlier). A follow-up counts from the entry's `since` on
    (the card's first day, the period paid last): once paid again, an old "moved" or "promised" no longer hides
    the person. With `household` (the lookup of the entry's household), a follow-up of another member's household
    HI counts too — a household renews together, so one promise or refusal holds for all — except moving away or
    dying, which is the person's own."""
    own = Contact.objects.filter(enrollment=OuterRef(enrollment), day__gte=OuterRef(since)).order_by("-day", "-id")
    mine = Q(enrollment=OuterRef(enrollment))
    if household is not None:
        mine |= (Q(enrollment__household=OuterRef(household), enrollment__scheme=Scheme.HOUSEHOLD_HI)
                 & ~Q(outcome__in=CONTACT_CLOSES))
    latest = Contact.objects.filter(mine, day__gte=OuterRef(since)).order_by("-day", "-id")
    open_outcomes = [o for o in ContactOutcome.values if o not in CONTACT_CLOSES and o != ContactOutcome.PROMISED]
    return (entries.annotate(last_outcome=Subquery(latest.values("outcome")[:1]),
                             last_day=Subquery(latest.values("day")[:1]),
                             last_promised_on=Subquery(latest.values("promised_on")[:1]),
                             last_follow_up_on=Subquery(latest.values("follow_up_on")[:1]),
                             own_outcome=Subquery(own.values("outcome")[:1]))
            # moved away or died: the person's own, whatever came after (no own contact yet is NULL: kept)
            .filter(Q(own_outcome__isnull=True) | ~Q(own_outcome__in=CONTACT_CLOSES))
            .filter(Q(last_outcome__isnull=True) | Q(last_outcome__in=open_outcomes)
                    | Q(last_outcome=ContactOutcome.PROMISED, last_follow_up_on__lte=today)))


def _latest_open_cards(cards: QuerySet[HICard], today: dt.date) -> QuerySet[HICard]:
    """The latest card of each open HI enrollment among `cards` (the user's area), still to follow up."""
    later = HICard.objects.filter(enrollment=OuterRef("enrollment"), valid_until__gt=OuterRef("valid_until"))
    cards = (cards.filter(enrollment__status=EnrollmentStatus.ACTIVE).exclude(Exists(later))
             .select_related("enrollment__person", "enrollment__household", "enrollment__collection_point",
                             "commune"))
    return with_last_contact(cards, today=today, household="enrollment__household")


def worklist_days(value) -> int:
    """How many days ahead the worklist looks (?days=, 1–366; 30 if missing or not a number)."""
    try:
        return max(1, min(int(value if value not in (None, "") else 30), 366))
    except (TypeError, ValueError):
        return 30


def worklist_of(entries: QuerySet, *, collector=None, point=None, enrollment: str = "enrollment__") -> QuerySet:
    """Worklist entries of one collector (the staff member who took the money) and/or one collection point."""
    if collector is not None:
        entries = entries.filter(**{f"{enrollment}collector": collector})
    if point is not None:
        entries = entries.filter(**{f"{enrollment}collection_point": point})
    return entries


def cards_expiring(*, user, today: dt.date, days: int = 30, cards: QuerySet[HICard] | None = None
                   ) -> QuerySet[HICard]:
    """The collector's worklist: the latest card of each open HI enrollment, ending within `days` days (of the
    user's area, or among `cards` for the reminders' run, which has no user)."""
    return (_latest_open_cards(HICard.objects.restrict(user) if cards is None else cards, today)
            .filter(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=days))
            .order_by("valid_until", "enrollment__household_id", "id"))


def cards_lapsed(*, user, today: dt.date, cards: QuerySet[HICard] | None = None) -> QuerySet[HICard]:
    """Cards that ended and were not renewed, while a payment today still keeps continuity (a gap under the law's
    months): the most urgent first. Each card's last day to renew is `rules.continuity_deadline(card.valid_until)`."""
    params = current_parameters()
    earliest = today - dt.timedelta(days=1)  # the deadline grows with the end date: walk back to the first card
    while continuity_deadline(earliest - dt.timedelta(days=1), params) >= today:  # … whose deadline is not past
        earliest -= dt.timedelta(days=1)
    return (_latest_open_cards(HICard.objects.restrict(user) if cards is None else cards, today)
            .filter(valid_until__gte=earliest, valid_until__lt=today)
            .order_by("valid_until", "enrollment__household_id", "id"))


VSI_LAPSED_DAYS = 92  # a voluntary-SI period that ended in the last three months is still followed up


def vsi_due(*, user, today: dt.date, days: int = 30, enrollments: QuerySet[Enrollment] | None = None,
            ended: bool = False) -> QuerySet[Enrollment]:
    """Voluntary-SI participants whose paid-up period ends within `days` days, still to follow up; with `ended`,
    those whose period ended in the last three months without a further payment (`VSI_LAPSED_DAYS`)."""
    window = ({"end_date__gte": today - dt.timedelta(days=VSI_LAPSED_DAYS), "end_date__lt": today} if ended else
              {"end_date__gte": today, "end_date__lte": today + dt.timedelta(days=days)})
    due = ((Enrollment.objects.restrict(user) if enrollments is None else enrollments)
           .filter(scheme=Scheme.VOLUNTARY_SI, status=EnrollmentStatus.ACTIVE, **window)
           .select_related("person", "collection_point", "commune").order_by("end_date", "id"))
    last_paid = (Contribution.objects.filter(enrollment=OuterRef("pk")).order_by("-period_start")
                 .values("period_start")[:1])
    due = due.annotate(cycle_start=Coalesce(Subquery(last_paid), F("start_date")))
    return with_last_contact(due, today=today, enrollment="pk", since="cycle_start")


def contact_list(*, user, enrollment: Enrollment) -> QuerySet[Contact]:
    """The follow-ups of an enrollment, newest first."""
    return Contact.objects.restrict(user).filter(enrollment=enrollment).select_related("staff", "created_by")


def import_run_get(*, user, pk: int) -> ImportRun:
    """One import run the user may see, or 404 (admins see all; others the runs of their area)."""
    run = ImportRun.objects.restrict(user).filter(pk=pk).first()
    if run is None and getattr(user, "is_authenticated", False) and user.scope_paths() is not None:
        run = ImportRun.objects.filter(pk=pk, user=user).first()
    if run is None:
        raise Http404("Không tìm thấy lần nhập.")
    if run.kind == "residents" and run.user_id != user.pk and not commune_scoped(user):
        raise PermissionDenied(PROSPECTS_COMMUNE_ONLY)  # its reasons and error file hold residents' data
    return run


def import_run_list(*, user) -> QuerySet[ImportRun]:
    """Import runs of the user's area (and the user's own), newest first."""
    qs = ImportRun.objects.restrict(user)
    if getattr(user, "is_authenticated", False):
        qs = qs | ImportRun.objects.filter(user=user)
    return qs.distinct().order_by("-created_at", "-id")


def record_changes(*, user, objects: list, import_sources: list[str] = ()) -> list[ChangeLog]:
    """The change log of several records (a person and their enrollments, contributions…), newest first.

    Rows created by a file import point to the import's change-log entry for their batch
    (`source = import:<run>:<batch>`), so the page shows who imported them, from which file and when.
    """
    q = Q(pk__in=[])
    by_type: dict[str, list[str]] = {}
    for obj in objects:
        by_type.setdefault(obj._meta.label_lower, []).append(str(obj.pk))
    for label, ids in by_type.items():
        q |= Q(object_type=label, object_id__in=ids)
    batches: dict[str, set[int]] = {}
    for source in import_sources:
        parts = (source or "").split(":")
        if len(parts) == 3 and parts[0] == "import" and parts[1].isdigit() and parts[2].isdigit():
            batches.setdefault(parts[1], set()).add(int(parts[2]))
    if batches:
        q |= Q(object_type="core.importrun", object_id__in=list(batches))
    entries = list(ChangeLog.objects.restrict(user).filter(q).select_related("user").order_by("-at", "-id"))
    entries = [e for e in entries if e.object_type != "core.importrun"
               or e.changes.get("batch") in batches.get(e.object_id, ())]
    heads = {str(v) for e in entries if isinstance(e.changes.get("head"), list) for v in e.changes["head"] if v}
    names = {str(pk): name for pk, name in Person.objects.filter(pk__in=heads).values_list("pk", "full_name")}
    for entry in entries:
        if isinstance(entry.changes.get("head"), list):  # show the head's name, not the id
            entry.changes = {**entry.changes, "head": [names.get(str(v), v) if v else v for v in entry.changes["head"]]}
        entry.lines = change_text(entry)
    return entries


CHANGE_LABELS = {
    "full_name": "Họ tên", "date_of_birth": "Ngày sinh", "sex": "Giới tính", "citizen_id": "Số định danh",
    "legacy_si_code": "Mã số BHXH", "phone": "Điện thoại", "code": "Mã hộ", "address": "Địa chỉ", "head": "Chủ hộ",
    "scheme": "Loại hình", "start_date": "Từ ngày", "end_date": "Đến ngày", "receipt": "Biên lai",
    "amount_paid": "Số tiền", "months": "Số tháng", "status": "Trạng thái", "reason": "Lý do", "source": "Nguồn",
    "ethnicity": "Dân tộc", "relation": "Quan hệ với chủ hộ",
}


def _shown(key: str, value) -> str:
    """A logged value in words: dates 1/10/2024, money 1.263.600, codes by their Vietnamese label."""
    from ansinh.core.formats import vn_date, vn_int
    from ansinh.enrollment.choices import EndReason, EnrollmentStatus, Scheme
    from ansinh.registry.choices import HouseholdStatusKind, Sex

    if value is None or value == "":
        return "—"
    labels = {"scheme": Scheme, "status": EnrollmentStatus, "reason": EndReason, "sex": Sex}
    if key in labels and value in labels[key].values:
        return str(labels[key](value).label)
    if key.startswith("status_") and value in HouseholdStatusKind.values:
        return str(HouseholdStatusKind(value).label)
    if isinstance(value, str) and _ISO_DATE.match(value):
        return vn_date(dt.date.fromisoformat(value))
    if isinstance(value, int) and not isinstance(value, bool) and key in ("amount_paid", "amount", "income"):
        return f"{vn_int(value)} đ"
    return str(value)


def change_text(entry: ChangeLog) -> list[str]:
    """An entry's changes in words: 'Đến ngày: 28/2/2026 → 31/3/2026', 'Biên lai: BL-1' (empty values left out)."""
    lines = []
    order = list(CHANGE_LABELS)
    items = sorted((entry.changes or {}).items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0]))
    for key, value in items:  # a fixed order: PostgreSQL's jsonb does not keep the keys' order
        label = CHANGE_LABELS.get(key, key.replace("_", " ").capitalize())
        if isinstance(value, list) and len(value) == 2 and entry.action == "update":
            lines.append(f"{label}: {_shown(key, value[0])} → {_shown(key, value[1])}")
        elif value not in (None, ""):
            lines.append(f"{label}: {_shown(key, value)}")
    return lines


CONVERSION_DAYS = 30  # a follow-up "converted" when the enrollment was paid within this many days after it


def contact_report(*, user, start: dt.date, end: dt.date) -> dict:
    """Follow-ups recorded from `start` to `end` in the user's area: by collector (the staff member who made them,
    else the user who recorded them), how many, by outcome, and how many were followed by a payment of that
    enrollment within CONVERSION_DAYS days (a receipt dated from the contact's day on); the refusals' reasons."""
    paid_after = Contribution.objects.filter(
        enrollment=OuterRef("enrollment"), receipt__receipt_date__gte=OuterRef("day"),
        receipt__receipt_date__lte=ExpressionWrapper(OuterRef("day") + dt.timedelta(days=CONVERSION_DAYS),
                                                     output_field=DateField()))
    contacts = (Contact.objects.restrict(user).filter(day__gte=start, day__lte=end)
                .annotate(converted=Exists(paid_after)))
    by_outcome = {o: Count("id", filter=Q(outcome=o)) for o in ContactOutcome.values}
    rows = list(contacts.values("staff__code", "staff__full_name", "created_by__username")
                .annotate(total=Count("id"), converted_total=Count("id", filter=Q(converted=True)), **by_outcome)
                .order_by("staff__code", "created_by__username"))
    reasons = list(contacts.filter(outcome=ContactOutcome.REFUSED).values("reason")
                   .annotate(count=Count("id")).order_by("-count", "reason")[:20])
    total = sum(r["total"] for r in rows)
    converted = sum(r["converted_total"] for r in rows)
    return {"start": start, "end": end, "rows": rows, "reasons": reasons, "total": total, "converted": converted,
            "rate": percent(converted, total) if total else None, "days": CONVERSION_DAYS}


@dataclass(frozen=True)
class ReminderDraft:
    """A reminder the day's run would send: about what (`kind`, the entry's enrollment, its deadline), to whom
    (`consent`: the person and the channel and address they agreed to), with what to pay (`amount`, `reference`,
    to `point`). A household's card is reminded once, to its first member who agreed (the head first)."""

    kind: str
    enrollment: Enrollment
    consent: ReminderConsent
    deadline: dt.date
    card_until: dt.date | None
    amount: int | None
    reference: str
    point: object | None


def reminders_due(*, today: dt.date, channels: list[str], days: int = 30, every_days: int = 7,
                  limit: int | None = None, user=None) -> list[ReminderDraft]:
    """What the reminders' run of `today` sends, the most urgent first: household HI cards lapsed but still
    renewable without a break, cards ending within `days` days, voluntary-SI periods ending within `days` days —
    each only where someone agreed to reminders through one of `channels` (in ReminderChannel's order of
    preference), was not reminded in the last `every_days` days, and the worklist still shows the entry (no promise
    pending, not moved away). Everywhere for the run (no user); a page passes its `user` to see their area's."""
    from ansinh.enrollment import payment_codes, quotes

    order = [c for c in ReminderChannel.values if c in channels]
    if not order:
        return []
    recent_reminders = Reminder.objects.filter(run__day__gt=today - dt.timedelta(days=every_days),
                                               run__day__lte=today, status__in=[ReminderStatus.SENDING,
                                                                                ReminderStatus.SENT,
                                                                                ReminderStatus.DELIVERED])
    recent = recent_reminders.values("person_id")
    consenting = ReminderConsent.objects.filter(opted_out_on__isnull=True, channel__in=order).exclude(
        person_id__in=Subquery(recent))
    cards = HICard.objects.all() if user is None else HICard.objects.restrict(user)
    enrollments = Enrollment.objects.all() if user is None else Enrollment.objects.restrict(user)
    household_cards = cards.filter(enrollment__scheme=Scheme.HOUSEHOLD_HI,
                                            enrollment__household__isnull=False).filter(
        Exists(consenting.filter(person__household=OuterRef("enrollment__household"))))
    entries = [(ReminderKind.LAPSED, card) for card in cards_lapsed(user=None, today=today, cards=household_cards)]
    entries += [(ReminderKind.EXPIRING, card) for card in cards_expiring(user=None, today=today, days=days,
                                                                          cards=household_cards)]
    vsi = list(vsi_due(user=None, today=today, days=days, enrollments=enrollments.filter(
        Exists(consenting.filter(person=OuterRef("person"))))))
    households = {card.enrollment.household_id: card.enrollment.household for _, card in entries}
    # A household reminded through another member lately is not reminded again (a promise made for one member
    # already holds them all: `with_last_contact`).
    held = set(recent_reminders.filter(enrollment__household_id__in=list(households))
               .values_list("enrollment__household_id", flat=True))
    entries = [(kind, card) for kind, card in entries if card.enrollment.household_id not in held]
    people = {e.person_id for e in vsi}
    agreed: dict[int, list[ReminderConsent]] = {}
    for consent in (consenting.filter(Q(person__household_id__in=list(households)) | Q(person_id__in=people))
                    .select_related("person")):
        agreed.setdefault(consent.person_id, []).append(consent)
    for options in agreed.values():
        options.sort(key=lambda c: order.index(c.channel))
    members: dict[int, list[int]] = {}
    for person_id, household_id in (Person.objects.filter(household_id__in=list(households), pk__in=list(agreed))
                                    .order_by("pk").values_list("pk", "household_id")):
        members.setdefault(household_id, []).append(person_id)
    params = current_parameters()
    due_now = quotes.household_renewal_due(list(households.values()), on=today, params=params)
    drafts: list[ReminderDraft] = []
    reminded: set[int] = set()
    done_households: set[int] = set()
    for kind, card in entries:
        enrollment = card.enrollment
        household = enrollment.household
        if household.pk in done_households:
            continue
        done_households.add(household.pk)
        candidates = sorted(members.get(household.pk, []), key=lambda pk: (pk != household.head_id, pk))
        person_id = next((pk for pk in candidates if pk not in reminded), None)
        if person_id is None:
            continue
        reminded.add(person_id)
        deadline = continuity_deadline(card.valid_until, params) if kind == ReminderKind.LAPSED else card.valid_until
        drafts.append(ReminderDraft(kind=kind, enrollment=enrollment, consent=agreed[person_id][0],
                                    deadline=deadline, card_until=card.valid_until, amount=due_now.get(household.pk),
                                    reference=payment_codes.household_reference(household.pk, today),
                                    point=enrollment.collection_point))
    for enrollment in vsi:
        if enrollment.person_id in reminded or enrollment.person_id not in agreed:
            continue
        reminded.add(enrollment.person_id)
        try:
            amount = quotes.renewal_quote(enrollment=enrollment, months=1, on=today, params=params).amount
        except DomainError:
            amount = None
        drafts.append(ReminderDraft(kind=ReminderKind.VSI_DUE, enrollment=enrollment,
                                    consent=agreed[enrollment.person_id][0], deadline=enrollment.end_date,
                                    card_until=None, amount=amount,
                                    reference=payment_codes.vsi_reference(enrollment.pk, today),
                                    point=enrollment.collection_point))
    return drafts[:limit] if limit is not None else drafts


def reminder_list(*, user) -> QuerySet[Reminder]:
    """The reminders sent to people of the user's area, newest first."""
    return Reminder.objects.restrict(user).select_related("run", "person", "enrollment")


def reminder_consents(*, user, person) -> QuerySet[ReminderConsent]:
    """A person's consents to reminders, as the user may see them."""
    return ReminderConsent.objects.restrict(user).filter(person=person)


# ------------------------------------------------------------------------------------------- prospects


PROSPECTS_COMMUNE_ONLY = ("Dữ liệu cá nhân của người cần vận động chỉ cán bộ của xã và cán bộ thu được giao xem và "
                          "đăng ký được.")


def commune_scoped(user) -> bool:
    """Whether the user's area is one commune (its officers and collectors): who sees residents' personal data."""
    unit = getattr(user, "scope_unit", None)
    return unit is not None and unit.level == "commune"


def prospects_visible(*, user) -> QuerySet[Prospect]:
    """Prospects whose personal data the user may see: those of the user's own commune (an area of one commune:
    its officers and collectors), and those assigned to the user as a collector. Officers above the commune see
    the lists' counts only (docs/prospects.md)."""
    prospects = Prospect.objects.restrict(user)
    return prospects if commune_scoped(user) else prospects.filter(collector__user=user)


def _covered_now(scheme_set, today: dt.date) -> Exists:
    return Exists(Enrollment.objects.filter(person=OuterRef("person"), scheme__in=scheme_set, enrolled_on__lte=today)
                  .filter(Q(end_date__isnull=True) | Q(end_date__gte=today)))


def prospect_list(*, user, today: dt.date, commune=None, collector=None, needs: str = "") -> QuerySet[Prospect]:
    """The prospects still to win today, of the user's visible ones: open or registered from the list, and not
    covered since (a matched person who paid leaves by himself), by household; `needs` = "hi" or "vsi" narrows."""
    prospects = (prospects_visible(user=user).exclude(status=ProspectStatus.COVERED)
                 .annotate(has_hi=_covered_now(HI_SCHEMES, today), has_si=_covered_now(SI_SCHEMES, today))
                 .filter(Q(needs_hi=True, has_hi=False) | Q(needs_vsi=True, has_si=False)))
    if commune is not None:
        prospects = prospects.filter(commune=commune)
    if collector is not None:
        prospects = prospects.filter(collector=collector)
    if needs == "hi":
        prospects = prospects.filter(needs_hi=True, has_hi=False)
    elif needs == "vsi":
        prospects = prospects.filter(needs_vsi=True, has_si=False)
    return (prospects.select_related("commune", "collector", "person", "resident_list")
            .order_by("commune__code", "household_number", "id"))


def resident_lists(*, user) -> QuerySet[ResidentList]:
    """The resident lists of the user's area with their counts: prospects open, assigned, registered."""
    open_ = Q(prospects__status=ProspectStatus.OPEN)
    return (ResidentList.objects.restrict(user).select_related("commune")
            .annotate(open_count=Count("prospects", filter=open_),
                      assigned=Count("prospects", filter=open_ & Q(prospects__collector__isnull=False)),
                      converted=Count("prospects", filter=Q(prospects__status=ProspectStatus.CONVERTED)))
            .order_by("-listed_on", "commune__code"))


@dataclass
class ProspectHousehold:
    """The prospects of one household of a list, as the page shows them: what 12 months of household HI would cost
    the members without HI aged 6 or more (children under 6 get the state's TE card), who may be registered."""

    number: str
    commune: object
    members: list
    amount: int | None = None
    insured: int = 0
    household_id: int | None = None

    @property
    def to_register(self) -> list:
        """Members not in ansinh yet, still open."""
        return [p for p in self.members if p.person_id is None and p.status == ProspectStatus.OPEN]


def prospect_households(prospects, *, today: dt.date, params=None) -> list[ProspectHousehold]:
    """Group prospects (in household order) by household and price each household's HI for 12 months today."""
    from ansinh.enrollment.support import person_hi_member
    from ansinh.rules import HouseholdHIInput, HouseholdMember, RuleError, household_hi_quote
    from ansinh.rules.dates import add_months, full_years

    params = params or current_parameters()
    groups: dict[tuple, ProspectHousehold] = {}
    for p in prospects:
        key = (p.commune_id, p.household_number or f"#{p.pk}")
        group = groups.setdefault(key, ProspectHousehold(number=p.household_number, commune=p.commune, members=[]))
        group.members.append(p)
        if p.person_id and p.person.household_id:
            group.household_id = p.person.household_id
    for group in groups.values():
        insured = [p for p in group.members if p.needs_hi and not p.has_hi and add_months(p.date_of_birth, 72) <= today]
        group.insured = len(insured)
        if not insured:
            continue
        try:
            members = tuple(person_hi_member(p.person, today, params) if p.person_id
                            else HouseholdMember(name=p.full_name, age=full_years(p.date_of_birth, today))
                            for p in insured)
            group.amount = household_hi_quote(HouseholdHIInput(on=today, members=members, months=12,
                                                               province=group.commune.province_code), params).total
        except (RuleError, DomainError):
            group.amount = None
    return list(groups.values())


def transfer_list(*, user, status: str = "") -> QuerySet[BankTransfer]:
    """Transfers read from the statements of the user's area: those to look at first, then the newest."""
    transfers = BankTransfer.objects.restrict(user).select_related("collection_point", "receipt")
    if status:
        transfers = transfers.filter(status=status)
    return transfers.order_by(Case(When(status="refused", then=0), default=1), "-transferred_on", "-id")
