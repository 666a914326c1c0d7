"""The field network's tasks run by `ansinh worker` (Django Tasks)."""

from functools import partial

from django_tasks import task

from ansinh.core import jobs


@task()
def import_network_file(run_id: int) -> None:
    """Run the queued import of staff or collection points `run_id`."""
    from ansinh.core.models import ImportRun
    from ansinh.network.importers import network_run

    jobs.run(ImportRun, run_id, partial(network_run, run_id))
