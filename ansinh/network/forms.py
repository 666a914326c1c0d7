"""Forms of the network pages (Vietnamese labels). Units, points, communes and accounts are entered by code."""

from django import forms

from ansinh.core.forms import date_field
from ansinh.geo.choices import Era
from ansinh.network.choices import Organisation, PointKind

ERA_CHOICES = [(Era.FROM_2025, "Mới (34 tỉnh, từ 1/7/2025)"), (Era.PRE_2025, "Cũ (63 tỉnh, đến 30/6/2025)")]
CODE_HELP = "Mã GSO: tỉnh 2 chữ số, huyện 3, xã 5 (ví dụ 68, 672, 24820)."


class _Placed(forms.Form):
    """The fields of a staff member and a point alike: home unit, communes served, phone, active dates."""

    unit_code = forms.CharField(label="Mã đơn vị", max_length=5, help_text=CODE_HELP,
                                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    era = forms.ChoiceField(label="Cơ cấu đơn vị", choices=ERA_CHOICES, initial=Era.FROM_2025)
    communes = forms.CharField(label="Xã phục vụ (mã xã, cách nhau bởi dấu ; hoặc ,)", max_length=2000,
                               required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    valid_from = date_field("Hoạt động từ ngày")
    valid_until = date_field("Đến hết ngày (để trống nếu còn hoạt động)", required=False)


class StaffForm(_Placed):
    """Add or change a staff member (the code is fixed once created)."""

    code = forms.CharField(label="Mã nhân viên", max_length=20)
    full_name = forms.CharField(label="Họ và tên", max_length=100)
    organisation = forms.ChoiceField(label="Loại nhân viên", choices=Organisation.choices)
    collection_point = forms.CharField(label="Mã điểm thu chính", max_length=20, required=False)
    username = forms.CharField(label="Tên đăng nhập (nếu nhân viên có tài khoản)", max_length=150, required=False)

    field_order = ["code", "full_name", "organisation", "phone", "unit_code", "era", "collection_point", "communes",
                   "valid_from", "valid_until", "username"]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]

    @staticmethod
    def initial_for(staff) -> dict:
        """The form's values from a record."""
        return {"full_name": staff.full_name, "organisation": staff.organisation, "phone": staff.phone,
                "unit_code": staff.unit.code, "era": staff.unit.era or Era.FROM_2025,
                "collection_point": staff.collection_point.code if staff.collection_point else "",
                "communes": "; ".join(sorted(u.code for u in staff.communes.all())),
                "valid_from": staff.valid_from, "valid_until": staff.valid_until,
                "username": staff.user.username if staff.user else ""}


class PointForm(_Placed):
    """Add or change a collection point (the code is fixed once created)."""

    code = forms.CharField(label="Mã điểm thu", max_length=20)
    name = forms.CharField(label="Tên điểm thu", max_length=200)
    kind = forms.ChoiceField(label="Loại điểm thu", choices=PointKind.choices)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    tax_code = forms.CharField(label="Mã số thuế", max_length=20, required=False)
    email = forms.CharField(label="Email", max_length=100, required=False)

    field_order = ["code", "name", "kind", "phone", "unit_code", "era", "address", "communes", "tax_code", "email",
                   "valid_from", "valid_until"]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]

    @staticmethod
    def initial_for(point) -> dict:
        """The form's values from a record."""
        return {"name": point.name, "kind": point.kind, "phone": point.phone, "unit_code": point.unit.code,
                "era": point.unit.era or Era.FROM_2025, "address": point.address, "tax_code": point.tax_code,
                "email": point.email, "communes": "; ".join(sorted(u.code for u in point.communes.all())),
                "valid_from": point.valid_from, "valid_until": point.valid_until}


class DeactivateForm(forms.Form):
    """The last day a staff member works, or a point collects."""

    until = date_field("Ngừng hoạt động sau ngày")


class ImportForm(forms.Form):
    """Upload a staff or collection point file."""

    kind = forms.ChoiceField(label="Loại dữ liệu", choices=[("staff", "Nhân viên"), ("points", "Điểm thu")],
                             initial="staff")
    file = forms.FileField(label="Tệp .xlsx hoặc .csv")
