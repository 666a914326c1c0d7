"""Campaigns' answers to what enrollment tells (`ansinh.enrollment.signals`)."""

from django.dispatch import receiver

from ansinh.campaigns.models import RecruitCount, Recruitment
from ansinh.campaigns.services import recruit_count_key
from ansinh.core.counters import counters_add
from ansinh.enrollment.signals import enrollments_withdrawn


@receiver(enrollments_withdrawn, dispatch_uid="campaigns.recruits_withdrawn")
def recruits_withdrawn(sender, enrollments, **kwargs) -> None:
    """Enrollments opened by a cancelled receipt are no campaign's recruits: unlink them and uncount the new
    participants among them from the campaign's roll-up."""
    new = {e.pk for e in enrollments if e.is_new}
    links = Recruitment.objects.filter(enrollment_id__in=[e.pk for e in enrollments])
    counts: dict[str, tuple[int, dict]] = {}
    for link in links:
        if link.enrollment_id in new:
            key, row = recruit_count_key(campaign=link.campaign_id, unit=link.unit_id,
                                         province_code=link.province_code, scheme=link.scheme, day=link.day,
                                         collector=link.collector_id)
            counts[key] = (counts.get(key, (0, row))[0] - 1, row)
    counters_add(RecruitCount, "count", counts)
    links.delete()
