"""The import run moves from `registry` to `core` (every importer's run row): state only, table and rows kept."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("registry", "0004_household_province_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(database_operations=[], state_operations=[
            migrations.CreateModel(
                name='ImportRun',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('kind', models.CharField(help_text='Importer name: people, campaign-results…', max_length=30)),
                    ('layout', models.CharField(blank=True, help_text='people, d03, d05.', max_length=20)),
                    ('file_name', models.CharField(max_length=255)),
                    ('file_sha256', models.CharField(db_index=True, max_length=64)),
                    ('scope_path', models.CharField(blank=True, db_index=True, help_text="Unit path of the importing user's area ('' = whole country).", max_length=40)),
                    ('status', models.CharField(choices=[('running', 'Đang nhập'), ('done', 'Hoàn tất'), ('failed', 'Bị dừng')], default='running', max_length=8)),
                    ('started_at', models.DateTimeField(auto_now_add=True)),
                    ('finished_at', models.DateTimeField(blank=True, null=True)),
                    ('rows_read', models.PositiveIntegerField(default=0)),
                    ('rows_stored', models.PositiveIntegerField(default=0)),
                    ('rows_unchanged', models.PositiveIntegerField(default=0)),
                    ('rows_rejected', models.PositiveIntegerField(default=0)),
                    ('error_file', models.CharField(blank=True, help_text='Path under MEDIA_ROOT of the error file.', max_length=255)),
                    ('summary', models.JSONField(blank=True, default=dict, help_text='Counts by what was created, and notes.')),
                    ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'ordering': ['-started_at', '-id'], 'db_table': 'registry_importrun',
                },
            ),
        ]),
    ]
