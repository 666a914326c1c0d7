"""Fixtures of the registry and enrollment tests: Trà Vinh communes, the demo's collection points and collectors."""

import datetime as dt
from pathlib import Path

import pytest

from ansinh.geo.testing import first_commune
from ansinh.geo.validity import successor
from ansinh.network.testing import make_point, make_staff

SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"
D = dt.date.fromisoformat


@pytest.fixture
def commune(unit):
    """Phường 4, thành phố Trà Vinh (the first commune of old Trà Vinh)."""
    return first_commune(unit("84", "pre2025"))


@pytest.fixture
def today_commune(commune):
    """Phường Long Đức of today's Vĩnh Long, which took over old Phường 4 on 1/7/2025."""
    return successor(commune, dt.date(2025, 7, 1))


@pytest.fixture
def point(commune):
    """A collection point in Phường 4."""
    return make_point(commune)


@pytest.fixture
def collector(commune, point):
    """A collector of that point."""
    return make_staff(commune, point=point)


@pytest.fixture
def household_of_three(tra_vinh_officer, commune):
    """A household of Phường 4: the head (with his SI code), his wife and their son, none enrolled yet."""
    from ansinh.registry.testing import make_household_of_three

    return make_household_of_three(tra_vinh_officer, commune, code="HGD-84-0001",
                                   ids=("084070000101", "084172000102", "084201000103"), head_si_code="8407000101")


@pytest.fixture
def points(unit):
    """The collection points and collectors the sample file names (BD-CL-01 / NV-CL-001, BD-TV-01 / NV-TV-001)."""
    from ansinh.geo.models import Unit

    cang_long = Unit.objects.get(era="pre2025", code="29266")
    city = Unit.objects.get(era="pre2025", code="29239")
    cl = make_point(cang_long, code="BD-CL-01", name="Bưu điện huyện Càng Long")
    tv = make_point(city, code="BD-TV-01", name="Bưu điện thành phố Trà Vinh")
    return {"BD-CL-01": cl, "BD-TV-01": tv,
            "NV-CL-001": make_staff(cang_long, code="NV-CL-001", full_name="Trần Văn Thu", point=cl),
            "NV-TV-001": make_staff(city, code="NV-TV-001", full_name="Phạm Thị Thu", point=tv)}


@pytest.fixture
def media(tmp_path, settings):
    """Error files go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
