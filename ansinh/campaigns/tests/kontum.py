"""Kon Tum campaign objects for the project-wide scoping test (ansinh/web/tests/test_scoping.py).

Each builder creates what it needs (get-or-create, so calling it twice in a test is harmless); each
probe counts Kon Tum's rows so the test can tell nothing changed.
"""

import datetime as dt
import io

SLUG, CLOSED_SLUG = "kt-scoping-2023", "kt-scoping-closed-2023"
D = dt.date.fromisoformat


def _unit(code: str = "62"):
    from ansinh.geo.models import Unit

    return Unit.objects.get(era="pre2025", code=code)


def _admin():
    from ansinh.accounts.models import User

    user = User.objects.filter(username="kt_scoping_admin").first()
    if user is None:
        from ansinh.core.testing.users import make_user

        user = make_user("kt_scoping_admin", role="admin")
    return user


def _staff(code: str):
    from ansinh.geo.testing import first_commune
    from ansinh.network.models import Staff
    from ansinh.network.testing import make_staff

    return Staff.objects.filter(code=code).first() or make_staff(first_commune(_unit()), code=code,
                                                                  full_name=f"Cán bộ {code}")


def campaign():
    """An open Kon Tum campaign with a target, a team with a member, another free staff member and an import."""
    from ansinh.campaigns import services
    from ansinh.campaigns.models import Campaign, ResultImport

    found = Campaign.objects.filter(slug=SLUG).first()
    if found is not None:
        return found
    admin = _admin()
    c = services.campaign_create(user=admin, slug=SLUG, name="Ra quân Kon Tum (kiểm thử)", start_date=D("2023-07-01"),
                                 end_date=D("2023-07-31"), area=_unit())
    services.target_set(user=admin, campaign=c, unit=_unit(), scheme="voluntary_si", count=100)
    services.team_create(user=admin, campaign=c, code="KT01", name="Đội Kon Tum 1", unit=_unit(),
                         members=[_staff("KT-NV-01")])
    _staff("KT-NV-02")
    ResultImport.objects.create(campaign=c, file_name="kt.csv", sha256="0" * 64, rows_total=1, rows_rejected=1,
                                state="failed", error="Tệp thiếu cột: ngày.",
                                errors_csv="unit,date,scheme,count,Lý do lỗi\n", scope_path=_unit().path)
    return c


def closed_campaign():
    """A closed Kon Tum campaign (to reopen)."""
    from ansinh.campaigns import services
    from ansinh.campaigns.models import Campaign

    found = Campaign.objects.filter(slug=CLOSED_SLUG).first()
    if found is not None:
        return found
    c = services.campaign_create(user=_admin(), slug=CLOSED_SLUG, name="Ra quân Kon Tum đã kết thúc (kiểm thử)",
                                 start_date=D("2023-08-01"), end_date=D("2023-08-02"), area=_unit())
    return services.campaign_close(user=_admin(), campaign=c)


def slug() -> dict:
    """kwargs of a campaign URL."""
    return {"slug": campaign().slug}


def closed_slug() -> dict:
    """kwargs of the closed campaign."""
    return {"slug": closed_campaign().slug}


def team() -> dict:
    """kwargs of a team URL."""
    return {"slug": campaign().slug, "code": "KT01"}


TEAM_DAY = {"day": "2023-07-05"}


def team_day() -> dict:
    """kwargs of the team's day, its body filled with the member's cell (KT-NV-01: 2 voluntary SI)."""
    from ansinh.network.models import Staff

    kwargs = team()
    TEAM_DAY[f"r-{Staff.objects.get(code='KT-NV-01').pk}-voluntary_si"] = "2"
    return kwargs


def unit() -> dict:
    """kwargs of a campaign unit URL."""
    return {"slug": campaign().slug, "code": "62"}


def staff() -> dict:
    """kwargs of a campaign staff URL."""
    return {"slug": campaign().slug, "code": "KT-NV-01"}


def import_errors() -> dict:
    """kwargs of an import's error file."""
    c = campaign()
    return {"slug": c.slug, "pk": c.imports.first().pk}


def import_batch() -> dict:
    """kwargs of an import in the API (a failed one: it could be retried)."""
    c = campaign()
    return {"slug": c.slug, "batch": c.imports.first().pk}


def state() -> tuple:
    """Everything a write could change in Kon Tum's campaigns."""
    from ansinh.campaigns.models import (
        Activity,
        Campaign,
        Correction,
        ReportedResult,
        ResultImport,
        Target,
        Team,
        TeamMember,
    )

    kt = {"campaign__area__code": "62"}
    return (tuple(Campaign.objects.filter(area__code="62").order_by("slug").values_list("name", "status")),
            Target.objects.filter(**kt).count(), sum(Target.objects.filter(**kt).values_list("count", flat=True)),
            Team.objects.filter(**kt).count(), TeamMember.objects.filter(**kt).count(),
            Activity.objects.filter(**kt).count(), ReportedResult.objects.filter(**kt).count(),
            Correction.objects.filter(**kt).count(),
            tuple(ResultImport.objects.filter(**kt).order_by("pk").values_list("state", "attempts")))


class RewindingFile(io.BytesIO):
    """An upload the test client can send more than once (it reads from the start each time)."""

    name = "ket-qua-kon-tum.csv"

    def read(self, *args):
        self.seek(0)
        return super().read(*args)


RESULTS_FILE = RewindingFile("Mã đơn vị,Ngày,Loại hình,Số người\n62,05/07/2023,BHXH tự nguyện,4\n".encode())

PAGE_POSTS = {
    "campaigns:edit": {"name": "Ra quân Kon Tum (đổi tên)", "start_date": "2023-07-01", "end_date": "2023-07-31",
                       "area": "62"},
    "campaigns:targets": {"action": "set", "holder": "unit", "code": "62", "scheme": "household_hi", "count": "20"},
    "campaigns:teams": {"code": "KT02", "name": "Đội Kon Tum 2", "unit": "62"},
    "campaigns:team": {"action": "add", "staff": "KT-NV-02"},
    "campaigns:activities": {"day": "2023-07-05", "kind": "parade", "unit": "62", "quantity": "12"},
    "campaigns:results": {"action": "report", "unit": "62", "day": "2023-07-05", "scheme": "voluntary_si",
                          "count": "3"},
    "campaigns:report": {"action": "close"},
}
API_POSTS = {
    "campaign-targets": {"holder": "unit", "code": "62", "scheme": "household_hi", "count": 20},
    "campaign-split": {"unit": "62", "scheme": "voluntary_si", "into": "units", "by": "equal"},
    "campaign-quota": {"voluntary_si": 1, "household_hi": 2, "who": "members"},
    "campaign-teams": {"code": "KT02", "name": "Đội Kon Tum 2", "unit": "62"},
    "campaign-team": {"staff": "KT-NV-02", "action": "add"},
    "campaign-activities": {"day": "2023-07-05", "kind": "parade", "unit": "62"},
    "campaign-results": {"unit": "62", "day": "2023-07-05", "scheme": "voluntary_si", "count": 3},
    "campaign-corrections": {"unit": "62", "day": "2023-07-05", "scheme": "voluntary_si", "count": 2,
                             "reason": "Bổ sung hồ sơ giấy"},
    "campaign-imports": {"file": RESULTS_FILE},
    "campaign-close": {},
    "campaign-reopen": {"reason": "Sửa số liệu"},
}
