"""Forms of the calculator pages and of the parameter tables (administrators add dated rows)."""

from collections.abc import Collection

from django import forms

from ansinh.calc.choices import (
    HI_GROUP_LABELS,
    LOCAL_GROUP_LABELS,
    PARAMETER_LABELS,
    SECTION_LABELS,
    SEX_LABELS,
    VSI_CATEGORY_LABELS,
    VSI_METHOD_LABELS,
    IdKind,
    RowStatus,
    TopUpBase,
    TopUpScheme,
)
from ansinh.calc.quotes import MAX_MEMBERS, MAX_YEARS
from ansinh.core.forms import date_field
from ansinh.rules import load_parameters
from ansinh.rules.provinces import old_provinces


def _money(placeholder: str = "") -> forms.NumberInput:
    return forms.NumberInput(attrs={"inputmode": "numeric", "step": "1", "placeholder": placeholder})


class _Plain(forms.Form):
    """Plain Vietnamese messages for number fields ("Nhập một số nguyên.")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = "Nhập một số nguyên (không có dấu chấm, dấu phẩy)."
            elif isinstance(field, forms.DateField):
                field.error_messages["invalid"] = "Nhập một ngày hợp lệ."


def province_choices() -> list:
    """Provinces by GSO code: today's 34 (they reuse old codes) and the 63 before 1/7/2025."""
    from ansinh.geo.models import Unit

    new = list(Unit.objects.filter(era="2025", level="province").order_by("name").values_list("code", "name"))
    old = sorted(old_provinces().items(), key=lambda item: item[1])
    groups: list = [("", "— Không tính hỗ trợ của tỉnh —")]
    if new:
        groups.append(("Từ 1/7/2025 (34 tỉnh, thành phố)", new))
    groups.append(("Trước 1/7/2025 (63 tỉnh, thành phố)", old))
    return groups


def _allowed_periods(name: str) -> list[tuple[int, str]]:
    params = load_parameters()
    keys = sorted(int(k) for k in params.keys(name))
    return [(k, f"{k} tháng") for k in keys]


