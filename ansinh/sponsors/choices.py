"""Choices of sponsors: who a sponsor is, whom a pledge is for, how much of a card it pays."""

from django.db import models


class SponsorKind(models.TextChoices):
    """What kind of giver a sponsor is."""

    BUSINESS = "business", "Doanh nghiệp"
    ORGANISATION = "organisation", "Cơ quan, đoàn thể, hội"
    PERSON = "person", "Cá nhân"


class Beneficiaries(models.TextChoices):
    """Whom a pledge pays cards for (the beneficiaries it may be given to)."""

    SCHOOL = "school", "Học sinh, sinh viên của một trường"
    MINORITY_PUPILS = "minority_pupils", "Học sinh dân tộc thiểu số có hoàn cảnh khó khăn"
    NEAR_POOR = "near_poor", "Người thuộc hộ cận nghèo"
    NAMED = "named", "Người được chỉ định"


class Share(models.TextChoices):
    """How much of each card a pledge pays."""

    REST = "rest", "Toàn bộ phần còn phải đóng"
    FIXED = "fixed", "Một số tiền cố định mỗi thẻ"


CARD_MONTHS = [(3, "3 tháng"), (6, "6 tháng"), (12, "12 tháng")]
