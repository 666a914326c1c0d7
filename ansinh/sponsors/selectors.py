"""Reads of sponsors, always scoped: a sponsor or pledge is seen by the officers of the unit that keeps the sponsor
and by those of the beneficiaries' unit; a sponsored card by those of the beneficiary's commune and the pledge's.

Balances are derived from the rows, never stored (see `models`).
"""

import re
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet, Sum

from ansinh.core.errors import NotFound
from ansinh.core.scoping import VIEW, restrict, scope_q
from ansinh.geo.selectors import scope_paths_for_unit
from ansinh.registry.models import Person
from ansinh.registry.selectors import person_list
from ansinh.sponsors.models import Pledge, PledgeReceipt, Sponsor, SponsoredCard

ID = re.compile(r"[0-9]{1,18}")


def as_id(text) -> int | None:
    """A row id typed in a query or a form ('12'), or None for anything else ('abc', '²', 30 digits)."""
    text = str(text or "").strip()
    return int(text) if ID.fullmatch(text) else None


def sponsor_list(user) -> QuerySet[Sponsor]:
    """Sponsors kept in the user's area or with a pledge to it, by name."""
    return restrict(Sponsor.objects.select_related("unit"), user, lookups=("unit__path", "pledges__unit__path"))


def sponsor_get(user, pk: int) -> Sponsor:
    """One sponsor of `sponsor_list` (NotFound otherwise)."""
    sponsor = sponsor_list(user).filter(pk=pk).first()
    if sponsor is None:
        raise NotFound("Nhà tài trợ không thuộc địa bàn của bạn.")
    return sponsor


def pledge_list(user) -> QuerySet[Pledge]:
    """Pledges to the user's area or of a sponsor kept in it, newest first."""
    return restrict(Pledge.objects.select_related("sponsor", "unit"), user,
                    lookups=("unit__path", "sponsor__unit__path"))


def pledge_get(user, pk: int) -> Pledge:
    """One pledge of `pledge_list` (NotFound otherwise)."""
    pledge = pledge_list(user).filter(pk=pk).first()
    if pledge is None:
        raise NotFound("Cam kết tài trợ không thuộc địa bàn của bạn.")
    return pledge


def card_list(user) -> QuerySet[SponsoredCard]:
    """Sponsored cards of beneficiaries in the user's area or of pledges to it (not those the officers of the
    sponsor's own unit see the pledge of: its beneficiaries elsewhere are not theirs to read)."""
    return restrict(SponsoredCard.objects.select_related("person", "commune", "pledge", "pledge__sponsor",
                                                         "contribution", "receipt"),
                    user, lookups=("commune__path", "pledge__unit__path"))


def card_get(user, pk: int) -> SponsoredCard:
    """One sponsored card of `card_list` (NotFound otherwise)."""
    card = card_list(user).filter(pk=pk).first()
    if card is None:
        raise NotFound("Thẻ được tài trợ không thuộc địa bàn của bạn.")
    return card


def pledge_cards(pledge: Pledge) -> QuerySet[SponsoredCard]:
    """The beneficiaries given cards from a pledge (taken back ones last), in the order they were given."""
    return (SponsoredCard.objects.filter(pledge=pledge)
            .select_related("pledge", "person", "person__household", "commune", "contribution", "contribution__card",
                            "receipt")
            .order_by(F("released_on").asc(nulls_first=True), "allocated_on", "id"))


def card_state(card: SponsoredCard) -> str:
    """'paid', 'released' (taken back, or its pledge closed before it was paid) or 'waiting' (set aside, not paid
    yet, or its receipt was cancelled)."""
    if card.released_on is not None:
        return "released"
    if card.contribution_id:
        return "paid"
    if card.pledge.closed_on is not None:  # its receipt cancelled after the pledge closed: no longer to be paid
        return "released"
    return "waiting"


@dataclass(frozen=True)
class Balance:
    """A pledge's money and cards: pledged, received, set aside for cards not paid yet, paid, and what is left."""

    pledged: int | None
    pledged_cards: int | None
    received: int
    set_aside: int
    paid: int
    cards_paid: int
    cards_waiting: int

    @property
    def unspent(self) -> int:
        """Money handed over and not paid out for cards."""
        return self.received - self.paid

    @property
    def committed(self) -> int:
        """Money set aside or paid."""
        return self.set_aside + self.paid

    @property
    def left(self) -> int | None:
        """Pledged money not yet given to a beneficiary (None: the pledge counts cards only)."""
        return None if self.pledged is None else max(self.pledged - self.committed, 0)

    @property
    def cards_left(self) -> int | None:
        """Pledged cards not yet given (None: the pledge counts money only)."""
        return None if self.pledged_cards is None else max(self.pledged_cards - self.cards_paid - self.cards_waiting, 0)

    @property
    def still_due(self) -> int:
        """Money the sponsor has still to hand over for the cards given (set aside or paid)."""
        return max(self.committed - self.received, 0)


