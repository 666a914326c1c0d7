"""Kon Tum staff, collection point and import run for the project-wide scoping and route tests
(ansinh/web/tests/test_scoping.py, test_routes.py).

Each builder gets or creates what it needs, so calling it twice in a test is harmless; each probe reads the Kon Tum
rows so a test can tell nothing changed.
"""

import datetime as dt
import tempfile
from pathlib import Path

STAFF_CODE, POINT_CODE = "KT-NET-01", "KT-NET-BD"
START = dt.date(2023, 1, 1)
STAFF_EDIT = {"full_name": "Y Điêng (đã sửa)", "organisation": "bhxh", "phone": "0912345678", "unit": "62",
              "collection_point": "", "communes": "", "valid_from": "2023-01-01",
              "valid_until": "", "username": ""}
POINT_EDIT = {"name": "Bưu điện tỉnh Kon Tum (đã sửa)", "kind": "post_office", "phone": "02603862222",
              "unit": "62", "address": "", "communes": "", "tax_code": "", "email": "",
              "valid_from": "2023-01-01", "valid_until": ""}
STOP = {"until": "2026-11-30"}
API_STOP = {"valid_until": "2026-11-30"}


def _kon_tum():
    from ansinh.geo.models import Unit

    return Unit.objects.get(era="pre2025", code="62")


def staff():
    """A BHXH officer of Kon Tum, active from 1/1/2023."""
    from ansinh.network.models import Staff

    unit = _kon_tum()
    return Staff.objects.filter(code=STAFF_CODE).first() or Staff.objects.create(
        code=STAFF_CODE, full_name="Y Điêng", organisation="bhxh", unit=unit, province_code="62", valid_from=START)


def point():
    """Kon Tum's provincial post office, collecting from 1/1/2023."""
    from ansinh.network.models import CollectionPoint

    unit = _kon_tum()
    return CollectionPoint.objects.filter(code=POINT_CODE).first() or CollectionPoint.objects.create(
        code=POINT_CODE, name="Bưu điện tỉnh Kon Tum", kind="post_office", unit=unit, province_code="62",
        valid_from=START)


def staff_kwargs() -> dict:
    """kwargs of a staff page."""
    return {"pk": staff().pk}


def staff_code_kwargs() -> dict:
    """kwargs of a staff API route."""
    return {"code": staff().code}


def point_kwargs() -> dict:
    """kwargs of a collection point page."""
    return {"pk": point().pk}


def point_code_kwargs() -> dict:
    """kwargs of a collection point API route."""
    return {"code": point().code}


def run_kwargs() -> dict:
    """A Kon Tum staff import with one rejected row and its error file."""
    from ansinh.core.models import ImportRun

    path = Path(tempfile.gettempdir()) / "ansinh-kt-network" / "nhan-vien.loi.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("Mã nhân viên,Họ và tên,Lý do lỗi\nKT-X,,Dòng 2, cột “Họ và tên”: Cần ghi họ và tên.\n",
                    encoding="utf-8-sig")
    run = ImportRun.objects.filter(kind="staff", file_name="nhan-vien-kt.csv").first() or ImportRun.objects.create(
        kind="staff", layout="staff", file_name="nhan-vien-kt.csv", file_sha256="0" * 64, scope_path=_kon_tum().path,
        state="done", rows_read=1, rows_rejected=1, error_file=str(path),
        summary={"created": 0, "updated": 0, "reasons": ["Dòng 2, cột “Họ và tên”: Cần ghi họ và tên."]})
    return {"pk": run.pk}


def failed_run_kwargs() -> dict:
    """A Kon Tum staff import that failed (one a retry would queue again)."""
    from ansinh.core.models import ImportRun

    run = ImportRun.objects.filter(kind="staff", file_name="hong-kt.xlsx").first() or ImportRun.objects.create(
        kind="staff", layout="staff", file_name="hong-kt.xlsx", file_sha256="1" * 64, scope_path=_kon_tum().path,
        state="failed", error="Tệp hỏng.")
    return {"pk": run.pk}


def runs_state() -> list:
    """The state of Kon Tum's import runs (changes when one is queued again)."""
    from ansinh.core.models import ImportRun

    return list(ImportRun.objects.order_by("pk").values_list("pk", "state", "attempts"))


def staff_state() -> list:
    """What Kon Tum's staff records say."""
    from ansinh.network.models import Staff

    return list(Staff.objects.filter(unit__path__startswith="pre2025/62/").order_by("code")
                .values_list("code", "full_name", "phone", "valid_until"))


def point_state() -> list:
    """What Kon Tum's collection point records say."""
    from ansinh.network.models import CollectionPoint

    return list(CollectionPoint.objects.filter(unit__path__startswith="pre2025/62/").order_by("code")
                .values_list("code", "name", "phone", "valid_until"))
