"""Reads of people and households, always scoped to the user's area (404 outside it)."""

import re

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from ansinh.core.text import fold
from ansinh.registry.models import Household, Person, PersonStatus

_DIGITS = re.compile(r"^[\d\s.\-+]+$")


def person_list(*, user, query: str = "", action: str = "view") -> QuerySet[Person]:
    """People in the user's area matching a name (diacritics ignored), a citizen ID, an SI code or a phone."""
    return person_search(Person.objects.restrict(user, action).select_related("commune", "household"), query)


def person_search(qs: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People of `qs` matching a name (diacritics ignored), a citizen ID, an SI code or a phone, in order."""
    query = (query or "").strip()
    if not query:
        return qs.order_by("-created_at", "-id")
    if _DIGITS.match(query):
        digits = re.sub(r"\D", "", query)
        if digits.startswith("84") and len(digits) == 11:
            digits = "0" + digits[2:]
        if len(digits) == 12:
            return qs.filter(citizen_id=digits)
        if len(digits) == 10:
            return qs.filter(Q(phone=digits) | Q(legacy_si_code=digits))
        return qs.filter(Q(citizen_id__endswith=digits) | Q(phone__endswith=digits)) if len(digits) >= 4 else qs.none()
    folded = fold(query)
    by_prefix = qs.filter(name_folded__startswith=folded)  # uses the name index: "nguyen van a…"
    if by_prefix.exists():
        return by_prefix.order_by("name_folded", "date_of_birth")
    for word in folded.split():
        qs = qs.filter(name_folded__contains=word)
    return qs.order_by("name_folded", "date_of_birth")


def household_list(*, user, query: str = "") -> QuerySet[Household]:
    """Households in the user's area by code or by the head's name."""
    return household_search(Household.objects.restrict(user).select_related("commune", "head"), query)


def household_search(qs: QuerySet[Household], query: str) -> QuerySet[Household]:
    """Households of `qs` by code or by the head's name (diacritics ignored)."""
    query = (query or "").strip()
    if not query:
        return qs.order_by("-created_at", "-id")
    words = fold(query).split()
    by_name = Q()
    for word in words:
        by_name &= Q(head__name_folded__contains=word)
    return qs.filter(Q(code__iexact=query) | by_name).order_by("code")


def person_status_get(*, user, pk: int) -> PersonStatus:
    """One person's status of the user's area, or 404."""
    status = PersonStatus.objects.restrict(user).select_related("person__commune").filter(pk=pk).first()
    if status is None:
        raise Http404("Không tìm thấy đối tượng đã ghi.")
    return status


def person_get(*, user, pk: int, action: str = "view") -> Person:
    """One person of the user's area, or 404."""
    person = Person.objects.restrict(user, action).select_related("commune", "commune__parent", "household",
                                                                  "household__head").filter(pk=pk).first()
    if person is None:
        raise Http404("Không tìm thấy người tham gia.")
    return person


def household_get(*, user, pk: int, action: str = "view") -> Household:
    """One household of the user's area, or 404."""
    household = Household.objects.restrict(user, action).select_related("commune", "commune__parent", "head") \
        .prefetch_related(Prefetch("members", queryset=Person.objects.order_by("id")), "statuses") \
        .filter(pk=pk).first()
    if household is None:
        raise Http404("Không tìm thấy hộ gia đình.")
    return household
