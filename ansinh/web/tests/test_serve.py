"""Serving as a provincial IT team does: `ansinh serve` takes an address as runserver does and --production runs
gunicorn with several workers (refused without SECRET_KEY) — real processes answering HTTP; `check --deploy` clean
with the production settings; nothing a signed-in user sees is cached."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ANSINH = str(Path(sys.executable).with_name("ansinh"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(tmp_path, *args, env=None):
    """Start `ansinh serve …` on a free port with a fresh SQLite database; (process, base url)."""
    port = _free_port()
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DEBUG": "",
                   "ANSINH_VAR_DIR": str(tmp_path), **(env or {})}
    subprocess.run([ANSINH, "migrate", "--no-input", "-v", "0"], env=environment, check=True, timeout=300)
    process = subprocess.Popen([ANSINH, "serve", f"127.0.0.1:{port}", *args], env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return process, f"http://127.0.0.1:{port}"


def _answer(url: str, process) -> int:
    for _ in range(150):
        if process.poll() is not None:
            raise AssertionError(process.stdout.read())
        try:
            with urllib.request.urlopen(f"{url}/accounts/login/", timeout=2) as response:  # noqa: S310 - local
                return response.status
        except OSError:
            time.sleep(0.2)
    raise AssertionError("no answer")


@pytest.mark.parametrize("args", [pytest.param((), id="development-server"),
                                  pytest.param(("--production", "--workers", "2"), id="gunicorn")])
def test_the_site_answers_on_the_address_typed(tmp_path, args):
    process, url = _serve(tmp_path, *args, env={"SECRET_KEY": "test-" + "k" * 60, "ANSINH_TASKS": "database"})
    try:
        assert _answer(url, process) == 200
        workers = {pid: _cmdline(pid).split("\0")[-2:] for pid in _children(process.pid)}
    finally:
        process.terminate()
        process.wait(timeout=40)
    if args:
        assert "Booting worker" in process.stdout.read()  # gunicorn's; the task worker is a service of its own
    else:  # the task worker runs beside the development server (make demo) and stops with it
        assert list(workers.values()) == [["ansinh", "worker"]]
        time.sleep(0.5)
        assert not any(Path(f"/proc/{pid}").exists() and "worker" in _cmdline(pid) for pid in workers)


def _children(pid: int) -> list[int]:
    """The child processes of `pid`, from each of its threads (a thread may end while they are read)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().rstrip("\0")
    except OSError:
        return ""


def test_production_is_refused_without_a_secret_key(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    done = subprocess.run([ANSINH, "serve", "127.0.0.1:8999", "--production"], capture_output=True, text=True,
                          env={**environment, "DEBUG": ""}, timeout=120)
    assert done.returncode != 0
    assert "Cần biến môi trường SECRET_KEY" in done.stderr


def test_a_bad_address_is_refused_in_vietnamese(tmp_path):
    done = subprocess.run([ANSINH, "serve", "localhost:http"], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "Địa chỉ 'localhost:http' không hợp lệ" in done.stderr


def test_check_deploy_with_the_production_settings_prints_no_warning():
    # A deployment's environment: not the test run's (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE).
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")}
    environment.update(ANSINH_HTTPS="1", SECRET_KEY="prod-" + "x7Qp" * 15)
    done = subprocess.run([ANSINH, "check", "--deploy"], capture_output=True, text=True, env=environment, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in done.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/registry/", "/api/v1/people/", "/network/staff/export/"])
def test_what_a_signed_in_user_sees_is_never_cached(client, tra_vinh_officer, url):
    client.force_login(tra_vinh_officer)
    response = client.get(url)
    assert (response.status_code, response["Cache-Control"]) == (200, "no-store, private")

