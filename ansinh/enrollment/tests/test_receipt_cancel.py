"""Cancelling a receipt entered by mistake (huỷ biên lai): what goes, what stays, who may, and the counts after."""

import datetime as dt

import pytest

from ansinh.core.errors import DomainError, NotFound, PermissionDenied
from ansinh.core.models import ChangeLog
from ansinh.core.testing.users import make_user
from ansinh.enrollment import services
from ansinh.enrollment.counters import rebuild_levels
from ansinh.enrollment.models import Contribution, Enrollment, HICard, ParticipationLevel, Receipt, RecruitmentCount
from ansinh.enrollment.selectors import participants_on
from ansinh.enrollment.testing import pay
from ansinh.registry.testing import make_person

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def _levels():
    return sorted(ParticipationLevel.objects.values_list("series__unit_id", "month_end", "level"))


def _assert_levels_match_a_rebuild():
    written = _levels()
    rebuild_levels()
    assert _levels() == written


def test_a_household_registered_by_mistake_is_cancelled_whole(tra_vinh_officer, household_of_three, point, collector,
                                                              today_commune):
    household, people = household_of_three
    enrollments = services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                            payment=pay(point, collector, "BL-H1", "2026-07-01"))
    receipt = enrollments[0].contributions.get().receipt
    assert participants_on(scheme="household_hi", on=D("2026-09-01"), unit=today_commune) == 3

    services.receipt_cancel(user=tra_vinh_officer, receipt=receipt, reason="Thu trùng hộ")

    receipt.refresh_from_db()
    assert (receipt.cancelled, receipt.cancel_reason, receipt.cancelled_by) == (True, "Thu trùng hộ", tra_vinh_officer)
    assert receipt.amount_paid == 3_142_260  # the receipt keeps what it said
    assert [line["amount_paid"] for line in receipt.cancelled_lines] == [1_366_200, 956_340, 819_720]
    assert [line["person"] for line in receipt.cancelled_lines] == ["Thạch Văn Sơn", "Kim Thị Hoa", "Thạch Minh Tú"]
    assert receipt.cancelled_lines[0]["card"] == "GD4868407000101"
    assert not Enrollment.objects.filter(person__in=people).exists()
    assert not Contribution.objects.filter(receipt=receipt).exists()
    assert not HICard.objects.filter(enrollment__person__in=people).exists()
    assert participants_on(scheme="household_hi", on=D("2026-09-01"), unit=today_commune) == 0
    recruited = RecruitmentCount.objects.filter(unit=today_commune, scheme="household_hi", day=D("2026-07-01"))
    assert sum(r.count for r in recruited) == 0
    _assert_levels_match_a_rebuild()
    logged = ChangeLog.objects.filter(object_type="enrollment.receipt", object_id=str(receipt.pk)).get()
    assert logged.changes == {"cancelled": "Thu trùng hộ", "amount_paid": 3_142_260}
    assert ChangeLog.objects.filter(object_type="enrollment.enrollment", action="delete").count() == 3

    # registered again on a new receipt, they are new participants again, at the same amounts
    again = services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                      payment=pay(point, collector, "BL-H2", "2026-07-01"))
    assert [e.is_new for e in again] == [True, True, True]
    assert sum(c.amount_paid for e in again for c in e.contributions.all()) == 3_142_260
    # the cancelled number stays used at the point
    with pytest.raises(DomainError) as err:
        services.household_enroll(user=tra_vinh_officer, household=household, members=people, months=12,
                                  payment=pay(point, collector, "BL-H1", "2026-07-02"))
    assert err.value.code == "duplicate_receipt"


def test_a_renewal_cancelled_goes_back_to_the_old_paid_up_end(tra_vinh_officer, today_commune, point, collector):
    person = make_person(tra_vinh_officer, today_commune, citizen_id="084085000911")
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=1_500_000, category="other", method="3_months", months=3,
        payment=pay(point, collector, "BL-V1", "2026-02-10"))  # 1/2–30/4
    renewal = services.contribution_record(user=tra_vinh_officer, enrollment=enrollment, months=3,
                                           payment=pay(point, collector, "BL-V2", "2026-04-20"))  # 1/5–31/7
    assert participants_on(scheme="voluntary_si", on=D("2026-06-15"), unit=today_commune) == 1

    with pytest.raises(DomainError) as err:
        services.receipt_cancel(user=tra_vinh_officer, receipt=enrollment.contributions.earliest("id").receipt,
                                reason="Nhầm")
    assert err.value.code == "receipt_not_latest"
    assert "BL-V2" in err.value.message

    services.receipt_cancel(user=tra_vinh_officer, receipt=renewal.receipt, reason="Ghi nhầm số tháng")
    enrollment.refresh_from_db()
    assert enrollment.end_date == D("2026-04-30")
    assert participants_on(scheme="voluntary_si", on=D("2026-04-30"), unit=today_commune) == 1
    assert participants_on(scheme="voluntary_si", on=D("2026-05-01"), unit=today_commune) == 0
    assert list(enrollment.contributions.values_list("receipt__number", flat=True)) == ["BL-V1"]
    _assert_levels_match_a_rebuild()
    # then the first payment is the latest and can go too: the enrollment goes with it
    services.receipt_cancel(user=tra_vinh_officer, receipt=Receipt.objects.get(number="BL-V1"), reason="Nhầm người")
    assert not Enrollment.objects.filter(pk=enrollment.pk).exists()
    assert participants_on(scheme="voluntary_si", on=D("2026-03-01"), unit=today_commune) == 0


