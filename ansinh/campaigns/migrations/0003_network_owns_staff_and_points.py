"""Staff and collection points now belong to `network`: the foreign keys point there (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0002_targets_teams_results_activities"),
        ("network", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField("team", "leader", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                    to="network.staff")),
                migrations.AlterField("teammember", "staff", models.ForeignKey(
                    on_delete=django.db.models.deletion.PROTECT, related_name="+", to="network.staff")),
                migrations.AlterField("target", "collection_point", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                    to="network.collectionpoint")),
                migrations.AlterField("target", "staff", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                    to="network.staff")),
                migrations.AlterField("correction", "staff", models.ForeignKey(
                    blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                    to="network.staff")),
            ],
        ),
    ]
