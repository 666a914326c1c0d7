"""The import run's table takes core's name; change-log entries of runs follow (every row kept)."""

from django.db import migrations


def relabel(apps, schema_editor):
    apps.get_model("core", "ChangeLog").objects.filter(object_type="registry.importrun").update(
        object_type="core.importrun")


def unlabel(apps, schema_editor):
    apps.get_model("core", "ChangeLog").objects.filter(object_type="core.importrun").update(
        object_type="registry.importrun")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_importrun"),
        ("registry", "0005_importrun_moves_to_core"),
    ]

    operations = [
        migrations.AlterModelTable("importrun", None),
        migrations.RunPython(relabel, unlabel),
    ]
