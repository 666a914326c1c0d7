"""The one writer of a job's state (`ansinh.core.jobs`): a claimed row ends done or failed, an attempt given up
for dead never writes over the next one, and a refused file is the user's error, not a crash in the log."""

import logging

import pytest

from ansinh.core import jobs
from ansinh.core.errors import Code, DomainError
from ansinh.core.models import ImportRun, WorkState

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued():
    return ImportRun.objects.create(kind="staff", file_name="nhan-vien.xlsx", file_sha256="0" * 64)


def test_a_job_runs_once_and_ends_done(queued):
    steps = []
    assert jobs.run(ImportRun, queued.pk, lambda beat: (beat(40, "Đọc tệp"), steps.append("ran")))
    assert not jobs.run(ImportRun, queued.pk, lambda beat: steps.append("again"))  # delivered twice: not queued
    queued.refresh_from_db()
    assert (queued.state, queued.progress, queued.step, queued.attempts, steps) == ("done", 100, "Xong", 1, ["ran"])


def test_an_attempt_given_up_for_dead_leaves_the_next_attempt_alone(queued):
    """The first worker was only slow: meanwhile the job was retried and claimed by another (attempt 2). The slow
    one's beats and its late failure change nothing of attempt 2."""

    def slow(beat):
        ImportRun.objects.filter(pk=queued.pk).update(state=WorkState.RUNNING, attempts=2, progress=10, step="Lần 2")
        beat(80, "Lần 1 vẫn chạy")
        raise RuntimeError("lần 1 hỏng")

    with pytest.raises(RuntimeError):
        jobs.run(ImportRun, queued.pk, slow)
    queued.refresh_from_db()
    assert (queued.state, queued.attempts, queued.progress, queued.step, queued.error) == (
        "running", 2, 10, "Lần 2", "")


def test_a_refused_file_fails_the_job_with_its_reason_and_no_traceback(queued, caplog):
    def refuse(beat):
        raise DomainError("Tệp thiếu cột: mã nhân viên.", code=Code.MISSING_COLUMNS)

    with caplog.at_level(logging.INFO, logger="ansinh.core.jobs"), pytest.raises(DomainError):
        jobs.run(ImportRun, queued.pk, refuse)
    queued.refresh_from_db()
    assert (queued.state, queued.error, queued.retryable) == ("failed", "Tệp thiếu cột: mã nhân viên.", True)
    assert [(r.levelname, r.exc_info) for r in caplog.records] == [("INFO", None)]


def test_a_crash_is_logged_with_its_traceback(queued, caplog):
    with caplog.at_level(logging.INFO, logger="ansinh.core.jobs"), pytest.raises(ZeroDivisionError):
        jobs.run(ImportRun, queued.pk, lambda beat: 1 / 0)
    queued.refresh_from_db()
    assert (queued.state, queued.error) == ("failed", "division by zero")
    assert [r.levelname for r in caplog.records] == ["ERROR"] and caplog.records[0].exc_info is not None


def test_a_late_failure_leaves_a_retry_queued(queued):
    """Given up for dead, the job was queued again (not yet started) when the slow attempt fails: it stays queued
    for the next worker, and what the slow attempt writes through `beat.mine()` goes nowhere."""

    def slow(beat):
        ImportRun.objects.filter(pk=queued.pk).update(state=WorkState.QUEUED)  # jobs.retry, in effect
        assert beat.mine().update(rows_stored=99) == 0
        raise RuntimeError("lần 1 hỏng")

    with pytest.raises(RuntimeError):
        jobs.run(ImportRun, queued.pk, slow)
    queued.refresh_from_db()
    assert (queued.state, queued.error, queued.rows_stored) == ("queued", "", 0)
    assert jobs.run(ImportRun, queued.pk, lambda beat: beat.mine().update(rows_stored=2))  # the retry runs
    queued.refresh_from_db()
    assert (queued.state, queued.attempts, queued.rows_stored) == ("done", 2, 2)
