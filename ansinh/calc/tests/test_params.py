"""Officer-added parameter rows: a new decree is a dated row in the database, used from its date, no code change."""

import datetime as dt
from decimal import Decimal

import pytest

from ansinh.calc import quotes
from ansinh.calc.models import LocalTopUpRow, ParameterRow
from ansinh.calc.params import current_parameters, database_rows
from ansinh.calc.services import local_top_up_add, parameter_row_add
from ansinh.core.errors import DomainError, PermissionDenied
from ansinh.core.models import ChangeLog
from ansinh.rules import load_parameters

pytestmark = pytest.mark.django_db(transaction=False)

DECREE = "Nghị định 999/2026/NĐ-CP (thử)"


def _household(on: dt.date) -> int:
    return quotes.household_hi(on=on, members=3, months=12).total


def test_a_base_salary_row_from_2027_changes_quotes_from_its_date_only(admin_user):
    """Given 2,530,000 shipped from 1/7/2026, when an admin adds 2,700,000 from 1/1/2027, only later quotes move."""
    assert (_household(dt.date(2026, 12, 31)), _household(dt.date(2027, 2, 1))) == (3_142_260, 3_142_260)
    parameter_row_add(user=admin_user, name="base_salary", value=Decimal("2700000"), valid_from=dt.date(2027, 1, 1),
                      legal_ref=DECREE)
    assert _household(dt.date(2026, 12, 31)) == 3_142_260
    assert _household(dt.date(2027, 2, 1)) == 3_353_400
    quote = quotes.household_hi(on=dt.date(2027, 2, 1), members=3, months=12)
    assert quote.base_salary == 2_700_000
    assert quote.lines[0].legal_ref.startswith(DECREE)
    assert quote.rules_version.startswith(load_parameters().version + "+")


def test_current_parameters_is_the_shipped_tables_with_the_rows_in_creation_order(admin_user):
    assert current_parameters() is current_parameters()  # kept in memory while nothing changes
    assert current_parameters().rows == load_parameters().rows
    first = parameter_row_add(user=admin_user, name="base_salary", value=2_700_000, valid_from=dt.date(2027, 1, 1),
                              legal_ref=DECREE)
    fix = parameter_row_add(user=admin_user, name="base_salary", value=2_710_000, valid_from=dt.date(2027, 1, 1),
                            legal_ref=DECREE, note="sửa số nhập sai")
    first.refresh_from_db()
    fix.refresh_from_db()
    params = current_parameters()
    assert params == load_parameters().with_rows([first.to_rule(), fix.to_rule()])
    assert params.value("base_salary", dt.date(2027, 1, 1)) == Decimal("2710000")  # added last wins
    assert database_rows() == [first.to_rule(), fix.to_rule()]


def test_rows_written_by_another_process_are_seen_without_a_restart(admin_user):
    """A row inserted behind the service's back (another worker) changes the fingerprint, so it is used."""
    before = current_parameters()
    ParameterRow.objects.create(name="vsi_investment_rate_monthly_pct", value=Decimal("0.4"),
                                valid_from=dt.date(2026, 1, 1), legal_ref="Công văn BHXH VN (thử)",
                                status="CONFIRMED")
    after = current_parameters()
    assert after is not before
    quote = quotes.voluntary_si(on=dt.date(2026, 3, 1), income=1_500_000, method="missing", months=36)
    assert (quote.investment_rate_pct, quote.status.value) == (Decimal("0.4"), "CONFIRMED")


def test_a_local_top_up_row_applies_in_its_province(admin_user):
    local_top_up_add(user=admin_user, province="84", scheme="hi", group="household", percent=Decimal("20"),
                     valid_from=dt.date(2026, 1, 1), legal_ref="Nghị quyết 00/2025/NQ-HĐND tỉnh Trà Vinh (thử)")
    quote = quotes.household_hi(on=dt.date(2026, 3, 1), members=1, months=12, province="84")
    assert (quote.members[0].local_support_monthly, quote.total) == (21_060, 1_010_880)
    assert quotes.household_hi(on=dt.date(2026, 3, 1), members=1, months=12, province="62").total == 1_263_600
    assert LocalTopUpRow.objects.get().created_by == admin_user


