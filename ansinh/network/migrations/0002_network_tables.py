"""The tables take the network app's names (every row kept; foreign keys follow the rename)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0001_initial"),
        ("enrollment", "0005_network_owns_staff_and_points"),
        ("campaigns", "0003_network_owns_staff_and_points"),
    ]

    operations = [
        migrations.AlterModelTable("collectionpoint", None),
        migrations.AlterModelTable("staff", None),
    ]
