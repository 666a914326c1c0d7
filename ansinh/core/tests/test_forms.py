"""Amounts typed as officers write them (`core.forms.MoneyField`): grouped or not, with "đ" or not; a decimal part
or words are refused rather than guessed."""

import pytest
from django import forms

from ansinh.core.forms import MoneyField


@pytest.mark.parametrize(("typed", "value"), [
    pytest.param("3.000.000", 3_000_000, id="dots"),
    pytest.param("3,000,000", 3_000_000, id="commas"),
    pytest.param("3 000 000", 3_000_000, id="spaces"),
    pytest.param("3000000", 3_000_000, id="plain"),
    pytest.param(" 472.800 đ", 472_800, id="with_dong_sign"),
    pytest.param("631.800 đồng", 631_800, id="with_dong_word"),
])
def test_an_amount_is_read_whole(typed, value):
    assert MoneyField().clean(typed) == value


@pytest.mark.parametrize("typed", [
    pytest.param("3.000.000,00", id="decimal_part"),
    pytest.param("3,000,000.00", id="english_decimal_part"),
    pytest.param("1,5", id="one_and_a_half"),
    pytest.param("3,5 triệu", id="words"),
    pytest.param("3.000,000", id="mixed_separators"),
    pytest.param("-5", id="negative"),
    pytest.param("abc", id="letters"),
])
def test_an_amount_that_is_not_whole_dong_is_refused(typed):
    with pytest.raises(forms.ValidationError) as exc:
        MoneyField().clean(typed)
    assert exc.value.messages == ["Số tiền không hợp lệ: ghi số đồng, ví dụ 3.000.000."]


def test_too_large_and_zero_are_refused_with_their_reasons():
    with pytest.raises(forms.ValidationError) as exc:
        MoneyField().clean("999999999999999999999")
    assert exc.value.messages == ["Số tiền quá lớn."]
    with pytest.raises(forms.ValidationError) as exc:
        MoneyField().clean("0")
    assert exc.value.messages == ["Số tiền phải lớn hơn 0."]
