"""Choices and Vietnamese labels for the calculator and the parameter tables."""

from django.db import models

from ansinh.rules.household_hi import GROUP_LABELS
from ansinh.rules.params import local_group_labels
from ansinh.rules.voluntary_si import CATEGORY_LABELS


class RowStatus(models.TextChoices):
    """How sure we are of a parameter value (the rules engine's Status)."""

    CONFIRMED = "CONFIRMED", "Đã xác nhận"
    DERIVED = "DERIVED", "Suy ra từ số đã xác nhận"
    UNCONFIRMED = "UNCONFIRMED", "Chưa xác nhận"


class TopUpScheme(models.TextChoices):
    """The scheme a provincial top-up applies to."""

    HI = "hi", "BHYT hộ gia đình"
    VSI = "vsi", "BHXH tự nguyện"


class TopUpBase(models.TextChoices):
    """What a provincial top-up percent is taken of."""

    CONTRIBUTION = "contribution", "Mức đóng của người tham gia"
    MIN_CONTRIBUTION = "min_contribution", "Mức đóng thấp nhất (BHXH: 22% × chuẩn nghèo; BHYT: người thứ nhất)"


class IdKind(models.TextChoices):
    """Which identifier the `id` calculator decodes (auto guesses from the shape)."""

    AUTO = "auto", "Tự nhận dạng"
    CITIZEN_ID = "citizen_id", "Số định danh cá nhân / CCCD"
    SI_CODE = "si_code", "Mã số BHXH"
    HI_CARD = "hi_card", "Mã thẻ BHYT"
    PHONE = "phone", "Số điện thoại di động"


HOUSEHOLD = "household"

# Household HI: the group of one member (household = ranked on the 100/70/60/50/40% ladder).
HI_GROUP_LABELS: dict[str, str] = {HOUSEHOLD: "Thành viên hộ gia đình (theo thứ tự giảm trừ)"}
HI_GROUP_LABELS.update({k: v for k, v in GROUP_LABELS.items() if k != HOUSEHOLD})

# Groups that only a provincial resolution knows (a member's local groups), shipped with the resolutions' rows.
LOCAL_GROUP_LABELS: dict[str, str] = local_group_labels()

VSI_CATEGORY_LABELS: dict[str, str] = {str(k): v[:1].upper() + v[1:] for k, v in CATEGORY_LABELS.items()}

VSI_METHOD_LABELS: dict[str, str] = {
    "regular": "Đóng định kỳ (1, 3, 6 hoặc 12 tháng)",
    "advance": "Đóng một lần cho nhiều năm về sau",
    "missing": "Đóng một lần cho thời gian còn thiếu",
}

SEX_LABELS: dict[str, str] = {"female": "Nữ", "male": "Nam"}

