"""The coordinator's settings of press monitoring (one row)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from ttdn.core.errors import ApplicationError
from ttdn.monitoring.models import MonitoringSettings
from ttdn.monitoring.services.permissions import require_run_monitoring

FIELDS = (
    "day_basis",
    "verify_days",
    "report_days",
    "social_report_days",
    "stale_days",
    "conference_months",
)


def monitoring_settings() -> MonitoringSettings:
    row = MonitoringSettings.objects.order_by("pk").first()
    return row or MonitoringSettings.objects.create()


@transaction.atomic
def monitoring_settings_update(*, actor, data: dict) -> MonitoringSettings:
    require_run_monitoring(actor)
    row = monitoring_settings()
    for name in FIELDS:
        if name in data:
            setattr(row, name, data[name])
    try:
        row.full_clean()
    except ValidationError as error:
        raise ApplicationError(
            " ".join(m for ms in error.message_dict.values() for m in ms)
        ) from None
    row.save()
    return row
