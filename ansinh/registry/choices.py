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


class PersonStatusKind(models.TextChoices):
    """What a person is recognised as for a year, by a decision or an official list (decides support at payment).

    Poor people and ethnic minorities of especially difficult areas have HI paid in full by the state (the
    commune's list, not household HI); the others pay household HI with the state's share of their group.
    """

    POOR = "poor", "Thuộc hộ nghèo"
    NEAR_POOR = "near_poor", "Thuộc hộ cận nghèo"
    AGRI_AVERAGE = "agri_average", "Thuộc hộ nông, lâm, ngư, diêm nghiệp có mức sống trung bình"
    STUDENT = "student", "Học sinh, sinh viên"
    ETHNIC_MINORITY_DIFFICULT = "ethnic_minority_difficult", "Người DTTS sống ở vùng đặc biệt khó khăn"
    ETHNIC_MINORITY_LEFT = "ethnic_minority_left", "Người DTTS ở xã ra khỏi vùng khó khăn"
    LOCAL = "local", "Nhóm được tỉnh hỗ trợ thêm (nghị quyết HĐND)"


MAJORITY_ETHNICITY = "Kinh"
