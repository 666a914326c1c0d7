"""Forms of the field pages: search, a household with its members, a person, the import upload."""

import datetime as dt

from django import forms
from django.forms import formset_factory

from ansinh.geo.models import Unit
from ansinh.registry.choices import MAJORITY_ETHNICITY, Relation, Sex

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
MAX_COMMUNE_CHOICES = 1500


class DateInput(forms.DateInput):
    """A date picker on phones (ISO value), typed dd/mm/yyyy accepted too."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def date_field(label: str, **kwargs) -> forms.DateField:
    """A date field accepting 22/7/2023 and 2023-07-22."""
    return forms.DateField(label=label, input_formats=DATE_FORMATS, widget=DateInput(), **kwargs)


def communes_for(user) -> list[Unit]:
    """Communes a user may register people in: those of the user's own unit (today's units for today's
    offices; the old units for an office scoped to an old province)."""
    qs = Unit.objects.filter(level="commune").select_related("parent")
    if user.scope_unit_id:
        qs = qs.filter(path__startswith=user.scope_unit.path)
    else:
        qs = qs.filter(era="2025")
    return list(qs.order_by("path")[:MAX_COMMUNE_CHOICES + 1])


def _commune_label(unit: Unit) -> str:
    """'Xã Mỹ Cẩm — Huyện Càng Long' (the district, when the unit is of the old structure)."""
    if unit.parent is not None and unit.parent.level == "district":
        return f"{unit.name} — {unit.parent.name}"
    return unit.name


class CommuneField(forms.ChoiceField):
    """A commune of the user's area: a list to choose from, or a GSO code when the area is the whole country."""

    def __init__(self, *, user, **kwargs):
        units = communes_for(user)
        self.many = len(units) > MAX_COMMUNE_CHOICES
        self.era = user.scope_unit.era if user.scope_unit_id and user.scope_unit.era else "2025"
        choices = [("", "— chọn xã/phường —")]
        if not self.many:
            choices += [(u.code, _commune_label(u)) for u in units]
        super().__init__(choices=choices, label="Xã/phường nơi cư trú", **kwargs)
        if self.many:
            self.widget = forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "Mã xã 5 chữ số"})

    def valid_value(self, value) -> bool:
        return True if self.many else super().valid_value(value)

    def clean(self, value):
        code = super().clean(value)
        unit = Unit.objects.filter(level="commune", era=self.era, code=code).first()
        if unit is None:
            raise forms.ValidationError(f"Không có xã/phường mã {code}.")
        return unit


class HouseholdForm(forms.Form):
    """A new household: where it lives and its code (left empty, one is proposed)."""

    code = forms.CharField(label="Mã hộ gia đình", required=False, max_length=20,
                           help_text="Để trống: phần mềm tự cấp mã H<mã xã>-<số thứ tự>.")
    address = forms.CharField(label="Địa chỉ (thôn/ấp/khóm)", max_length=255, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"] = CommuneField(user=user)
        self.order_fields(["commune", "address", "code"])


class MemberForm(forms.Form):
    """One member of a new household."""

    full_name = forms.CharField(label="Họ và tên", max_length=100)
    date_of_birth = date_field("Ngày sinh")
    sex = forms.ChoiceField(label="Giới tính", choices=Sex.choices)
    citizen_id = forms.CharField(label="Số định danh (12 số)", max_length=20, required=False,
                                 widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    phone = forms.CharField(label="Điện thoại", max_length=15, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    ethnicity = forms.CharField(label="Dân tộc", max_length=40, initial=MAJORITY_ETHNICITY, required=False)
    relation = forms.ChoiceField(label="Quan hệ với chủ hộ", choices=[("", "—"), *Relation.choices], required=False)

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def has_changed(self) -> bool:
        """A member row left blank (name, birth date, ID, phone) is no member, whatever the lists show."""
        keys = ("full_name", "date_of_birth", "citizen_id", "phone")
        if self.is_bound and not any((self.data.get(self.add_prefix(k)) or "").strip() for k in keys):
            return False
        return super().has_changed()

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > self.today or born.year < 1900:
            raise forms.ValidationError("Ngày sinh không hợp lệ (sau hôm nay hoặc trước 1900).")
        return born


MemberFormSet = formset_factory(MemberForm, extra=2, min_num=1, validate_min=True, max_num=20)


class PersonForm(MemberForm):
    """A single person, not (yet) in a household."""

    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)

    def __init__(self, *args, user, today: dt.date, **kwargs):
        super().__init__(*args, today=today, **kwargs)
        self.fields["commune"] = CommuneField(user=user)
        del self.fields["relation"]