def test_adding_a_row_is_logged_with_a_national_scope(admin_user):
    row = parameter_row_add(user=admin_user, name="hi_household_ladder_pct", key="2", value=65,
                            valid_from=dt.date(2027, 1, 1), legal_ref=DECREE, status="UNCONFIRMED")
    entry = ChangeLog.objects.get(object_type="calc.parameterrow", object_id=str(row.pk))
    assert (entry.user, entry.action, entry.scope_path) == (admin_user, "create", "")
    assert entry.changes["value"] == "65"
    assert entry.changes["key"] == "2"
    quote = quotes.household_hi(on=dt.date(2027, 2, 1), members=2, months=3)
    assert [m.contribution_monthly for m in quote.members] == [113_850, 74_003]
    assert quote.status.value == "UNCONFIRMED"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        pytest.param({"name": "salary"}, "unknown_parameter", "name", id="unknown-name"),
        pytest.param({"name": "vsi_support_pct", "key": ""}, "invalid_key", "key", id="missing-key"),
        pytest.param({"name": "vsi_support_pct", "key": "rich"}, "invalid_key", "key", id="unknown-key"),
        pytest.param({"key": "x"}, "invalid_key", "key", id="key-on-unkeyed"),
        pytest.param({"value": "-1"}, "invalid_amount", "value", id="negative"),
        pytest.param({"value": "abc"}, "invalid_amount", "value", id="not-a-number"),
        pytest.param({"value": "1.0000001"}, "invalid_amount", "value", id="too-many-decimals"),
        pytest.param({"legal_ref": "  "}, "legal_ref_required", "legal_ref", id="no-legal-ref"),
        pytest.param({"valid_until": dt.date(2026, 12, 31)}, "invalid_date_range", "valid_until",
                     id="until-before-from"),
        pytest.param({"status": "MAYBE"}, "invalid_status", "status", id="bad-status"),
    ],
)
def test_bad_rows_are_refused_with_a_reason(admin_user, changes, code, field):
    row = {"name": "base_salary", "value": "2700000", "valid_from": dt.date(2027, 1, 1), "legal_ref": DECREE,
           **changes}
    with pytest.raises(DomainError) as refused:
        parameter_row_add(user=admin_user, **row)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert ParameterRow.objects.count() == 0


@pytest.mark.parametrize("role", ["province_officer", "commune_officer", "collector", "viewer"])
def test_only_administrators_add_rows_of_the_law(unit, role):
    from ansinh.core.testing.users import make_user

    user = make_user(f"u-{role}", role=role, scope_unit=None if role == "viewer" else unit("84", "pre2025"))
    with pytest.raises(PermissionDenied):
        parameter_row_add(user=user, name="base_salary", value=1, valid_from=dt.date(2027, 1, 1), legal_ref=DECREE)
    assert ParameterRow.objects.count() == 0


@pytest.mark.parametrize("role", ["commune_officer", "collector", "viewer"])
def test_only_administrators_and_province_officers_add_a_provinces_top_up(unit, role):
    from ansinh.core.testing.users import make_user

    user = make_user(f"u-{role}", role=role, scope_unit=None if role == "viewer" else unit("84", "pre2025"))
    with pytest.raises(PermissionDenied):
        local_top_up_add(user=user, province="84", scheme="hi", group="*", percent=10, valid_from=dt.date(2027, 1, 1),
                         legal_ref=DECREE)
    assert LocalTopUpRow.objects.count() == 0


def test_the_database_refuses_rows_without_a_source_or_with_dates_backwards():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ParameterRow.objects.create(name="base_salary", value=1, valid_from=dt.date(2027, 1, 1), legal_ref="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParameterRow.objects.create(name="base_salary", value=1, valid_from=dt.date(2027, 1, 1),
                                    valid_until=dt.date(2026, 1, 1), legal_ref=DECREE)
    with pytest.raises(IntegrityError), transaction.atomic():
        LocalTopUpRow.objects.create(province="84", scheme="hi", group="*", percent=101, valid_from=dt.date(2027, 1, 1),
                                     legal_ref=DECREE)
