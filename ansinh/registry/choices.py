"""Choices for people and households."""

from django.db import models


class Sex(models.TextChoices):
    """Sex as written on the citizen ID."""

    MALE = "M", "Nam"
    FEMALE = "F", "Nữ"


class Relation(models.TextChoices):
    """Relation of a household member to the head (quan hệ với chủ hộ)."""

    HEAD = "head", "Chủ hộ"
    SPOUSE = "spouse", "Vợ/chồng"
    CHILD = "child", "Con"
    PARENT = "parent", "Bố/mẹ"
    GRANDCHILD = "grandchild", "Cháu"
    SIBLING = "sibling", "Anh/chị/em"
    OTHER = "other", "Khác"


class HouseholdStatusKind(models.TextChoices):
    """Living-standard status of a household for a year (decides HI and VSI support)."""

    POOR = "poor", "Hộ nghèo"
    NEAR_POOR = "near_poor", "Hộ cận nghèo"
    AGRI_AVERAGE = "agri_average", "Hộ nông, lâm, ngư, diêm nghiệp có mức sống trung bình"


MAJORITY_ETHNICITY = "Kinh"
