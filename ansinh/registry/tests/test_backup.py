"""`ansinh backup` and `ansinh restore` on the database the tests run on (PostgreSQL: pg_dump / pg_restore; SQLite:
the online backup API): back up, lose rows, restore, and every table's count and the key tables' checksums match."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ansinh.core.backup import table_facts
from ansinh.registry.models import Person
from ansinh.registry.testing import make_person

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_brings_back_what_was_lost(tmp_path, settings, tra_vinh_officer, unit):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "imports").mkdir(parents=True)
    (tmp_path / "media" / "imports" / "loi.csv").write_text("Họ và tên,Lý do lỗi\n", encoding="utf-8")
    commune = unit("29263", "2025")
    for n, name in enumerate(("Thạch Văn Sơn", "Kim Thị Hoa"), start=1):
        make_person(tra_vinh_officer, commune, full_name=name, citizen_id=f"08408500010{n}")
    before = table_facts()
    call_command("backup", output=str(tmp_path / "backups"))
    folder = next((tmp_path / "backups").iterdir())
    database = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert sorted(p.name for p in folder.iterdir()) == sorted(["manifest.json", "media.tar.gz", database])
    Person.objects.filter(full_name="Kim Thị Hoa").delete()
    (tmp_path / "media" / "imports" / "loi.csv").unlink()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(folder))
    call_command("restore", str(folder), yes=True)
    assert sorted(Person.objects.values_list("full_name", flat=True)) == ["Kim Thị Hoa", "Thạch Văn Sơn"]
    assert table_facts() == before
    assert (tmp_path / "media" / "imports" / "loi.csv").read_text(encoding="utf-8") == "Họ và tên,Lý do lỗi\n"


def test_a_restore_that_does_not_match_its_manifest_says_so(tmp_path, settings, tra_vinh_officer, unit):
    settings.MEDIA_ROOT = tmp_path / "media"
    make_person(tra_vinh_officer, unit("29263", "2025"), full_name="Thạch Văn Sơn", citizen_id="084085000101")
    call_command("backup", output=str(tmp_path / "backups"))
    folder = next((tmp_path / "backups").iterdir())
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["counts"]["registry_person"] = 7
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(CommandError, match="khác bản sao lưu ở bảng: registry_person"):
        call_command("restore", str(folder), yes=True)
