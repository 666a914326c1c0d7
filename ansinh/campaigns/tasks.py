"""The campaign tasks run by `ansinh worker` (Django Tasks)."""

from django_tasks import task

from ansinh.core import jobs


@task()
def import_campaign_results(batch_id: int) -> None:
    """Run the queued import of reported results `batch_id`."""
    from ansinh.campaigns.importers import results_run
    from ansinh.campaigns.models import ResultImport

    jobs.run(ResultImport, batch_id, lambda beat: results_run(batch_id, beat))
