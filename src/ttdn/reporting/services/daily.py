"""The reporting cycle's daily work: obligations for periods whose data window has
started, then reminders. Idempotent: safe to run twice on the same day."""

from __future__ import annotations

import datetime

from ttdn.reporting.models import ReportingPeriod
from ttdn.reporting.services.obligations import obligations_generate
from ttdn.reporting.services.reminders import reminders_send


def reporting_daily_run(*, today: datetime.date) -> dict:
    created = 0
    for period in ReportingPeriod.objects.filter(
        is_closed=False, cutoff_start__lte=today, obligations__isnull=True
    ).distinct():
        created += obligations_generate(period=period).created
    return {"obligations": created, "reminded": reminders_send(today=today)}
