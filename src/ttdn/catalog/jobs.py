"""Background jobs of the catalog (django-tasks). Each takes ids and calls a service."""

from django_tasks import task

from ttdn.catalog.services.harvest import feed_harvest, harvest_tick
from ttdn.catalog.services.imports import import_execute
from ttdn.catalog.services.reindex import reindex_execute


@task()
def feed_harvest_job(feed_id: int) -> None:
    feed_harvest(feed_id=feed_id)


@task()
def harvest_tick_job(slot: str = "") -> None:
    harvest_tick(slot)


@task()
def import_run_job(run_id: int) -> None:
    import_execute(run_id=run_id)


@task()
def reindex_job(run_id: int) -> None:
    reindex_execute(run_id=run_id)
