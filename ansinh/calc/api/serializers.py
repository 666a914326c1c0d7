"""Serializers of the calculator API: what each calculation takes and returns (also the CLI's --json shape)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ansinh.calc.choices import IdKind, RowStatus, TopUpBase, TopUpScheme
from ansinh.calc.quotes import split_list


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """A number passed through as it is: 55 stays 55, 4.5 stays 4.5 (no strings, no 55.0)."""

    def to_representation(self, value):
        return value


class CommaListField(serializers.ListField):
    """A list given as repeated query parameters, a JSON array, or one comma-separated string."""

    child = serializers.CharField(allow_blank=True, max_length=60)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = [data]
        return split_list(super().to_internal_value(data))


# ---------------------------------------------------------------------------------------------- inputs


class HouseholdHIInputSerializer(serializers.Serializer):
    """Household HI: payment date, number of members (or one group per member), months, province."""

    on = serializers.DateField(required=False, help_text="Ngày đóng tiền (YYYY-MM-DD); mặc định hôm nay.")
    members = serializers.IntegerField(required=False, help_text="Số thành viên tham gia (1–50).")
    groups = CommaListField(required=False, help_text=(
        "Nhóm của từng thành viên theo thứ tự: `household` (xếp bậc 100/70/60/50/40%) hoặc một nhóm được Nhà "
        "nước hỗ trợ (`near_poor`, `student`, `agri_average`…). Lặp lại tham số hoặc phân cách bằng dấu phẩy."))
    local_groups = CommaListField(required=False, help_text=(
        "Nhóm hỗ trợ riêng của tỉnh cho từng thành viên, cùng thứ tự (ví dụ `pupil`, `ethnic_minority_no_card`; "
        "nhiều nhóm của một người nối bằng `+`; danh sách ở `/api/v1/calc/parameters/`)."))
    ages = CommaListField(required=False, help_text=(
        "Tuổi (số năm tròn vào ngày đóng) của từng thành viên, cùng thứ tự; cần cho mức hỗ trợ của tỉnh theo "
        "độ tuổi (ví dụ từ đủ 70 đến dưới 75 tuổi). Để trống nếu không biết."))
    months = serializers.IntegerField(required=False, default=12, help_text="Số tháng đóng: 3, 6 hoặc 12.")
    province = serializers.CharField(required=False, allow_blank=True, max_length=3,
                                     help_text="Mã tỉnh GSO 2 chữ số, để tính hỗ trợ của địa phương.")


class VoluntarySIInputSerializer(serializers.Serializer):
    """Voluntary SI: payment date, monthly income chosen, category, method and months."""

    on = serializers.DateField(required=False, help_text="Ngày đóng tiền (YYYY-MM-DD); mặc định hôm nay.")
    income = serializers.IntegerField(help_text="Mức thu nhập tháng làm căn cứ đóng (đồng).")
    category = CommaListField(required=False, help_text=(
        "Nhóm đối tượng: poor, near_poor, ethnic_minority, island, other (có thể nhiều; lấy mức hỗ trợ cao nhất)."))
    method = serializers.CharField(required=False, default="regular",
                                   help_text="regular (định kỳ), advance (đóng trước), missing (đóng bù).")
    months = serializers.IntegerField(required=False, default=1, help_text=(
        "Định kỳ: 1, 3, 6, 12; đóng trước: 1–60; đóng bù: đến 60 tháng (120 trước 1/7/2025)."))
    province = serializers.CharField(required=False, allow_blank=True, max_length=3,
                                     help_text="Mã tỉnh GSO 2 chữ số, để tính hỗ trợ của địa phương.")
    support_months_used = serializers.IntegerField(required=False, default=0,
                                                   help_text="Số tháng đã được Nhà nước hỗ trợ trước đây.")
    rate = serializers.DecimalField(required=False, max_digits=8, decimal_places=4, help_text=(
        "Lãi suất đầu tư quỹ BHXH bình quân tháng (%) thay cho bảng tham số, khi đóng một lần."))


class PensionInputSerializer(serializers.Serializer):
    """Pension: sex, years (and odd months) paid, average monthly income (Mbq) and the retirement date."""

    on = serializers.DateField(required=False, help_text="Ngày nghỉ hưu / ngày tính (YYYY-MM-DD); mặc định hôm nay.")
    sex = serializers.CharField(help_text="F/M, nữ/nam, female/male.")
    years = serializers.IntegerField(help_text="Số năm đã đóng.")
    months = serializers.IntegerField(required=False, default=0, help_text="Số tháng lẻ (0–11).")
    average_income = serializers.IntegerField(help_text="Mức bình quân thu nhập tháng đóng BHXH (Mbq), đồng.")
    birth_date = serializers.DateField(required=False, help_text="Ngày sinh, để kiểm tra tuổi nghỉ hưu.")
    joined_before_2021 = serializers.BooleanField(required=False, default=False,
                                                  help_text="Tham gia BHXH tự nguyện trước 1/1/2021.")
    months_before_2014 = serializers.IntegerField(required=False, default=0,
                                                  help_text="Số tháng đã đóng trước 1/1/2014 (cho BHXH một lần).")
    state_support_received = serializers.IntegerField(required=False, default=0,
                                                      help_text="Số tiền Nhà nước đã hỗ trợ đóng (đồng).")


class IdentifierInputSerializer(serializers.Serializer):
    """An identifier to decode, and optionally the birth date and sex to check it against."""

    value = serializers.CharField(max_length=40, help_text="Số định danh, mã số BHXH, mã thẻ BHYT hoặc số điện thoại.")
    kind = serializers.ChoiceField(choices=IdKind.choices, required=False, default=IdKind.AUTO)
    birth_date = serializers.DateField(required=False, help_text="Ngày sinh để đối chiếu với số định danh.")
    sex = serializers.CharField(required=False, allow_blank=True, help_text="Giới tính để đối chiếu (F/M).")
    on = serializers.DateField(required=False, help_text="Ngày áp dụng bảng mức hưởng thẻ BHYT; mặc định hôm nay.")


# --------------------------------------------------------------------------------------------- outputs


class QuoteLineSerializer(serializers.Serializer):
    """One line of a breakdown: amount, reason, legal reference and how sure it is."""

    code = serializers.CharField()
    amount = serializers.IntegerField(help_text="Đồng; âm là khoản được hỗ trợ hoặc giảm trừ.")
    reason = serializers.CharField()
    legal_ref = serializers.CharField()
    status = serializers.ChoiceField(choices=RowStatus.choices)
    member = serializers.IntegerField(allow_null=True, help_text="Thứ tự thành viên (BHYT hộ gia đình).")


class HouseholdMemberQuoteSerializer(serializers.Serializer):
    """One member's share of a household HI quote."""

    position = serializers.IntegerField()
    rank = serializers.IntegerField(allow_null=True, help_text="Bậc giảm trừ; null cho người thuộc nhóm được hỗ trợ.")
    name = serializers.CharField(allow_blank=True)
    group = serializers.CharField(allow_null=True)
    ladder_pct = NumberField()
    contribution_monthly = serializers.IntegerField()
    state_support_pct = NumberField()
    state_support_monthly = serializers.IntegerField()
    local_support_pct = NumberField()
    local_support_monthly = serializers.IntegerField()
    sponsor_support_pct = NumberField()
    sponsor_support_monthly = serializers.IntegerField()
    sponsor_support_total = serializers.IntegerField(
        help_text="Nhà tài trợ đóng cả kỳ (theo tỷ lệ và số tiền cố định).")
    monthly = serializers.IntegerField(help_text="Phải đóng mỗi tháng sau hỗ trợ.")
    contribution_total = serializers.IntegerField()
    total = serializers.IntegerField(help_text="Phải đóng cả kỳ.")


