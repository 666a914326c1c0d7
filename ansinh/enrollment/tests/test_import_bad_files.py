"""Files that are not what they say: refused with a Vietnamese reason before anything is read, the run marked failed
— a damaged .xlsx, a text file renamed .xlsx, and a "zip bomb" (50 MB of zeros packed into a few dozen KB)."""

import zipfile

import pytest
from django.urls import reverse

from ansinh.core.models import ImportRun
from ansinh.enrollment.importers import ImportFailed, import_people
from ansinh.registry.models import Person

pytestmark = pytest.mark.django_db


def _bomb(path):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    return path


def _damaged(path):
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # a zip's first bytes, then nothing readable
    return path


def _renamed(path):
    path.write_text("Họ và tên,Ngày sinh\nAn,1/1/1980\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("make", "reason"), [
    pytest.param(_bomb, "giải nén ra 50 MB", id="zip-bomb"),
    pytest.param(_damaged, "không phải tệp Excel .xlsx đọc được", id="damaged"),
    pytest.param(_renamed, "không phải tệp Excel .xlsx đọc được", id="csv-renamed-xlsx"),
])
def test_a_bad_file_fails_its_run_with_the_reason(tmp_path, tra_vinh_officer, media, make, reason):
    path = make(tmp_path / "danh-sach.xlsx")
    with pytest.raises(ImportFailed, match=reason):
        import_people(path, user=tra_vinh_officer)
    run = ImportRun.objects.get()
    assert (run.state, reason in run.error) == (ImportRun.Status.FAILED, True)
    assert Person.objects.count() == 0


def test_the_upload_page_says_why_in_vietnamese(client, tra_vinh_officer, tmp_path, media):
    client.force_login(tra_vinh_officer)
    with open(_bomb(tmp_path / "danh-sach.xlsx"), "rb") as handle:
        response = client.post(reverse("enrollment:import"), {"file": handle, "layout": "auto"})
    assert response.status_code == 200
    assert "không giống một bảng tính thật" in response.content.decode()
    assert not ImportRun.objects.exists()  # refused before anything was queued
