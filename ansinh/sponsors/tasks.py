"""The sponsors' tasks run by `ansinh worker` (Django Tasks)."""

from functools import partial

from django_tasks import task

from ansinh.core import jobs


@task()
def import_beneficiaries_file(run_id: int) -> None:
    """Run the queued import of a school's list into a pledge `run_id` (its file and pledge are on the run)."""
    from ansinh.core.models import ImportRun
    from ansinh.sponsors.importers import beneficiaries_run

    jobs.run(ImportRun, run_id, partial(beneficiaries_run, run_id))
