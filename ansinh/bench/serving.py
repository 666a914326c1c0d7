"""Benchmark: three key pages under gunicorn with 4 workers vs Django's development server, side by side in one
run, with a bounded load generator against 127.0.0.1 (8 concurrent clients on kept-alive connections, a fixed
number of requests per page). The baseline is the development server: ratio = its time ÷ gunicorn's for the same
requests (higher is better). Both servers read the bench database; the pages are a signed-in officer's."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PAGES = [("units list", "/units/"), ("calculator", "/calc/"), ("API units", "/api/v1/units/?limit=50")]
CLIENTS = 8
REQUESTS = 480  # per page and server
KEY = "ansinh-insecure-development-key-do-not-use-in-production"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args: list[str]) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = {**os.environ, "SECRET_KEY": KEY, "DEBUG": "", "ANSINH_TASKS": "immediate",
           "ANSINH_API_RATE_USER": "1000000/minute", "LOG_LEVEL": "ERROR"}
    ansinh = str(Path(sys.executable).with_name("ansinh"))
    process = subprocess.Popen([ansinh, "serve", f"127.0.0.1:{port}", *args], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server {args} did not start")


def _load(port: int, path: str, cookie: str) -> tuple[float, list[float]]:
    """(seconds for all requests, each request's latency); every answer must be a 200."""
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = REQUESTS // CLIENTS

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        for _ in range(per_client):
            started = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{path}: {response.status}")
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, latencies


def _session_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from ansinh.accounts.models import User
    from ansinh.core.testing.users import make_user
    from ansinh.geo.models import Unit

    User.objects.filter(username="bench_officer").delete()
    user = make_user("bench_officer", role="province_officer", scope_unit=Unit.objects.get(code="84", era="pre2025"))
    settings.SECRET_KEY = KEY  # the session's auth hash is made with the servers' key
    session = SessionStore()
    session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _figures(seconds: float, latencies: list[float]) -> str:
    cuts = statistics.quantiles(latencies, n=100)
    return f"{len(latencies) / seconds:,.0f} req/s p50={cuts[49] * 1000:.1f}ms p99={cuts[98] * 1000:.1f}ms"


def run() -> list[str]:
    cookie = _session_cookie()
    servers = {"dev": _start(["--no-worker"]), "gunicorn": _start(["--production", "--workers", "4"])}
    lines = []
    try:
        for label, path in PAGES:
            for port in (p for _, p in servers.values()):  # warm both up
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path, headers={"Cookie": cookie})
                conn.getresponse().read()
                conn.close()
            dev_s, dev_l = _load(servers["dev"][1], path, cookie)
            gun_s, gun_l = _load(servers["gunicorn"][1], path, cookie)
            lines.append(f"bench serving {label}: {REQUESTS} requests, {CLIENTS} clients; development server "
                         f"{_figures(dev_s, dev_l)}; gunicorn 4 workers {_figures(gun_s, gun_l)} "
                         f"ratio={dev_s / gun_s:.2f}")
    finally:
        for process, _ in servers.values():
            process.terminate()
            process.wait(timeout=30)
    return lines
