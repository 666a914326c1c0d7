"""The dashboard reads the roll-up, never the enrollments, and its cost does not grow with the recruits."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ansinh.campaigns import services
from ansinh.campaigns.progress import campaign_progress, figures, ranking
from ansinh.geo.testing import first_commune
from ansinh.network.testing import make_staff

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("target", "achieved", "expected"),
    [
        pytest.param(700, 925, {"target": 700, "achieved": 925, "percent": Decimal("132.14"), "remaining": 0},
                     id="925-of-700"),
        pytest.param(1300, 1186, {"target": 1300, "achieved": 1186, "percent": Decimal("91.23"), "remaining": 114},
                     id="1186-of-1300"),
        pytest.param(700, 965, {"target": 700, "achieved": 965, "percent": Decimal("137.86"), "remaining": 0},
                     id="965-of-700-half-up"),
        pytest.param(None, 12, {"target": None, "achieved": 12, "percent": None, "remaining": None}, id="no-target"),
    ],
)
def test_figures(target, achieved, expected):
    assert figures(target, achieved) == expected


def test_ranking_by_percent_then_achieved_ties_share_and_untargeted_last():
    rows = [{"code": c, "all": figures(t, a)} for c, t, a in
            (("A", 10, 5), ("B", 10, 10), ("C", 20, 20), ("D", None, 50), ("E", 10, 8), ("F", 10, 10))]
    assert [(r["code"], r["rank"]) for r in ranking(rows)] == [("C", 1), ("B", 2), ("F", 2), ("E", 4), ("A", 5),
                                                               ("D", 6)]


def _national(admin_user, unit, recruits_per_staff: int):
    campaign = services.campaign_create(user=admin_user, name=f"Toàn quốc {recruits_per_staff}",
                                        start_date=D("2022-05-08"), end_date=D("2022-05-31"),
                                        area=unit("VN"))
    services.target_set(user=admin_user, campaign=campaign, unit=unit("VN"), scheme="voluntary_si", count=10_000)
    for code in ("84", "62", "68"):
        commune = first_commune(unit(code, "pre2025"))
        staff = make_staff(commune, code=f"NV-{code}-{recruits_per_staff}")
        for day in ("2022-05-08", "2022-05-09"):
            services.recruit_count_add(campaign=campaign, unit=commune, scheme="voluntary_si", day=D(day),
                                       collector=staff, amount=recruits_per_staff)
    return campaign


def test_dashboard_never_reads_enrollments_and_costs_the_same_for_more_recruits(admin_user, unit):
    small = _national(admin_user, unit, 10)
    large = _national(admin_user, unit, 10_000)
    counts = []
    for campaign in (small, large):
        with CaptureQueriesContext(connection) as queries:
            progress = campaign_progress(campaign)
        assert not [q for q in queries.captured_queries if "enrollment_enrollment" in q["sql"]]
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    assert progress.summary["voluntary_si"]["achieved"] == 60_000
    assert progress.summary["voluntary_si"]["percent"] == Decimal("600.00")
    assert len(progress.units) == 63