class HouseholdForm(_Plain):
    """Household HI: date, number of people, months and province (member groups come as `group` lists)."""

    on = date_field("Ngày đóng tiền")
    members = forms.IntegerField(label="Số người tham gia", min_value=1, max_value=MAX_MEMBERS,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    months = forms.TypedChoiceField(label="Số tháng đóng", coerce=int, choices=())
    province = forms.ChoiceField(label="Tỉnh, thành phố", required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months"].choices = _allowed_periods("hi_period_allowed")
        self.fields["province"].choices = province_choices()


class VoluntarySIForm(_Plain):
    """Voluntary SI: date, income, category, method, months, province, support already used, rate."""

    on = date_field("Ngày đóng tiền")
    income = forms.IntegerField(label="Mức thu nhập tháng chọn đóng (đồng)", min_value=0,
                                widget=_money("1500000"))
    category = forms.ChoiceField(label="Đối tượng", choices=list(VSI_CATEGORY_LABELS.items()))
    method = forms.ChoiceField(label="Phương thức đóng", choices=list(VSI_METHOD_LABELS.items()))
    months = forms.IntegerField(label="Số tháng", min_value=1, max_value=120,
                                help_text="Định kỳ: 1, 3, 6, 12. Đóng trước: đến 60 tháng (nên là bội số của 12). "
                                          "Đóng bù: đến 60 tháng.",
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    province = forms.ChoiceField(label="Tỉnh, thành phố", required=False, choices=())
    support_months_used = forms.IntegerField(label="Số tháng đã được Nhà nước hỗ trợ", min_value=0, required=False,
                                             widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    rate = forms.DecimalField(label="Lãi suất đầu tư tháng (%) — để trống dùng bảng tham số", required=False,
                              min_value=0, max_value=99, decimal_places=4,
                              widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = province_choices()


class PensionForm(_Plain):
    """Pension estimate: sex, years and months paid, average income, date; birth date and pre-2014 months."""

    on = date_field("Ngày nghỉ hưu (ngày tính)")
    sex = forms.ChoiceField(label="Giới tính", choices=list(SEX_LABELS.items()), widget=forms.RadioSelect)
    years = forms.IntegerField(label="Số năm đã đóng", min_value=0, max_value=MAX_YEARS,
                               widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    months = forms.IntegerField(label="Số tháng lẻ", min_value=0, max_value=11, required=False,
                                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    average_income = forms.IntegerField(label="Bình quân thu nhập tháng đóng BHXH (Mbq, đồng)", min_value=0,
                                        widget=_money("3000000"))
    birth_date = date_field("Ngày sinh (để kiểm tra tuổi nghỉ hưu)", required=False)
    joined_before_2021 = forms.BooleanField(label="Tham gia BHXH tự nguyện trước 1/1/2021", required=False)
    months_before_2014 = forms.IntegerField(label="Số tháng đóng trước 2014 (cho BHXH một lần)", min_value=0,
                                            required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    state_support_received = forms.IntegerField(label="Số tiền Nhà nước đã hỗ trợ đóng (đồng)", min_value=0,
                                                required=False, widget=_money())


class IdentifierForm(_Plain):
    """An identifier to decode, with an optional birth date and sex to check a personal ID against."""

    value = forms.CharField(label="Số định danh, mã số BHXH, mã thẻ BHYT hoặc số điện thoại", max_length=40,
                            widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                                          "placeholder": "079305001234"}))
    kind = forms.ChoiceField(label="Loại mã", choices=IdKind.choices, required=False)
    birth_date = date_field("Ngày sinh (để đối chiếu)", required=False)
    sex = forms.ChoiceField(label="Giới tính (để đối chiếu)", required=False,
                            choices=[("", "—"), *SEX_LABELS.items()])


def _parameter_name_choices() -> list:
    names = load_parameters().names()
    groups = []
    for code, label in SECTION_LABELS.items():
        options = [(n, f"{PARAMETER_LABELS[n][0]} ({n})") for n in PARAMETER_LABELS if PARAMETER_LABELS[n][2] == code
                   and n in names]
        if options:
            groups.append((label, options))
    rest = [(n, n) for n in names if n not in PARAMETER_LABELS]
    if rest:
        groups.append(("Khác", rest))
    return groups


class ParameterRowForm(_Plain):
    """A new dated parameter row, as an administrator types it from a decree."""

    name = forms.ChoiceField(label="Tham số", choices=())
    key = forms.CharField(label="Khóa (nhóm, giới tính, thứ tự…) — để trống nếu tham số không có khóa",
                          required=False, max_length=60, widget=forms.TextInput(attrs={"list": "parameter-keys"}))
    value = forms.DecimalField(label="Giá trị (phần trăm ghi số phần trăm: 4,5% ghi 4.5)", max_digits=18,
                               decimal_places=6, widget=forms.NumberInput(attrs={"step": "any",
                                                                                 "inputmode": "decimal"}))
    valid_from = date_field("Áp dụng từ ngày")
    valid_until = date_field("Đến hết ngày (để trống nếu chưa biết)", required=False)
    legal_ref = forms.CharField(label="Căn cứ pháp lý (số hiệu văn bản, điều, khoản)", max_length=300)
    status = forms.ChoiceField(label="Trạng thái", choices=RowStatus.choices, initial=RowStatus.CONFIRMED)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].choices = _parameter_name_choices()


class TopUpRowForm(_Plain):
    """A new provincial top-up row from an HĐND resolution (in force from its date of entry into force)."""

    province = forms.ChoiceField(label="Tỉnh, thành phố", choices=())
    scheme = forms.ChoiceField(label="Chế độ", choices=TopUpScheme.choices)
    group = forms.CharField(label="Nhóm đối tượng (mã nhóm, hoặc * cho mọi nhóm)", max_length=60,
                            widget=forms.TextInput(attrs={"list": "top-up-groups"}))
    percent = forms.DecimalField(label="Tỷ lệ hỗ trợ thêm (%)", min_value=0, max_value=100, decimal_places=3,
                                 widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
    base = forms.ChoiceField(label="Tính trên", choices=TopUpBase.choices)
    age_from = forms.IntegerField(label="Từ đủ … tuổi (để trống: mọi tuổi)", min_value=0, max_value=150,
                                  required=False)
    age_below = forms.IntegerField(label="Đến dưới … tuổi", min_value=1, max_value=150, required=False)
    valid_from = date_field("Ngày nghị quyết có hiệu lực (không phải ngày thông qua)")
    valid_until = date_field("Đến hết ngày", required=False)
    max_months = forms.IntegerField(label="Số tháng hỗ trợ tối đa (để trống: như hỗ trợ của Nhà nước)",
                                    min_value=0, required=False)
    legal_ref = forms.CharField(label="Căn cứ pháp lý (số hiệu nghị quyết)", max_length=300)
    status = forms.ChoiceField(label="Trạng thái", choices=RowStatus.choices, initial=RowStatus.CONFIRMED)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, provinces: Collection[str] | None = None, **kwargs):
        """`provinces`: the codes the user keeps (None = all)."""
        super().__init__(*args, **kwargs)
        groups = [(label, [c for c in codes if provinces is None or c[0] in provinces])
                  for label, codes in province_choices() if label and not isinstance(codes, str)]
        self.fields["province"].choices = [(label, codes) for label, codes in groups if codes]


class TopUpEndForm(_Plain):
    """End a provincial top-up in force: its last day and the act that ends it."""

    province = forms.CharField(max_length=3, widget=forms.HiddenInput)
    scheme = forms.ChoiceField(choices=TopUpScheme.choices, widget=forms.HiddenInput)
    group = forms.CharField(max_length=60, widget=forms.HiddenInput)
    age_from = forms.IntegerField(required=False, min_value=0, max_value=150, widget=forms.HiddenInput)
    age_below = forms.IntegerField(required=False, min_value=1, max_value=150, widget=forms.HiddenInput)
    last_day = date_field("Ngày cuối cùng được hỗ trợ")
    legal_ref = forms.CharField(label="Căn cứ (nghị quyết bãi bỏ, thay thế, hoặc hết thời hạn)", max_length=300)
    note = forms.CharField(label="Ghi chú", required=False, max_length=500)


HI_GROUP_CHOICES = list(HI_GROUP_LABELS.items())
LOCAL_GROUP_CHOICES = [("", "Không"), *LOCAL_GROUP_LABELS.items()]
