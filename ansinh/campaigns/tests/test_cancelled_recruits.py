"""A receipt cancelled after a campaign counted its recruits: the campaign's count goes back (enrollment's signal)."""

import datetime as dt

import pytest

from ansinh.campaigns import services
from ansinh.campaigns.models import RecruitCount, Recruitment
from ansinh.enrollment import services as enrollment_services
from ansinh.geo.testing import first_commune
from ansinh.geo.validity import successor
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.testing import make_household, make_person

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def test_cancelled_recruits_leave_the_campaign_count(admin_user, unit):
    long_duc = successor(first_commune(unit("84", "pre2025")), D("2025-07-01"))
    point = make_point(long_duc, code="BD-LD-01")
    staff = make_staff(long_duc, code="NV-LD-01", point=point)
    campaign = services.campaign_create(user=admin_user, slug="vl-12-2026", name="Ra quân tháng 12/2026",
                                        start_date=D("2026-12-01"), end_date=D("2026-12-31"), area=unit("86", "2025"))
    household = make_household(admin_user, long_duc, code="HGD-86-0001")
    people = [make_person(admin_user, long_duc, full_name=f"Người {i}", citizen_id=f"08608500010{i}",
                          household=household, relation="head" if i == 0 else "child") for i in range(2)]
    payment = enrollment_services.Payment(receipt_number="BL-R1", paid_on=D("2026-12-02"), collection_point=point,
                                          collector=staff)
    recruited = services.recruit_household(user=admin_user, campaign=campaign, household=household, members=people,
                                           months=12, payment=payment)
    one = make_person(admin_user, long_duc, full_name="Người lẻ", citizen_id="086085000109")
    services.recruit_voluntary_si(user=admin_user, campaign=campaign, person=one, income=1_500_000, category="other",
                                  method="monthly", months=1, payment=enrollment_services.Payment(
                                      receipt_number="BL-R2", paid_on=D("2026-12-02"), collection_point=point,
                                      collector=staff))
    counted = {s: sum(RecruitCount.objects.filter(campaign=campaign, scheme=s).values_list("count", flat=True))
               for s in ("household_hi", "voluntary_si")}
    assert counted == {"household_hi": 2, "voluntary_si": 1}

    receipt = recruited[0].contributions.get().receipt
    enrollment_services.receipt_cancel(user=admin_user, receipt=receipt, reason="Thu trùng")

    counted = {s: sum(RecruitCount.objects.filter(campaign=campaign, scheme=s).values_list("count", flat=True))
               for s in ("household_hi", "voluntary_si")}
    assert counted == {"household_hi": 0, "voluntary_si": 1}
    assert Recruitment.objects.filter(campaign=campaign).count() == 1
