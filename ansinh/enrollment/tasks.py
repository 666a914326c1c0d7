"""The enrollment tasks run by `ansinh worker` (Django Tasks)."""

from functools import partial

from django_tasks import task

from ansinh.core import jobs


@task()
def import_people_file(run_id: int) -> None:
    """Run the queued import of people `run_id` (its file and choices are on the run)."""
    from ansinh.core.models import ImportRun
    from ansinh.enrollment.importers import people_run

    jobs.run(ImportRun, run_id, partial(people_run, run_id))


@task()
def send_reminders(run_id: int) -> None:
    """Send the reminders of the day of run `run_id` (queued by `ansinh reminders send` or the reminders page)."""
    from ansinh.enrollment.models import ReminderRun
    from ansinh.enrollment.services import reminders_send

    jobs.run(ReminderRun, run_id, partial(reminders_send, run_id))


@task()
def import_residents_file(run_id: int) -> None:
    """Run the queued import of a commune's resident list `run_id` (its prospects)."""
    from ansinh.core.models import ImportRun
    from ansinh.enrollment.prospects import residents_run

    jobs.run(ImportRun, run_id, partial(residents_run, run_id))


@task()
def import_bank_statement(run_id: int) -> None:
    """Run the queued import of a collection point's bank statement `run_id`."""
    from ansinh.core.models import ImportRun
    from ansinh.enrollment.bank import statement_run

    jobs.run(ImportRun, run_id, partial(statement_run, run_id))