class HouseholdHIQuoteSerializer(serializers.Serializer):
    """A household HI quote: what the household pays per month and for the period, member by member."""

    monthly_total = serializers.IntegerField()
    total = serializers.IntegerField()
    members = HouseholdMemberQuoteSerializer(many=True)
    lines = QuoteLineSerializer(many=True)
    on = serializers.DateField()
    months = serializers.IntegerField()
    province = serializers.CharField(allow_null=True)
    base_salary = serializers.IntegerField()
    hi_rate_pct = NumberField()
    contribution_monthly_total = serializers.IntegerField()
    contribution_total = serializers.IntegerField()
    state_support_total = serializers.IntegerField()
    local_support_total = serializers.IntegerField()
    sponsor_support_total = serializers.IntegerField()
    status = serializers.ChoiceField(choices=RowStatus.choices)
    rules_version = serializers.CharField()


class VoluntarySIQuoteSerializer(serializers.Serializer):
    """A voluntary SI quote: monthly figures, the lump sum and rate when paid at once, and `total` to pay now."""

    contribution_monthly = serializers.IntegerField()
    state_support_monthly = serializers.IntegerField()
    local_support_monthly = serializers.IntegerField()
    payable_monthly = serializers.IntegerField()
    total = serializers.IntegerField()
    lump_sum = serializers.IntegerField(allow_null=True, help_text="T1 (đóng trước) hoặc T2 (đóng bù), trước hỗ trợ.")
    investment_rate_pct = NumberField(allow_null=True, help_text="Lãi suất tháng đã dùng (%).")
    on = serializers.DateField()
    income = serializers.IntegerField()
    category = serializers.CharField()
    method = serializers.CharField()
    months = serializers.IntegerField()
    support_months = serializers.IntegerField()
    vsi_rate_pct = NumberField()
    poverty_line = serializers.IntegerField()
    base_salary = serializers.IntegerField()
    min_income = serializers.IntegerField()
    max_income = serializers.IntegerField()
    state_support_pct = NumberField()
    local_support_pct = NumberField()
    contribution_total = serializers.IntegerField()
    state_support_total = serializers.IntegerField()
    local_support_total = serializers.IntegerField()
    status = serializers.ChoiceField(choices=RowStatus.choices)
    lines = QuoteLineSerializer(many=True)
    rules_version = serializers.CharField()


