"""Kon Tum objects of sponsors for the scoping and route tests (ansinh/web/tests/test_scoping.py): a sponsor kept by
the province, a pledge to it with money received, and — fresh for each request that uses one up — a pledge to
close, a card to take back and a card to pay (given to Y Hoa of Kon Tum's household, enrolled in household HI).

Each POST body below is a dict the builder fills in before the test posts it.
"""

import datetime as dt
import itertools

from ansinh.enrollment.tests import kon_tum as kt_registry

D = dt.date.fromisoformat
PLEDGE = {"unit": "Tỉnh Kon Tum (62)", "beneficiaries": "named", "pledged_on": "01/05/2025", "cards": "3",
          "share": "rest", "months": "12", "period_start": "01/05/2025", "period_end": "30/04/2026"}
RECEIVE = {"received_on": "05/01/2026", "amount": "100.000", "reference": ""}
GIVE = {"person": []}
RELEASE = {"reason": "Chuyển trường (kiểm thử)"}
LIST = {}  # no file: the form is refused (302 back to the pledge) — the outsider gets 404 before that
PAY = {"paid_on": "10/03/2026", "receipt_number": "", "collection_point": "", "action": "save"}
API_SPONSOR = {"kind": "business", "name": "", "unit": "62", "era": "pre2025"}
API_RECEIVE = {"received_on": "2026-01-05", "amount": 100_000}
API_GIVE = {"people": []}
API_RELEASE = {"reason": "Chuyển trường (kiểm thử)"}
API_PAY = {"receipt_number": "", "paid_on": "2026-03-10", "collection_point": kt_registry.POINT_CODE}
_serial = itertools.count(1)


def _world() -> dict:
    """The Kon Tum sponsor and its standing pledge (built once per test database)."""
    from ansinh.accounts.models import User
    from ansinh.geo.selectors import unit_get
    from ansinh.sponsors.models import Pledge, Sponsor
    from ansinh.sponsors.services import pledge_create, pledge_receive, sponsor_create

    world = kt_registry._world()
    sponsor = Sponsor.objects.filter(name="Hội Khuyến học tỉnh Kon Tum").first()
    if sponsor is None:
        builder = User.objects.get(username="kt-builder")
        kon_tum = unit_get("62", "pre2025")
        sponsor = sponsor_create(user=builder, kind="organisation", name="Hội Khuyến học tỉnh Kon Tum", unit=kon_tum)
        pledge = pledge_create(user=builder, sponsor=sponsor, unit=kon_tum, pledged_on=D("2025-05-01"),
                               beneficiaries="named", amount=50_000_000, period_start=D("2025-05-01"),
                               period_end=D("2026-12-31"))
        pledge_receive(user=builder, pledge=pledge, received_on=D("2025-05-02"), amount=50_000_000)
    pledge = Pledge.objects.filter(sponsor=sponsor).order_by("id").first()
    members = world["household"].members
    return {**world, "sponsor": sponsor, "pledge": pledge, "beneficiary": members.get(citizen_id="062182000802"),
            "head": members.get(citizen_id="062080000801")}


def sponsor_kwargs() -> dict:
    """The Kon Tum sponsor (the API's new-sponsor body gets a name not used yet)."""
    API_SPONSOR["name"] = f"Doanh nghiệp thử {next(_serial)}"
    return {"pk": _world()["sponsor"].pk}


def pledge_kwargs() -> dict:
    """The Kon Tum pledge (its give bodies name the head of Kon Tum's household)."""
    world = _world()
    GIVE["person"] = [str(world["head"].pk)]
    API_GIVE["people"] = [world["head"].pk]
    return {"pk": world["pledge"].pk}


def _fresh_pledge(cards: int = 1):
    """A new funded pledge; the fresh ones made before are closed (one person is sponsored once at a time)."""
    from ansinh.accounts.models import User
    from ansinh.sponsors.models import Pledge
    from ansinh.sponsors.services import pledge_close, pledge_create, pledge_receive

    world = _world()
    builder = User.objects.get(username="kt-builder")
    for older in Pledge.objects.filter(sponsor=world["sponsor"], closed_on__isnull=True).exclude(pk=world["pledge"].pk):
        pledge_close(user=builder, pledge=older, on=D("2026-02-28"))
    pledge = pledge_create(user=builder, sponsor=world["sponsor"], unit=world["pledge"].unit,
                           pledged_on=D("2025-05-01"), beneficiaries="named", cards=cards,
                           period_start=D("2025-05-01"), period_end=D("2026-12-31"))
    pledge_receive(user=builder, pledge=pledge, received_on=D("2025-05-02"), amount=5_000_000)
    return builder, world, pledge


def fresh_pledge_kwargs() -> dict:
    """A new Kon Tum pledge (one to close)."""
    return {"pk": _fresh_pledge()[2].pk}


def fresh_card_kwargs() -> dict:
    """A new card of a new funded Kon Tum pledge, given to Kon Tum's beneficiary (one to pay or take back); the pay
    bodies get a receipt number not used yet and Kon Tum's point."""
    from ansinh.sponsors.services import cards_give

    builder, world, pledge = _fresh_pledge()
    card = cards_give(user=builder, pledge=pledge, people=[world["beneficiary"]], on=D("2026-03-01")).cards[0]
    PAY["receipt_number"] = kt_registry._receipt_number()
    PAY["collection_point"] = str(world["point"].pk)
    API_PAY["receipt_number"] = kt_registry._receipt_number()
    return {"pk": card.pk}


def failed_run_kwargs() -> dict:
    """A Kon Tum list import into the pledge that failed (its file missing), to run again."""
    from ansinh.core.models import ImportRun

    world = _world()
    run = ImportRun.objects.create(kind="beneficiaries", layout="beneficiaries", file_name="ds-kon-tum.csv",
                                   file_sha256="0" * 64, user=world["pledge"].created_by, state="failed",
                                   error="Tệp thiếu cột: Họ và tên.", scope_path=world["pledge"].unit.path,
                                   params={"file": "/nonexistent/ds.csv", "pledge": world["pledge"].pk,
                                           "on": "2026-03-01"})
    return {"pk": run.pk}


def runs_state() -> tuple:
    """Kon Tum's list imports and their states."""
    from ansinh.core.models import ImportRun

    return tuple(ImportRun.objects.filter(kind="beneficiaries").values_list("pk", "state", "attempts").order_by("pk"))


def state() -> tuple:
    """What sponsors hold in Kon Tum: sponsors, pledges (closed or not), money received, cards and their payments."""
    from ansinh.sponsors.models import Pledge, PledgeReceipt, Sponsor, SponsoredCard

    return (Sponsor.objects.filter(province_code="62").count(),
            tuple(Pledge.objects.filter(province_code="62").values_list("pk", "closed_on").order_by("pk")),
            PledgeReceipt.objects.filter(province_code="62").count(),
            tuple(SponsoredCard.objects.filter(pledge__province_code="62")
                  .values_list("pk", "released_on", "contribution_id").order_by("pk")))
