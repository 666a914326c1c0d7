"""The demo users: one per role, over the demo provinces."""

from dataclasses import dataclass

from ansinh.accounts.services import user_ensure
from ansinh.geo.models import Unit

DEMO_PASSWORD = "ansinh-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    """A demo login shown to the newcomer."""

    username: str
    full_name: str
    role: str
    era: str
    unit_code: str | None


DEMO_USERS = [
    DemoUser("admin", "Quản trị Hệ thống", "admin", "", None),
    DemoUser("travinh", "Nguyễn Văn Trà", "province_officer", "pre2025", "84"),
    DemoUser("kontum", "Y Blơng Kon", "province_officer", "pre2025", "62"),
    DemoUser("lamdong", "Trần Thị Lâm", "province_officer", "pre2025", "68"),
    DemoUser("vinhlong", "Lê Văn Long", "province_officer", "2025", "86"),
    DemoUser("longduc", "Thạch Thị Đức", "commune_officer", "2025", "29263"),
    DemoUser("thuvien", "Phạm Thị Thu", "collector", "pre2025", "84"),
    DemoUser("xem", "Hoàng Văn Xem", "viewer", "", None),
]


def load_demo_users(stdout=None) -> list[DemoUser]:
    """Create the demo users if missing."""
    for demo in DEMO_USERS:
        unit = Unit.objects.get(era=demo.era, code=demo.unit_code) if demo.unit_code else None
        user_ensure(username=demo.username, password=DEMO_PASSWORD, role=demo.role, scope_unit=unit,
                    full_name=demo.full_name)
    return DEMO_USERS
