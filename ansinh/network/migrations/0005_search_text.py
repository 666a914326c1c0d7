"""Staff and collection points get the folded code and name the search picker looks in (as units have);
every row kept gets it from its code and name."""

from django.db import migrations, models

from ansinh.core.text import fold

HELP = "Code and name folded for the search picker (kept by save())."


def fill(apps, schema_editor):
    for name, field in (("Staff", "full_name"), ("CollectionPoint", "name")):
        model = apps.get_model("network", name)
        rows = list(model.objects.only("pk", "code", field))
        for row in rows:
            row.search_text = f"{fold(row.code)} | {fold(getattr(row, field))}"[:250]
        model.objects.bulk_update(rows, ["search_text"], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0004_staff_and_points_dated"),
    ]

    operations = [
        migrations.AddField(model_name="collectionpoint", name="search_text",
                            field=models.CharField(blank=True, editable=False, help_text=HELP, max_length=250)),
        migrations.AddField(model_name="staff", name="search_text",
                            field=models.CharField(blank=True, editable=False, help_text=HELP, max_length=250)),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