# name -> (Vietnamese label, unit, section). Unit: "vnd", "pct", "months", "years", "days", "times", "flag".
PARAMETER_LABELS: dict[str, tuple[str, str, str]] = {
    "base_salary": ("Lương cơ sở (mức tham chiếu)", "vnd", "general"),
    "poverty_line_rural": ("Chuẩn hộ nghèo khu vực nông thôn", "vnd", "general"),
    "hi_rate_pct": ("Mức đóng BHYT (% lương cơ sở)", "pct", "hi"),
    "hi_household_ladder_pct": ("BHYT hộ gia đình: tỷ lệ theo thứ tự thành viên", "pct", "hi"),
    "hi_period_allowed": ("BHYT hộ gia đình: kỳ đóng được phép (1 = được)", "flag", "hi"),
    "hi_state_support_pct": ("BHYT: Nhà nước hỗ trợ theo nhóm đối tượng", "pct", "hi"),
    "hi_card_waiting_days": ("Thẻ BHYT: số ngày chờ khi tham gia lần đầu hoặc gián đoạn", "days", "hi"),
    "hi_card_gap_months": ("Thẻ BHYT: gián đoạn từ bao nhiêu tháng thì phải chờ", "months", "hi"),
    "hi_continuity_max_gap_months": ("BHYT 5 năm liên tục: khoảng gián đoạn tối đa", "months", "hi"),
    "hi_continuity_years": ("BHYT: số năm liên tục để hưởng quyền lợi 5 năm", "years", "hi"),
    "hi_copay_threshold_months": ("BHYT: ngưỡng cùng chi trả (số tháng lương cơ sở)", "times", "hi"),
    "hi_benefit_level_pct": ("Thẻ BHYT: tỷ lệ hưởng theo mức quyền lợi", "pct", "hi"),
    "vsi_rate_pct": ("BHXH tự nguyện: tỷ lệ đóng (% thu nhập)", "pct", "vsi"),
    "vsi_income_step": ("BHXH tự nguyện: bước tăng thu nhập", "vnd", "vsi"),
    "vsi_max_income_factor": ("BHXH tự nguyện: thu nhập tối đa (số lần lương cơ sở)", "times", "vsi"),
    "vsi_period_allowed": ("BHXH tự nguyện: kỳ đóng định kỳ được phép (1 = được)", "flag", "vsi"),
    "vsi_advance_max_months": ("BHXH tự nguyện: đóng trước tối đa", "months", "vsi"),
    "vsi_missing_max_months": ("BHXH tự nguyện: đóng bù thời gian còn thiếu tối đa", "months", "vsi"),
    "vsi_investment_rate_monthly_pct": ("Lãi suất đầu tư quỹ BHXH bình quân tháng (r)", "pct", "vsi"),
    "vsi_support_pct": ("BHXH tự nguyện: Nhà nước hỗ trợ (% của 22% × chuẩn nghèo)", "pct", "vsi"),
    "vsi_support_max_months": ("BHXH tự nguyện: số tháng được hỗ trợ tối đa", "months", "vsi"),
    "retirement_age_months": ("Tuổi nghỉ hưu (tháng tuổi) theo năm", "months", "pension"),
    "retirement_transition_age_months": ("Tuổi nghỉ hưu chuyển tiếp (tham gia trước 2021)", "months", "pension"),
    "retirement_transition_min_years": ("Số năm đóng để hưởng tuổi nghỉ hưu chuyển tiếp", "years", "pension"),
    "pension_min_years": ("Số năm đóng tối thiểu để hưởng lương hưu", "years", "pension"),
    "pension_base_pct": ("Tỷ lệ lương hưu ở mốc số năm cơ bản", "pct", "pension"),
    "pension_base_years": ("Số năm đóng ứng với tỷ lệ cơ bản", "years", "pension"),
    "pension_step_pct": ("Tỷ lệ cộng thêm mỗi năm đóng", "pct", "pension"),
    "pension_cap_pct": ("Tỷ lệ lương hưu tối đa", "pct", "pension"),
    "pension_short_years": ("Nam đóng 15–19 năm: mốc số năm", "years", "pension"),
    "pension_short_base_pct": ("Nam đóng 15–19 năm: tỷ lệ ở mốc", "pct", "pension"),
    "pension_short_step_pct": ("Nam đóng 15–19 năm: tỷ lệ thêm mỗi năm", "pct", "pension"),
    "odd_months_half_year_limit": ("Tháng lẻ: đến bao nhiêu tháng thì tính nửa năm", "months", "pension"),
    "pension_excess_year_months": ("Trợ cấp một lần khi nghỉ hưu: số tháng Mbq mỗi năm vượt", "times", "pension"),
    "lump_sum_months_per_year": ("BHXH một lần: số tháng Mbq mỗi năm đóng", "times", "pension"),
    "lump_sum_under_one_year_cap_months": ("BHXH một lần khi đóng dưới 1 năm: tối đa (tháng Mbq)", "times",
                                           "pension"),
    "lump_sum_deduct_state_support": ("BHXH một lần: trừ số tiền Nhà nước đã hỗ trợ (1 = có)", "flag", "pension"),
    "social_pension_allowance": ("Trợ cấp hưu trí xã hội", "vnd", "pension"),
    "monthly_allowance_months_per_year": ("Trợ cấp hằng tháng: số tháng Mbq mỗi năm đóng", "times", "pension"),
    "maternity_allowance_per_child": ("Trợ cấp thai sản mỗi con", "vnd", "other"),
    "maternity_min_months_in_12": ("Thai sản: số tháng đóng tối thiểu trong 12 tháng", "months", "other"),
    "funeral_allowance_factor": ("Trợ cấp mai táng (số lần lương cơ sở)", "times", "other"),
    "funeral_min_months": ("Trợ cấp mai táng: số tháng đóng tối thiểu", "months", "other"),
}

SECTION_LABELS: dict[str, str] = {
    "general": "Lương cơ sở, chuẩn nghèo",
    "hi": "Bảo hiểm y tế",
    "vsi": "BHXH tự nguyện",
    "pension": "Lương hưu, BHXH một lần",
    "other": "Trợ cấp khác",
}

UNIT_SUFFIX: dict[str, str] = {"vnd": " đ", "pct": "%", "months": " tháng", "years": " năm", "days": " ngày",
                               "times": " lần", "flag": ""}

KEY_LABELS: dict[str, str] = {"female": "nữ", "male": "nam", "before_2014": "trước 2014", "from_2014": "từ 2014"}


def parameter_label(name: str) -> str:
    """The Vietnamese label of a parameter (its code when unknown)."""
    return PARAMETER_LABELS.get(name, (name, "", "other"))[0]


def key_label(name: str, key: str | None) -> str:
    """The Vietnamese label of a parameter key: a sex, a group, a rank or a number of months."""
    if key is None:
        return ""
    if name == "hi_household_ladder_pct":
        return f"người thứ {key}" + (" trở đi" if key == "5" else "")
    if name in ("hi_period_allowed", "vsi_period_allowed"):
        return f"kỳ {key} tháng"
    if name == "hi_benefit_level_pct":
        return f"mức {key}"
    if name.startswith("vsi_"):
        return VSI_CATEGORY_LABELS.get(key, key)
    if name.startswith("hi_"):
        return GROUP_LABELS.get(key, key)
    return KEY_LABELS.get(key, key)


HI_PAYER_LABELS: dict[str, str] = {
    "employer": "Người lao động và người sử dụng lao động đóng",
    "household": "Hộ gia đình tự đóng",
    "si_fund": "Quỹ BHXH đóng",
    "state_budget": "Ngân sách Nhà nước đóng",
    "state_supported": "Người tham gia đóng, Nhà nước hỗ trợ một phần",
}


def group_label(group: str | None) -> str:
    """An HI group or a province's own group key -> its Vietnamese label (`*` every group; none = household)."""
    if not group:
        return HI_GROUP_LABELS["household"]
    if group == "*":
        return "mọi nhóm"
    return HI_GROUP_LABELS.get(group) or LOCAL_GROUP_LABELS.get(group) or VSI_CATEGORY_LABELS.get(group) or group
