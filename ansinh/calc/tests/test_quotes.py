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
                                       local_groups=["", "student_ethnic_minority", "pupil+disabled_mild"],
                                       ages=["72", "", "17"])
    assert [(m.group, m.local_groups, m.age) for m in members] == [
        (None, (), 72), ("student", ("student_ethnic_minority",), None), (None, ("pupil", "disabled_mild"), 17),
        (None, (), None)]


@pytest.mark.parametrize(("options", "code", "field", "message"), [
    ({"ages": ["seventy"]}, "invalid_age", "ages", "Tuổi của người thứ 1 phải là số năm tròn từ 0 đến 150: 'seventy'."),
    ({"ages": ["²"]}, "invalid_age", "ages", "Tuổi của người thứ 1 phải là số năm tròn từ 0 đến 150: '²'."),
    ({"ages": ["-1"]}, "invalid_age", "ages", "Tuổi của người thứ 1 phải là số năm tròn từ 0 đến 150: '-1'."),
    ({"ages": ["", "151"]}, "invalid_age", "ages", "Tuổi của người thứ 2 phải là số năm tròn từ 0 đến 150: '151'."),
    ({"ages": "1,2,3"}, "members_mismatch", "ages", "Có 3 tuổi cho 2 thành viên."),
    ({"local_groups": ["", "rich"]}, "unknown_local_group", "local_groups",
     "Nhóm hỗ trợ riêng của tỉnh 'rich' (người thứ 2) không có trong danh sách."),
])
def test_members_refuse_an_age_or_a_local_group_they_cannot_use(options, code, field, message):
    with pytest.raises(DomainError) as refused:
        quotes.household_members(members=2, **options)
    assert quotes.error_body(refused.value) == {"code": code, "message": message, "field": field}


def test_error_body_of_a_domain_error():
    with pytest.raises(DomainError) as refused:
        quotes.household_members(members=2, groups="a,b,c")
    assert quotes.error_body(refused.value) == {
        "code": "members_mismatch", "message": "Có 3 nhóm đối tượng cho 2 thành viên.", "field": "groups"}
