"""Background work (ADR 0006, docs/jobs.md): the one writer of a job's state.

A job is a row of a model built on `core.models.Work` (a report pack, a file import) and a task on the Django
Tasks API that runs it. The row is what people see — state, progress, step, heartbeat, attempts, error; the task
queue (django-tasks-db by default, RQ on Redis for several machines) only carries "run row N".

- `enqueue(task, row)` hands the row to the queue once the caller's transaction commits;
- the task calls `run(model, pk, body)`: the row is claimed (queued → running, in one UPDATE, so two workers never
  run it twice), `body(beat)` does the work and calls `beat(progress, step)` as it goes — each call is also the
  heartbeat — and the row ends done, or failed with the error;
- a running row with no heartbeat for ANSINH_JOB_STALE_SECONDS has lost its worker (`Work.stalled`); `retry`
  queues a failed or stalled row again. Jobs are idempotent (an import re-run stores nothing twice), so a retry
  never duplicates.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import F, Model, Q
from django.utils import timezone

from ansinh.core.changelog import log_change
from ansinh.core.errors import DomainError
from ansinh.core.models import WorkState, stale_before

log = logging.getLogger(__name__)


def enqueue(task, row: Model) -> None:
    """Queue `task(row.pk)` after the current transaction commits (at once outside one); keep the task's id."""
    model, pk = type(row), row.pk

    def send() -> None:
        result = task.enqueue(pk)
        model.objects.filter(pk=pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(send)


class Beat:
    """Progress and heartbeat of a running job: `beat(40, "Lập tệp PDF")`, or `beat()` for a sign of life."""

    def __init__(self, model: type[Model], pk: int, attempt: int | None = None):
        self.model, self.pk, self.attempt = model, pk, attempt

    def __call__(self, progress: int | None = None, step: str | None = None) -> None:
        fields: dict = {"heartbeat_at": timezone.now()}
        if progress is not None:
            fields["progress"] = max(0, min(99, int(progress)))  # 100 is for done only
        if step is not None:
            fields["step"] = step[:200]
        self.mine().update(**fields)

    def mine(self):
        """The job's row while this attempt still holds it (running, not retried since): the body writes its
        results through it, so a slow attempt given up for dead writes nothing over the next one."""
        rows = self.model.objects.filter(pk=self.pk, state=WorkState.RUNNING)
        return rows.filter(attempts=self.attempt) if self.attempt is not None else rows


def run(model: type[Model], pk: int, body: Callable[[Beat], None]) -> bool:
    """Claim the queued row and run `body(beat)`; the row ends done, or failed with the error (which is re-raised
    for the task queue's own record). False if the row was not queued (already run, running or gone).

    Every write after the claim names the attempt and needs the row still running: if the job was given up as
    stalled and queued again while this worker was only slow, this attempt neither overwrites the new one's state
    (queued or running) nor beats for it. `Beat.mine()` tells the body whether its results may still be written."""
    now = timezone.now()
    claimed = model.objects.filter(pk=pk, state=WorkState.QUEUED).update(
        state=WorkState.RUNNING, started_at=now, heartbeat_at=now, finished_at=None, attempts=F("attempts") + 1,
        progress=0, step="", error="")
    if not claimed:
        log.info("%s %s is not queued: nothing to run", model._meta.label, pk)
        return False
    attempt = model.objects.filter(pk=pk).values_list("attempts", flat=True).get()
    this = model.objects.filter(pk=pk, attempts=attempt)
    try:
        body(Beat(model, pk, attempt))
    except BaseException as exc:
        if isinstance(exc, DomainError):  # a refused file or request: the user's error, not the program's
            log.info("%s %s refused: %s", model._meta.label, pk, exc)
        else:
            log.exception("%s %s failed", model._meta.label, pk)
        this.filter(state=WorkState.RUNNING).update(state=WorkState.FAILED, step="Lỗi", error=_reason(exc),
                                                   finished_at=timezone.now(), heartbeat_at=timezone.now())
        raise
    this.filter(state=WorkState.RUNNING).update(
        state=WorkState.DONE, progress=100, step="Xong", finished_at=timezone.now(), heartbeat_at=timezone.now())
    return True


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    if isinstance(exc, KeyboardInterrupt | SystemExit):
        return "Tiến trình chạy việc bị dừng giữa chừng." + (f" ({text})" if text else "")
    return (text or type(exc).__name__)[:2000]


def requeue(row: Model, *, done_too: bool = False) -> bool:
    """Put a failed or stalled job (and, with `done_too`, a finished one) back in the queue, in one UPDATE that
    decides: of two callers at once, one wins. False when it is queued or running (alive) already."""
    ended = [WorkState.FAILED, WorkState.DONE] if done_too else [WorkState.FAILED]
    return bool(type(row).objects.filter(pk=row.pk).filter(
        Q(state__in=ended) | Q(state=WorkState.RUNNING, heartbeat_at__lt=stale_before())
    ).update(state=WorkState.QUEUED, progress=0, step="", error="", finished_at=None))


def retry(task, row: Model, *, user, scope_path: str) -> bool:
    """Queue a failed or stalled job again (one UPDATE decides, so two clicks queue it once); logged as the user's
    change. False if the job is queued, running or done."""
    again = requeue(row)
    if again:
        log_change(user=user, obj=row, action="update", scope_path=scope_path, changes={"state": "retry"})
        enqueue(task, row)
    return bool(again)
