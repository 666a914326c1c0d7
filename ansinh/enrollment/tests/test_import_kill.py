"""An import killed halfway (SIGKILL, mid-file) runs again to completion with no duplicates.

The import runs in a child process (`ansinh import people`) that the test kills once a few batches are
committed; then the same command runs again. On PostgreSQL the child uses the test database itself; on
SQLite, whose test database lives in this process's memory, the test first copies it to a file (SQLite's
backup API) and the child works on that file.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection

from ansinh.enrollment.testing import generate

pytestmark = pytest.mark.django_db(transaction=True)
ROWS = 3000


class Database:
    """Where the child process imports, and how the test reads the result."""

    def __init__(self, tmp_path):
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            self.url = (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
                        f"{db['PORT'] or 5432}/{db['NAME']}")
            self.file = None
        else:
            self.file = tmp_path / "copy.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()
            self.url = f"sqlite:///{self.file}"

    def one(self, sql: str):
        """A single value (the test's own connection on PostgreSQL, the copied file on SQLite)."""
        if self.file is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone()[0]
        with sqlite3.connect(self.file, timeout=30) as handle:
            return handle.execute(sql).fetchone()[0]

    def rows(self, sql: str) -> list[tuple]:
        """Rows of a query."""
        if self.file is None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()
        with sqlite3.connect(self.file, timeout=30) as handle:
            return handle.execute(sql).fetchall()


def test_a_killed_import_runs_again_to_completion(tmp_path, unit, tra_vinh_officer):
    path = tmp_path / "people.csv"
    generate(path, ROWS, communes=["29266", "29275", "29242", "29263"])
    db = Database(tmp_path)
    env = {**os.environ, "DATABASE_URL": db.url, "ANSINH_INSECURE_DEV_KEY": "1", "MEDIA_ROOT": str(tmp_path)}
    args = [sys.executable, "-m", "ansinh", "import", "people", str(path), "--user", "tv_officer", "--era", "2025",
            "--batch-size", "100"]
    child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < deadline:
        if db.one("SELECT COUNT(*) FROM registry_person") >= 500:
            break
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    partial = db.one("SELECT COUNT(*) FROM registry_person")
    assert 500 <= partial < ROWS, child.stderr.read()
    assert partial % 100 == 0  # whole batches only: a batch is one transaction
    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert db.one("SELECT COUNT(*) FROM registry_person") == ROWS
    assert db.one("SELECT COUNT(DISTINCT citizen_id) FROM registry_person") == ROWS
    assert db.one("SELECT COUNT(*) - COUNT(DISTINCT code) FROM registry_household") == 0
    assert db.one("SELECT COUNT(*) FROM registry_household WHERE head_id IS NULL") == 0
    runs = db.rows("SELECT state, rows_read, rows_unchanged, rows_stored FROM core_importrun ORDER BY id")
    assert runs[0][0] == "running"  # SIGKILL leaves no chance to write "failed" (after 10 minutes: "Mất tín hiệu")
    assert runs[1] == ("done", ROWS, partial, ROWS - partial)