def test_a_renewal_after_a_gap_cancelled_leaves_the_old_card_alone(tra_vinh_officer, household_of_three, point,
                                                                   collector):
    household, people = household_of_three
    enrollment = services.household_enroll(user=tra_vinh_officer, household=household, members=people[:1],
                                           months=3, payment=pay(point, collector, "BL-G1", "2024-09-01"))[0]
    # card 1/10/2024–31/12/2024; paid again eight months after it ended: a new card after a gap
    renewal = services.enrollment_renew(user=tra_vinh_officer, enrollment=enrollment, months=3,
                                        payment=pay(point, collector, "BL-G2", "2025-08-20"))
    assert renewal.previous_end == D("2024-12-31")
    assert renewal.period_start > D("2025-01-01")
    services.receipt_cancel(user=tra_vinh_officer, receipt=renewal.receipt, reason="Thu nhầm")
    enrollment.refresh_from_db()
    assert enrollment.end_date == D("2024-12-31")
    assert [(c.valid_from, c.valid_until) for c in enrollment.cards.all()] == [(D("2024-10-01"), D("2024-12-31"))]
    on = {d: participants_on(scheme="household_hi", on=D(d), unit=enrollment.commune)
          for d in ("2024-12-31", "2025-01-01", "2025-10-15")}
    assert on == {"2024-12-31": 1, "2025-01-01": 0, "2025-10-15": 0}
    _assert_levels_match_a_rebuild()


def test_who_may_cancel(tra_vinh_officer, kon_tum_officer, unit, today_commune, point, collector):
    tra_vinh = unit("84", "pre2025")
    thu = make_user("tv_collector", role="collector", scope_unit=tra_vinh)
    other = make_user("tv_collector_2", role="collector", scope_unit=tra_vinh)
    viewer = make_user("tv_viewer", role="viewer", scope_unit=tra_vinh)
    people = [make_person(tra_vinh_officer, today_commune, citizen_id=f"08408500092{i}") for i in range(2)]
    by_officer, by_thu = (
        services.person_enroll_voluntary_si(user=user, person=person, income=1_500_000, category="other",
                                            method="monthly", months=1,
                                            payment=pay(point, collector, number, "2026-11-10")
                                            ).contributions.get().receipt
        for user, person, number in ((tra_vinh_officer, people[0], "BL-W1"), (thu, people[1], "BL-W2")))

    with pytest.raises(PermissionDenied) as refused:
        services.receipt_cancel(user=thu, receipt=by_officer, reason="Nhầm")
    assert "chính mình ghi" in str(refused.value)
    for user in (other, viewer):
        with pytest.raises(PermissionDenied):
            services.receipt_cancel(user=user, receipt=by_thu, reason="Nhầm")
    with pytest.raises(NotFound):
        services.receipt_cancel(user=kon_tum_officer, receipt=by_thu, reason="Nhầm")
    with pytest.raises(DomainError) as err:
        services.receipt_cancel(user=thu, receipt=by_thu, reason="   ")
    assert err.value.code == "cancel_reason_missing"
    assert not Receipt.objects.filter(cancelled_at__isnull=False).exists()

    services.receipt_cancel(user=thu, receipt=by_thu, reason="Nhầm người nộp")
    with pytest.raises(DomainError) as err:
        services.receipt_cancel(user=tra_vinh_officer, receipt=by_thu, reason="Lần nữa")
    assert err.value.code == "receipt_cancelled"
    services.receipt_cancel(user=tra_vinh_officer, receipt=by_officer, reason="Nhầm")  # an officer: any in the area
    assert Receipt.objects.filter(cancelled_at__isnull=False).count() == 2


