"""D05-TS and D03-TS as Excel files: the form's layout, identifiers as text, and imported back unchanged."""

import datetime as dt

import pytest
from openpyxl import load_workbook

from ansinh.enrollment import exporters, services
from ansinh.enrollment.importers import import_people
from ansinh.enrollment.testing import pay
from ansinh.network.testing import make_point, make_staff
from ansinh.registry.services import MemberInput
from ansinh.registry.testing import make_person, make_status

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.fixture
def point(commune):
    point = make_point(commune, code="TV-BD-01")
    point.tax_code, point.address, point.phone = "2100123456", "Số 3 Lê Thánh Tông", "02943862222"
    point.save()
    return point


@pytest.fixture
def collector(commune, point):
    return make_staff(commune, code="NV001", point=point)


def rows_of(content: bytes, tmp_path, name: str):
    path = tmp_path / name
    path.write_bytes(content)
    return path, load_workbook(path).active


def test_d05_has_the_forms_layout_and_identifiers_as_text(tmp_path, tra_vinh_officer, commune, point, collector):
    near_poor = make_person(tra_vinh_officer, commune, full_name="Trần Thị Lan", born="1979-03-08", sex="F",
                            citizen_id="084179000777")
    make_status(tra_vinh_officer, near_poor)
    other = make_person(tra_vinh_officer, commune, full_name="Lê Văn Bảy", born="1985-03-02",
                        citizen_id="084085000201")
    services.person_enroll_voluntary_si(user=tra_vinh_officer, person=near_poor, income=1_500_000,
                                        category="near_poor", method="monthly", months=1,
                                        payment=pay(point, collector, "BL-1", "2026-03-10"))
    stopped = services.person_enroll_voluntary_si(user=tra_vinh_officer, person=other, income=5_000_000,
                                                  category="other", method="12_months", months=12,
                                                  payment=pay(point, collector, "BL-2", "2026-01-15"))
    services.enrollment_end(user=tra_vinh_officer, enrollment=stopped, on=D("2026-03-20"), reason="compulsory")
    content = exporters.d05_workbook(user=tra_vinh_officer, point=point, date_from=D("2026-03-01"),
                                     date_to=D("2026-03-31"))
    _path, ws = rows_of(content, tmp_path, "d05.xlsx")
    cells = {(c.row, c.column): c for row in ws.iter_rows() for c in row if c.value is not None}
    text = [str(c.value) for c in cells.values()]
    assert "Mã đại lý: TV-BD-01" in text and "Mã số thuế: 2100123456" in text and "Mẫu D05-TS" in text
    assert "DANH SÁCH NGƯỜI THAM GIA BHXH TỰ NGUYỆN" in text
    number_row = next(r for r in ws.iter_rows(values_only=True) if r[:3] == ("A", "B", "C"))
    assert list(number_row) == ["A", "B", "C", *[str(n) for n in range(1, 18)]]
    data = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert data == [
        (1, "Trần Thị Lan", None, "084179000777", None, "10/03/2026", "BL-1", 1_500_000, 1, "03/2026", 330_000,
         198_000, "40", 132_000, None, None, None, None, "NV001", "Hằng tháng"),
        (1, "Lê Văn Bảy", None, "084085000201", None, None, None, 5_000_000, None, "04/2026", None,
         None, None, None, None, None, None, None, "NV001", "Dừng: Chuyển sang BHXH bắt buộc"),
    ]
    headings = [r[0] for r in ws.iter_rows(values_only=True) if isinstance(r[0], str) and r[0][:2] in ("I.", "II")]
    assert headings == ["I. TĂNG", "I.1. Người tham gia đóng BHXH tự nguyện", "II. GIẢM"]
    cid = next(c for c in cells.values() if c.value == "084179000777")
    assert (cid.data_type, cid.number_format) == ("s", "@")


