"""Every route the project serves — each page and each API route, found by walking the URL resolver, so a new
one is covered the day it is added — asked by every role, inside and outside its area, and anonymously.

What is asserted for each (route × role): no answer is a server error; a user outside Kon Tum gets 404 for
any Kon Tum object; a Kon Tum officer (and the administrator) reaches every Kon Tum object; anonymous users
are sent to the login (pages) or refused (API) except on the public calculator and the API's schema.
The Kon Tum objects are built by the same helpers as the scoping test (test_scoping.SCOPED_URLS).
"""

import re

import pytest
from django.urls import get_resolver, reverse

from ansinh.core.testing.users import make_user
from ansinh.geo.testing import first_commune
from ansinh.web.tests.test_scoping import PUBLIC_REFERENCE, SCOPED_URLS, walk

pytestmark = pytest.mark.django_db

ROLES = ("admin", "province_officer", "commune_officer", "collector", "viewer")
# Open to everyone: signing in, the language switch, the public calculator (page and API), the API's schema.
PUBLIC = {"login", "logout", "set_language", "calc:household", "calc:voluntary-si", "calc:pension", "calc:identifier",
          "calc-household-hi", "calc-voluntary-si", "calc-pension", "calc-id", "calc-parameters",
          "calc-local-support", "api-schema", "api-docs"}
# Routes whose GET is not the way in (the form posts, or the route answers POST only).
POST_ONLY = {"logout", "set_language", "registry:person-status-delete", "sms-events", "enrollment:prospects-assign",
             "sponsors:pledge-receive", "sponsors:pledge-give", "sponsors:pledge-close", "sponsors:card-release",
             "sponsors:pledge-import", "sponsors:import-retry", "calc-local-support-end"}
# Kon Tum objects with no file to hand over yet: 404 is the right answer inside the area too.
NO_FILE_YET = {"enrollment:import-errors", "reports:job-download"}
REFERENCE_KWARGS = {"geo:unit-detail": {"era": "pre2025", "code": "62"}, "unit-detail": {"code": "62"},
                    "pick": {"name": "unit"}}


def routes() -> list[tuple[str, str, bool]]:
    """(name or path, route, takes arguments) of every route but Django's admin, once each."""
    seen, out = set(), []
    for name, route, entry in walk(get_resolver()):
        if route.startswith("admin/") or name == "api-root":
            continue
        key = name or route
        if key in seen:
            continue
        seen.add(key)
        out.append((key, route, bool(entry.pattern.regex.groups)))
    return out


def _url(name: str, route: str, has_args: bool) -> str:
    if has_args:
        spec = SCOPED_URLS.get(name)
        kwargs = spec.kwargs() if spec else REFERENCE_KWARGS[name]
        return reverse(name, kwargs=kwargs)
    if ":" in name or not re.search(r"[/^$]", name):
        return reverse(name)
    return "/" + route  # a route without a name (the /plans/ redirect)


@pytest.fixture
def kon_tum(unit):
    """One user per role answering for Kon Tum (the commune officer for the commune the Kon Tum objects are in)."""
    province = unit("62", "pre2025")
    scopes = {"admin": None, "commune_officer": first_commune(province)}
    return {role: make_user(f"kt-{role}", role=role, scope_unit=scopes.get(role, province)) for role in ROLES}


@pytest.fixture
def kon_tum_roles(unit):
    """One user per role answering for the whole of Kon Tum: the role matrix apart from the area."""
    province = unit("62", "pre2025")
    return {role: make_user(f"ktp-{role}", role=role, scope_unit=None if role == "admin" else province)
            for role in ROLES}


@pytest.fixture
def tra_vinh(unit):
    """One user per role answering for Trà Vinh: outside every Kon Tum object."""
    province = unit("84", "pre2025")
    scopes = {"commune_officer": first_commune(province)}
    return {role: make_user(f"tv-{role}", role=role, scope_unit=scopes.get(role, province))
            for role in ROLES if role != "admin"}


def test_the_walk_finds_every_page_and_api_route():
    found = routes()
    assert len(found) >= 110
    with_args = [name for name, _route, has_args in found if has_args]
    unclassified = [n for n in with_args if n not in SCOPED_URLS and n not in PUBLIC_REFERENCE]
    assert unclassified == []


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_a_kon_tum_user_without_error(client, kon_tum, role):
    client.force_login(kon_tum[role])
    failures = []
    for name, route, has_args in routes():
        url = _url(name, route, has_args)
        status = client.get(url).status_code
        if status >= 500:
            failures.append((name, status))
        elif (has_args and role in ("admin", "province_officer") and status == 404
              and name not in PUBLIC_REFERENCE | NO_FILE_YET):
            failures.append((name, "404 inside the area"))
    assert failures == []


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_every_kon_tum_object_is_404_for_a_tra_vinh_user(client, tra_vinh, role):
    client.force_login(tra_vinh[role])
    failures = []
    for name, route, has_args in routes():
        if not has_args or name in PUBLIC_REFERENCE:
            continue
        status = client.get(_url(name, route, has_args)).status_code
        if status not in (404, 405):
            failures.append((name, status))
    assert failures == []


