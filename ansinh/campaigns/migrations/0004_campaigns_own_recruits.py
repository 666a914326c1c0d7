"""Campaigns own the link to their recruits: `Recruitment` (one row per enrollment) and its roll-up `RecruitCount`,
filled from `enrollment.Enrollment.campaign` and the campaign rows of `enrollment.RecruitmentCount` (every row kept)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    """Recruitments from enrollments attributed to a campaign; campaign counts from the enrollment roll-up."""
    Enrollment = apps.get_model("enrollment", "Enrollment")
    Recruitment = apps.get_model("campaigns", "Recruitment")
    EnrollmentCount = apps.get_model("enrollment", "RecruitmentCount")
    RecruitCount = apps.get_model("campaigns", "RecruitCount")
    rows = (Enrollment.objects.filter(campaign__isnull=False)
            .values_list("pk", "campaign_id", "collector_id", "commune_id", "province_code", "scheme", "enrolled_on"))
    batch = []
    for pk, campaign, collector, unit, province, scheme, day in rows.iterator(chunk_size=5000):
        batch.append(Recruitment(enrollment_id=pk, campaign_id=campaign, collector_id=collector, unit_id=unit,
                                 province_code=province, scheme=scheme, day=day))
        if len(batch) >= 5000:
            Recruitment.objects.bulk_create(batch)
            batch = []
    Recruitment.objects.bulk_create(batch)
    counts = []
    for row in EnrollmentCount.objects.filter(campaign__isnull=False).values(
            "campaign_id", "unit_id", "province_code", "scheme", "day", "collector_id", "count").iterator():
        key = (f"{row['campaign_id']}:{row['unit_id']}:{row['scheme']}:{row['day'].isoformat()}:"
               f"{row['collector_id'] or ''}")
        counts.append(RecruitCount(key=key, campaign_id=row["campaign_id"], unit_id=row["unit_id"],
                                   province_code=row["province_code"], scheme=row["scheme"], day=row["day"],
                                   collector_id=row["collector_id"], count=row["count"]))
    RecruitCount.objects.bulk_create(counts, batch_size=5000)


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0003_network_owns_staff_and_points"),
        ("enrollment", "0005_network_owns_staff_and_points"),
        ("geo", "0001_initial"),
        ("network", "0002_network_tables"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecruitCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(help_text="campaign:unit:scheme:day:collector", max_length=90,
                                         unique=True)),
                ("province_code", models.CharField(max_length=2)),
                ("scheme", models.CharField(max_length=16)),
                ("day", models.DateField()),
                ("count", models.BigIntegerField(default=0)),
                ("campaign", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                               to="campaigns.campaign")),
                ("collector", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                                related_name="+", to="network.staff")),
                ("unit", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                           to="geo.unit")),
            ],
            options={"indexes": [models.Index(fields=["campaign", "day"], name="campaigns_recruitcount_day")]},
        ),
        migrations.CreateModel(
            name="Recruitment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("province_code", models.CharField(max_length=2)),
                ("scheme", models.CharField(max_length=16)),
                ("day", models.DateField(help_text="The enrollment's registration day.")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("campaign", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                               related_name="recruitments", to="campaigns.campaign")),
                ("collector", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                                related_name="+", to="network.staff")),
                ("enrollment", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                    to="enrollment.enrollment")),
                ("unit", models.ForeignKey(help_text="The enrollment's commune.",
                                           on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                           to="geo.unit")),
            ],
            options={"ordering": ["campaign", "day", "id"],
                     "indexes": [models.Index(fields=["campaign", "day"], name="campaigns_recruitment_day")]},
        ),
        migrations.RunPython(copy_links, migrations.RunPython.noop),
    ]
