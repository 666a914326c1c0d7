"""Forms for entering a target or a reported figure."""

from django import forms

from ansinh.core.forms import date_field
from ansinh.core.pickers import PickerField, PickerForm
from ansinh.geo.pickers import UNITS
from ansinh.plans.choices import Authority, Indicator, Period


class _UnitForm(PickerForm):
    """A unit of the user's area, picked among those that exist on the form's date (`unit_follows`)."""

    unit_follows = ""

    def add_pickers(self, user) -> None:
        self.fields["unit"] = PickerField(UNITS, user=user, date_from=self.unit_follows, label="Đơn vị")
        self.order_fields(["unit"])


class PlanForm(_UnitForm):
    """Enter a target (of a unit that exists in the plan's year)."""

    unit_follows = "year"

    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    period = forms.ChoiceField(label="Kỳ", choices=Period.choices, initial=Period.YEAR)
    indicator = forms.ChoiceField(label="Chỉ tiêu", choices=Indicator.choices)
    value = forms.DecimalField(label="Giá trị (% hoặc số người, số tiền)", min_value=0, max_digits=18,
                               decimal_places=2)
    authority = forms.ChoiceField(label="Cơ quan giao", choices=Authority.choices)
    document = forms.CharField(label="Văn bản giao", max_length=200, required=False)
    source = forms.CharField(label="Nguồn", required=False, widget=forms.TextInput)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.TextInput)


class FigureForm(_UnitForm):
    """Enter a figure reported elsewhere (of a unit that exists on its date)."""

    unit_follows = "on"

    on = date_field("Tính đến ngày")
    indicator = forms.ChoiceField(label="Chỉ tiêu", choices=Indicator.choices)
    value = forms.DecimalField(label="Giá trị", min_value=0, max_digits=18, decimal_places=2)
    source = forms.CharField(label="Nguồn (báo cáo, bài báo)", widget=forms.TextInput)
    source_date = date_field("Ngày của nguồn", required=False)
    derived = forms.BooleanField(label="Số suy ra (không in sẵn trong nguồn)", required=False)
    printed_plan_pct = forms.DecimalField(label="Nguồn ghi đạt % kế hoạch", required=False, max_digits=8,
                                          decimal_places=2)
    printed_needed = forms.IntegerField(label="Nguồn ghi cần thêm (người)", required=False, min_value=0)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.TextInput)


class CompleteForm(_UnitForm):
    """Mark a unit's records complete from a day (its counts then come from ansinh's records alone)."""

    unit_follows = "since"

    since = date_field("Hồ sơ đầy đủ từ ngày")
    note = forms.CharField(label="Cách đối chiếu (danh sách của BHXH, ngày đối chiếu)", required=False,
                           widget=forms.TextInput)
    withdraw = forms.BooleanField(label="Bỏ đánh dấu (quay lại số báo cáo + biến động)", required=False)