class RetirementSerializer(serializers.Serializer):
    """Retirement age for a birth date and sex."""

    age_years = serializers.IntegerField()
    age_extra_months = serializers.IntegerField()
    reached_on = serializers.DateField()
    pension_from = serializers.DateField()


class LumpSumSerializer(serializers.Serializer):
    """BHXH một lần: the amount if the person withdraws instead of waiting for a pension."""

    total = serializers.IntegerField()
    gross = serializers.IntegerField()
    state_support_received = serializers.IntegerField()
    years_before_2014 = NumberField()
    years_from_2014 = NumberField()
    status = serializers.ChoiceField(choices=RowStatus.choices)
    lines = QuoteLineSerializer(many=True)


class MonthlyAllowanceSerializer(serializers.Serializer):
    """Monthly allowance for people without enough years: months of the social pension allowance."""

    total_amount = serializers.IntegerField()
    monthly_amount = serializers.IntegerField()
    full_months = serializers.IntegerField()
    last_month_amount = serializers.IntegerField()
    status = serializers.ChoiceField(choices=RowStatus.choices)
    lines = QuoteLineSerializer(many=True)


class PensionSerializer(serializers.Serializer):
    """A pension estimate, with the lump-sum alternative and (if not eligible) the monthly allowance."""

    rate_percent = NumberField(source="rate_pct", help_text="Tỷ lệ hưởng lương hưu (%).")
    monthly = serializers.IntegerField(source="monthly_amount", help_text="Lương hưu hằng tháng (đồng).")
    eligible = serializers.BooleanField()
    on = serializers.DateField()
    sex = serializers.CharField()
    months_paid = serializers.IntegerField()
    years_counted = NumberField()
    average_income = serializers.IntegerField(source="mbq")
    min_years = serializers.IntegerField()
    missing_months = serializers.IntegerField()
    one_off_allowance = serializers.IntegerField()
    retirement = RetirementSerializer(allow_null=True)
    age_reached = serializers.BooleanField(allow_null=True)
    status = serializers.ChoiceField(choices=RowStatus.choices)
    lines = QuoteLineSerializer(many=True)
    lump_sum = LumpSumSerializer(allow_null=True)
    monthly_allowance = MonthlyAllowanceSerializer(allow_null=True)
    rules_version = serializers.CharField()


