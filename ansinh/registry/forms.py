"""Forms of the field pages: search, a household with its members, a person, the import upload."""

import datetime as dt

from django import forms
from django.forms import formset_factory
from django.utils import timezone

from ansinh.core.forms import date_field
from ansinh.core.pickers import PickerField
from ansinh.geo.pickers import UNITS
from ansinh.registry.choices import MAJORITY_ETHNICITY, PersonStatusKind, Relation, Sex
from ansinh.rules import local_group_labels


def commune_field(user, on: dt.date) -> PickerField:
    """The commune of residence: a search picker over the communes of the user's area that exist on `on`."""
    return PickerField(UNITS, user=user, options={"level": "commune", "on": on}, label="Xã/phường nơi cư trú")


class HouseholdForm(forms.Form):
    """A new household: where it lives and its code (left empty, one is proposed)."""

    code = forms.CharField(label="Mã hộ gia đình", required=False, max_length=20,
                           help_text="Để trống: phần mềm tự cấp mã H<mã xã>-<số thứ tự>.")
    address = forms.CharField(label="Địa chỉ (thôn/ấp/khóm)", max_length=255, required=False)

    def __init__(self, *args, user, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"] = commune_field(user, today)
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
        self.fields["commune"] = commune_field(user, today)
        del self.fields["relation"]


class PersonEditForm(MemberForm):
    """Correct a person's record: identity, the SI code BHXH issued, residence (a split commune), with a reason."""

    legacy_si_code = forms.CharField(label="Mã số BHXH (10 số, do BHXH cấp)", max_length=20, required=False,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    reason = forms.CharField(label="Lý do sửa", max_length=200, required=False,
                             help_text="Ví dụ: BHXH đã cấp mã số; xã cũ chia về phường khác.")

    def __init__(self, *args, user, today: dt.date, **kwargs):
        super().__init__(*args, today=today, **kwargs)
        self.fields["commune"] = commune_field(user, today)
        del self.fields["relation"]
        self.order_fields(["full_name", "date_of_birth", "sex", "ethnicity", "citizen_id", "legacy_si_code", "phone",
                           "commune", "address", "reason"])

    @staticmethod
    def initial_for(person) -> dict:
        """The form's values from a record."""
        return {"full_name": person.full_name, "date_of_birth": person.date_of_birth, "sex": person.sex,
                "ethnicity": person.ethnicity, "citizen_id": person.citizen_id or "",
                "legacy_si_code": person.legacy_si_code or "", "phone": person.phone, "address": person.address,
                "commune": person.commune}


class PersonStatusForm(forms.Form):
    """What a person is recognised as for a year (near-poor, student, …), with the decision or list that says so."""

    person = forms.TypedChoiceField(label="Người được công nhận", coerce=int)
    kind = forms.ChoiceField(label="Đối tượng", choices=PersonStatusKind.choices)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    evidence = forms.CharField(label="Quyết định hoặc danh sách (số, ngày, cơ quan)", max_length=255,
                               help_text="Ví dụ: QĐ 15/QĐ-UBND ngày 15/1/2026 của UBND xã An Trường.")
    decided_on = date_field("Ngày quyết định", required=False)
    local_group = forms.ChoiceField(label="Nhóm hỗ trợ riêng của tỉnh (chỉ với đối tượng tỉnh hỗ trợ thêm)",
                                    required=False, choices=())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.full_name) for p in people]
        self.fields["local_group"].choices = [("", "—"), *local_group_labels().items()]

    @classmethod
    def for_person(cls, person, data=None, *, household=None) -> "PersonStatusForm":
        """The form for a person, or for any member of a household (the household page's form), this year."""
        people = list(household.members.order_by("id")) if household is not None else [person]
        return cls(data, people=people, initial={"person": person.pk, "year": timezone.localdate().year})
