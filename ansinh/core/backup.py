"""Backup and restore of an installation: the database (PostgreSQL: pg_dump's custom format; SQLite: the online
backup API, safe while the site runs) and the uploaded files, with a manifest of row counts and checksums that
a restore checks against.

A backup is a folder `ansinh-YYYYMMDD-HHMMSS/` holding `database.dump` or `database.sqlite3`, `media.tar.gz` and
`manifest.json`. Restoring replaces the database's content with the backup's (PostgreSQL: `pg_restore --clean`),
puts the files back, then counts the rows of every table and compares them with the manifest.
"""

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

from ansinh.core.errors import DomainError

# The tables whose content a restore checks row by row (a checksum of their key columns), besides every count.
CHECKSUMS = {"registry_person": "id, citizen_id, full_name", "enrollment_enrollment": "id, person_id, start_date",
             "enrollment_receipt": "id, number, amount_paid", "enrollment_contribution": "id, receipt_id, amount_paid"}


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _pg(tool: str, db: dict, *args: str) -> None:
    """Run pg_dump or pg_restore against the configured database; a failure is a refusal with its message."""
    done = subprocess.run([tool, *_pg_args(db), *args], env=_pg_env(db), capture_output=True, text=True, check=False)
    if done.returncode:
        raise DomainError(f"{tool} không chạy được: {done.stderr.strip()}")


def _sqlite_copy(conn, path: Path, *, into_file: bool) -> None:
    """Copy the live SQLite database into `path` (a backup) or `path` into it (a restore), page by page."""
    conn.ensure_connection()
    other = sqlite3.connect(path)
    try:
        if into_file:
            conn.connection.backup(other)
        else:
            other.backup(conn.connection)
    finally:
        other.close()


def table_facts(alias: str = "default") -> dict:
    """{"counts": {table: rows}, "checksums": {table: md5 of its key columns in id order}}."""
    conn = connections[alias]
    tables = sorted(t for t in conn.introspection.table_names() if not t.startswith("sqlite_"))
    facts = {"counts": {}, "checksums": {}}
    with conn.cursor() as cur:
        for table in tables:
            cur.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the database itself
            facts["counts"][table] = cur.fetchone()[0]
        for table, columns in CHECKSUMS.items():
            if table not in facts["counts"]:
                continue
            cur.execute(f'SELECT {columns} FROM "{table}" ORDER BY id')  # noqa: S608 - names from this module
            digest = hashlib.md5(usedforsecurity=False)
            for row in cur.fetchall():
                digest.update(repr(tuple(str(v) for v in row)).encode())
            facts["checksums"][table] = digest.hexdigest()
    return facts


def backup(target_dir: Path, *, now: dt.datetime | None = None) -> Path:
    """Write a backup folder under `target_dir`; returns it."""
    now = now or dt.datetime.now()  # noqa: DTZ005 - a folder name in the server's local time
    folder = Path(target_dir) / f"ansinh-{now:%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=False)
    db = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        _pg("pg_dump", db, "-Fc", "--no-owner", "-f", str(folder / "database.dump"), db["NAME"])
    else:
        _sqlite_copy(connection, folder / "database.sqlite3", into_file=True)
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    manifest = {"made_at": now.isoformat(timespec="seconds"), "vendor": connection.vendor,
                "database": str(db["NAME"]), **table_facts()}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def restore(folder: Path) -> dict:
    """Put a backup back into the configured database and media folder; returns what was checked."""
    folder = Path(folder)
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        raise DomainError(f"'{folder}' không phải bản sao lưu của ansinh (thiếu manifest.json).")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest["vendor"] != connection.vendor:
        raise DomainError(f"Bản sao lưu là của {manifest['vendor']}, cơ sở dữ liệu hiện tại là {connection.vendor}.")
    db = settings.DATABASES["default"]
    if connection.vendor == "postgresql":
        connection.close()
        _pg("pg_restore", db, "--clean", "--if-exists", "--no-owner", "--single-transaction", "-d", db["NAME"],
            str(folder / "database.dump"))
    else:
        _sqlite_copy(connection, folder / "database.sqlite3", into_file=False)
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        archive.extractall(media, filter="data")
    found = table_facts()
    wrong = [t for t, n in manifest["counts"].items() if found["counts"].get(t) != n]
    wrong += [t for t, h in manifest["checksums"].items() if found["checksums"].get(t) != h]
    if wrong:
        raise DomainError(f"Khôi phục xong nhưng khác bản sao lưu ở bảng: {', '.join(sorted(set(wrong)))}.")
    return {"tables": len(found["counts"]), "rows": sum(found["counts"].values()),
            "checked": sorted(manifest["checksums"])}
