"""The import run now belongs to `core` (state only)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0004_household_province_index"),
        ("core", "0002_importrun"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(database_operations=[],
                                            state_operations=[migrations.DeleteModel("ImportRun")]),
    ]
