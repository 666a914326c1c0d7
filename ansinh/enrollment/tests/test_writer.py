"""One writer per fact: a household paid through the service (page/API) and the same household in an imported
file give the same receipts, enrollments, contributions, cards and roll-up counts."""

import csv
import datetime as dt

import pytest
from django.db import transaction

from ansinh.enrollment.import_layouts import PEOPLE_HEADER
from ansinh.enrollment.importers import import_people
from ansinh.enrollment.models import (
    Contribution,
    Enrollment,
    HICard,
    ParticipationDelta,
    ParticipationLevel,
    Receipt,
    RecruitmentCount,
)
from ansinh.enrollment.services import Payment, household_join
from ansinh.geo.models import Unit
from ansinh.geo.validity import successor
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.services import MemberInput

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
MEMBERS = [
    MemberInput("Lê Văn Hùng", D("1975-03-12"), "M", "head", "084075012345"),
    MemberInput("Phan Thị Cúc", D("1978-07-05"), "F", "spouse", "084178012346"),
    MemberInput("Lê Thị Thảo", D("2008-02-20"), "F", "child", "084308012347"),
]


def snapshot() -> dict:
    """Everything a payment writes, without ids, times or the source tag."""
    return {
        "receipts": sorted(Receipt.objects.values_list(
            "number", "receipt_date", "collection_point__code", "collector__code", "payer_name", "amount_paid",
            "commune__code", "province_code")),
        "enrollments": sorted(Enrollment.objects.values_list(
            "person__citizen_id", "scheme", "hi_group_code", "household__code", "member_rank", "enrolled_on",
            "start_date", "end_date", "status", "payment_method", "collector__code", "collection_point__code",
            "commune__code", "province_code", "is_new")),
        "contributions": sorted(Contribution.objects.values_list(
            "enrollment__person__citizen_id", "receipt__number", "period_start", "period_end", "months",
            "amount_due", "state_support", "local_support", "sponsor_support", "amount_paid", "rules_version",
            "commune__code", "province_code")),
        "quotes": sorted(str(q) for q in Contribution.objects.values_list("quote", flat=True)),
        "cards": sorted(HICard.objects.values_list(
            "enrollment__person__citizen_id", "number", "benefit_level", "valid_from", "valid_until",
            "five_years_on", "commune__code", "province_code")),
        "deltas": sorted(ParticipationDelta.objects.values_list("key", "delta")),
        "levels": sorted(ParticipationLevel.objects.values_list("series__key", "month_end", "level")),
        "recruited": sorted(RecruitmentCount.objects.values_list("key", "count")),
    }


def test_the_service_and_the_importer_write_the_same_rows(tra_vinh_officer, tmp_path, settings):
    # given: a household of three in Xã An Trường (which took over old An Trường A on 1/7/2025), 12 months
    # paid on 1/9/2026 at BD-CL-01
    settings.MEDIA_ROOT = tmp_path / "media"
    commune = successor(Unit.objects.get(era="pre2025", code="29272"), D("2026-09-01"))
    assert (commune.era, commune.name) == ("2025", "Xã An Trường")
    point = make_point(commune, code="BD-CL-01")
    collector = make_staff(commune, code="NV-CL-001", point=point)
    # when: once through the service (rolled back), once through the importer
    with transaction.atomic():
        household_join(user=tra_vinh_officer, commune=commune, members=MEMBERS, months=12, code="H29272-0101",
                       payment=Payment("BL-CL-000101", D("2026-09-01"), point, collector))
        by_service = snapshot()
        transaction.set_rollback(True)
    assert snapshot()["receipts"] == []
    path = tmp_path / "ho.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=PEOPLE_HEADER)
        out.writeheader()
        for m in MEMBERS:
            out.writerow({"Họ và tên": m.full_name, "Ngày sinh": m.date_of_birth.strftime("%d/%m/%Y"),
                          "Giới tính": "Nam" if m.sex == "M" else "Nữ", "Số định danh": m.citizen_id,
                          "Mã xã": commune.code, "Cơ cấu đơn vị": "mới", "Mã hộ": "H29272-0101",
                          "Quan hệ với chủ hộ": {"head": "Chủ hộ", "spouse": "Vợ/chồng", "child": "Con"}[m.relation],
                          "Loại hình": "BHYT hộ gia đình", "Số tháng": 12, "Số biên lai": "BL-CL-000101",
                          "Ngày biên lai": "01/09/2026", "Mã điểm thu": "BD-CL-01", "Mã nhân viên thu": "NV-CL-001"})
    run = import_people(path, user=tra_vinh_officer)
    # then: the same rows and counters; the receipt is 12 × 4.5% × 2,530,000 × (100% + 70% + 60%)
    assert (run.rows_stored, run.rows_rejected) == (3, 0)
    by_import = snapshot()
    assert by_import == by_service
    assert by_import["receipts"][0][5] == 1_366_200 + 956_340 + 819_720 == 3_142_260
    assert len(by_import["cards"]) == 3
