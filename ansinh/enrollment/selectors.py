"""Reads of enrollments, receipts, cards and the roll-up counts (lists scoped to the user's area)."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404

from ansinh.enrollment.choices import EnrollmentStatus, Scheme
from ansinh.enrollment.models import (
    Contribution,
    Enrollment,
    HICard,
    ParticipationDelta,
    ParticipationLevel,
    ParticipationSeries,
    Receipt,
)


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


def receipt_lines(receipt: Receipt) -> QuerySet[Contribution]:
    """The contributions paid on a receipt, with the person and the card."""
    return receipt.contributions.select_related("enrollment__person", "card").order_by("enrollment__member_rank", "id")


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


def cards_expiring(*, user, today: dt.date, days: int = 30) -> QuerySet[HICard]:
    """The collector's worklist: the latest card of each open HI enrollment, ending within `days` days."""
    later = HICard.objects.filter(enrollment=OuterRef("enrollment"), valid_until__gt=OuterRef("valid_until"))
    return (HICard.objects.restrict(user)
            .filter(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=days),
                    enrollment__status=EnrollmentStatus.ACTIVE)
            .exclude(Exists(later))
            .select_related("enrollment__person", "enrollment__household", "enrollment__collection_point", "commune")
            .order_by("valid_until", "enrollment__household_id", "id"))


def vsi_due(*, user, today: dt.date, days: int = 30) -> QuerySet[Enrollment]:
    """Voluntary-SI participants whose paid-up period ends within `days` days."""
    return (Enrollment.objects.restrict(user)
            .filter(scheme=Scheme.VOLUNTARY_SI, status=EnrollmentStatus.ACTIVE, end_date__gte=today,
                    end_date__lte=today + dt.timedelta(days=days))
            .select_related("person", "collection_point", "commune").order_by("end_date", "id"))