def test_anonymous_users_reach_only_the_public_routes(client, unit):
    failures = []
    for name, route, has_args in routes():
        if name in POST_ONLY:
            continue
        public = name in PUBLIC
        if route.startswith("api/"):
            response = client.get(_url(name, route, has_args))
            refused = response.status_code in (401, 403)
        else:
            response = client.get(_url(name, route, has_args), follow=True)
            refused = any("/accounts/login/" in hop for hop, _status in response.redirect_chain)
        if response.status_code >= 500 or refused == public:
            failures.append((name, response.status_code))
    assert failures == []


# The role matrix (docs/roles-and-areas.md) as the routes need it: what each route's POST does. Every route
# that takes a POST is listed; a new one fails `test_every_post_route_names_its_action` until it is.
POST_ACTIONS = {
    "registry:person-new": "register", "registry:household-new": "register", "person-list": "register",
    "household-list": "register", "enrollment:import": "register", "enrollment:prospects-import": "register",
    "enrollment:prospects-assign": "manage_staff", "enrollment:prospect-register": "register",
    "enrollment:bank": "renew",
    "person-statuses": "change_member", "registry:person-status-new": "change_member",
    "enrollment:person-edit": "change_member", "enrollment:person-reminders": "change_member",
    "registry:person-status-delete": "change_member",
    "enrollment:person-vsi": "pay", "enrollment:household-detail": "pay", "person-voluntary-si": "pay",
    "household-enroll": "pay",
    "enrollment:household-renew": "renew", "enrollment:enrollment-renew": "renew", "household-renew": "renew",
    "enrollment-renew": "renew",
    "enrollment:enrollment-end": "end_enrollment", "enrollment-end": "end_enrollment",
    "enrollment:enrollment-contact": "renew", "enrollment-contacts": "renew",
    "enrollment:receipt-cancel": "correct_receipt", "receipt-cancel": "correct_receipt",
    "campaigns:create": "set_targets", "campaign-list": "set_targets", "campaigns:edit": "set_targets",
    "campaigns:targets": "set_targets", "campaigns:teams": "set_targets", "campaigns:team": "set_targets",
    "campaigns:report": "set_targets", "campaign-targets": "set_targets", "campaign-split": "set_targets",
    "campaign-quota": "set_targets", "campaign-teams": "set_targets", "campaign-team": "set_targets",
    "campaign-close": "set_targets", "campaign-reopen": "set_targets",
    "plans:plan-list": "set_targets", "plans:plan-delete": "set_targets", "plan-list": "set_targets",
    "campaigns:activities": "enter_results", "campaigns:results": "enter_results",
    "campaigns:team-day": "enter_results",
    "campaign-activities": "enter_results", "campaign-results": "enter_results", "campaign-imports": "enter_results",
    "campaigns:import-retry": "enter_results", "campaign-import-retry": "enter_results",
    "campaign-corrections": "enter_figures", "plans:figure-list": "enter_figures",
    "plans:figure-delete": "enter_figures", "figure-list": "enter_figures", "geo:unit-statistic-add": "enter_figures",
    "unit-statistics": "enter_figures",
    "reports:job-list": "build_report", "report-job-list": "build_report", "reports:job-retry": "build_report",
    "report-job-retry": "build_report", "enrollment:import-retry": "register", "import-run-retry": "register",
    "network:import-retry": "manage_staff",
    "network:staff-new": "manage_staff", "network:staff-detail": "manage_staff",
    "network:staff-deactivate": "manage_staff", "network:point-new": "manage_staff",
    "network:point-detail": "manage_staff", "network:point-deactivate": "manage_staff",
    "network:import": "manage_staff", "staff-list": "manage_staff", "staff-deactivate": "manage_staff",
    "collection-point-list": "manage_staff", "collection-point-deactivate": "manage_staff",
    "sponsors:sponsor-list": "manage_sponsors", "sponsors:sponsor-detail": "manage_sponsors",
    "sponsors:pledge-receive": "manage_sponsors", "sponsors:pledge-give": "manage_sponsors",
    "sponsors:pledge-close": "manage_sponsors", "sponsors:pledge-import": "manage_sponsors",
    "sponsors:import-retry": "manage_sponsors",
    "sponsors:card-release": "manage_sponsors", "sponsors:card-pay": "pay",
    "sponsor-list": "manage_sponsors", "pledge-list": "manage_sponsors", "pledge-receive": "manage_sponsors",
    "pledge-give": "manage_sponsors", "pledge-close": "manage_sponsors", "sponsored-card-release": "manage_sponsors",
    "sponsored-card-pay": "pay",
}
# Routes where a collector's right reaches only her own records (her staff record, the team she leads).
OWN_RECORDS_ROUTES = {"campaigns:team-day"}
# Routes whose records are the commune's own (prospects' personal data): users whose area is above a commune are
# refused with the reason, whatever their role (docs/prospects.md).
COMMUNE_RECORDS_ROUTES = {"enrollment:prospect-register"}
# Quotes change nothing: any role that may read the record may ask for one.
READ_ONLY_POSTS = {"person-voluntary-si-quote", "household-quote", "calc:household", "calc:voluntary-si",
                   "calc:pension", "calc:identifier", "calc-household-hi", "calc-voluntary-si", "calc-pension",
                   "calc-id"}
