"""Forms of the report pages: the coverage dashboard's choices and a report pack's request."""

from django import forms

from ansinh.core.forms import date_field
from ansinh.core.pickers import PickerField
from ansinh.geo.choices import Era
from ansinh.geo.pickers import UNITS
from ansinh.plans.choices import Indicator, Structure, ValueSource

ERA_CHOICES = [("", "Tự chọn (đơn vị hiện nay trước)"), *Era.choices]


class PackForm(forms.Form):
    """Unit, date and period of a report pack: any unit of the user's area, of either structure (a pack on a date
    after a unit ended shows it as it was, or converted to today's units)."""

    on = date_field("Tính đến ngày")
    period_start = date_field("Kỳ đánh giá từ ngày (trống = 1/1)", required=False)
    structure = forms.ChoiceField(label="Đơn vị hiển thị", choices=Structure.choices, initial=Structure.AS_OF)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = PickerField(UNITS, user=user, options={"any_date": "1"}, label="Đơn vị")
        self.order_fields(["unit"])


class DashboardForm(forms.Form):
    """Which unit, date, structure and source the dashboard shows (the unit: a search picker of the user's area, of
    either structure; a link's `era` says which structure a bare code is of)."""

    era = forms.ChoiceField(choices=ERA_CHOICES, required=False, widget=forms.HiddenInput)
    on = date_field("Tính đến ngày", required=False)
    structure = forms.ChoiceField(label="Đơn vị hiển thị", choices=Structure.choices, required=False)
    source = forms.ChoiceField(label="Nguồn số liệu", choices=ValueSource.choices, required=False)
    focus = forms.ChoiceField(label="Chỉ tiêu trên bản đồ", required=False, choices=[
        (Indicator.HI_COVERAGE, "Bao phủ BHYT"), (Indicator.SI_COVERAGE, "Bao phủ BHXH"),
        (Indicator.VOLUNTARY_SI, "BHXH tự nguyện"), (Indicator.HOUSEHOLD_HI, "BHYT hộ gia đình")])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        era = self.data.get("era") if self.is_bound else None
        options = {"any_date": "1", **({"era": era} if era in Era.values else {})}
        self.fields["unit"] = PickerField(UNITS, user=user, options=options, required=False, prefill=False,
                                          label="Đơn vị", help_text="Gõ vài chữ (không cần dấu) rồi chọn; để trống = "
                                                                    "địa bàn của bạn.")
        self.order_fields(["unit"])
