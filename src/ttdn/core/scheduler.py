"""A small scheduler for daily jobs: `ttdn scheduler` (started by `ttdn serve`).

Each entry names a job (a django-tasks task) and the local hour after which it runs once a
day. The scheduler wakes every minute; the first scheduler to insert the (job, day) row
enqueues the job, so several schedulers, restarts or a late start never run it twice, and a
machine that was off at the hour catches up when it starts. `Every` entries (press
monitoring's fetch) are enqueued once per slot of N minutes by `tick_intervals`, the same way.
"""

from __future__ import annotations

import datetime
import logging
import time
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Daily:
    name: str
    job: str  # dotted path of a django-tasks task taking `today` as an ISO date
    hour: int = 7


@dataclass(frozen=True)
class Every:
    """A job enqueued once per slot of `minutes` (e.g. 00:00, 00:15 … for 15)."""

    name: str
    job: str  # dotted path of a django-tasks task taking the slot's start as an ISO datetime
    minutes: int = 15

    def slot(self, local: datetime.datetime) -> datetime.datetime:
        minute = (local.hour * 60 + local.minute) // self.minutes * self.minutes
        return local.replace(hour=minute // 60, minute=minute % 60, second=0, microsecond=0)


SCHEDULE: list[Daily | Every] = [
    Daily("reporting-daily", "ttdn.reporting.jobs.reporting_daily", hour=7),
    Daily("monitoring-daily", "ttdn.monitoring.jobs.monitoring_daily", hour=9),
    Every("monitoring-fetch", "ttdn.monitoring.jobs.monitoring_fetch", minutes=15),
    Every("catalog-harvest", "ttdn.catalog.jobs.harvest_tick_job", minutes=5),
    Every("catalog-scheduled", "ttdn.catalog.jobs.publish_due_job", minutes=5),
]


def due_now(now: datetime.datetime | None = None) -> list[Daily]:
    local = timezone.localtime(now)
    return [entry for entry in SCHEDULE if isinstance(entry, Daily) and local.hour >= entry.hour]


def tick_intervals(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue each interval job once for the current slot (a row per slot, as for days)."""
    from ttdn.core.models import ScheduledRun

    local = timezone.localtime(now)
    started = []
    for entry in SCHEDULE:
        if not isinstance(entry, Every):
            continue
        slot = entry.slot(local)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=f"{entry.name}@{slot:%H:%M}", on=slot.date())
        except IntegrityError:
            continue
        import_string(entry.job).enqueue(slot.isoformat())
        started.append(entry.name)
    return started


def tick(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every daily job that is due and not yet enqueued today; return their names."""
    from ttdn.core.models import ScheduledRun

    today = timezone.localdate(now)
    started = []
    for entry in due_now(now):
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=entry.name, on=today)
        except IntegrityError:
            continue
        import_string(entry.job).enqueue(today.isoformat())
        started.append(entry.name)
        logger.info("Enqueued %s for %s", entry.name, today)
    return started


def run_forever(interval: float = 60.0) -> None:  # pragma: no cover - a loop around tick()
    while True:
        try:
            tick()
            tick_intervals()
        except Exception:
            logger.exception("Scheduler tick failed; trying again in %s s", interval)
        time.sleep(interval)
