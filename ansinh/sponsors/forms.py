"""Forms of the sponsors' pages (Vietnamese labels): a sponsor, a pledge, money handed over, a card taken back,
a card paid; units are search pickers of the user's area, amounts are typed as officers write them."""

from django import forms

from ansinh.core.forms import MoneyField, date_field
from ansinh.core.pickers import PickerField, PickerForm
from ansinh.enrollment.forms import PaymentFields
from ansinh.geo.pickers import UNITS
from ansinh.sponsors.choices import CARD_MONTHS, Beneficiaries, Share, SponsorKind


class SponsorForm(PickerForm):
    """Register a sponsor."""

    kind = forms.ChoiceField(label="Loại nhà tài trợ", choices=SponsorKind.choices)
    name = forms.CharField(label="Tên nhà tài trợ", max_length=200)
    tax_code = forms.CharField(label="Mã số thuế (nếu có)", max_length=14, required=False)
    contact_name = forms.CharField(label="Người liên hệ", max_length=100, required=False)
    phone = forms.CharField(label="Điện thoại", max_length=15, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
    email = forms.EmailField(label="Thư điện tử", max_length=100, required=False)
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    field_order = ["kind", "name", "unit", "tax_code", "contact_name", "phone", "email", "address", "note"]

    def add_pickers(self, user) -> None:
        self.fields["unit"] = PickerField(UNITS, user=user, label="Đơn vị quản lý (tỉnh hoặc xã)")
        self.order_fields(self.field_order)


class PledgeForm(PickerForm):
    """Record a sponsor's pledge."""

    pledged_on = date_field("Ngày cam kết")
    beneficiaries = forms.ChoiceField(label="Hỗ trợ cho", choices=Beneficiaries.choices)
    school = forms.CharField(label="Trường (nếu hỗ trợ học sinh một trường)", max_length=200, required=False)
    amount = MoneyField(label="Số tiền cam kết (đồng)", required=False)
    cards = forms.IntegerField(label="Số thẻ cam kết", min_value=1, max_value=100_000, required=False,
                               error_messages={"invalid": "Số thẻ phải là một số nguyên, ví dụ 10.",
                                               "min_value": "Số thẻ phải từ 1 trở lên.",
                                               "max_value": "Số thẻ quá lớn (tối đa 100.000)."})
    share = forms.ChoiceField(label="Mức hỗ trợ mỗi thẻ", choices=Share.choices, initial=Share.REST)
    fixed_amount = MoneyField(label="Số tiền mỗi thẻ (nếu hỗ trợ một phần)", required=False)
    months = forms.TypedChoiceField(label="Số tháng mỗi thẻ", choices=CARD_MONTHS, coerce=int, initial=12)
    period_start = date_field("Từ ngày")
    period_end = date_field("Đến ngày")
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    field_order = ["unit", "beneficiaries", "school", "pledged_on", "amount", "cards", "share", "fixed_amount",
                   "months", "period_start", "period_end", "note"]

    def add_pickers(self, user) -> None:
        self.fields["unit"] = PickerField(UNITS, user=user, date_from="pledged_on",
                                          label="Địa bàn người được hỗ trợ (tỉnh hoặc xã)")
        self.order_fields(self.field_order)


class ReceiveForm(forms.Form):
    """Money the sponsor handed over."""

    received_on = date_field("Ngày nhận")
    amount = MoneyField(label="Số tiền (đồng)")
    reference = forms.CharField(label="Số chứng từ (ủy nhiệm chi, phiếu thu)", max_length=60, required=False)


class ListForm(forms.Form):
    """A school's list of beneficiaries to import into a pledge."""

    file = forms.FileField(label="Danh sách (.xlsx hoặc .csv): họ và tên, ngày sinh, số định danh, lớp")


class ReleaseForm(forms.Form):
    """Take a card back from a pledge."""

    reason = forms.CharField(label="Lý do thu hồi", max_length=200)


class CardPayForm(PaymentFields):
    """Pay a sponsored card: the receipt, its date and the collection point (the months are the pledge's)."""

    field_order = ["paid_on", "receipt_number", "collection_point", "collector"]
