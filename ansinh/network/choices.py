"""Choices of the field network: kinds of collection point, who a staff member works for."""

from django.db import models


class PointKind(models.TextChoices):
    """Kind of collection point."""

    POST_OFFICE = "post_office", "Bưu điện"
    AGENT = "agent", "Đại lý thu"
    BHXH_OFFICE = "bhxh_office", "Cơ quan BHXH"
    COMMUNE = "commune", "UBND xã"


class Organisation(models.TextChoices):
    """Who a staff member works for."""

    BHXH = "bhxh", "BHXH"
    POST = "post", "Bưu điện"
    AGENT = "agent", "Đại lý thu"
    COMMUNE = "commune", "Chính quyền xã"
