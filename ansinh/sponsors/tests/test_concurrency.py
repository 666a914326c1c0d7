"""Two officers giving cards from the same pledge at the same moment: the pledge's money is spent once.

Real PostgreSQL and two threads, each with its own connection and transaction (skipped on SQLite, which serialises
every writer). A fixed 1,263,600 pays exactly two pupils' cards of 631,800 (see test_services): each officer gives
two other pupils; whoever comes second waits for the first's lock and finds no money left — two cards, never four.
"""

import threading

import pytest
from django.db import connection

from ansinh.sponsors import selectors, services
from ansinh.sponsors.models import SponsoredCard
from ansinh.sponsors.tests.test_services import school_pledge

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="SQLite serialises all writers with one lock: two concurrent transactions cannot race"),
]


def test_two_officers_give_cards_from_one_pledge_at_once(officer, sponsor, unit, pupils, today):
    pledge = school_pledge(officer, sponsor, unit, amount=1_263_600)
    barrier = threading.Barrier(2)
    given: dict[int, services.Given] = {}

    def give(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            given[index] = services.cards_give(user=officer, pledge=pledge, people=pupils[index * 2:index * 2 + 2],
                                               on=today)
        finally:
            connection.close()

    threads = [threading.Thread(target=give, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(len(g.cards) for g in given.values()) == [0, 2]
    assert sorted(len(g.refused) for g in given.values()) == [0, 2]
    assert SponsoredCard.objects.filter(pledge=pledge).count() == 2
    balance = selectors.pledge_balance(pledge)
    assert (balance.set_aside, balance.left) == (1_263_600, 0)
