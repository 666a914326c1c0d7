"""Staff and collection points get active dates (valid_from / valid_until), the communes they serve, and the
union kind of staff. Every row is kept.

Rows already there are active from 1/1/2020 (ACTIVE_SINCE_DEFAULT), not from their created date: the created
date of rows older than 0003_audited is the day that migration ran, which would make the demo's 2020 and 2023
staff inactive in their own campaigns. A row placed in a unit of today's structure (era 2025) is active from
1/7/2025, the first day such a unit existed, so no kept row breaks the rule that a record dated before
1/7/2025 uses the old units. No row gets an end date.
"""

import datetime

from django.conf import settings
from django.db import migrations, models

REFORM_DATE = datetime.date(2025, 7, 1)


def date_rows_of_today_s_units(apps, schema_editor):
    for name in ("Staff", "CollectionPoint"):
        model = apps.get_model("network", name)
        model.objects.filter(unit__era="2025").update(valid_from=REFORM_DATE)


class Migration(migrations.Migration):

    dependencies = [
        ("geo", "0002_audited"),
        ("network", "0003_audited"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="collectionpoint",
            name="communes",
            field=models.ManyToManyField(blank=True, help_text="The communes the point collects for (besides its own unit).",
                                         related_name="+", to="geo.unit", verbose_name="Xã phục vụ"),
        ),
        migrations.AddField(
            model_name="collectionpoint",
            name="valid_from",
            field=models.DateField(default=datetime.date(2020, 1, 1), verbose_name="Hoạt động từ ngày"),
        ),
        migrations.AddField(
            model_name="collectionpoint",
            name="valid_until",
            field=models.DateField(blank=True, null=True, verbose_name="Hoạt động đến hết ngày"),
        ),
        migrations.AddField(
            model_name="staff",
            name="communes",
            field=models.ManyToManyField(blank=True,
                                         help_text="The communes the staff member serves (in the home unit's province).",
                                         related_name="+", to="geo.unit", verbose_name="Xã phục vụ"),
        ),
        migrations.AddField(
            model_name="staff",
            name="valid_from",
            field=models.DateField(default=datetime.date(2020, 1, 1), verbose_name="Hoạt động từ ngày"),
        ),
        migrations.AddField(
            model_name="staff",
            name="valid_until",
            field=models.DateField(blank=True, null=True, verbose_name="Hoạt động đến hết ngày"),
        ),
        migrations.AlterField(
            model_name="staff",
            name="organisation",
            field=models.CharField(choices=[("bhxh", "BHXH"), ("post", "Bưu điện"), ("agent", "Đại lý thu"),
                                            ("commune", "Chính quyền xã"), ("union", "Hội, đoàn thể")],
                                   max_length=10),
        ),
        migrations.RunPython(date_rows_of_today_s_units, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="collectionpoint",
            constraint=models.CheckConstraint(
                condition=models.Q(("valid_until__isnull", True), ("valid_until__gte", models.F("valid_from")),
                                   _connector="OR"),
                name="network_collectionpoint_dates_ordered"),
        ),
        migrations.AddConstraint(
            model_name="staff",
            constraint=models.CheckConstraint(
                condition=models.Q(("valid_until__isnull", True), ("valid_until__gte", models.F("valid_from")),
                                   _connector="OR"),
                name="network_staff_dates_ordered"),
        ),
    ]
