"""Forms for geo pages."""

from django import forms

from ansinh.geo.choices import Indicator


class StatisticForm(forms.Form):
    """Add or correct a unit's figure for a year."""

    indicator = forms.ChoiceField(label="Chỉ tiêu", choices=Indicator.choices)
    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2100)
    value = forms.IntegerField(label="Số liệu", min_value=0)
    source = forms.CharField(label="Nguồn", max_length=2000, widget=forms.TextInput)