class CitizenIDSerializer(serializers.Serializer):
    """What a 12-digit personal ID tells."""

    number = serializers.CharField()
    place_code = serializers.CharField()
    province_code = serializers.CharField(allow_null=True)
    province_name = serializers.CharField(allow_null=True)
    sex = serializers.CharField()
    century = serializers.IntegerField()
    birth_year = serializers.IntegerField()


class SICodeSerializer(serializers.Serializer):
    """A checked SI code: legacy 10 digits or a 12-digit personal ID."""

    code = serializers.CharField()
    kind = serializers.CharField()


class HICardSerializer(serializers.Serializer):
    """The parts of an HI card code."""

    code = serializers.CharField()
    group_code = serializers.CharField()
    group_name = serializers.CharField()
    payer = serializers.CharField()
    benefit_level = serializers.IntegerField()
    benefit_pct = NumberField()
    benefit_status = serializers.CharField()
    province_code = serializers.CharField()
    province_name = serializers.CharField(allow_null=True)
    si_code = serializers.CharField()


class PhoneSerializer(serializers.Serializer):
    """A Vietnamese mobile number, normalised."""

    national = serializers.CharField()
    e164 = serializers.CharField()
    carrier = serializers.CharField(allow_null=True)


class IdentifierSerializer(serializers.Serializer):
    """Every reading of an identifier that fits; `kind` names the main one."""

    input = serializers.CharField()
    kind = serializers.ChoiceField(choices=[c for c in IdKind.choices if c[0] != IdKind.AUTO])
    citizen_id = CitizenIDSerializer(allow_null=True)
    si_code = SICodeSerializer(allow_null=True)
    hi_card = HICardSerializer(allow_null=True)
    phone = PhoneSerializer(allow_null=True)


class CalcErrorBodySerializer(serializers.Serializer):
    """A refused calculation: a stable code (the rules engine's ErrorCode), a Vietnamese message, the field."""

    code = serializers.CharField()
    message = serializers.CharField()
    field = serializers.CharField(allow_null=True, required=False)
    fields = serializers.DictField(required=False, help_text="Per-field messages of a validation_error.")
    details = serializers.DictField(required=False)


class CalcErrorSerializer(serializers.Serializer):
    """`{"error": {"code", "message", "field"}}`."""

    error = CalcErrorBodySerializer()


# ------------------------------------------------------------------------------------- parameter rows


class ParameterRowSerializer(serializers.Serializer):
    """A row of a parameter table: shipped with the release or added by an administrator."""

    name = serializers.CharField()
    label = serializers.CharField(required=False)
    key = serializers.CharField(allow_null=True)
    value = serializers.DecimalField(max_digits=18, decimal_places=6, coerce_to_string=True, normalize_output=True)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    legal_ref = serializers.CharField()
    status = serializers.ChoiceField(choices=RowStatus.choices)
    note = serializers.CharField(allow_blank=True)
    added = serializers.BooleanField(help_text="true: thêm bởi quản trị; false: phát hành kèm phần mềm.")
    created_by = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField(allow_null=True)
    in_force = serializers.BooleanField(help_text="Đang áp dụng vào ngày `on` đã hỏi.")


