"""The calculator's adapters: members and groups, identifiers read by shape, errors turned into bodies."""

import datetime as dt

import pytest

from ansinh.calc import quotes
from ansinh.core.errors import DomainError
from ansinh.rules import RuleError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "kind", "readings"),
    [
        pytest.param("079 305 001 234", "citizen_id", {"citizen_id", "si_code"}, id="citizen-id-with-spaces"),
        pytest.param("+84 912 345 678", "phone", {"phone"}, id="international-phone"),
        pytest.param("0912345678", "phone", {"phone", "si_code"}, id="mobile-is-also-a-10-digit-code"),
        pytest.param("0123456789", "si_code", {"si_code"}, id="10-digits-not-a-mobile"),
        pytest.param("gd4841234567890", "hi_card", {"hi_card"}, id="hi-card-lower-case"),
    ],
)
def test_identify_reads_by_shape(value, kind, readings):
    result = quotes.identify(value, on=dt.date(2026, 1, 1))
    assert result["kind"] == kind
    assert {k for k in ("citizen_id", "si_code", "hi_card", "phone") if result[k]} == readings


@pytest.mark.parametrize(
    ("value", "options", "code"),
    [
        pytest.param("XX4841234567890", {}, "hi_card_unknown_group", id="unknown-card-group"),
        pytest.param("GD9841234567890", {}, "hi_card_malformed", id="benefit-level-9"),
        pytest.param("079305001234", {"sex": "M"}, "citizen_id_sex_mismatch", id="sex-mismatch"),
        pytest.param("079305001234", {"birth_date": dt.date(2006, 1, 1)}, "citizen_id_birth_year_mismatch",
                     id="year-mismatch"),
        pytest.param("0912345678", {"kind": "citizen_id"}, "citizen_id_malformed", id="forced-kind"),
        pytest.param("02838123456", {"kind": "phone"}, "phone_not_mobile", id="landline"),
    ],
)
def test_identify_refuses(value, options, code):
    with pytest.raises(RuleError) as refused:
        quotes.identify(value, on=dt.date(2026, 1, 1), **options)
    assert refused.value.code.value == code


def test_groups_fill_the_members_in_order():
    members = quotes.household_members(members=4, groups="household, student",
                                       local_groups=["", "student_ethnic_minority"])
    assert [(m.group, m.local_group) for m in members] == [
        (None, None), ("student", "student_ethnic_minority"), (None, None), (None, None)]


def test_error_body_of_a_domain_error():
    with pytest.raises(DomainError) as refused:
        quotes.household_members(members=2, groups="a,b,c")
    assert quotes.error_body(refused.value) == {
        "code": "members_mismatch", "message": "Có 3 nhóm đối tượng cho 2 thành viên.", "field": "groups"}
