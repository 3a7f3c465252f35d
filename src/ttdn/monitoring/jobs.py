"""Background jobs of press monitoring (django-tasks): ids and plain values in, a service
call, idempotent. The scheduler enqueues `monitoring_fetch` every 15 minutes and
`monitoring_daily` once a day (core/scheduler.py)."""

import datetime

from django_tasks import task

from ttdn.monitoring.choices import RunTrigger
from ttdn.monitoring.services.classifier import classifier_retrain
from ttdn.monitoring.services.daily import monitoring_daily_run
from ttdn.monitoring.services.runs import fetch_run_execute, fetch_run_start


@task()
def monitoring_fetch(slot: str) -> int:
    """One scheduled run (`slot` is the schedule's time, for the record)."""
    run = fetch_run_start(trigger=RunTrigger.SCHEDULE)
    return fetch_run_execute(run_id=run.pk).pk


@task()
def fetch_run_job(run_id: int) -> int:
    return fetch_run_execute(run_id=run_id).pk


@task()
def monitoring_daily(today: str) -> dict:
    return monitoring_daily_run(today=datetime.date.fromisoformat(today))


@task()
def classifier_retrain_job() -> dict:
    return classifier_retrain(force=True)