def test_d05_imports_back_unchanged(tmp_path, tra_vinh_officer, commune, point, collector, settings):
    settings.MEDIA_ROOT = tmp_path
    person = make_person(tra_vinh_officer, commune, full_name="Trần Thị Lan", born="1979-03-08", sex="F",
                         citizen_id="084179000777")
    make_status(tra_vinh_officer, person)
    services.person_enroll_voluntary_si(user=tra_vinh_officer, person=person, income=1_500_000, category="near_poor",
                                        method="monthly", months=1, payment=pay(point, collector, "BL-1", "2026-03-10"))
    content = exporters.d05_workbook(user=tra_vinh_officer, point=point, date_from=D("2026-03-01"),
                                     date_to=D("2026-03-31"))
    path, _ws = rows_of(content, tmp_path, "d05.xlsx")
    run = import_people(path, user=tra_vinh_officer)
    assert (run.layout, run.rows_read, run.rows_unchanged, run.rows_rejected) == ("d05", 1, 1, 0)


def test_a_d05_list_enrolls_registered_people(tmp_path, tra_vinh_officer, commune, point, collector, settings):
    """An official's D05-TS (exported elsewhere) enrolls people already registered; amounts checked."""
    settings.MEDIA_ROOT = tmp_path
    person = make_person(tra_vinh_officer, commune, full_name="Trần Thị Lan", born="1979-03-08", sex="F",
                         citizen_id="084179000777")
    make_status(tra_vinh_officer, person)
    services.person_enroll_voluntary_si(user=tra_vinh_officer, person=person, income=1_500_000, category="near_poor",
                                        method="monthly", months=1, payment=pay(point, collector, "BL-1", "2026-03-10"))
    content = exporters.d05_workbook(user=tra_vinh_officer, point=point, date_from=D("2026-03-01"),
                                     date_to=D("2026-03-31"))
    path, _ws = rows_of(content, tmp_path, "d05.xlsx")
    from ansinh.enrollment.models import Contribution, Enrollment, Receipt

    Contribution.objects.all().delete()  # as if the list came from another system: the person only is known
    Receipt.objects.all().delete()
    Enrollment.objects.all().delete()
    run = import_people(path, user=tra_vinh_officer)
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (1, 1, 0)
    enrollment = person.enrollments.get()
    assert (enrollment.vsi_category, enrollment.income, enrollment.start_date) == ("near_poor", 1_500_000,
                                                                                   D("2026-03-01"))
    assert enrollment.contributions.get().amount_paid == 198_000


def test_d03_lists_household_members_with_cards(tmp_path, tra_vinh_officer, commune, point, collector, settings):
    settings.MEDIA_ROOT = tmp_path
    members = [MemberInput("Thạch Văn Sơn", D("1970-05-01"), "M", "head", "084070000101"),
               MemberInput("Kim Thị Hoa", D("1972-08-09"), "F", "spouse", "084172000102"),
               MemberInput("Thạch Minh Tú", D("2001-01-20"), "M", "child", "084201000103")]
    services.household_join(user=tra_vinh_officer, commune=commune, members=members, months=12, code="HGD-1",
                            payment=pay(point, collector, "BL-H1", "2024-09-01"))
    content = exporters.d03_workbook(user=tra_vinh_officer, point=point, date_from=D("2024-09-01"),
                                     date_to=D("2024-09-30"))
    path, ws = rows_of(content, tmp_path, "d03.xlsx")
    data = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert [(r[1], r[4], r[5], r[7], r[8], r[10], r[11], r[12], r[13], r[14]) for r in data] == [
        ("Thạch Văn Sơn", "084070000101", "Nam", "HGD-1", "GD", "BL-H1", 12, "01/10/2024", "30/09/2025", 1_263_600),
        ("Kim Thị Hoa", "084172000102", "Nữ", "HGD-1", "GD", "BL-H1", 12, "01/10/2024", "30/09/2025", 884_520),
        ("Thạch Minh Tú", "084201000103", "Nam", "HGD-1", "GD", "BL-H1", 12, "01/10/2024", "30/09/2025", 758_160),
    ]
    total = next(r for r in ws.iter_rows(values_only=True) if r[1] == "Cộng I")
    assert total[14] == 2_906_280
    run = import_people(path, user=tra_vinh_officer)
    assert (run.layout, run.rows_read, run.rows_unchanged, run.rows_rejected) == ("d03", 3, 3, 0)
