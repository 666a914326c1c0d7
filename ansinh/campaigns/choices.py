"""Choices for campaigns."""

from django.db import models

from ansinh.enrollment.choices import Scheme


class CampaignStatus(models.TextChoices):
    """Where a campaign is in its life."""

    PLANNED = "planned", "Kế hoạch"
    RUNNING = "running", "Đang diễn ra"
    CLOSED = "closed", "Đã kết thúc"


# The schemes a campaign recruits for (targets, results, rankings).
CAMPAIGN_SCHEMES = (Scheme.VOLUNTARY_SI, Scheme.HOUSEHOLD_HI)
SCHEME_CHOICES = [(s.value, s.label) for s in CAMPAIGN_SCHEMES]
SCHEME_SHORT = {Scheme.VOLUNTARY_SI: "BHXH tự nguyện", Scheme.HOUSEHOLD_HI: "BHYT hộ gia đình"}


class TargetHolder(models.TextChoices):
    """Who a target is set for."""

    UNIT = "unit", "Đơn vị hành chính"
    POINT = "point", "Điểm thu"
    TEAM = "team", "Đội"
    STAFF = "staff", "Cán bộ, nhân viên"


class ActivityKind(models.TextChoices):
    """What a team did in the field; `quantity` is counted in the unit named by ACTIVITY_QUANTITY."""

    LAUNCH = "launch", "Lễ ra quân, hội nghị"
    PARADE = "parade", "Diễu hành, cổ động"
    DOOR_TO_DOOR = "door_to_door", "Đến từng hộ"
    MARKET_STALL = "market_stall", "Điểm tuyên truyền ở chợ, khu dân cư"
    LEAFLETS = "leaflets", "Phát tờ rơi, tờ gấp"
    BROADCAST = "broadcast", "Phát thanh, truyền hình, loa lưu động"
    VSSID = "vssid", "Hướng dẫn cài đặt VssID"
    COUNSELLING = "counselling", "Tư vấn, đối thoại"
    OTHER = "other", "Khác"


ACTIVITY_QUANTITY = {
    ActivityKind.LAUNCH: "người dự",
    ActivityKind.PARADE: "xe",
    ActivityKind.DOOR_TO_DOOR: "hộ",
    ActivityKind.MARKET_STALL: "điểm",
    ActivityKind.LEAFLETS: "tờ",
    ActivityKind.BROADCAST: "lượt",
    ActivityKind.VSSID: "người",
    ActivityKind.COUNSELLING: "người",
    ActivityKind.OTHER: "",
}


class ResultSource(models.TextChoices):
    """How a reported figure reached ansinh."""

    PAGE = "page", "Nhập trên trang"
    API = "api", "API"
    IMPORT = "import", "Nhập từ tệp"
    DEMO = "demo", "Dữ liệu trình diễn"


# Groups a campaign may focus on (the form offers them; any other text may be added).
TARGET_GROUPS = [
    "Nông dân",
    "Lao động phi chính thức",
    "Học sinh, sinh viên",
    "Hộ nghèo, cận nghèo",
    "Người dân tộc thiểu số",
    "Hộ nông, lâm, ngư, diêm nghiệp có mức sống trung bình",
    "Người được địa phương hỗ trợ mức đóng",
]