PAID = Q(contribution__isnull=False, released_on__isnull=True)
WAITING = Q(released_on__isnull=True, pledge__closed_on__isnull=True) & ~PAID


def _paid_q(on) -> Q:
    if on is None:
        return PAID
    return (Q(contribution__isnull=False, contribution__receipt__receipt_date__lte=on)
            & (Q(released_on__isnull=True) | Q(released_on__gt=on)))


def _waiting_q(on) -> Q:
    if on is None:
        return WAITING
    return (Q(allocated_on__lte=on) & (Q(released_on__isnull=True) | Q(released_on__gt=on))
            & (Q(pledge__closed_on__isnull=True) | Q(pledge__closed_on__gt=on)) & ~_paid_q(on))


def pledge_balance(pledge: Pledge) -> Balance:
    """The balance of one pledge, from its receipts and cards."""
    return pledge_balances([pledge])[pledge.pk]


def pledge_balances(pledges, *, on=None) -> dict[int, Balance]:
    """The balances of several pledges at once (as they stood at the end of `on`, or now): {pledge id: Balance},
    three aggregate queries. A card whose receipt was later cancelled is not counted paid on any day."""
    pledges = list(pledges)
    ids = [p.pk for p in pledges]
    receipts = PledgeReceipt.objects.filter(pledge_id__in=ids)
    if on is not None:
        receipts = receipts.filter(received_on__lte=on)
    received = dict(receipts.values("pledge_id").annotate(n=Sum("amount")).values_list("pledge_id", "n"))
    paid: dict[int, tuple[int, int]] = {}
    for row in (SponsoredCard.objects.filter(_paid_q(on), pledge_id__in=ids).values("pledge_id")
                .annotate(n=Sum("contribution__sponsor_support"), cards=Sum(1))):
        paid[row["pledge_id"]] = (row["n"] or 0, row["cards"])
    waiting: dict[int, tuple[int, int]] = {}
    for row in (SponsoredCard.objects.filter(_waiting_q(on), pledge_id__in=ids).values("pledge_id")
                .annotate(n=Sum("amount"), cards=Sum(1))):
        waiting[row["pledge_id"]] = (row["n"] or 0, row["cards"])
    return {p.pk: Balance(pledged=p.amount, pledged_cards=p.cards, received=received.get(p.pk) or 0,
                          set_aside=waiting.get(p.pk, (0, 0))[0], paid=paid.get(p.pk, (0, 0))[0],
                          cards_paid=paid.get(p.pk, (0, 0))[1], cards_waiting=waiting.get(p.pk, (0, 0))[1])
            for p in pledges}


def beneficiary_candidates(user, pledge: Pledge, query: str = "", *, limit: int = 50) -> list[Person]:
    """People of the pledge's unit in the user's area matching a search (name without diacritics, or the end of
    an ID number), not given a card from the pledge yet — for the page that gives cards."""
    people = person_list(user=user, query=query).filter(scope_q("commune__path", scope_paths_for_unit(pledge.unit)))
    taken = SponsoredCard.objects.filter(pledge=pledge, released_on__isnull=True).values("person_id")
    return list(people.exclude(pk__in=taken).order_by("full_name", "id")[:limit])


def person_list_for(user, ids: list[int]) -> list[Person]:
    """The people of the user's area with these ids (those outside it are left out)."""
    return list(Person.objects.restrict(user, VIEW).filter(pk__in=ids).select_related("commune", "household"))


def pledges_by_unit(user, *, unit=None, on=None) -> list[dict]:
    """The steering committee's list: each pledge to the user's area (to `unit`'s subtree, if given) with its
    sponsor, unit and balance — pledges made by `on` and their balance at the end of that day, or all and now —
    ordered by the unit the beneficiaries are in."""
    pledges = pledge_list(user).order_by("unit__path", "-pledged_on", "id")
    if unit is not None and unit.level != "nation":
        pledges = pledges.filter(scope_q("unit__path", scope_paths_for_unit(unit)))
    if on is not None:
        pledges = pledges.filter(pledged_on__lte=on)
    pledges = list(pledges)
    balances = pledge_balances(pledges, on=on)
    return [{"pledge": p, "balance": balances[p.pk]} for p in pledges]