class ParameterRowInputSerializer(serializers.Serializer):
    """A new dated parameter row (administrators only)."""

    name = serializers.CharField(max_length=60)
    key = serializers.CharField(required=False, allow_blank=True, max_length=60)
    value = serializers.DecimalField(max_digits=18, decimal_places=6)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True)
    legal_ref = serializers.CharField(max_length=300)
    status = serializers.ChoiceField(choices=RowStatus.choices, default=RowStatus.CONFIRMED)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TopUpRowSerializer(serializers.Serializer):
    """A provincial top-up row: shipped or added by an administrator."""

    province = serializers.CharField()
    province_name = serializers.CharField()
    scheme = serializers.ChoiceField(choices=TopUpScheme.choices)
    group = serializers.CharField()
    percent = serializers.DecimalField(max_digits=7, decimal_places=3, coerce_to_string=True, normalize_output=True)
    base = serializers.ChoiceField(choices=TopUpBase.choices)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    max_months = serializers.IntegerField(allow_null=True)
    age_from = serializers.IntegerField(allow_null=True, help_text="Từ đủ … tuổi (null: mọi tuổi).")
    age_below = serializers.IntegerField(allow_null=True, help_text="Đến dưới … tuổi (null: không giới hạn).")
    legal_ref = serializers.CharField()
    status = serializers.ChoiceField(choices=RowStatus.choices)
    note = serializers.CharField(allow_blank=True)
    added = serializers.BooleanField()
    created_by = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField(allow_null=True)
    in_force = serializers.BooleanField()


class TopUpRowInputSerializer(serializers.Serializer):
    """A new provincial top-up row (administrators, and officers of the province), from its date of entry into
    force."""

    province = serializers.CharField(max_length=3)
    scheme = serializers.ChoiceField(choices=TopUpScheme.choices)
    group = serializers.CharField(max_length=60)
    percent = serializers.DecimalField(max_digits=7, decimal_places=3)
    base = serializers.ChoiceField(choices=TopUpBase.choices, default=TopUpBase.CONTRIBUTION)
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True)
    max_months = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    age_from = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=150)
    age_below = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=150)
    legal_ref = serializers.CharField(max_length=300)
    status = serializers.ChoiceField(choices=RowStatus.choices, default=RowStatus.CONFIRMED)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TopUpEndInputSerializer(serializers.Serializer):
    """End the provincial top-up in force for a province, scheme, group and age band after its last day."""

    province = serializers.CharField(max_length=3)
    scheme = serializers.ChoiceField(choices=TopUpScheme.choices)
    group = serializers.CharField(max_length=60)
    age_from = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=150)
    age_below = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=150)
    last_day = serializers.DateField(help_text="Ngày cuối cùng được hỗ trợ (YYYY-MM-DD).")
    legal_ref = serializers.CharField(max_length=300, help_text="Nghị quyết bãi bỏ, thay thế, hoặc hết thời hạn.")
    note = serializers.CharField(required=False, allow_blank=True, default="")


def household_hi_output(quote) -> dict:
    """The JSON of a household HI quote (API body and `ansinh calc household-hi --json`)."""
    return HouseholdHIQuoteSerializer(quote.to_dict()).data


def voluntary_si_output(quote) -> dict:
    """The JSON of a voluntary SI quote."""
    return VoluntarySIQuoteSerializer(quote.to_dict()).data


def pension_output(estimate, lump_sum, allowance) -> dict:
    """The JSON of a pension estimate with its alternatives."""
    data = estimate.to_dict()
    data["lump_sum"] = lump_sum.to_dict() if lump_sum is not None else None
    data["monthly_allowance"] = allowance.to_dict() if allowance is not None else None
    return PensionSerializer(data).data


def identifier_output(result: dict) -> dict:
    """The JSON of a decoded identifier."""
    return IdentifierSerializer(result).data
