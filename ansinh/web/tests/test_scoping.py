"""Every URL the project defines keeps a Trà Vinh officer out of Kon Tum's records.

The test walks the URL conf, so a new URL fails `test_every_url_is_classified` until it is listed
below with a way to build a Kon Tum object, or as public reference data (units are the same for
everyone; changing them is scoped).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ansinh.campaigns.tests import kontum as kt_campaign
from ansinh.core.scoping import restrict
from ansinh.enrollment.tests import kon_tum as kt_registry
from ansinh.network.tests import kontum as kt_network
from ansinh.reports.tests import kontum
from ansinh.sponsors.tests import kontum as kt_sponsors

pytestmark = pytest.mark.django_db


@dataclass
class Scoped:
    """How to reach a Kon Tum object through a URL, and how to tell it was not changed."""

    kwargs: Callable[[], dict]
    post: dict | None = None
    unchanged: Callable[[], object] | None = None


def _stat_count():
    from ansinh.geo.models import UnitStatistic

    return UnitStatistic.objects.filter(unit__code="62").count()


STAT_POST = {"indicator": "population", "year": 2030, "value": 1, "source": "thử"}

SCOPED_URLS: dict[str, Scoped] = {
    "geo:unit-statistic-add": Scoped(lambda: {"era": "pre2025", "code": "62"}, STAT_POST, _stat_count),
    "unit-statistics": Scoped(lambda: {"code": "62"}, STAT_POST, _stat_count),
    "plans:plan-delete": Scoped(lambda: kontum.plan_kwargs(), {"confirm": "1"}, lambda: kontum.plan_count()),
    "plans:figure-delete": Scoped(lambda: kontum.figure_kwargs(), {"confirm": "1"}, lambda: kontum.figure_count()),
    "plan-detail": Scoped(lambda: kontum.plan_kwargs()),
    "figure-detail": Scoped(lambda: kontum.figure_kwargs()),
    "reports:job-detail": Scoped(lambda: kontum.job_kwargs()),
    "reports:job-download": Scoped(lambda: kontum.job_file_kwargs()),
    "report-job-detail": Scoped(lambda: kontum.job_kwargs()),
    "reports:job-retry": Scoped(kontum.failed_job_kwargs, {}, kontum.jobs_state),
    "report-job-retry": Scoped(kontum.failed_job_kwargs, {}, kontum.jobs_state),
    # Campaigns (ansinh/campaigns/tests/kontum.py builds an open and a closed Kon Tum campaign).
    **{f"campaigns:{name}": Scoped(kt_campaign.slug) for name in
       ("detail", "live", "ranking", "retention", "report-pdf", "report-xlsx", "report-json")},
    **{name: Scoped(kt_campaign.slug, body, kt_campaign.state) for name, body in kt_campaign.PAGE_POSTS.items()
       if name != "campaigns:team"},
    "campaigns:team": Scoped(kt_campaign.team, kt_campaign.PAGE_POSTS["campaigns:team"], kt_campaign.state),
    "campaigns:team-day": Scoped(kt_campaign.team_day, kt_campaign.TEAM_DAY, kt_campaign.state),
    "campaigns:unit": Scoped(kt_campaign.unit),
    "campaigns:staff": Scoped(kt_campaign.staff),
    "campaigns:import-errors": Scoped(kt_campaign.import_errors),
    "campaigns:import": Scoped(kt_campaign.import_errors),
    "campaigns:import-retry": Scoped(kt_campaign.import_errors, {}, kt_campaign.state),
    "campaign-import-detail": Scoped(kt_campaign.import_batch),
    "campaign-import-retry": Scoped(kt_campaign.import_batch, {}, kt_campaign.state),
    **{name: Scoped(kt_campaign.slug) for name in
       ("campaign-detail", "campaign-progress", "campaign-ranking", "campaign-retention", "campaign-report")},
    **{name: Scoped(kt_campaign.slug, body, kt_campaign.state) for name, body in kt_campaign.API_POSTS.items()
       if name not in ("campaign-team", "campaign-reopen")},
    "campaign-team": Scoped(kt_campaign.team, kt_campaign.API_POSTS["campaign-team"], kt_campaign.state),
    "campaign-reopen": Scoped(kt_campaign.closed_slug, kt_campaign.API_POSTS["campaign-reopen"], kt_campaign.state),
    # Registry and enrollment (ansinh/enrollment/tests/kon_tum.py builds a Kon Tum household, people, receipts).
    "enrollment:person-detail": Scoped(kt_registry.person_kwargs),
    "enrollment:person-reminders": Scoped(kt_registry.person_kwargs),
    # Prospects' names are for the commune's own users (the Kon Tum province officer sees counts): GET only here;
    # test_prospects proves an outsider's POST is 404 and changes nothing.
    "enrollment:prospect-register": Scoped(kt_registry.prospect_kwargs),
    "enrollment:person-vsi": Scoped(kt_registry.vsi_person_kwargs, kt_registry.VSI, kt_registry.kon_tum_receipts),
    "enrollment:household-detail": Scoped(kt_registry.household_kwargs, kt_registry.HOUSEHOLD_PAY,
                                        kt_registry.kon_tum_receipts),
    "enrollment:household-renew": Scoped(kt_registry.household_renew_kwargs, kt_registry.HOUSEHOLD_RENEW,
                                       kt_registry.kon_tum_receipts),
    "enrollment:enrollment-renew": Scoped(kt_registry.enrollment_kwargs, kt_registry.RENEW,
                                        kt_registry.kon_tum_receipts),
    "enrollment:enrollment-end": Scoped(kt_registry.enrollment_kwargs, kt_registry.END,
                                      kt_registry.kon_tum_enrollments),
    "enrollment:enrollment-contact": Scoped(kt_registry.enrollment_kwargs, kt_registry.CONTACT,
                                          kt_registry.kon_tum_contacts),
    "enrollment-contacts": Scoped(kt_registry.enrollment_kwargs, kt_registry.CONTACT, kt_registry.kon_tum_contacts),
    "enrollment:receipt-detail": Scoped(kt_registry.receipt_kwargs),
    "enrollment:receipt-cancel": Scoped(kt_registry.cancel_kwargs, kt_registry.CANCEL, kt_registry.kon_tum_cancelled),
    "receipt-cancel": Scoped(kt_registry.cancel_kwargs, kt_registry.CANCEL, kt_registry.kon_tum_cancelled),
    "enrollment:receipt-pdf": Scoped(kt_registry.receipt_kwargs),
    "enrollment:receipt-80mm": Scoped(kt_registry.receipt_kwargs),
    "enrollment:receipt-80mm-pdf": Scoped(kt_registry.receipt_kwargs),
    "enrollment:declaration": Scoped(kt_registry.person_kwargs),
    "registry:person-status-delete": Scoped(kt_registry.status_kwargs, {}, kt_registry.kon_tum_statuses),
    "person-statuses": Scoped(kt_registry.person_kwargs, kt_registry.API_STATUS, kt_registry.kon_tum_statuses),
    "enrollment:person-edit": Scoped(kt_registry.person_edit_kwargs, kt_registry.PERSON_EDIT,
                                     kt_registry.kon_tum_people),
    "enrollment:declaration-pdf": Scoped(kt_registry.person_kwargs),
    "enrollment:import-detail": Scoped(kt_registry.run_kwargs),
    "enrollment:import-errors": Scoped(kt_registry.run_kwargs),
    "enrollment:import-retry": Scoped(kt_registry.run_kwargs, {}, kt_network.runs_state),
    "import-run-detail": Scoped(kt_registry.run_kwargs),
    "import-run-retry": Scoped(kt_registry.run_kwargs, {}, kt_network.runs_state),
    "person-detail": Scoped(kt_registry.person_kwargs),
    "person-changes": Scoped(kt_registry.person_kwargs),
    "person-voluntary-si": Scoped(kt_registry.vsi_person_kwargs, kt_registry.API_VSI, kt_registry.kon_tum_receipts),
    "person-voluntary-si-quote": Scoped(kt_registry.person_kwargs),
    "household-detail": Scoped(kt_registry.household_kwargs),
    "household-quote": Scoped(kt_registry.household_kwargs),
    "household-enroll": Scoped(kt_registry.household_kwargs, kt_registry.API_HOUSEHOLD_ENROLL,
                               kt_registry.kon_tum_receipts),
    "household-renew": Scoped(kt_registry.household_renew_kwargs, kt_registry.API_HOUSEHOLD_RENEW,
                              kt_registry.kon_tum_receipts),
    "enrollment-detail": Scoped(kt_registry.enrollment_kwargs),
    "enrollment-renew": Scoped(kt_registry.enrollment_kwargs, kt_registry.API_RENEW, kt_registry.kon_tum_receipts),
    "enrollment-end": Scoped(kt_registry.enrollment_kwargs, kt_registry.API_END, kt_registry.kon_tum_enrollments),
    "receipt-detail": Scoped(kt_registry.receipt_kwargs),
    # The field network (ansinh/network/tests/kontum.py builds a Kon Tum staff member, point and import run).
    "network:staff-detail": Scoped(kt_network.staff_kwargs, kt_network.STAFF_EDIT, kt_network.staff_state),
    "network:staff-deactivate": Scoped(kt_network.staff_kwargs, kt_network.STOP, kt_network.staff_state),
    "network:point-detail": Scoped(kt_network.point_kwargs, kt_network.POINT_EDIT, kt_network.point_state),
    "network:point-deactivate": Scoped(kt_network.point_kwargs, kt_network.STOP, kt_network.point_state),
    "network:import-detail": Scoped(kt_network.run_kwargs),
    "network:import-errors": Scoped(kt_network.run_kwargs),
    "network:import-retry": Scoped(kt_network.failed_run_kwargs, {}, kt_network.runs_state),
    "staff-detail": Scoped(kt_network.staff_code_kwargs),
    "staff-deactivate": Scoped(kt_network.staff_code_kwargs, kt_network.API_STOP, kt_network.staff_state),
    "collection-point-detail": Scoped(kt_network.point_code_kwargs),
    "collection-point-deactivate": Scoped(kt_network.point_code_kwargs, kt_network.API_STOP, kt_network.point_state),
    # Sponsors (ansinh/sponsors/tests/kontum.py builds a Kon Tum sponsor, its pledges and cards).
    "sponsors:sponsor-detail": Scoped(kt_sponsors.sponsor_kwargs, kt_sponsors.PLEDGE, kt_sponsors.state),
    "sponsors:pledge-detail": Scoped(kt_sponsors.pledge_kwargs),
    "sponsors:pledge-statement": Scoped(kt_sponsors.pledge_kwargs),
    "sponsors:pledge-thanks": Scoped(kt_sponsors.pledge_kwargs),
    "sponsors:pledge-receive": Scoped(kt_sponsors.pledge_kwargs, kt_sponsors.RECEIVE, kt_sponsors.state),
    "sponsors:pledge-give": Scoped(kt_sponsors.pledge_kwargs, kt_sponsors.GIVE, kt_sponsors.state),
    "sponsors:pledge-close": Scoped(kt_sponsors.fresh_pledge_kwargs, {}, kt_sponsors.state),
    "sponsors:pledge-import": Scoped(kt_sponsors.pledge_kwargs, kt_sponsors.LIST, kt_sponsors.state),
    "sponsors:import-detail": Scoped(kt_sponsors.failed_run_kwargs),
    "sponsors:import-retry": Scoped(kt_sponsors.failed_run_kwargs, {}, kt_sponsors.runs_state),
    "sponsors:card-pay": Scoped(kt_sponsors.fresh_card_kwargs, kt_sponsors.PAY, kt_sponsors.state),
    "sponsors:card-release": Scoped(kt_sponsors.fresh_card_kwargs, kt_sponsors.RELEASE, kt_sponsors.state),
    "sponsor-detail": Scoped(kt_sponsors.sponsor_kwargs),
    "pledge-detail": Scoped(kt_sponsors.pledge_kwargs),
    "pledge-receive": Scoped(kt_sponsors.pledge_kwargs, kt_sponsors.API_RECEIVE, kt_sponsors.state),
    "pledge-give": Scoped(kt_sponsors.pledge_kwargs, kt_sponsors.API_GIVE, kt_sponsors.state),
    "pledge-close": Scoped(kt_sponsors.fresh_pledge_kwargs, {}, kt_sponsors.state),
    "sponsored-card-detail": Scoped(kt_sponsors.fresh_card_kwargs),
    "sponsored-card-pay": Scoped(kt_sponsors.fresh_card_kwargs, kt_sponsors.API_PAY, kt_sponsors.state),
    "sponsored-card-release": Scoped(kt_sponsors.fresh_card_kwargs, kt_sponsors.API_RELEASE, kt_sponsors.state),
}
# Reference data every signed-in user may read (administrative units and their census figures), and the search
# picker, which answers only rows of the user's own area.
PUBLIC_REFERENCE = {"geo:unit-detail", "unit-detail", "pick"}


def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    """(name with its namespace, route, pattern) of every URL pattern under a resolver."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else None, prefix + str(entry.pattern), entry


