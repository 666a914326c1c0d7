"""A value too long for its column ends in the error file with its row, field and reason — the rest of the file is
stored, on SQLite (which does not check lengths) as on PostgreSQL (which would refuse the row)."""

import csv

import pytest

from ansinh.enrollment.importers import import_people
from ansinh.enrollment.tests.test_importers import write_csv
from ansinh.registry.models import Person

pytestmark = pytest.mark.django_db
HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Số định danh", "Mã xã", "Cơ cấu đơn vị", "Địa chỉ"]


def test_one_over_long_name_among_5000_rows_is_refused_alone(tmp_path, tra_vinh_officer, media):
    rows = [[f"Nguyễn Văn Thử {i:04d}", "01/01/1980", "Nam", f"0840800{i:05d}", "29263", "mới", ""]
            for i in range(5000)]
    rows[2345][0] = "Nguyễn " + "Văn " * 40 + "Dài"  # 7 + 160 + 3 = 170 characters on line 2347: the column holds 100
    run = import_people(write_csv(tmp_path / "nguoi.csv", rows, HEADER), user=tra_vinh_officer)
    assert (run.state, run.rows_read, run.rows_stored, run.rows_rejected) == ("done", 5000, 4999, 1)
    assert Person.objects.count() == 4999
    with open(media / run.error_file, encoding="utf-8-sig") as handle:
        errors = list(csv.reader(handle))
    assert len(errors) == 2 and errors[1][-1] == "Dòng 2347: Họ và tên dài 170 ký tự, tối đa 100."


def test_a_page_or_api_name_too_long_is_refused_with_its_code(tra_vinh_officer, unit):
    from ansinh.core.errors import Code, DomainError
    from ansinh.registry.testing import make_person

    with pytest.raises(DomainError) as refused:
        make_person(tra_vinh_officer, unit("29263", "2025"), full_name="A" * 101, citizen_id="084080000001")
    assert (refused.value.code, refused.value.field, refused.value.message) == (
        Code.FIELD_TOO_LONG, "full_name", "Họ và tên dài 101 ký tự, tối đa 100.")
