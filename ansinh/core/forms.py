"""Form pieces every app's pages share: the date input, shown and typed dd/mm/yyyy on every phone."""

import datetime as dt
import re

from django import forms

DATE_FORMATS = ["%d/%m/%Y", "%d%m%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
DATE_HELP = "Ngày/tháng/năm, ví dụ 01/07/2025 (hoặc gõ liền 01072025)."


class DateInput(forms.DateInput):
    """A date shown and typed dd/mm/yyyy whatever the browser's language.

    A type="date" input follows the phone's locale (mm/dd/yyyy on an English phone), so this is a text
    input with a numeric keyboard; 22/7/2023, 22072023 and 2023-07-22 are all read (`DATE_FORMATS`).
    """

    input_type = "text"

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off",
                                "class": "date-input", **(attrs or {})}, format="%d/%m/%Y", **kwargs)


def date_field(label: str, **kwargs) -> forms.DateField:
    """A date field read in `DATE_FORMATS`, shown dd/mm/yyyy, with a Vietnamese message for a bad date."""
    kwargs.setdefault("error_messages", {"invalid": "Ngày không hợp lệ: hãy ghi ngày/tháng/năm, ví dụ 01/07/2025."})
    return forms.DateField(label=label, input_formats=DATE_FORMATS, widget=DateInput(), **kwargs)


def read_date(text) -> dt.date | None:
    """A date typed in any of `DATE_FORMATS` (a query parameter, say), or None."""
    value = str(text or "").strip()
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, form).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


MONEY = re.compile(r"\d+|\d{1,3}(?:([.,\s])\d{3})(?:\1\d{3})*")


class MoneyField(forms.IntegerField):
    """An amount in đồng typed as officers write it: 3.000.000, 3 000 000, 3,000,000 or 3000000, "đ" or "đồng" after
    it allowed. Anything else — a decimal part ("3.000.000,00", "1,5"), "3,5 triệu", mixed separators — is refused
    with the reason rather than guessed."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 10**13)
        kwargs.setdefault("error_messages", {
            "invalid": "Số tiền không hợp lệ: ghi số đồng, ví dụ 3.000.000.",
            "min_value": "Số tiền phải lớn hơn 0.", "max_value": "Số tiền quá lớn."})
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return {"inputmode": "numeric", "autocomplete": "off", "placeholder": "3.000.000"}

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().removesuffix("đồng").removesuffix("đ").strip()
            if text and not MONEY.fullmatch(text):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = "".join(ch for ch in text if ch.isdigit())
        return super().to_python(value)
