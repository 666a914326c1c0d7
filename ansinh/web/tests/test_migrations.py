"""The house's migrations keep every row: staff and collection points move to `network`, the campaign link of
enrollments moves to `campaigns`, import runs move to `core` — on a database that already holds them."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("core", "0001_initial"), ("registry", "0004_household_province_index"),
          ("enrollment", "0004_participation_levels"), ("campaigns", "0002_targets_teams_results_activities")]
D = dt.date.fromisoformat


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_rows_written_before_the_house_move_are_all_there_after_it(units):
    old = _migrate(BEFORE)
    # given: a wave-1 database with a point, a collector, a campaign, one recruit of it, its counts and an import
    unit = old.get_model("geo", "Unit").objects.get(era="pre2025", code="29239")
    point = old.get_model("enrollment", "CollectionPoint").objects.create(
        code="BD-TV-01", name="Bưu điện thành phố Trà Vinh", kind="post_office", unit=unit, province_code="84")
    staff = old.get_model("enrollment", "Staff").objects.create(
        code="NV-TV-001", full_name="Phạm Thị Thu", organisation="post", unit=unit, province_code="84",
        collection_point=point)
    campaign = old.get_model("campaigns", "Campaign").objects.create(
        slug="tv-2020", name="Ra quân 2020", start_date=D("2020-07-11"), end_date=D("2020-07-12"), area=unit)
    person = old.get_model("registry", "Person").objects.create(
        full_name="Thạch Văn Sơn", name_folded="thach van son", date_of_birth=D("1970-05-01"), sex="M",
        commune=unit, province_code="84")
    enrollment = old.get_model("enrollment", "Enrollment").objects.create(
        person=person, scheme="voluntary_si", enrolled_on=D("2020-07-11"), start_date=D("2020-07-01"),
        end_date=D("2020-07-31"), collector=staff, collection_point=point, campaign=campaign, commune=unit,
        province_code="84")
    counts = old.get_model("enrollment", "RecruitmentCount").objects
    day = "2020-07-11"
    counts.create(key=f"{unit.pk}:voluntary_si:{day}:{staff.pk}:{campaign.pk}", unit=unit, province_code="84",
                  scheme="voluntary_si", day=D(day), collector=staff, campaign=campaign, count=3)
    counts.create(key=f"{unit.pk}:voluntary_si:{day}:{staff.pk}:", unit=unit, province_code="84",
                  scheme="voluntary_si", day=D(day), collector=staff, campaign=None, count=2)
    run = old.get_model("registry", "ImportRun").objects.create(kind="people", file_name="a.csv", file_sha256="0" * 64)
    old.get_model("core", "ChangeLog").objects.create(action="import", object_type="registry.importrun",
                                                      object_id=str(run.pk), object_repr="a.csv", scope_path="")
    # when: every migration runs
    executor = MigrationExecutor(connection)
    new = _migrate(executor.loader.graph.leaf_nodes())
    # then: the same rows, with the same ids, where the apps now keep them
    moved_point = new.get_model("network", "CollectionPoint").objects.get(pk=point.pk)
    moved_staff = new.get_model("network", "Staff").objects.get(pk=staff.pk)
    assert (moved_point.code, moved_staff.code, moved_staff.collection_point_id) == ("BD-TV-01", "NV-TV-001", point.pk)
    kept = new.get_model("enrollment", "Enrollment").objects.get(pk=enrollment.pk)
    assert (kept.collector_id, kept.collection_point_id) == (staff.pk, point.pk)
    link = new.get_model("campaigns", "Recruitment").objects.get(enrollment_id=enrollment.pk)
    assert (link.campaign_id, link.collector_id, link.day) == (campaign.pk, staff.pk, D(day))
    by_campaign = new.get_model("campaigns", "RecruitCount").objects.get()
    assert (by_campaign.campaign_id, by_campaign.count) == (campaign.pk, 3)
    # the recruitment roll-up keeps unit × scheme × day × collector: 3 (for the campaign) + 2 (none) = 5
    merged = new.get_model("enrollment", "RecruitmentCount").objects.get()
    assert (merged.key, merged.count) == (f"{unit.pk}:voluntary_si:{day}:{staff.pk}", 5)
    assert new.get_model("core", "ImportRun").objects.get(pk=run.pk).file_name == "a.csv"
    assert new.get_model("core", "ChangeLog").objects.get(object_id=str(run.pk)).object_type == "core.importrun"
