"""Choices for administrative units."""

import datetime as dt

from django.db import models

REFORM_DATE = dt.date(2025, 7, 1)
LAST_DAY_BEFORE_REFORM = dt.date(2025, 6, 30)


class Era(models.TextChoices):
    """The structure a unit belongs to: 63 provinces (to 30/6/2025) or 34 provinces (from 1/7/2025)."""

    PRE_2025 = "pre2025", "Trước 1/7/2025 (63 tỉnh)"
    FROM_2025 = "2025", "Từ 1/7/2025 (34 tỉnh)"


class Level(models.TextChoices):
    """Level of a unit in the hierarchy."""

    NATION = "nation", "Toàn quốc"
    PROVINCE = "province", "Tỉnh, thành phố"
    DISTRICT = "district", "Huyện, quận, thị xã"
    COMMUNE = "commune", "Xã, phường, thị trấn"


class Indicator(models.TextChoices):
    """Yearly statistics kept per unit (denominators of coverage)."""

    POPULATION = "population", "Dân số"
    LABOUR_FORCE = "labour_force", "Lực lượng lao động từ 15 tuổi trở lên"
