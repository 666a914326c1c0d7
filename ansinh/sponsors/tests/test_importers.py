"""A school's list into a pledge, from the command's side (`import_beneficiaries`): a refused row keeps nothing of
what it would have recorded, and a list that is not one is refused whole."""

import csv
import datetime as dt

import pytest
from django.core.management import call_command

from ansinh.registry.models import PersonStatus
from ansinh.registry.testing import make_household, make_person
from ansinh.sponsors import services
from ansinh.sponsors.importers import import_beneficiaries
from ansinh.sponsors.models import SponsoredCard
from ansinh.sponsors.tests.conftest import SCHOOL

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Họ và tên", "Ngày sinh", "Số định danh"], *rows])
    return path


@pytest.fixture
def pledge(officer, sponsor, unit):
    return services.pledge_create(user=officer, sponsor=sponsor, unit=unit("23341", "2025"),
                                  pledged_on=D("2025-09-01"), beneficiaries="school", school=SCHOOL, cards=1,
                                  period_start=D("2025-09-01"), period_end=D("2026-08-31"))


def test_a_row_refused_by_the_pledge_keeps_no_student_status(officer, pledge, pupils, dak_pek, today, tmp_path):
    """Two newcomers without a status; the pledge has one card: the first is given it (statuses 2025 and 2026 from
    the school's list), the second is refused as the pledge is spent — and gets no status."""
    people = [make_person(officer, dak_pek, full_name=name, born=born, citizen_id=cid, ethnicity="Xơ Đăng",
                          household=make_household(officer, dak_pek, code=f"H23341-07{i}"))
              for i, (name, born, cid) in enumerate([("A Đen", "2012-06-06", "062212000777"),
                                                     ("A Bình", "2012-07-07", "062212000778")])]
    path = write(tmp_path / "ds.csv", [[p.full_name, p.date_of_birth.strftime("%d/%m/%Y"), p.citizen_id]
                                       for p in people])
    run = import_beneficiaries(path, user=officer, pledge=pledge, on=today)
    assert (run.rows_read, run.rows_stored, run.rows_rejected, run.summary["statuses"]) == (2, 1, 1, 2)
    assert run.summary["reasons"] == [f"Dòng 3: Cam kết {pledge.code} đã hết số thẻ để hỗ trợ thêm."]
    assert sorted(PersonStatus.objects.filter(person__in=people).values_list("person__full_name", "year")) == [
        ("A Đen", 2025), ("A Đen", 2026)]


def test_a_closed_pledge_refuses_every_row_and_records_nothing(officer, pledge, pupils, today, tmp_path):
    services.pledge_close(user=officer, pledge=pledge, on=today)
    path = write(tmp_path / "ds.csv", [["Y Thu", pupils[0].date_of_birth.strftime("%d/%m/%Y"), ""]])
    statuses = PersonStatus.objects.count()
    run = import_beneficiaries(path, user=officer, pledge=pledge, on=today)
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (1, 0, 1)
    assert PersonStatus.objects.count() == statuses
    assert not SponsoredCard.objects.exists()


def test_the_command_imports_a_list_and_says_what_it_did(officer, pledge, pupils, today, tmp_path, capsys):
    path = write(tmp_path / "ds.csv", [["Y Thu", pupils[0].date_of_birth.strftime("%d/%m/%Y"), pupils[0].citizen_id],
                                       ["Không Có", "01/01/2012", ""]])
    call_command("import_data", "beneficiaries", str(path), "--pledge", str(pledge.pk), "--user", officer.username)
    out = capsys.readouterr().out
    assert "ds.csv: 2 dòng — hỗ trợ thẻ cho 1 người, 0 đã được hỗ trợ từ trước, 1 dòng lỗi" in out
    assert "Dòng 3, cột “Họ và tên”: Không tìm thấy Không Có (01/01/2012)" in out
