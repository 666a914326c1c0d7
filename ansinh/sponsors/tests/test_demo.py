"""The sponsors' demo (`ansinh demo` loads it): two pledges in Xã Đăk Pék for the 2026-27 school year, written
through the services as the Kon Tum officer, and loaded twice without change.

By hand (12 months paid 10/9/2026: 2,530,000 × 4.5 % = 113,850 a month, 1,366,200 a year; the state pays
students 50 %): 683,100 a card; 10 cards = 6,831,000; the Youth Union's 3,000,000 = 4 × 683,100 + 267,600.
"""

import pytest

from ansinh.accounts.demo import load_demo_users
from ansinh.accounts.models import User
from ansinh.sponsors.demo import load_demo
from ansinh.sponsors.models import Pledge, SponsoredCard
from ansinh.sponsors.selectors import pledge_balance, pledge_list

pytestmark = pytest.mark.django_db


def test_the_sponsors_demo_loads_for_the_kon_tum_officer_and_twice_without_change(unit):
    load_demo_users()
    assert load_demo() == 15
    firm, union = Pledge.objects.order_by("pledged_on")
    assert [c.amount for c in SponsoredCard.objects.filter(pledge=firm)] == [683_100] * 10
    assert [c.amount for c in SponsoredCard.objects.filter(pledge=union).order_by("id")] == [683_100] * 4 + [267_600]
    b = pledge_balance(firm)
    assert (b.received, b.paid, b.cards_paid, b.set_aside, b.cards_left, b.unspent) == (
        6_831_000, 4_098_600, 6, 2_732_400, 0, 2_732_400)
    b = pledge_balance(union)
    assert (b.received, b.paid, b.cards_paid, b.left, b.still_due) == (1_500_000, 1_366_200, 2, 0, 1_500_000)
    assert set(pledge_list(User.objects.get(username="kontum"))) == {firm, union}
    assert list(pledge_list(User.objects.get(username="travinh"))) == []
    assert load_demo() == 0
    assert SponsoredCard.objects.count() == 15
