"""The README's commands run in a plain shell: no DEBUG, no SECRET_KEY (the installation makes its own key once)."""

import json
import os
import stat
import subprocess
import sys
from pathlib import Path


def _run(args, var: Path):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(var), "ANSINH_VAR_DIR": str(var)}
    return subprocess.run([sys.executable, "-m", "ansinh", *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_calc_runs_without_debug_or_secret_key_and_keeps_one_private_key(tmp_path):
    done = _run(["calc", "household-hi", "--on", "2024-09-01", "--members", "3", "--months", "12", "--json"],
                tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 2_906_280  # 1,263,600 + 884,520 + 758,160
    key = tmp_path / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    first = key.read_text()
    assert len(first.strip()) >= 50
    assert _run(["calc", "household-hi", "--on", "2024-09-01", "--members", "1", "--json"], tmp_path).returncode == 0
    assert key.read_text() == first  # made once, then kept


def test_the_worker_runs_in_a_plain_shell_on_the_embedded_database(tmp_path):
    assert _run(["migrate", "-v", "0"], tmp_path).returncode == 0
    done = _run(["worker", "--batch"], tmp_path)  # nothing queued: it looks once and stops
    assert done.returncode == 0, done.stderr
    assert "Starting worker" in done.stderr and "No more tasks to run" in done.stderr
