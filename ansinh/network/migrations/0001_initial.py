"""Staff and collection points move from `enrollment` to `network`: state only, the tables and rows stay."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("enrollment", "0004_participation_levels"),
        ("geo", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="CollectionPoint",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("code", models.CharField(help_text="Mã đại lý / điểm thu.", max_length=20, unique=True)),
                        ("name", models.CharField(max_length=200)),
                        ("kind", models.CharField(choices=[("post_office", "Bưu điện"), ("agent", "Đại lý thu"),
                                                           ("bhxh_office", "Cơ quan BHXH"), ("commune", "UBND xã")],
                                                  max_length=12)),
                        ("province_code", models.CharField(db_index=True, max_length=2)),
                        ("tax_code", models.CharField(blank=True, max_length=20)),
                        ("address", models.CharField(blank=True, max_length=255)),
                        ("phone", models.CharField(blank=True, max_length=15)),
                        ("email", models.CharField(blank=True, max_length=100)),
                        ("unit", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                   to="geo.unit")),
                    ],
                    options={"ordering": ["code"], "db_table": "enrollment_collectionpoint"},
                ),
                migrations.CreateModel(
                    name="Staff",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("code", models.CharField(help_text="Mã số nhân viên thu.", max_length=20, unique=True)),
                        ("full_name", models.CharField(max_length=100)),
                        ("organisation", models.CharField(choices=[("bhxh", "BHXH"), ("post", "Bưu điện"),
                                                                   ("agent", "Đại lý thu"),
                                                                   ("commune", "Chính quyền xã")], max_length=10)),
                        ("province_code", models.CharField(db_index=True, max_length=2)),
                        ("phone", models.CharField(blank=True, max_length=15)),
                        ("collection_point", models.ForeignKey(blank=True, null=True,
                                                               on_delete=django.db.models.deletion.SET_NULL,
                                                               related_name="staff", to="network.collectionpoint")),
                        ("unit", models.ForeignKey(help_text="The area the staff member works in.",
                                                   on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                   to="geo.unit")),
                        ("user", models.OneToOneField(blank=True, null=True,
                                                      on_delete=django.db.models.deletion.SET_NULL,
                                                      related_name="staff", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"verbose_name_plural": "staff", "ordering": ["code"], "db_table": "enrollment_staff"},
                ),
            ],
        ),
    ]