# The law's parameters are the administrator's alone, a province's top-ups its officers' too (calc's own checks),
# and signing in and out is for everyone.
OTHER_POSTS = {"calc:parameter-add", "calc:local-support-add", "calc:local-support-end", "calc-parameters",
               "calc-local-support", "calc-local-support-end", "login",
               "logout", "set_language", "api-schema", "api-docs",
               "sms-events"}  # the SMS gateway's callback: its token, no user


# Routes that only read (GET): pages, lists, documents and downloads.
GET_ONLY = {
    "home", "pick", "calc:parameters", "geo:unit-list", "geo:unit-detail", "registry:search",
    "enrollment:person-detail",
    "enrollment:receipt-detail", "enrollment:receipt-pdf", "enrollment:receipt-80mm", "enrollment:receipt-80mm-pdf",
    "enrollment:declaration", "enrollment:declaration-pdf", "enrollment:worklist", "enrollment:worklist-report",
    "enrollment:reminders", "enrollment:prospects",
    "enrollment:exports",
    "enrollment:import-detail", "enrollment:import-errors", "campaigns:list", "campaigns:detail", "campaigns:live",
    "campaigns:import-errors", "campaigns:import", "campaign-import-detail",
    "campaigns:ranking", "campaigns:retention", "campaigns:unit", "campaigns:staff",
    "campaigns:report-pdf", "campaigns:report-xlsx", "campaigns:report-json", "plans/", "reports:coverage",
    "reports:job-detail", "reports:job-download", "unit-list", "unit-detail", "person-detail", "person-changes",
    "household-detail", "enrollment-list", "enrollment-detail", "receipt-list",
    "receipt-detail", "expiring-card-list", "lapsed-card-list",
    "campaign-detail", "campaign-progress", "campaign-ranking",
    "campaign-report", "campaign-retention", "plan-detail", "figure-detail", "coverage", "report-job-detail",
    "network:staff-list", "network:staff-export", "network:point-list", "network:point-export", "network:import-detail",
    "network:import-errors", "staff-detail", "collection-point-detail", "import-run-list", "import-run-detail",
    "sponsors:pledge-list", "sponsors:pledge-detail", "sponsors:pledge-statement", "sponsors:pledge-thanks",
    "sponsors:import-detail",
    "sponsor-detail", "pledge-detail", "sponsored-card-list", "sponsored-card-detail",
}


def _post_body(name: str) -> dict:
    spec = SCOPED_URLS.get(name)
    return dict(spec.post) if spec is not None and spec.post is not None else {}


def test_every_route_is_in_the_matrix():
    classified = set(POST_ACTIONS) | READ_ONLY_POSTS | OTHER_POSTS | GET_ONLY
    assert [name for name, _route, _args in routes() if name not in classified] == []


@pytest.mark.parametrize("role", ROLES)
def test_the_role_matrix_holds_for_every_post_route(client, kon_tum_roles, role):
    """Allowed → not refused (201/200/302, or 400 for a body the check of the input refuses); not allowed → 403
    with the refusal in Vietnamese, whatever the body. A right on one's own records only (a collector cancels
    her own receipts, enters her own and her team's results) is refused on Kon Tum's, which are another's."""
    from ansinh.accounts.choices import OWN_ONLY, ROLE_ACTIONS

    client.force_login(kon_tum_roles[role])
    allowed = ROLE_ACTIONS[role]
    wrong = []
    for name, route, has_args in routes():
        action = POST_ACTIONS.get(name)
        if action is None:
            continue
        response = client.post(_url(name, route, has_args), _post_body(name))
        text = response.content.decode(errors="replace")
        if name in COMMUNE_RECORDS_ROUTES and action in allowed:
            if response.status_code != 403 or "chỉ cán bộ của xã" not in text:
                wrong.append((name, action, response.status_code))
        elif action in OWN_ONLY.get(role, ()) or (role == "collector" and name in OWN_RECORDS_ROUTES):
            if response.status_code != 403 or "chính mình" not in text:
                wrong.append((name, action, response.status_code))
        elif action in allowed:
            if response.status_code in (403, 404) or response.status_code >= 500:
                wrong.append((name, action, response.status_code))
        elif response.status_code != 403 or "Vai trò của bạn không được" not in text:
            wrong.append((name, action, response.status_code))
    assert wrong == [], "\n".join(map(str, wrong))
