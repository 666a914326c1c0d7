"""Migrations keep every staff and point row. 0004: each gets active dates (from 1/1/2020, or from 1/7/2025 when it
sits in a unit of today's structure, the first day such a unit existed), no end, and no communes served.
0005: each gets the folded code and name the search picker looks in."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("network", "0003_audited")]
AFTER = [("network", "0004_staff_and_points_dated")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_rows_written_before_staff_had_dates_are_all_kept(units):
    old = _migrate(BEFORE)
    unit = old.get_model("geo", "Unit").objects
    ward_1, long_chau = unit.get(era="pre2025", code="29239"), unit.get(era="2025", code="29551")
    points = old.get_model("network", "CollectionPoint").objects
    staff = old.get_model("network", "Staff").objects
    tv = points.create(code="BD-TV-01", name="Bưu điện thành phố Trà Vinh", kind="post_office", unit=ward_1,
                       province_code="84")
    vl = points.create(code="BD-VL-01", name="Bưu điện phường Long Châu", kind="post_office", unit=long_chau,
                       province_code="86")
    staff.create(code="NV-TV-001", full_name="Phạm Thị Thu", organisation="post", unit=ward_1, province_code="84",
                 collection_point=tv)
    staff.create(code="NV-VL-001", full_name="Võ Thị Hạnh", organisation="post", unit=long_chau, province_code="86",
                 collection_point=vl)
    try:
        new = _migrate(AFTER)
        kept_staff = new.get_model("network", "Staff").objects.order_by("code")
        kept_points = new.get_model("network", "CollectionPoint").objects.order_by("code")
        assert list(kept_staff.values_list("code", "collection_point__code", "valid_from", "valid_until")) == [
            ("NV-TV-001", "BD-TV-01", dt.date(2020, 1, 1), None), ("NV-VL-001", "BD-VL-01", dt.date(2025, 7, 1), None)]
        assert list(kept_points.values_list("code", "valid_from", "valid_until")) == [
            ("BD-TV-01", dt.date(2020, 1, 1), None), ("BD-VL-01", dt.date(2025, 7, 1), None)]
        assert [s.communes.count() for s in kept_staff] == [0, 0]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_rows_written_before_the_pickers_get_their_search_text(units):
    old = _migrate([("network", "0004_staff_and_points_dated")])
    ward_1 = old.get_model("geo", "Unit").objects.get(era="pre2025", code="29239")
    point = old.get_model("network", "CollectionPoint").objects.create(
        code="BD-TV-01", name="Bưu điện thành phố Trà Vinh", kind="post_office", unit=ward_1, province_code="84")
    old.get_model("network", "Staff").objects.create(code="NV-TV-001", full_name="Phạm Thị Thu", organisation="post",
                                                     unit=ward_1, province_code="84", collection_point=point)
    try:
        new = _migrate([("network", "0005_search_text")])
        assert list(new.get_model("network", "Staff").objects.values_list("code", "search_text")) == [
            ("NV-TV-001", "nv tv 001 | pham thi thu")]
        assert list(new.get_model("network", "CollectionPoint").objects.values_list("search_text", flat=True)) == [
            "bd tv 01 | buu dien thanh pho tra vinh"]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