def test_an_ended_enrollment_keeps_its_receipts(tra_vinh_officer, today_commune, point, collector):
    person = make_person(tra_vinh_officer, today_commune, citizen_id="084085000931")
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=1_500_000, category="other", method="monthly", months=1,
        payment=pay(point, collector, "BL-E1", "2026-03-05"))
    services.enrollment_end(user=tra_vinh_officer, enrollment=enrollment, on=D("2026-03-20"), reason="compulsory")
    with pytest.raises(DomainError) as err:
        services.receipt_cancel(user=tra_vinh_officer, receipt=Receipt.objects.get(number="BL-E1"), reason="Nhầm")
    assert err.value.code == "enrollment_ended"  # an officer ended it since: the end stands, so does the receipt


@pytest.fixture
def paid(tra_vinh_officer, today_commune, point, collector):
    """One month of voluntary SI in Long Đức, November 2026: 22 % × 1,500,000 = 330,000 due, the State pays 20 % of
    22 % × 1,500,000 (rural poverty line) = 66,000 for an "other" participant (Decree 159/2025): she pays 264,000."""
    person = make_person(tra_vinh_officer, today_commune, full_name="Lâm Thị Mai", citizen_id="084185000941",
                         sex="F")
    enrollment = services.person_enroll_voluntary_si(
        user=tra_vinh_officer, person=person, income=1_500_000, category="other", method="monthly", months=1,
        payment=pay(point, collector, "BL-P1", "2026-11-30"))
    return enrollment.contributions.get().receipt


def test_the_pages_cancel_a_receipt_with_its_reason(client, tra_vinh_officer, unit, paid):
    client.force_login(tra_vinh_officer)
    page = client.get(f"/registry/receipts/{paid.pk}/").content.decode()
    assert f'href="/registry/receipts/{paid.pk}/cancel/"' in page
    refused = client.post(f"/registry/receipts/{paid.pk}/cancel/", {"reason": ""})
    assert refused.status_code == 200 and "bắt buộc" in refused.content.decode()
    response = client.post(f"/registry/receipts/{paid.pk}/cancel/", {"reason": "Nhầm người nộp"})
    assert response.status_code == 302 and response["Location"] == f"/registry/receipts/{paid.pk}/"
    page = client.get(f"/registry/receipts/{paid.pk}/").content.decode()
    assert "ĐÃ HUỶ" in page and "Nhầm người nộp" in page and "Lâm Thị Mai" in page and "264.000" in page
    assert "/cancel/" not in page
    for layout in ("pdf/", "80mm/", "80mm/pdf/"):
        moved = client.get(f"/registry/receipts/{paid.pk}/{layout}")
        assert (moved.status_code, moved["Location"]) == (302, f"/registry/receipts/{paid.pk}/")


def test_a_collector_is_refused_another_collectors_receipt_on_the_page(client, unit, paid):
    thu = make_user("tv_collector", role="collector", scope_unit=unit("84", "pre2025"))
    client.force_login(thu)
    assert "/cancel/" not in client.get(f"/registry/receipts/{paid.pk}/").content.decode()
    refused = client.post(f"/registry/receipts/{paid.pk}/cancel/", {"reason": "Nhầm"})
    assert refused.status_code == 403 and "chính mình ghi" in refused.content.decode()
    assert Receipt.objects.get(pk=paid.pk).cancelled_at is None


def test_the_api_cancels_once_and_lists_cancelled_receipts(client, tra_vinh_officer, paid):
    client.force_login(tra_vinh_officer)
    url = f"/api/v1/receipts/{paid.pk}/cancel/"
    empty = client.post(url, {"reason": ""}, content_type="application/json")
    assert (empty.status_code, empty.json()["error"]["code"]) == (400, "validation_error")
    done = client.post(url, {"reason": "Thu trùng"}, content_type="application/json")
    assert done.status_code == 201
    body = done.json()
    assert (body["cancel_reason"], body["lines"], body["amount_paid"]) == ("Thu trùng", [], 264_000)
    assert [(line["amount_due"], line["state_support"], line["amount_paid"])
            for line in body["cancelled_lines"]] == [(330_000, 66_000, 264_000)]
    again = client.post(url, {"reason": "Lần nữa"}, content_type="application/json")
    assert (again.status_code, again.json()["error"]["code"]) == (400, "receipt_cancelled")
    listed = client.get("/api/v1/receipts/?cancelled=true").json()
    assert [r["number"] for r in listed["results"]] == ["BL-P1"]
    assert client.get("/api/v1/receipts/?cancelled=false").json()["results"] == []
