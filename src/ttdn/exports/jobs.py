"""Background jobs of the exports app (django-tasks)."""

from django_tasks import task

from ttdn.exports.services import export_job_run


@task()
def export_job(job_id: int) -> None:
    export_job_run(job_id=job_id)
