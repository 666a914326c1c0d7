"""Forms of the payment pages: household HI, voluntary SI, renewals, ends and the D03/D05 export."""

from django import forms
from django.utils import timezone

from ansinh.core.forms import date_field
from ansinh.core.pickers import PickerField
from ansinh.enrollment.choices import ContactOutcome, EndReason, PaymentMethod, ReminderChannel
from ansinh.geo.pickers import UNITS
from ansinh.network.pickers import POINTS, STAFF
from ansinh.network.selectors import points_for, staff_for
from ansinh.rules import VSICategory

HI_MONTHS = [(3, "3 tháng"), (6, "6 tháng"), (12, "12 tháng")]
CATEGORY_CHOICES = [
    (VSICategory.OTHER.value, "Đối tượng khác"),
    (VSICategory.NEAR_POOR.value, "Thuộc hộ cận nghèo"),
    (VSICategory.POOR.value, "Thuộc hộ nghèo"),
    (VSICategory.ETHNIC_MINORITY.value, "Người dân tộc thiểu số"),
    (VSICategory.ISLAND.value, "Sống ở xã đảo, đặc khu"),
]


class PaymentFields(forms.Form):
    """Where and when the money was received: receipt, date, collection point, collector."""

    paid_on = date_field("Ngày đóng tiền")
    receipt_number = forms.CharField(label="Số biên lai", max_length=30, required=False)
    collection_point = forms.ModelChoiceField(label="Điểm thu", queryset=None, required=False)
    collector = forms.ModelChoiceField(label="Nhân viên thu", queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection_point"].queryset = points_for(user)
        self.fields["collector"].queryset = staff_for(user)
        staff = getattr(user, "staff", None) if hasattr(user, "staff") else None
        if staff is not None:
            self.fields["collector"].initial = staff.pk
            if staff.collection_point_id:
                self.fields["collection_point"].initial = staff.collection_point_id

    def clean_paid_on(self):
        """Money is recorded on the day it was received: not a day still to come."""
        paid_on = self.cleaned_data["paid_on"]
        if paid_on is not None and paid_on > timezone.localdate():
            raise forms.ValidationError("Ngày đóng tiền không được sau hôm nay.")
        return paid_on

    def saving(self) -> bool:
        """The officer pressed 'record the payment' (not just 'see the amount')."""
        return self.data.get("action") == "save"

    def clean(self):
        data = super().clean()
        if self.saving():
            if not (data.get("receipt_number") or "").strip():
                self.add_error("receipt_number", "Cần số biên lai để ghi nhận thu tiền.")
            if not data.get("collection_point"):
                self.add_error("collection_point", "Cần chọn điểm thu.")
        return data


class HouseholdPaymentForm(PaymentFields):
    """Household HI for 3/6/12 months for the chosen members."""

    months = forms.TypedChoiceField(label="Số tháng đóng", choices=HI_MONTHS, coerce=int, initial=12)
    members = forms.MultipleChoiceField(label="Thành viên tham gia", widget=forms.CheckboxSelectMultiple)

    field_order = ["members", "months", "paid_on", "receipt_number", "collection_point", "collector"]

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        people = list(household.members.order_by("id"))
        self.people = {str(p.pk): p for p in people}
        self.fields["members"].choices = [(str(p.pk), p.full_name) for p in people]
        self.fields["members"].initial = [str(p.pk) for p in people]

    def chosen(self) -> list:
        """The chosen members in household order (their rank on the ladder)."""
        keys = set(self.cleaned_data["members"])
        return [p for k, p in self.people.items() if k in keys]


class RenewForm(PaymentFields):
    """Pay a further period of an open enrollment."""

    months = forms.TypedChoiceField(label="Số tháng đóng", choices=HI_MONTHS, coerce=int, initial=12)

    field_order = ["months", "paid_on", "receipt_number", "collection_point", "collector"]

    def __init__(self, *args, months_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if months_choices is not None:
            self.fields["months"].choices = months_choices
            self.fields["months"].initial = months_choices[0][0]


class VoluntarySIForm(PaymentFields):
    """Join voluntary SI: chosen income, support category, payment method."""

    income = forms.IntegerField(label="Mức thu nhập tháng làm căn cứ đóng (đồng)", min_value=0,
                                widget=forms.NumberInput(attrs={"step": 50000, "inputmode": "numeric"}))
    category = forms.ChoiceField(label="Đối tượng được hỗ trợ", choices=CATEGORY_CHOICES)
    method = forms.ChoiceField(label="Phương thức đóng", choices=PaymentMethod.choices,
                               initial=PaymentMethod.MONTHLY)
    months = forms.IntegerField(label="Số tháng (chỉ khi đóng một lần)", min_value=1, max_value=600, required=False)

    field_order = ["income", "category", "method", "months", "paid_on", "receipt_number", "collection_point",
                   "collector"]


class EndForm(forms.Form):
    """Stop an enrollment."""

    on = date_field("Ngày dừng tham gia")
    reason = forms.ChoiceField(label="Lý do", choices=EndReason.choices)


class ContactForm(forms.Form):
    """A follow-up from the worklist and what came of it."""

    day = date_field("Ngày liên hệ")
    outcome = forms.ChoiceField(label="Kết quả", choices=ContactOutcome.choices)
    promised_on = date_field("Hẹn đóng ngày (nếu hẹn)", required=False)
    reason = forms.CharField(label="Lý do (nếu từ chối)", max_length=200, required=False)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)


class ReminderConsentForm(forms.Form):
    """A person's agreement to reminders: the channel, the phone or e-mail, the day and how it was given."""

    channel = forms.ChoiceField(label="Kênh", choices=ReminderChannel.choices)
    address = forms.CharField(label="Số điện thoại hoặc e-mail", max_length=254)
    given_on = date_field("Ngày đồng ý")
    source = forms.CharField(label="Hình thức đồng ý", max_length=120,
                             widget=forms.TextInput(attrs={"placeholder": "Tờ khai TK1-TS, cuộc gọi, Zalo OA…"}))


class CancelReceiptForm(forms.Form):
    """Cancel a receipt entered by mistake, with the reason."""

    reason = forms.CharField(label="Lý do huỷ", max_length=200,
                             widget=forms.TextInput(attrs={"placeholder": "Ví dụ: ghi nhầm người nộp, thu trùng"}))


class ExportForm(forms.Form):
    """D03-TS / D05-TS for a collection point and a period."""

    form = forms.ChoiceField(label="Biểu mẫu", choices=[("d05", "D05-TS — BHXH tự nguyện"),
                                                        ("d03", "D03-TS — BHYT hộ gia đình và nhóm khác")])
    collection_point = forms.ModelChoiceField(label="Điểm thu", queryset=None)
    date_from = date_field("Từ ngày")
    date_to = date_field("Đến ngày")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection_point"].queryset = points_for(user, "view")

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Đến ngày phải sau Từ ngày.")
        return data


class ImportForm(forms.Form):
    """Upload a file to import."""

    file = forms.FileField(label="Tệp .csv hoặc .xlsx")
    layout = forms.ChoiceField(label="Dạng tệp", choices=[
        ("auto", "Tự nhận biết"), ("people", "Mẫu ansinh (người, hộ, quá trình tham gia)"),
        ("d03", "Danh sách D03-TS"), ("d05", "Danh sách D05-TS")], initial="auto")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A file's rows may be of any date: points and communes of either structure, open or closed, are offered.
        self.fields["point"] = PickerField(POINTS, user=user, options={"any_date": "1"}, required=False,
                                           label="Điểm thu (cho dòng không ghi)")
        self.fields["commune"] = PickerField(UNITS, user=user, options={"level": "commune", "any_date": "1"},
                                             prefill=False, required=False,
                                             label="Xã (cho người mới ở dòng không ghi)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("Chỉ nhận tệp .csv hoặc .xlsx.")
        return upload


class ResidentListForm(forms.Form):
    """Upload a commune's resident list (the population database's extract) and its date."""

    file = forms.FileField(label="Danh sách cư trú (.csv hoặc .xlsx)")

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["commune"] = PickerField(UNITS, user=user, options={"level": "commune"}, label="Xã/phường")
        self.fields["listed_on"] = date_field("Ngày của danh sách (ngày trích xuất)", initial=today)
        self.order_fields(["commune", "listed_on", "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("Chỉ nhận tệp .csv hoặc .xlsx.")
        return upload

    def clean_listed_on(self):
        day = self.cleaned_data["listed_on"]
        if day > self.today:
            raise forms.ValidationError("Ngày của danh sách không được sau hôm nay.")
        return day


class ProspectAssignForm(forms.Form):
    """Give a household's prospects to a collector of the area (or take them back)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collector"] = PickerField(STAFF, user=user, prefill=False, required=False,
                                               label="Giao cho cán bộ thu (để trống: bỏ giao)")


class BankStatementForm(forms.Form):
    """Upload a collection point's bank statement."""

    file = forms.FileField(label="Sao kê tài khoản (.csv hoặc .xlsx, như ngân hàng xuất)")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"] = PickerField(POINTS, user=user, label="Điểm thu có tài khoản này")
        self.order_fields(["point", "file"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError("Chỉ nhận tệp .csv hoặc .xlsx.")
        return upload
