"""HI card numbers in the 15-character form: numbers built from a 12-digit personal ID number (17
characters) become the SI-code form when the person has a 10-digit SI code, else blank ("chờ cấp mã")."""

import re

from django.db import migrations, models

CODE = re.compile(r"^[A-Z]{2}[1-5]\d{2}\d{10}$")


def renumber(apps, schema_editor):
    HICard = apps.get_model("enrollment", "HICard")
    for card in HICard.objects.select_related("enrollment__person").iterator(chunk_size=2000):
        if CODE.match(card.number):
            continue
        si_code = card.enrollment.person.legacy_si_code
        number = f"{card.number[:3]}{card.province_code}{si_code}" if si_code else ""
        HICard.objects.filter(pk=card.pk).update(number=number if CODE.match(number) else "")


class Migration(migrations.Migration):

    dependencies = [
        ('enrollment', '0007_audited'),
        ('geo', '0002_audited'),
    ]

    operations = [
        migrations.RunPython(renumber, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='hicard',
            name='number',
            field=models.CharField(blank=True, help_text='15 characters: group, benefit level, province, 10-digit SI code; blank while BHXH has not issued the person an SI code.', max_length=15),
        ),
        migrations.AddConstraint(
            model_name='hicard',
            constraint=models.CheckConstraint(condition=models.Q(('number', ''), ('number__regex', '^[A-Z]{2}[1-5]\\d{2}\\d{10}$'), _connector='OR'), name='hicard_number_15_characters'),
        ),
    ]
