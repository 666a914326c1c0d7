"""Staff and collection points now belong to `network`: the foreign keys point there (state only)."""

import django.db.models.deletion
from django.db import migrations, models


def _fk(to, related_name, *, null=True):
    extra = {"blank": True, "null": True} if null else {}
    return models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name=related_name, to=to, **extra)


class Migration(migrations.Migration):

    dependencies = [
        ("enrollment", "0004_participation_levels"),
        ("network", "0001_initial"),
        ("campaigns", "0003_network_owns_staff_and_points"),  # their foreign keys leave enrollment.Staff first
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField("enrollment", "collector", _fk("network.staff", "enrollments")),
                migrations.AlterField("enrollment", "collection_point",
                                      _fk("network.collectionpoint", "enrollments")),
                migrations.AlterField("receipt", "collector", _fk("network.staff", "receipts")),
                migrations.AlterField("receipt", "collection_point",
                                      _fk("network.collectionpoint", "receipts", null=False)),
                migrations.AlterField("recruitmentcount", "collector", _fk("network.staff", "+")),
                migrations.DeleteModel("Staff"),
                migrations.DeleteModel("CollectionPoint"),
            ],
        ),
    ]
