"""Fixtures of the network tests: Trà Vinh (old province 84) and today's Vĩnh Long (86) that took it over, their
officers and a collector, and a media folder of the test's own for error files."""

import pytest

from ansinh.core.testing.users import make_user


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Error files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def tra_vinh(unit):
    """Old Trà Vinh (pre2025/84)."""
    return unit("84", "pre2025")


@pytest.fixture
def city(unit):
    """Thành phố Trà Vinh (pre2025/84/842)."""
    return unit("842", "pre2025")


@pytest.fixture
def ward_1(unit):
    """Phường 1, thành phố Trà Vinh (pre2025, 29239)."""
    return unit("29239", "pre2025")


@pytest.fixture
def ward_4(unit):
    """Phường 4, thành phố Trà Vinh (pre2025, 29236)."""
    return unit("29236", "pre2025")


@pytest.fixture
def long_chau(unit):
    """Phường Long Châu of today's Vĩnh Long (2025, 29551)."""
    return unit("29551", "2025")


@pytest.fixture
def vinh_long_officer(unit):
    """A province officer of today's Vĩnh Long (2025/86): also answers for old Trà Vinh."""
    return make_user("vl_officer", role="province_officer", scope_unit=unit("86", "2025"))


@pytest.fixture
def collector(tra_vinh):
    """A collector of old Trà Vinh: may view staff, never manage them."""
    return make_user("tv_collector", role="collector", scope_unit=tra_vinh)


@pytest.fixture
def lam_dong_officer(unit):
    """The demo's pattern: a province officer of old Lâm Đồng (pre2025/68)."""
    return make_user("lamdong", role="province_officer", scope_unit=unit("68", "pre2025"))
