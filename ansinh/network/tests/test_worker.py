"""Background work on a real task worker: an upload is queued, shown waiting, and run by `ansinh worker` on the
database queue (django-tasks-db, SQLite and PostgreSQL) and on Redis (RQ); a repeated delivery runs nothing twice."""

import datetime as dt
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse

from ansinh.core import jobs
from ansinh.core.models import ImportRun
from ansinh.network.importers import network_run_create
from ansinh.network.models import Staff
from ansinh.network.tasks import import_network_file
from ansinh.network.testing import write_sheet

pytestmark = pytest.mark.django_db(transaction=True)
START = dt.date(2024, 3, 1)
HEADER = ["Mã nhân viên", "Họ và tên", "Loại", "Mã đơn vị", "Cơ cấu", "Từ ngày"]
ROWS = [["NV-TV-801", "Thạch Thị Hoa", "BHXH", "842", "cũ", START],
        ["NV-TV-802", "Kim Văn Sang", "Bưu điện", "842", "cũ", START],
        ["NV-TV-803", "", "BHXH", "842", "cũ", START]]


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_an_upload_waits_for_the_worker_which_runs_it_once(client, vinh_long_officer, media, tmp_path,
                                                          database_queue):
    from django_tasks_db.models import DBTaskResult

    client.force_login(vinh_long_officer)
    with open(write_sheet(tmp_path / "nhan-vien.xlsx", HEADER, ROWS), "rb") as handle:
        response = client.post(reverse("network:import"), {"kind": "staff", "file": handle})
    page = client.get(response["Location"])
    run = page.context["run"]
    assert (run.state, run.rows_read, Staff.objects.count()) == ("queued", 0, 0)
    text = page.content.decode()
    assert "Đang chờ bộ xử lý nền" in text and 'hx-trigger="every 2s"' in text  # the page polls until it is done
    assert DBTaskResult.objects.get().status == "READY"

    call_command("worker", batch=True, verbosity=0)
    run.refresh_from_db()
    assert (run.state, run.progress, run.attempts, run.rows_stored, run.rows_rejected) == ("done", 100, 1, 2, 1)
    assert sorted(Staff.objects.values_list("code", flat=True)) == ["NV-TV-801", "NV-TV-802"]
    result = DBTaskResult.objects.get()
    assert (result.status, run.task_id) == ("SUCCESSFUL", str(result.id))
    assert 'hx-trigger' not in client.get(response["Location"]).content.decode()  # done: no more polling

    import_network_file.enqueue(run.pk)  # the queue delivers it again: the run is done, nothing happens
    call_command("worker", batch=True, verbosity=0)
    run.refresh_from_db()
    assert (run.attempts, Staff.objects.count(), DBTaskResult.objects.filter(status="SUCCESSFUL").count()) == (1, 2, 2)

    api = client.get(f"/api/v1/imports/{run.pk}/").json()
    assert (api["state"], api["progress"], api["rows_stored"], api["stalled"]) == ("done", 100, 2, False)


def test_a_run_whose_worker_died_is_retried_by_the_worker_without_duplicates(client, vinh_long_officer, media,
                                                                             tmp_path, database_queue):
    path = write_sheet(tmp_path / "nhan-vien.xlsx", HEADER, ROWS)
    run = network_run_create(path, user=vinh_long_officer, kind="staff")
    jobs.enqueue(import_network_file, run)
    call_command("worker", batch=True, verbosity=0)
    # The worker is killed while a second delivery runs: the row stays running, silent for 20 minutes.
    ImportRun.objects.filter(pk=run.pk).update(state="running", heartbeat_at=run.created_at - dt.timedelta(minutes=20))
    client.force_login(vinh_long_officer)
    api = client.get(f"/api/v1/imports/{run.pk}/").json()
    assert (api["state"], api["stalled"]) == ("running", True)
    assert "Mất tín hiệu" in client.get(reverse("network:import-detail", args=[run.pk])).content.decode()

    response = client.post(f"/api/v1/imports/{run.pk}/retry/")
    assert (response.status_code, response.json()["state"]) == (202, "queued")
    again = client.post(f"/api/v1/imports/{run.pk}/retry/")  # a second click: already queued
    assert (again.status_code, again.json()["error"]["code"]) == (409, "not_retryable")
    call_command("worker", batch=True, verbosity=0)
    run.refresh_from_db()
    assert (run.state, run.attempts, run.rows_stored, run.rows_unchanged, run.rows_rejected) == ("done", 2, 0, 2, 1)
    assert Staff.objects.count() == 2


def _redis_up(url: str) -> bool:
    parts = urlparse(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), timeout=1).close()
    except OSError:
        return False
    return True


def test_the_rq_queue_on_redis_runs_the_same_job(settings, vinh_long_officer, media, tmp_path):
    """Installations with several machines queue on Redis (ANSINH_TASKS=rq): the worker is RQ's."""
    url = django_settings.REDIS_URL.rsplit("/", 1)[0] + "/15"  # a database of its own, emptied first
    if not _redis_up(url):
        pytest.skip(f"Redis is not reachable at {url}")
    import redis

    redis.Redis.from_url(url).flushdb()
    settings.INSTALLED_APPS = [*django_settings.INSTALLED_APPS, "django_rq", "django_tasks_rq"]
    settings.RQ_QUEUES = {"default": {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}

    run = network_run_create(write_sheet(tmp_path / "nv.xlsx", HEADER, ROWS), user=vinh_long_officer, kind="staff")
    jobs.enqueue(import_network_file, run)
    run.refresh_from_db()
    assert (run.state, len(run.task_id) > 0, redis.Redis.from_url(url).llen("rq:queue:default")) == ("queued", True, 1)
    # RQ's worker that runs jobs in its own process (the default forks one per job: same code, same result).
    call_command("rqworker", "default", job_class="django_tasks_rq.Job", worker_class="rq.worker.SimpleWorker",
                 burst=True, verbosity=0)
    run.refresh_from_db()
    assert (run.state, run.rows_stored, run.rows_rejected) == ("done", 2, 1)


@pytest.mark.browser
def test_on_a_phone_the_import_page_waits_then_shows_the_result(live_server, phone, vinh_long_officer, media,
                                                                 tmp_path, database_queue):
    """The officer uploads, sees the job waiting for the worker, and the page turns to the result by itself."""
    from pathlib import Path

    from ansinh.core.testing.browser import fits, sign_in

    screenshots = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
    page = phone
    sign_in(page, live_server.url, "vl_officer", "/network/import/", wait_for="#id_file")
    page.set_input_files("#id_file", str(write_sheet(tmp_path / "nhan-vien-tra-vinh.xlsx", HEADER, ROWS)))
    page.click("form[enctype] [type=submit]")
    page.wait_for_selector("[data-testid=work-status][data-state=queued]")
    assert "Đang chờ bộ xử lý nền" in page.inner_text("main") and fits(page)
    page.screenshot(path=str(screenshots / "jobs-import-queued.png"))
    call_command("worker", batch=True, verbosity=0)
    page.wait_for_selector("[data-testid=work-status][data-state=done]", timeout=10_000)  # the page polls
    assert page.inner_text("[data-testid=rows-stored]") == "2"
    assert page.inner_text("[data-testid=rows-rejected]") == "1"
    assert "Dòng 4, cột “Họ và tên”: Cần ghi họ và tên." in page.inner_text("[data-testid=reasons]")
    page.screenshot(path=str(screenshots / "jobs-import-done.png"), full_page=True)
