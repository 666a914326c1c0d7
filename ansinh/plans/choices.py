"""Choices for plans (targets) and reported figures: the indicators, who set a target, the periods."""

from django.db import models

from ansinh.enrollment.choices import Scheme


class Indicator(models.TextChoices):
    """What a target or a reported figure measures."""

    HI_COVERAGE = "hi_coverage", "Tỷ lệ bao phủ BHYT (% dân số)"
    SI_COVERAGE = "si_coverage", "Tỷ lệ bao phủ BHXH (% LLLĐ trong độ tuổi)"
    UI_COVERAGE = "ui_coverage", "Tỷ lệ bao phủ BHTN (% LLLĐ trong độ tuổi)"
    HI_PARTICIPANTS = "hi_participants", "Số người tham gia BHYT"
    HOUSEHOLD_HI = "household_hi", "Số người tham gia BHYT hộ gia đình"
    SI_PARTICIPANTS = "si_participants", "Số người tham gia BHXH"
    VOLUNTARY_SI = "voluntary_si", "Số người tham gia BHXH tự nguyện"
    UI_PARTICIPANTS = "ui_participants", "Số người tham gia BHTN"
    REVENUE = "revenue", "Số thu (đồng)"


RATE_INDICATORS = (Indicator.HI_COVERAGE, Indicator.SI_COVERAGE, Indicator.UI_COVERAGE)
COUNT_INDICATORS = (Indicator.HI_PARTICIPANTS, Indicator.HOUSEHOLD_HI, Indicator.SI_PARTICIPANTS,
                    Indicator.VOLUNTARY_SI, Indicator.UI_PARTICIPANTS)

# Participants counted from the roll-up for each count indicator.
SCHEMES_OF = {
    Indicator.HI_PARTICIPANTS: (Scheme.HOUSEHOLD_HI, Scheme.HI_GROUP),
    Indicator.HOUSEHOLD_HI: (Scheme.HOUSEHOLD_HI,),
    Indicator.SI_PARTICIPANTS: (Scheme.VOLUNTARY_SI, Scheme.COMPULSORY_SI),
    Indicator.VOLUNTARY_SI: (Scheme.VOLUNTARY_SI,),
    Indicator.UI_PARTICIPANTS: (Scheme.UNEMPLOYMENT,),
}

# A coverage rate: (its numerator, the geo statistic used as denominator).
RATE_PARTS = {
    Indicator.HI_COVERAGE: (Indicator.HI_PARTICIPANTS, "population"),
    Indicator.SI_COVERAGE: (Indicator.SI_PARTICIPANTS, "labour_force"),
    Indicator.UI_COVERAGE: (Indicator.UI_PARTICIPANTS, "labour_force"),
}

SHORT_LABELS = {
    Indicator.HI_COVERAGE: "Bao phủ BHYT",
    Indicator.SI_COVERAGE: "Bao phủ BHXH",
    Indicator.UI_COVERAGE: "Bao phủ BHTN",
    Indicator.HI_PARTICIPANTS: "Tham gia BHYT",
    Indicator.HOUSEHOLD_HI: "BHYT hộ gia đình",
    Indicator.SI_PARTICIPANTS: "Tham gia BHXH",
    Indicator.VOLUNTARY_SI: "BHXH tự nguyện",
    Indicator.UI_PARTICIPANTS: "Tham gia BHTN",
    Indicator.REVENUE: "Số thu",
}


class Authority(models.TextChoices):
    """Who set a target (several may set one for the same indicator; all are kept)."""

    GOVERNMENT = "government", "Chính phủ (Thủ tướng giao)"
    PROVINCE_COMMITTEE = "province", "UBND tỉnh"
    DISTRICT_COMMITTEE = "district", "UBND huyện"
    COMMUNE_COMMITTEE = "commune", "UBND xã"
    BHXH = "bhxh", "BHXH (ngành giao)"


AUTHORITY_ORDER = {a: i for i, a in enumerate(Authority.values)}


class Period(models.TextChoices):
    """The span a target covers: the whole year, or the year to the end of a quarter or month."""

    YEAR = "year", "Cả năm"
    Q1 = "q1", "Hết quý I"
    Q2 = "q2", "Hết quý II (6 tháng)"
    Q3 = "q3", "Hết quý III (9 tháng)"
    M01 = "m01", "Hết tháng 1"
    M02 = "m02", "Hết tháng 2"
    M04 = "m04", "Hết tháng 4"
    M05 = "m05", "Hết tháng 5"
    M07 = "m07", "Hết tháng 7"
    M08 = "m08", "Hết tháng 8"
    M10 = "m10", "Hết tháng 10"
    M11 = "m11", "Hết tháng 11"


PERIOD_END_MONTH = {"year": 12, "q1": 3, "q2": 6, "q3": 9, "m01": 1, "m02": 2, "m04": 4, "m05": 5, "m07": 7,
                    "m08": 8, "m10": 10, "m11": 11}


class Structure(models.TextChoices):
    """Which unit structure the figures are shown in."""

    AS_OF = "as_of", "Đơn vị của thời điểm báo cáo"
    CURRENT = "current", "Quy đổi sang 34 tỉnh hiện nay"


class ValueSource(models.TextChoices):
    """Where a shown number comes from."""

    AUTO = "auto", "Tự chọn (số báo cáo nếu có, không thì từ hồ sơ)"
    RECORDS = "records", "Tính từ hồ sơ ansinh"
    REPORTED = "reported", "Số liệu báo cáo"
