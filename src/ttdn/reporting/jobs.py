"""Background jobs of the reporting cycle (django-tasks). Thin: parse, call a service."""

import datetime

from django_tasks import task

from ttdn.reporting.services.daily import reporting_daily_run


@task()
def reporting_daily(today: str) -> dict:
    return reporting_daily_run(today=datetime.date.fromisoformat(today))
