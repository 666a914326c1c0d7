"""Forms of the network pages (Vietnamese labels). The unit, the communes served and the main collection point are
search pickers of the user's area that offer what exists on the active-from date; accounts are typed by username."""

from django import forms

from ansinh.core.forms import date_field
from ansinh.core.pickers import PickerField, PickerForm
from ansinh.geo.choices import Level
from ansinh.geo.pickers import UNITS
from ansinh.network.choices import Organisation, PointKind
from ansinh.network.pickers import POINTS


class _Placed(PickerForm):
    """The fields of a staff member and a point alike: home unit, communes served, phone, active dates."""

    phone = forms.CharField(label="Điện thoại", max_length=30, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    valid_from = date_field("Hoạt động từ ngày")
    valid_until = date_field("Đến hết ngày (để trống nếu còn hoạt động)", required=False)

    def add_pickers(self, user) -> None:
        self.fields["unit"] = PickerField(UNITS, user=user, date_from="valid_from", label="Đơn vị")
        self.fields["communes"] = PickerField(UNITS, user=user, options={"level": Level.COMMUNE}, many=True,
                                              date_from="valid_from", required=False, label="Xã phục vụ")
        self.order_fields(self.field_order)


class StaffForm(_Placed):
    """Add or change a staff member (the code is fixed once created)."""

    code = forms.CharField(label="Mã nhân viên", max_length=20)
    full_name = forms.CharField(label="Họ và tên", max_length=100)
    organisation = forms.ChoiceField(label="Loại nhân viên", choices=Organisation.choices)
    username = forms.CharField(label="Tên đăng nhập (nếu nhân viên có tài khoản)", max_length=150, required=False)

    field_order = ["code", "full_name", "organisation", "phone", "valid_from", "unit", "collection_point", "communes",
                   "valid_until", "username"]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]

    def add_pickers(self, user) -> None:
        # Any point of the area, open or closed: a staff member's dates and the point's need not start together.
        self.fields["collection_point"] = PickerField(POINTS, user=user, options={"any_date": "1"}, required=False,
                                                      label="Điểm thu chính")
        super().add_pickers(user)

    @staticmethod
    def initial_for(staff) -> dict:
        """The form's values from a record."""
        return {"full_name": staff.full_name, "organisation": staff.organisation, "phone": staff.phone,
                "unit": staff.unit, "collection_point": staff.collection_point,
                "communes": sorted(staff.communes.all(), key=lambda u: u.code),
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
    bank_bin = forms.CharField(label="Mã BIN ngân hàng (VietQR)", max_length=6, required=False,
                               widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "970436"}))
    bank_account = forms.CharField(label="Số tài khoản nhận tiền", max_length=19, required=False)
    bank_account_name = forms.CharField(label="Tên tài khoản", max_length=100, required=False)

    field_order = ["code", "name", "kind", "phone", "valid_from", "unit", "address", "communes", "tax_code", "email",
                   "bank_bin", "bank_account", "bank_account_name", "valid_until"]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]

    @staticmethod
    def initial_for(point) -> dict:
        """The form's values from a record."""
        return {"name": point.name, "kind": point.kind, "phone": point.phone, "unit": point.unit,
                "address": point.address, "tax_code": point.tax_code, "email": point.email,
                "communes": sorted(point.communes.all(), key=lambda u: u.code),
                "valid_from": point.valid_from, "valid_until": point.valid_until}


class DeactivateForm(forms.Form):
    """The last day a staff member works, or a point collects."""

    until = date_field("Ngừng hoạt động sau ngày")


class ImportForm(forms.Form):
    """Upload a staff or collection point file."""

    kind = forms.ChoiceField(label="Loại dữ liệu", choices=[("staff", "Nhân viên"), ("points", "Điểm thu")],
                             initial="staff")
    file = forms.FileField(label="Tệp .xlsx hoặc .csv")
