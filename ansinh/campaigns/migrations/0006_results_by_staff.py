"""Results by staff member, and corrections that replace a figure: a reported result may name its staff member
(one row per campaign × unit × day × scheme × staff), and a correction keeps the figure it corrected
(`previous`) and the right one (`count`); `delta` stays their difference. Existing corrections get the figure
of their cell at the time: recruited + reported + the corrections before them."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F, Q, Sum


def figures_of_corrections(apps, schema_editor):
    correction = apps.get_model("campaigns", "Correction")
    recruit_count = apps.get_model("campaigns", "RecruitCount")
    reported = apps.get_model("campaigns", "ReportedResult")
    running: dict = {}
    for row in correction.objects.order_by("created_at", "id"):
        cell = (row.campaign_id, row.unit_id, row.day, row.scheme, row.staff_id)
        if cell not in running:
            where = {"campaign_id": row.campaign_id, "unit_id": row.unit_id, "day": row.day, "scheme": row.scheme}
            base = recruit_count.objects.filter(**where, collector_id=row.staff_id).aggregate(n=Sum("count"))["n"] or 0
            if row.staff_id is None:
                base += reported.objects.filter(**where).aggregate(n=Sum("count"))["n"] or 0
            running[cell] = base
        previous = running[cell]
        row.previous, row.count = max(previous, 0), max(previous + row.delta, 0)
        row.delta = row.count - row.previous
        running[cell] = row.count
        if row.delta:
            row.save(update_fields=["previous", "count", "delta"])
        else:
            row.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0005_audited"),
        ("network", "0003_audited"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportedresult",
            name="staff",
            field=models.ForeignKey(blank=True, help_text="The staff member whose result it is; empty: the unit's, "
                                    "unattributed.", null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="network.staff"),
        ),
        migrations.RemoveConstraint(model_name="reportedresult", name="campaigns_reported_once"),
        migrations.AddConstraint(
            model_name="reportedresult",
            constraint=models.UniqueConstraint(condition=Q(staff__isnull=True), fields=("campaign", "unit", "day",
                                               "scheme"), name="campaigns_reported_once"),
        ),
        migrations.AddConstraint(
            model_name="reportedresult",
            constraint=models.UniqueConstraint(condition=Q(staff__isnull=False), fields=("campaign", "unit", "day",
                                               "scheme", "staff"), name="campaigns_reported_once_by_staff"),
        ),
        migrations.AddField(model_name="correction", name="previous",
                            field=models.PositiveIntegerField(null=True)),
        migrations.AddField(model_name="correction", name="count", field=models.PositiveIntegerField(null=True)),
        migrations.RunPython(figures_of_corrections, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="correction", name="previous",
            field=models.PositiveIntegerField(help_text="The figure corrected (recruited + reported + earlier "
                                              "corrections)."),
        ),
        migrations.AlterField(model_name="correction", name="count",
                              field=models.PositiveIntegerField(help_text="The right figure.")),
        migrations.AlterField(model_name="correction", name="delta",
                              field=models.IntegerField(help_text="count − previous.")),
        migrations.AddConstraint(
            model_name="correction",
            constraint=models.CheckConstraint(condition=Q(delta=F("count") - F("previous")),
                                              name="campaigns_correction_replaces"),
        ),
    ]
