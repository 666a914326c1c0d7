"""Enrollment forgets campaigns: the campaign link moved to `campaigns.Recruitment` (campaigns 0004); the
recruitment roll-up keeps unit × scheme × day × collector, its campaign rows added into those keys."""

from collections import defaultdict

from django.db import migrations, models


def merge_counts(apps, schema_editor):
    """One row per unit × scheme × day × collector: the counts of every campaign (and none) added up."""
    RecruitmentCount = apps.get_model("enrollment", "RecruitmentCount")
    totals: dict[tuple, list] = defaultdict(lambda: [0, None])
    for row in RecruitmentCount.objects.values("unit_id", "province_code", "scheme", "day", "collector_id",
                                               "count").iterator():
        slot = totals[(row["unit_id"], row["scheme"], row["day"], row["collector_id"])]
        slot[0] += row["count"]
        slot[1] = row["province_code"]
    RecruitmentCount.objects.all().delete()
    RecruitmentCount.objects.bulk_create([
        RecruitmentCount(key=f"{unit}:{scheme}:{day.isoformat()}:{collector or ''}", unit_id=unit,
                         province_code=province, scheme=scheme, day=day, collector_id=collector, count=count)
        for (unit, scheme, day, collector), (count, province) in totals.items()], batch_size=5000)


class Migration(migrations.Migration):

    dependencies = [
        ("enrollment", "0005_network_owns_staff_and_points"),
        ("campaigns", "0004_campaigns_own_recruits"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="enrollment", name="enrollment_campaign_day"),
        migrations.RemoveIndex(model_name="recruitmentcount", name="recruitment_campaign_day"),
        migrations.RemoveField(model_name="enrollment", name="campaign"),
        migrations.RemoveField(model_name="recruitmentcount", name="campaign"),
        migrations.AlterField(model_name="recruitmentcount", name="key",
                              field=models.CharField(help_text="unit:scheme:day:collector", max_length=80,
                                                     unique=True)),
        migrations.RunPython(merge_counts, migrations.RunPython.noop),
    ]
