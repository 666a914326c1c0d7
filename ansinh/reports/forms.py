"""Form to request a report pack."""

from django import forms

from ansinh.plans.choices import Structure


class PackForm(forms.Form):
    """Unit, date and period of a report pack."""

    unit_code = forms.CharField(label="Mã đơn vị", max_length=5, help_text="84, 62, 610, VN…")
    unit_era = forms.ChoiceField(label="Cơ cấu", required=False, choices=[
        ("pre2025", "Trước 1/7/2025"), ("2025", "Từ 1/7/2025"), ("", "Toàn quốc / tự chọn")])
    on = forms.DateField(label="Tính đến ngày", widget=forms.DateInput(attrs={"type": "date"}))
    period_start = forms.DateField(label="Kỳ đánh giá từ ngày (trống = 1/1)", required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    structure = forms.ChoiceField(label="Đơn vị hiển thị", choices=Structure.choices, initial=Structure.AS_OF)
