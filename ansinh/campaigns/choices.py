"""Choices for campaigns."""

from django.db import models


class CampaignStatus(models.TextChoices):
    """Where a campaign is in its life."""

    PLANNED = "planned", "Kế hoạch"
    RUNNING = "running", "Đang diễn ra"
    CLOSED = "closed", "Đã kết thúc"