def _project_patterns():
    for name, route, entry in walk(get_resolver()):
        if route.startswith("admin/"):
            continue  # Django admin: staff only, checked separately below
        if entry.pattern.regex.groups:
            yield name, route


def test_every_url_is_classified():
    unclassified = [(name, route) for name, route in _project_patterns()
                    if name not in SCOPED_URLS and name not in PUBLIC_REFERENCE]
    assert unclassified == []


@pytest.mark.parametrize("name", sorted(SCOPED_URLS))
def test_tra_vinh_officer_gets_404_for_kon_tum_objects(client, tra_vinh_officer, name):
    spec = SCOPED_URLS[name]
    url = reverse(name, kwargs=spec.kwargs())
    before = spec.unchanged() if spec.unchanged else None
    client.force_login(tra_vinh_officer)
    assert client.get(url).status_code in (404, 405)
    if spec.post is not None:
        assert client.post(url, spec.post).status_code == 404
        assert spec.unchanged() == before


@pytest.mark.parametrize("name", sorted(n for n, s in SCOPED_URLS.items() if s.post))
def test_kon_tum_officer_can_change_kon_tum_objects(client, kon_tum_officer, name):
    """The control: the same request from Kon Tum's own officer is not refused."""
    spec = SCOPED_URLS[name]
    client.force_login(kon_tum_officer)
    response = client.post(reverse(name, kwargs=spec.kwargs()), spec.post)
    assert response.status_code in (201, 202, 302)


