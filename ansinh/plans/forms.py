"""Forms for entering a target or a reported figure."""

from django import forms

from ansinh.core.forms import date_field
from ansinh.geo.choices import Era
from ansinh.plans.choices import Authority, Indicator, Period

ERA_CHOICES = [("", "Tự chọn (đơn vị hiện nay trước)"), *Era.choices]


class UnitField(forms.Form):
    """A unit by GSO code and structure."""

    unit_code = forms.CharField(label="Mã đơn vị", max_length=5)
    unit_era = forms.ChoiceField(label="Cơ cấu", choices=[("pre2025", "Trước 1/7/2025"), ("2025", "Từ 1/7/2025"),
                                                          ("", "Toàn quốc")], required=False)


class PlanForm(UnitField):
    """Enter a target."""

    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    period = forms.ChoiceField(label="Kỳ", choices=Period.choices, initial=Period.YEAR)
    indicator = forms.ChoiceField(label="Chỉ tiêu", choices=Indicator.choices)
    value = forms.DecimalField(label="Giá trị (% hoặc số người, số tiền)", min_value=0, max_digits=18,
                               decimal_places=2)
    authority = forms.ChoiceField(label="Cơ quan giao", choices=Authority.choices)
    document = forms.CharField(label="Văn bản giao", max_length=200, required=False)
    source = forms.CharField(label="Nguồn", required=False, widget=forms.TextInput)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.TextInput)


class FigureForm(UnitField):
    """Enter a figure reported elsewhere."""

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