def test_admin_site_is_closed_to_officers(client, tra_vinh_officer, unit):
    client.force_login(tra_vinh_officer)
    kon_tum = unit("62", "pre2025")
    response = client.get(f"/admin/geo/unit/{kon_tum.pk}/change/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_restrict_limits_rows_to_the_area_subtree(unit, tra_vinh_officer, kon_tum_officer, admin_user):
    from ansinh.geo.models import UnitStatistic

    qs = UnitStatistic.objects.filter(unit__level="province", unit__era="pre2025")
    assert set(restrict(qs, tra_vinh_officer).values_list("unit__code", flat=True)) == {"84"}
    assert set(restrict(qs, kon_tum_officer).values_list("unit__code", flat=True)) == {"62"}
    # 63 provinces × (the 2019 census, the 2016 labour force, 6 years of GSO's population, 7 of its labour force)
    assert restrict(qs, admin_user).count() == 63 * 15


def test_todays_province_officer_sees_the_old_provinces_merged_into_it(unit):
    from ansinh.core.testing.users import make_user
    from ansinh.geo.models import UnitStatistic

    vinh_long = make_user("vl", role="province_officer", scope_unit=unit("86", "2025"))
    codes = set(UnitStatistic.objects.restrict(vinh_long).values_list("unit__era", "unit__code"))
    assert codes == {("2025", "86"), ("pre2025", "83"), ("pre2025", "84"), ("pre2025", "86")}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        pytest.param("collector", {"view", "add"}, id="collector-adds-never-deletes"),
        pytest.param("viewer", {"view"}, id="viewer-reads-only"),
        pytest.param("province_officer", {"view", "add", "change", "delete"}, id="officer"),
    ],
)
def test_role_actions(unit, role, allowed):
    from ansinh.core.testing.users import make_user
    from ansinh.geo.models import UnitStatistic

    user = make_user(f"u-{role}", role=role, scope_unit=unit("84", "pre2025"))
    qs = UnitStatistic.objects.all()
    permitted = {a for a in ("view", "add", "change", "delete") if restrict(qs, user, a).exists()}
    assert permitted == allowed


def test_anonymous_and_inactive_users_see_nothing(unit, tra_vinh_officer):
    from django.contrib.auth.models import AnonymousUser

    from ansinh.geo.models import UnitStatistic

    assert restrict(UnitStatistic.objects.all(), AnonymousUser()).count() == 0
    tra_vinh_officer.is_active = False
    assert restrict(UnitStatistic.objects.all(), tra_vinh_officer).count() == 0
